"""Web access and search: API tokens, full-text search (SQLite FTS5, PostgreSQL full text).

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01

Tokens are a table here. The search index is not: it is built and kept in step by
:mod:`thoisu.store.search` (an FTS5 virtual table on SQLite, a tsvector table on PostgreSQL),
which catches up with the articles and stories whichever program wrote them.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"


def upgrade() -> None:
    op.create_table(
        "api_tokens",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("name", sa.String(100), nullable=False, unique=True),
        sa.Column("prefix", sa.String(16), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False, unique=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_used_at", sa.DateTime(timezone=True)),
        sa.Column("revoked_at", sa.DateTime(timezone=True)),
    )


def downgrade() -> None:
    op.drop_table("api_tokens")
