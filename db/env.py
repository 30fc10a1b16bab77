"""Alembic environment: runs on the connection the program hands over, in batch mode for SQLite."""

from alembic import context
from sqlalchemy import create_engine

from organiser.models import Base
from organiser.search.schema import outside_index

config = context.config
target_metadata = Base.metadata


def run_migrations(connection) -> None:  # type: ignore[no-untyped-def]
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        compare_type=True,
        include_name=outside_index,  # the search index is made by its migration, not models
    )
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    run_migrations(connection)
else:
    engine = create_engine(config.get_main_option("sqlalchemy.url") or "sqlite://")
    with engine.begin() as new_connection:
        run_migrations(new_connection)
