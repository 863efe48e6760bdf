"""Followed sources: feeds, sitemaps and pages with their polling state, and fetched URLs.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01

Spelled out here rather than imported from ``store/sources.py``: a migration records what the
schema was at this revision.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from thoisu.store.migrations.columns import Json

revision = "0004"
down_revision = "0003"


def upgrade() -> None:
    op.create_table(
        "sources",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("url", sa.Text, nullable=False, unique=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("every_seconds", sa.Integer, nullable=False),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_poll", sa.DateTime(timezone=True)),
        sa.Column("last_success", sa.DateTime(timezone=True)),
        sa.Column("last_outcome", sa.Text),
        sa.Column("articles_found", sa.Integer, nullable=False),
        sa.Column("last_found", sa.Integer, nullable=False),
        sa.Column("failures", sa.Integer, nullable=False),
        sa.Column("backoff_until", sa.DateTime(timezone=True)),
        sa.Column("last_error", sa.Text),
        sa.Column("last_error_at", sa.DateTime(timezone=True)),
        sa.Column("etag", sa.Text),
        sa.Column("last_modified", sa.Text),
        sa.Column("children", Json, nullable=False),
    )
    op.create_table(
        "fetched_urls",
        sa.Column("url", sa.Text, primary_key=True),
        sa.Column("canonical", sa.Text, nullable=False),
        sa.Column("source_id", sa.Integer, sa.ForeignKey("sources.id", ondelete="SET NULL")),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("article_id", sa.String(64)),
        sa.Column("fetched_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("error", sa.Text),
        sa.Column("retry_at", sa.DateTime(timezone=True)),
        sa.Column("published", sa.Text),
    )
    op.create_index("ix_fetched_urls_canonical", "fetched_urls", ["canonical"])


def downgrade() -> None:
    op.drop_index("ix_fetched_urls_canonical", table_name="fetched_urls")
    op.drop_table("fetched_urls")
    op.drop_table("sources")
