"""Migration 0009 on the sample data as the 0004 schema holds it: every row of every table comes
through unchanged, and each action gets no number of workers and an empty outcome."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from organiser import store
from organiser.services.database_check import check_database
from organiser.services.demo import load_demo
from tests.statement_world import without_0011


def _rows(path: Path) -> dict[str, list[dict[str, Any]]]:
    with sqlite3.connect(path) as connection:
        connection.row_factory = sqlite3.Row
        listed = "SELECT name FROM sqlite_master WHERE type='table' AND name != 'alembic_version'"
        tables = [r[0] for r in connection.execute(listed)]
        return {
            t: [dict(r) for r in connection.execute(f'SELECT * FROM "{t}" ORDER BY 1')]
            for t in tables
        }


def _as_at_0004(path: Path) -> None:
    """The sample database as the 0004 schema has it: without 0008's and 0009's columns
    (nor 0011's table and columns)."""
    with sqlite3.connect(path) as connection:
        without_0011(connection)
        connection.execute("ALTER TABLE action DROP COLUMN workers")
        connection.execute("ALTER TABLE action DROP COLUMN outcome")
        connection.execute("ALTER TABLE situation DROP COLUMN sentence_months")
        connection.execute("ALTER TABLE situation DROP COLUMN lawyer")
        connection.execute("UPDATE alembic_version SET version_num = '0004'")


def test_the_sample_data_of_0004_upgrades_without_loss(db_path: Path) -> None:
    engine = store.open_database(str(db_path))
    with store.transaction(engine, write=True) as session:
        load_demo(session)
    engine.dispose()
    _as_at_0004(db_path)
    before = _rows(db_path)
    assert before["action"], "the sample data has actions"
    engine = store.create_db_engine(f"sqlite:///{db_path}")
    store.upgrade(engine)
    engine.dispose()
    after = _rows(db_path)
    assert set(after) == set(before) | {"statement_issue"}  # 0011's, new and empty
    for table, rows in before.items():
        kept = [{k: row[k] for k in rows[0]} for row in after[table]] if rows else after[table]
        assert kept == rows, table
    assert {(a["workers"], a["outcome"]) for a in after["action"]} == {(None, "")}
    assert check_database(db_path).problems == []
