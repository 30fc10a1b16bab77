"""Letters merged from a template letter: each generated letter names the letter it came from.

Revision ID: 0012
Revises: 0009
Create Date: 2026-12-03 10:40:00

Existing letters were merged from nothing (NULL). SQLite cannot add a named reference to a
table, so batch mode rebuilds `letter`; the upgrade runs with foreign keys off (store.upgrade),
so the rebuild does not reach its recipients, signatories and versions through their ON DELETE
CASCADE, and the references are checked before the commit.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("letter", recreate="always") as batch:
        batch.add_column(sa.Column("merged_from_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(
            op.f("fk_letter_merged_from_id_letter"),
            "letter",
            ["merged_from_id"],
            ["id"],
            ondelete="SET NULL",
        )
        batch.create_index(op.f("ix_letter_merged_from_id"), ["merged_from_id"])


def downgrade() -> None:
    with op.batch_alter_table("letter", recreate="always") as batch:
        batch.drop_index(op.f("ix_letter_merged_from_id"))
        batch.drop_constraint(op.f("fk_letter_merged_from_id_letter"), type_="foreignkey")
        batch.drop_column("merged_from_id")
