"""The search index: an FTS5 table of folded text, kept in step by triggers.

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-04 02:00:00

New objects only (a virtual table and its triggers), filled from the existing records; no
existing row changes. SQLite only: another database answers searches its own way.
"""

from collections.abc import Sequence

from alembic import op

from organiser.search import schema

revision: str = "0018"
down_revision: str | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    connection = op.get_bind()
    if connection.dialect.name == "sqlite":
        schema.install(connection)


def downgrade() -> None:
    connection = op.get_bind()
    if connection.dialect.name == "sqlite":
        schema.uninstall(connection)
