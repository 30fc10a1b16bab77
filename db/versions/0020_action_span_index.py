"""An index on how many days each action spans, so that the calendar's range has a lower bound.

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-04 04:30:00

A new index only, no row changes: an expression index on (end - start) in days, from which the
longest span is read at once; an action overlapping [first, last] then starts no earlier than
first minus that span, and the calendar reads only that stretch of the dates index instead of
every action before `last`. SQLite counts days through julianday(), PostgreSQL subtracts dates.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0020"
down_revision: str | None = "0019"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

NAME = "ix_action_span"
SPAN = {"sqlite": "julianday(end_date) - julianday(start_date)", "postgresql": "(end_date - start_date)"}


def upgrade() -> None:
    span = SPAN.get(op.get_bind().dialect.name)
    if span is not None:
        op.create_index(NAME, "action", [sa.text(span)])


def downgrade() -> None:
    if op.get_bind().dialect.name in SPAN:
        op.drop_index(NAME, table_name="action")
