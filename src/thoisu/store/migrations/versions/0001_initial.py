"""Articles, stories, their members and duplicate links.

Revision ID: 0001
Revises:
Create Date: 2026-11-22

Spelled out here rather than imported from ``schema.py``: a migration is a record of what the
schema was at this revision, and must not change when ``schema.py`` does.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from thoisu.store.migrations.columns import Json, story_key

revision = "0001"
down_revision = None


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("id", sa.String(64), nullable=False, unique=True),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("lead", sa.Text, nullable=False),
        sa.Column("paragraphs", Json, nullable=False),
        sa.Column("captions", Json, nullable=False),
        sa.Column("byline", sa.Text),
        sa.Column("source", sa.Text),
        sa.Column("url", sa.Text),
        sa.Column("published", sa.String(10)),
        sa.Column("published_evidence", Json),
        sa.Column("language", sa.String(16), nullable=False),
        sa.Column("meta", Json, nullable=False),
        sa.Column("removed", Json, nullable=False),
        sa.Column("problems", Json, nullable=False),
        sa.Column("origin_path", sa.Text, nullable=False),
        sa.Column("origin_line", sa.Integer),
        sa.Column("origin_id", sa.Text),
        sa.Column("duplicate_of", sa.String(64)),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "stories",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "story_articles",
        story_key(),
        sa.Column("article_id", sa.String(64), primary_key=True),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("similarity", sa.Float),
        sa.Column("reason", sa.Text),
    )
    op.create_index("ix_story_articles_article_id", "story_articles", ["article_id"],
                    unique=True)
    op.create_table(
        "story_duplicates",
        story_key(),
        sa.Column("position", sa.Integer, primary_key=True),
        sa.Column("canonical", sa.String(64), nullable=False),
        sa.Column("copy", sa.String(64), nullable=False),
        sa.Column("similarity", sa.Float, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("story_duplicates")
    op.drop_index("ix_story_articles_article_id", table_name="story_articles")
    op.drop_table("story_articles")
    op.drop_table("stories")
    op.drop_table("articles")
