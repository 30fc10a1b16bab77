"""Actions as they really are: the number of workers taking part and the outcome.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02 21:50:00

Existing actions get no number (not known) and an empty outcome; nothing else changes. The new
kinds (court ruling, appeal, police raid, arrest) need no change here: kinds are stored as
their words in a string column.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("action") as batch:
        batch.add_column(sa.Column("workers", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("outcome", sa.Text(), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("action") as batch:
        batch.drop_column("outcome")
        batch.drop_column("workers")
