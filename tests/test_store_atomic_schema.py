"""Creating the schema and every migration is all or nothing: a kill during the first open of a
new file, two programs opening it at once, and a migration step that fails half-way."""

from __future__ import annotations

import random
import shutil
import signal
import subprocess
import textwrap
import time
from pathlib import Path

import pytest
from sqlalchemy import inspect

from organiser import store
from organiser.errors import DatabaseError
from tests.kill_harness import go, start_child

KILLS = 24

# The child imports everything first, says so, then opens the new file when told to: the kill
# lands inside the first open, not in the interpreter's start.
CHILD = textwrap.dedent(
    """
    import sys
    from organiser import store
    print("ready", flush=True)
    sys.stdin.readline()
    store.open_database(sys.argv[1]).dispose()
    print("opened", flush=True)
    """
)


def start_opener(path: Path) -> subprocess.Popen[str]:
    return start_child([str(path)], CHILD)


def assert_whole_schema(path: Path) -> None:
    """The file opens (creating what is missing), is undamaged and at the newest schema."""
    engine = store.open_database(str(path))
    try:
        assert store.check(engine) == []
        assert store.current_revisions(engine) == store.head_revisions()
    finally:
        engine.dispose()


def test_a_kill_during_the_first_open_leaves_no_schema_or_the_whole_schema(
    tmp_path: Path,
) -> None:
    """Killed at random moments while creating a new database, the file can always be opened
    afterwards: no half-made schema that no command could open again."""
    chance = random.Random(20261202)
    outcomes = {"killed before the schema": 0, "killed with the schema": 0}
    for attempt in range(KILLS):
        path = tmp_path / f"new-{attempt}.sqlite3"
        child = start_opener(path)
        go(child)
        time.sleep(chance.uniform(0.0, 0.12))
        child.send_signal(signal.SIGKILL)
        child.wait()
        had_tables = path.exists() and bool(
            inspect(store.create_db_engine(f"sqlite:///{path}")).get_table_names()
        )
        outcomes["killed with the schema" if had_tables else "killed before the schema"] += 1
        assert_whole_schema(path)
    assert sum(outcomes.values()) == KILLS


def test_two_programs_opening_one_new_file_at_once_both_succeed(tmp_path: Path) -> None:
    for attempt in range(10):
        path = tmp_path / f"shared-{attempt}.sqlite3"
        first, second = start_opener(path), start_opener(path)
        go(first)
        go(second)
        for child in (first, second):
            out, _ = child.communicate(timeout=60)
            assert child.returncode == 0 and out.strip() == "opened"
        assert_whole_schema(path)


def failing_migrations(tmp_path: Path, step: str) -> Path:
    """The program's migrations plus one more that creates a table, fills it, then fails."""
    location = tmp_path / "migrations"
    shutil.copytree(store.migrations_dir(), location)
    (head,) = store.head_revisions()
    (location / "versions" / "9999_fails.py").write_text(
        textwrap.dedent(
            f"""
            import sqlalchemy as sa
            from alembic import op

            revision = "9999"
            down_revision = "{head}"
            branch_labels = None
            depends_on = None


            def upgrade():
                op.create_table("half_done", sa.Column("id", sa.Integer, primary_key=True))
                op.execute("INSERT INTO half_done (id) VALUES (1)")
                with op.batch_alter_table("organisation") as batch:
                    batch.add_column(sa.Column("extra", sa.String(10)))
                    batch.alter_column("extra", nullable=False, server_default="x")
                {step}


            def downgrade():
                pass
            """
        )
    )
    return location


@pytest.mark.parametrize(
    "step",
    [
        'raise RuntimeError("step 3 of 4 failed")',
        'op.execute("INSERT INTO no_such_table VALUES (1)")',
    ],
)
def test_a_migration_that_fails_half_way_leaves_the_old_version(tmp_path: Path, step: str) -> None:
    """Tables created, rows written and a table rebuilt (batch mode) before the failing step are
    all rolled back: the database is at its old version with its old tables and rows."""
    from organiser.services.demo import load_demo

    path = tmp_path / "organiser.sqlite3"
    engine = store.open_database(str(path))
    with store.transaction(engine) as session:
        load_demo(session)
    before_tables = store.table_names(engine)
    before_rows = {table: _count(engine, table) for table in before_tables}
    with pytest.raises(DatabaseError) as refused:
        store.upgrade(engine, script_location=failing_migrations(tmp_path, step))
    assert "it was left as it was" in str(refused.value)
    assert store.current_revisions(engine) == store.head_revisions()
    assert store.table_names(engine) == before_tables
    assert "extra" not in {c["name"] for c in inspect(engine).get_columns("organisation")}
    assert {table: _count(engine, table) for table in before_tables} == before_rows
    assert store.check(engine) == []
    engine.dispose()


def _count(engine: object, table: str) -> int:
    with store.transaction(engine) as session:  # type: ignore[arg-type]
        return int(session.connection().exec_driver_sql(f"SELECT count(*) FROM {table}").scalar())


def test_the_first_open_runs_in_one_transaction_even_for_the_driver(tmp_path: Path) -> None:
    """The driver's own transaction handling is off, so DDL does not commit by itself."""
    engine = store.open_database(str(tmp_path / "x.sqlite3"))
    with engine.connect() as connection:
        raw = connection.connection.dbapi_connection
        assert raw is not None and raw.isolation_level is None
    engine.dispose()
