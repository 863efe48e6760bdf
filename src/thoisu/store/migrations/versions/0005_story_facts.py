"""Story facts and disagreements, and the sentences of each article.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-06

A story keeps its teaser (its latest significant development) and the places where its
outlets disagree; an article keeps its sentences, which the stored date and name ``sentence``
indexes point into, so reading it back never splits the text again.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from thoisu.store.migrations.columns import Json

revision = "0005"
down_revision = "0004"


def upgrade() -> None:
    with op.batch_alter_table("stories") as batch:
        batch.add_column(sa.Column("teaser", sa.Text))
        batch.add_column(sa.Column("disagreements", Json))
    with op.batch_alter_table("articles") as batch:
        batch.add_column(sa.Column("sentences", Json))


def downgrade() -> None:
    with op.batch_alter_table("articles") as batch:
        batch.drop_column("sentences")
    with op.batch_alter_table("stories") as batch:
        batch.drop_column("disagreements")
        batch.drop_column("teaser")
