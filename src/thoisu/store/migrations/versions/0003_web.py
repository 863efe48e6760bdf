"""Web access and search: API tokens, full-text search (SQLite FTS5, PostgreSQL full text).

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01
"""

from __future__ import annotations

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass  # filled in by the issue that owns this revision


def downgrade() -> None:
    pass  # filled in by the issue that owns this revision
