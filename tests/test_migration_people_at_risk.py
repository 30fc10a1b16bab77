"""Migration 0013 on the sample data as the 0009 schema holds it: every row of every table comes
through unchanged, each person gets no role, and situations have no hearings linked yet."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from organiser import store
from organiser.services.database_check import check_database
from organiser.services.demo import load_demo
from tests.test_migration_action_facts import _rows


def _as_at_0009(path: Path) -> None:
    """The sample database as the 0009 schema has it: no roles (a person known by role only
    gets it as a name, as 0009 required one), no situation_action table."""
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE person SET name = role WHERE name = ''")
        connection.execute("ALTER TABLE person DROP COLUMN role")
        connection.execute("DROP TABLE situation_action")
        connection.execute("UPDATE alembic_version SET version_num = '0009'")


def test_the_sample_data_of_0009_upgrades_without_loss(db_path: Path) -> None:
    engine = store.open_database(str(db_path))
    with store.transaction(engine, write=True) as session:
        load_demo(session)
    engine.dispose()
    _as_at_0009(db_path)
    before = _rows(db_path)
    assert before["person"] and before["situation"], "the sample data has people at risk"
    engine = store.create_db_engine(f"sqlite:///{db_path}")
    store.upgrade(engine)
    engine.dispose()
    after = _rows(db_path)
    assert set(after) == set(before) | {"situation_action"}
    for table, rows in before.items():
        kept = [{k: row[k] for k in rows[0]} for row in after[table]] if rows else after[table]
        assert kept == rows, table
    assert {p["role"] for p in after["person"]} == {""}
    assert after["situation_action"] == []
    assert check_database(db_path).problems == []
