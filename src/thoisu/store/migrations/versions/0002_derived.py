"""Derived results: per-article dates, names, mentions and analysis version; per-story
summary, timeline, names, counts and span.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01

Only columns and a table are added: every stored article and story stays as it was. Each
story's ``article_count`` is filled from its members here; the rest of what is derived stays
NULL (not analysed yet) until ``thoisu reanalyse`` or the next ingest fills it.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from thoisu.store.migrations.columns import Json, story_key

revision = "0002"
down_revision = "0001"

ARTICLE_COLUMNS = ("dates", "entities", "mentions", "analysis_version")
STORY_COLUMNS = ("article_count", "outlets", "first_published", "last_published", "latest",
                 "summary", "timeline", "entities", "analysis_version", "members_hash",
                 "derived_at")


def upgrade() -> None:
    with op.batch_alter_table("articles") as batch:
        batch.add_column(sa.Column("dates", Json))
        batch.add_column(sa.Column("entities", Json))
        batch.add_column(sa.Column("mentions", Json))
        batch.add_column(sa.Column("analysis_version", sa.String(64)))
    with op.batch_alter_table("stories") as batch:
        batch.add_column(sa.Column("article_count", sa.Integer, nullable=False,
                                   server_default="0"))
        batch.add_column(sa.Column("outlets", Json))
        batch.add_column(sa.Column("first_published", sa.String(10)))
        batch.add_column(sa.Column("last_published", sa.String(10)))
        batch.add_column(sa.Column("latest", sa.String(32)))
        batch.add_column(sa.Column("summary", Json))
        batch.add_column(sa.Column("timeline", Json))
        batch.add_column(sa.Column("entities", Json))
        batch.add_column(sa.Column("analysis_version", sa.String(64)))
        batch.add_column(sa.Column("members_hash", sa.String(64)))
        batch.add_column(sa.Column("derived_at", sa.DateTime(timezone=True)))
    op.create_index("ix_stories_latest", "stories", ["latest"])
    op.execute("UPDATE stories SET article_count = (SELECT count(*) FROM story_articles sa "
               "WHERE sa.story_id = stories.id)")
    op.create_table(
        "story_names",
        story_key(),
        sa.Column("name", sa.Text, primary_key=True),
        sa.Column("type", sa.String(8), primary_key=True),
        sa.Column("count", sa.Integer, nullable=False),
    )
    op.create_index("ix_story_names_name", "story_names", ["name"])


def downgrade() -> None:
    op.drop_index("ix_story_names_name", table_name="story_names")
    op.drop_table("story_names")
    op.drop_index("ix_stories_latest", table_name="stories")
    with op.batch_alter_table("stories") as batch:
        for name in reversed(STORY_COLUMNS):
            batch.drop_column(name)
    with op.batch_alter_table("articles") as batch:
        for name in reversed(ARTICLE_COLUMNS):
            batch.drop_column(name)
