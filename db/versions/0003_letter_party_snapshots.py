"""What went out stays as it went out: a fixed letter keeps a copy of its sender, signatories
and recipients, so renaming or deleting a person or organisation no longer changes it; a
commitment keeps its organisation's name and outlives the organisation.

Rows of letters already approved, sent or answered are filled from the records as they are now.
`letter` only gains columns (ALTER TABLE ADD COLUMN): recreating it would, with foreign keys on,
delete its recipients, signatories and versions through their ON DELETE CASCADE.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02 05:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from alembic.operations import BatchOperations


revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

FIXED = "('approved', 'sent', 'answered')"


def _snapshot_columns() -> list[sa.Column[str]]:
    return [
        sa.Column("name", sa.String(length=300), server_default="", nullable=False),
        sa.Column("title", sa.String(length=300), server_default="", nullable=False),
        sa.Column("organisation_name", sa.String(length=300), server_default="", nullable=False),
    ]


def _refer(batch_op: BatchOperations, table: str, column: str, to: str, ondelete: str) -> None:
    name = op.f(f"fk_{table}_{column}_{to}")
    batch_op.drop_constraint(name, type_="foreignkey")
    batch_op.create_foreign_key(name, to, [column], ["id"], ondelete=ondelete)


def upgrade() -> None:
    with op.batch_alter_table("letter", schema=None) as batch_op:
        batch_op.add_column(sa.Column("parties_fixed_at", sa.DateTime(timezone=True)))
        batch_op.add_column(
            sa.Column("sender_name", sa.String(length=300), server_default="", nullable=False)
        )
        batch_op.add_column(
            sa.Column("sender_address", sa.Text(), server_default="", nullable=False)
        )

    with op.batch_alter_table("letter_signatory", schema=None, recreate="always") as batch_op:
        for column in _snapshot_columns():
            batch_op.add_column(column)
        batch_op.add_column(sa.Column("signature_id", sa.Integer(), nullable=True))
        batch_op.alter_column("person_id", existing_type=sa.Integer(), nullable=True)
        _refer(batch_op, "letter_signatory", "person_id", "person", "SET NULL")
        batch_op.create_foreign_key(
            op.f("fk_letter_signatory_signature_id_attachment"),
            "attachment",
            ["signature_id"],
            ["id"],
            ondelete="SET NULL",
        )

    with op.batch_alter_table("letter_recipient", schema=None, recreate="always") as batch_op:
        for column in _snapshot_columns():
            batch_op.add_column(column)
        batch_op.add_column(sa.Column("address", sa.Text(), server_default="", nullable=False))
        batch_op.add_column(
            sa.Column("country", sa.String(length=2), server_default="", nullable=False)
        )
        batch_op.drop_constraint(op.f("ck_letter_recipient_person_or_organisation"), type_="check")
        batch_op.create_check_constraint(
            op.f("ck_letter_recipient_person_or_organisation"),
            "person_id IS NULL OR organisation_id IS NULL",
        )
        _refer(batch_op, "letter_recipient", "person_id", "person", "SET NULL")
        _refer(batch_op, "letter_recipient", "organisation_id", "organisation", "SET NULL")

    with op.batch_alter_table("commitment", schema=None, recreate="always") as batch_op:
        batch_op.add_column(
            sa.Column("organisation_name", sa.String(length=300), server_default="", nullable=False)
        )
        batch_op.alter_column("organisation_id", existing_type=sa.Integer(), nullable=True)
        _refer(batch_op, "commitment", "organisation_id", "organisation", "SET NULL")

    _backfill()
    op.execute(
        "UPDATE commitment SET organisation_name = "
        "(SELECT name FROM organisation o WHERE o.id = commitment.organisation_id)"
    )


def _backfill() -> None:
    """Fix the letters that have gone out (or were approved) as their records read today."""
    fixed_letter = f"letter_id IN (SELECT id FROM letter WHERE status IN {FIXED})"
    sender = "(SELECT o.{} FROM organisation o WHERE o.id = letter.sender_id)"
    person = "(SELECT p.{0} FROM person p WHERE p.id = {1}.person_id)"
    org_of_person = (
        "(SELECT o.{0} FROM person p JOIN organisation o ON o.id = p.organisation_id "
        "WHERE p.id = {1}.person_id)"
    )
    organisation = "(SELECT o.{} FROM organisation o WHERE o.id = letter_recipient.organisation_id)"
    # When they were approved or sent is not known: their last change is the nearest.
    op.execute(
        "UPDATE letter SET parties_fixed_at = updated_at, "
        f"sender_name = COALESCE({sender.format('name')}, ''), "
        f"sender_address = COALESCE({sender.format('address')}, '') "
        f"WHERE status IN {FIXED}"
    )
    signatory = "letter_signatory"
    op.execute(
        f"UPDATE {signatory} SET "
        f"name = {person.format('name', signatory)}, "
        f"title = {person.format('title', signatory)}, "
        f"organisation_name = COALESCE({org_of_person.format('name', signatory)}, ''), "
        f"signature_id = {person.format('signature_id', signatory)} "
        f"WHERE person_id IS NOT NULL AND {fixed_letter}"
    )
    recipient = "letter_recipient"
    op.execute(  # a person's own address, else their organisation's (as the letter printed)
        f"UPDATE {recipient} SET "
        f"name = {person.format('name', recipient)}, "
        f"title = {person.format('title', recipient)}, "
        f"organisation_name = COALESCE({org_of_person.format('name', recipient)}, ''), "
        f"address = COALESCE(NULLIF({person.format('address', recipient)}, ''), "
        f"{org_of_person.format('address', recipient)}, ''), "
        f"country = COALESCE({org_of_person.format('country', recipient)}, '') "
        f"WHERE person_id IS NOT NULL AND {fixed_letter}"
    )
    op.execute(
        f"UPDATE {recipient} SET "
        f"name = {organisation.format('name')}, "
        f"address = {organisation.format('address')}, "
        f"country = {organisation.format('country')} "
        f"WHERE organisation_id IS NOT NULL AND {fixed_letter}"
    )


def downgrade() -> None:
    # A row kept only by its copy (its person or organisation deleted) cannot go back.
    op.execute("DELETE FROM commitment WHERE organisation_id IS NULL")
    with op.batch_alter_table("commitment", schema=None, recreate="always") as batch_op:
        _refer(batch_op, "commitment", "organisation_id", "organisation", "CASCADE")
        batch_op.alter_column("organisation_id", existing_type=sa.Integer(), nullable=False)
        batch_op.drop_column("organisation_name")
    op.execute("DELETE FROM letter_signatory WHERE person_id IS NULL")
    op.execute("DELETE FROM letter_recipient WHERE person_id IS NULL AND organisation_id IS NULL")
    with op.batch_alter_table("letter_recipient", schema=None, recreate="always") as batch_op:
        _refer(batch_op, "letter_recipient", "organisation_id", "organisation", "CASCADE")
        _refer(batch_op, "letter_recipient", "person_id", "person", "CASCADE")
        batch_op.drop_constraint(op.f("ck_letter_recipient_person_or_organisation"), type_="check")
        batch_op.create_check_constraint(
            op.f("ck_letter_recipient_person_or_organisation"),
            "(person_id IS NULL) <> (organisation_id IS NULL)",
        )
        for name in ("country", "address", "organisation_name", "title", "name"):
            batch_op.drop_column(name)
    with op.batch_alter_table("letter_signatory", schema=None, recreate="always") as batch_op:
        batch_op.drop_constraint(
            op.f("fk_letter_signatory_signature_id_attachment"), type_="foreignkey"
        )
        _refer(batch_op, "letter_signatory", "person_id", "person", "CASCADE")
        batch_op.alter_column("person_id", existing_type=sa.Integer(), nullable=False)
        for name in ("signature_id", "organisation_name", "title", "name"):
            batch_op.drop_column(name)
    # Not batch mode: recreating `letter` would delete its rows' children (see above).
    for name in ("sender_address", "sender_name", "parties_fixed_at"):
        op.execute(f"ALTER TABLE letter DROP COLUMN {name}")
