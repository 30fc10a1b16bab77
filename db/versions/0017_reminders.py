"""Reminders of an action, a commitment or a letter awaiting a reply.

Revision ID: 0017
Revises: 0010
Create Date: 2026-12-03 16:10:00

A new table only: no existing row changes. A reminder goes with its record (ON DELETE CASCADE).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0017"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# As the model writes them (models/reminders.py), kept here as they were at this revision.
ONE_TARGET = " + ".join(
    f"(CASE WHEN {column} IS NULL THEN 0 ELSE 1 END)"
    for column in ("action_id", "commitment_id", "letter_id")
) + " = 1"
ONE_WHEN = (
    "(remind_at IS NULL AND days_before IS NOT NULL) "
    "OR (remind_at IS NOT NULL AND days_before IS NULL)"
)


def upgrade() -> None:
    op.create_table(
        "reminder",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("action_id", sa.Integer(), nullable=True),
        sa.Column("commitment_id", sa.Integer(), nullable=True),
        sa.Column("letter_id", sa.Integer(), nullable=True),
        sa.Column("remind_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("days_before", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), server_default="", nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("shown_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("done_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            ONE_TARGET,
            name=op.f("ck_reminder_one_target"),
        ),
        sa.CheckConstraint(
            ONE_WHEN,
            name=op.f("ck_reminder_a_time_or_days_before"),
        ),
        sa.ForeignKeyConstraint(
            ["action_id"], ["action.id"], name=op.f("fk_reminder_action_id_action"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["commitment_id"], ["commitment.id"],
            name=op.f("fk_reminder_commitment_id_commitment"), ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["letter_id"], ["letter.id"], name=op.f("fk_reminder_letter_id_letter"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reminder")),
    )  # fmt: skip
    with op.batch_alter_table("reminder") as batch:
        for column in ("action_id", "commitment_id", "letter_id", "remind_at", "done_at"):
            batch.create_index(f"ix_reminder_{column}", [column])


def downgrade() -> None:
    op.drop_table("reminder")
