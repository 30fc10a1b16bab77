"""Co-signed statements: a letter's co-signing setting, the co-signers kept when it was sent,
and each issued version of a statement.

`letter` only gains columns, with server defaults so that existing letters upgrade as they are:
no co-signers, listed by country once asked for, nothing kept. `statement_issue` is new.

Revision ID: 0011
Revises: 0009
Create Date: 2026-12-03 10:45:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("letter", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("cosigned_by", sa.String(length=32), server_default="none", nullable=False)
        )
        batch_op.add_column(
            sa.Column(
                "cosigned_order", sa.String(length=32), server_default="country", nullable=False
            )
        )
        batch_op.add_column(sa.Column("cosigners_sent", sa.Text(), nullable=True))
    op.create_table(
        "statement_issue",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("letter_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("issued_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("signatories", sa.Text(), nullable=False),
        sa.Column("pdf_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["letter_id"],
            ["letter.id"],
            name=op.f("fk_statement_issue_letter_id_letter"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["pdf_id"],
            ["attachment.id"],
            name=op.f("fk_statement_issue_pdf_id_attachment"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_statement_issue")),
        sa.UniqueConstraint("letter_id", "number", name="one_number_per_letter"),
    )
    with op.batch_alter_table("statement_issue", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_statement_issue_letter_id"), ["letter_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("statement_issue", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_statement_issue_letter_id"))
    op.drop_table("statement_issue")
    with op.batch_alter_table("letter", schema=None) as batch_op:
        batch_op.drop_column("cosigners_sent")
        batch_op.drop_column("cosigned_order")
        batch_op.drop_column("cosigned_by")
