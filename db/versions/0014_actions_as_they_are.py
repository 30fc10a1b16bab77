"""Actions as they really are: ongoing (a start, no end yet), not yet dated (perhaps with a
target month), dated to the month only, and the organisations an action involves in a role.

Existing actions are dated to the day, neither ongoing nor undated: they upgrade as they are.
`start_date`/`end_date` become nullable (an undated action has no dates, an ongoing one no end),
which SQLite can only do by copying the table (batch mode).

Revision ID: 0014
Revises: 0009
Create Date: 2026-12-03 10:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ROLES = ("organiser", "striking-union", "employer", "target", "raided")


def upgrade() -> None:
    with op.batch_alter_table("action", schema=None) as batch_op:
        batch_op.add_column(sa.Column("ongoing", sa.Boolean(), nullable=False, server_default="0"))
        batch_op.add_column(sa.Column("undated", sa.Boolean(), nullable=False, server_default="0"))
        batch_op.add_column(sa.Column("target_month", sa.String(length=7), nullable=True))
        batch_op.add_column(
            sa.Column(
                "date_precision",
                sa.Enum("day", "month", name="dateprecision", native_enum=False, length=32),
                nullable=False,
                server_default="day",
            )
        )
    # A batch of its own: SQLite copies the table for these, and Alembic could not order the
    # copy's columns with the new ones added in the same batch.
    with op.batch_alter_table("action", schema=None) as batch_op:
        batch_op.alter_column("start_date", existing_type=sa.Date(), nullable=True)
        batch_op.alter_column("end_date", existing_type=sa.Date(), nullable=True)
    op.create_table(
        "action_organisation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("action_id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column(
            "role",
            sa.Enum(*ROLES, name="actionrole", native_enum=False, length=32),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["action_id"],
            ["action.id"],
            name=op.f("fk_action_organisation_action_id_action"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisation.id"],
            name=op.f("fk_action_organisation_organisation_id_organisation"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_action_organisation")),
    )
    with op.batch_alter_table("action_organisation", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_action_organisation_action_id"), ["action_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_action_organisation_organisation_id"), ["organisation_id"], unique=False
        )


def downgrade() -> None:
    op.drop_table("action_organisation")
    # The older schema needs dates: an undated action gets its target month's 1st (else the
    # day of the downgrade), an ongoing one ends on that day.
    month = "target_month || '-01'"
    if op.get_bind().dialect.name != "sqlite":  # SQLite keeps dates as ISO text
        month = f"CAST({month} AS DATE)"
    op.execute(
        f"UPDATE action SET start_date = COALESCE({month}, CURRENT_DATE) WHERE start_date IS NULL"
    )
    op.execute(
        "UPDATE action SET end_date = CASE WHEN start_date > CURRENT_DATE THEN start_date "
        "ELSE CURRENT_DATE END WHERE end_date IS NULL"
    )
    with op.batch_alter_table("action", schema=None) as batch_op:
        batch_op.alter_column("end_date", existing_type=sa.Date(), nullable=False)
        batch_op.alter_column("start_date", existing_type=sa.Date(), nullable=False)
        batch_op.drop_column("date_precision")
        batch_op.drop_column("target_month")
        batch_op.drop_column("undated")
        batch_op.drop_column("ongoing")
