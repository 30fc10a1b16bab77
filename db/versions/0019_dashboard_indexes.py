"""Indexes for the Dashboard's reads over a decade of records.

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-04 02:15:00

New indexes only: what still runs after a day, each campaign's next and last action, the
commitments due or overdue, the letters unsent or awaiting a reply. No row changes.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0019"
down_revision: str | None = "0018"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEXES = (
    ("ix_action_ends", "action", ["end_date", "start_date"]),
    ("ix_action_campaign_ends", "action", ["campaign_id", "end_date"]),
    ("ix_action_campaign_starts", "action", ["campaign_id", "start_date"]),
    ("ix_commitment_status_due", "commitment", ["status", "due_date"]),
    ("ix_letter_status_updated", "letter", ["status", "updated_at"]),
    ("ix_letter_awaiting", "letter", ["status", "reply_received_on", "sent_on"]),
)


def upgrade() -> None:
    for name, table, columns in INDEXES:
        op.create_index(name, table, columns)


def downgrade() -> None:
    for name, table, _columns in INDEXES:
        op.drop_index(name, table_name=table)
