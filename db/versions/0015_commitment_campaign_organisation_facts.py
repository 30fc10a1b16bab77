"""Commitments and campaigns as the resolutions have them: a commitment's number in the
resolution, the letter it came from and who pledged jointly; a campaign's target organisations
and allies; an organisation's membership.

Revision ID: 0015
Revises: 0009
Create Date: 2026-12-03 10:40:00

Existing commitments get no number, no source and no joint pledgers; existing organisations no
members count and no membership text; no campaign names target or ally organisations yet (its
free-text target stays as it was). The new organisation kind "international-confederation" needs
no change: kinds are stored as their words in a string column with no CHECK constraint.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("commitment", schema=None) as batch_op:
        batch_op.add_column(sa.Column("number", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("source_letter_id", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column("joint_pledgers", sa.String(length=500), server_default="", nullable=False)
        )
        batch_op.create_index(
            batch_op.f("ix_commitment_source_letter_id"), ["source_letter_id"], unique=False
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_commitment_source_letter_id_letter"),
            "letter",
            ["source_letter_id"],
            ["id"],
            ondelete="SET NULL",
        )
    with op.batch_alter_table("organisation", schema=None) as batch_op:
        batch_op.add_column(sa.Column("members", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column("membership", sa.String(length=300), server_default="", nullable=False)
        )
    op.create_table(
        "campaign_organisation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("campaign_id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.Enum("target", "ally", name="campaignorganisationrole",
                                  native_enum=False, create_constraint=False, length=32),
                  nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["campaign_id"], ["campaign.id"],
            name=op.f("fk_campaign_organisation_campaign_id_campaign"), ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"], ["organisation.id"],
            name=op.f("fk_campaign_organisation_organisation_id_organisation"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_campaign_organisation")),
        sa.UniqueConstraint(
            "campaign_id", "organisation_id", "role",
            name=op.f("uq_campaign_organisation_campaign_id"),
        ),
    )  # fmt: skip
    with op.batch_alter_table("campaign_organisation", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_campaign_organisation_campaign_id"), ["campaign_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_campaign_organisation_organisation_id"),
            ["organisation_id"],
            unique=False,
        )


def downgrade() -> None:
    op.drop_table("campaign_organisation")
    with op.batch_alter_table("organisation", schema=None) as batch_op:
        batch_op.drop_column("membership")
        batch_op.drop_column("members")
    with op.batch_alter_table("commitment", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_commitment_source_letter_id_letter"), type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_commitment_source_letter_id"))
        batch_op.drop_column("joint_pledgers")
        batch_op.drop_column("source_letter_id")
        batch_op.drop_column("number")
