"""Language versions that know what they translate: `based_on` and one version per language.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-03 11:30:00

`based_on` is the hash of the original's subject and body when the version was written or
confirmed. Versions written before this revision get '' (never confirmed): nobody knows whether
the original changed since, so they show as out of date until someone marks them current.
A letter holding two versions in one language keeps the newer (the higher id) before the
unique constraint is made.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute(
        "DELETE FROM letter_version WHERE id NOT IN "
        "(SELECT MAX(id) FROM letter_version GROUP BY letter_id, language)"
    )
    with op.batch_alter_table("letter_version") as batch:
        batch.add_column(
            sa.Column("based_on", sa.String(length=64), nullable=False, server_default="")
        )
        batch.create_unique_constraint(
            "uq_letter_version_letter_id", ["letter_id", "language"]
        )


def downgrade() -> None:
    with op.batch_alter_table("letter_version") as batch:
        batch.drop_constraint("uq_letter_version_letter_id", type_="unique")
        batch.drop_column("based_on")
