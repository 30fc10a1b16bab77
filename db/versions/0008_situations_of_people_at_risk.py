"""People at risk: a situation's sentence length in months and its lawyer; the kinds "on trial"
and "acquitted" need no change (the kind column is a plain string, no CHECK constraint).

`situation` only gains columns (ALTER TABLE ADD COLUMN), with server defaults so that existing
rows upgrade as they are: no lawyer, sentence length not known.

Revision ID: 0008
Revises: 0004
Create Date: 2026-12-02 22:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = "0008"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("situation", schema=None) as batch_op:
        batch_op.add_column(sa.Column("sentence_months", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column("lawyer", sa.String(length=300), server_default="", nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table("situation", schema=None) as batch_op:
        batch_op.drop_column("lawyer")
        batch_op.drop_column("sentence_months")
