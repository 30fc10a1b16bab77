"""People at risk: a person known by role before by name, and a situation's hearings and
release dates as actions on the calendar.

Revision ID: 0013
Revises: 0009
Create Date: 2026-12-03 10:30:00

`person` gains `role` (existing people: none, they all have a name); the new table
`situation_action` links a situation to the actions (court hearings, a release date) that
concern it. Nothing else changes.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("person") as batch:
        batch.add_column(
            sa.Column("role", sa.String(length=300), nullable=False, server_default="")
        )
    op.create_table(
        "situation_action",
        sa.Column("situation_id", sa.Integer(), nullable=False),
        sa.Column("action_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["action_id"],
            ["action.id"],
            name=op.f("fk_situation_action_action_id_action"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["situation_id"],
            ["situation.id"],
            name=op.f("fk_situation_action_situation_id_situation"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("situation_id", "action_id", name=op.f("pk_situation_action")),
    )


def downgrade() -> None:
    op.drop_table("situation_action")
    with op.batch_alter_table("person") as batch:
        batch.drop_column("role")
