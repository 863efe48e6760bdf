"""What several revisions spell the same way: the JSON type, and the key of a table that
holds a story's parts.

A migration records what the schema was at its revision, so a definition here is never
changed once a revision uses it; a revision that needs another one adds a new name.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB

# JSON everywhere, stored as JSONB on PostgreSQL.
Json = sa.JSON().with_variant(JSONB(), "postgresql")


def story_key() -> sa.Column:
    """``story_id``: first part of the primary key, deleted with its story."""
    return sa.Column("story_id", sa.String(64), sa.ForeignKey("stories.id", ondelete="CASCADE"),
                     primary_key=True)
