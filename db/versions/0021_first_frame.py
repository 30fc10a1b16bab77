"""The content the window's first frame paints, kept from the last session.

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-04 19:30:00

A new table only, no row changes: a page's content (the Dashboard's sections) as JSON, written
when the window closes and read by the next start before SQLAlchemy is loaded.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0021"
down_revision: str | None = "0020"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "first_frame",
        sa.Column("page", sa.String(length=40), nullable=False),
        sa.Column("saved_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("page", name=op.f("pk_first_frame")),
    )


def downgrade() -> None:
    op.drop_table("first_frame")
