"""Derived results: per-article dates, names, mentions and analysis version; per-story summary, timeline, names, counts and span.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01
"""

from __future__ import annotations

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass  # filled in by the issue that owns this revision


def downgrade() -> None:
    pass  # filled in by the issue that owns this revision
