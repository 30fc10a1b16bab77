"""Migration 0011 on the sample data as the 0009 schema holds it: every row of every table comes
through unchanged, each letter is signed by nobody else (listed by country when asked), and
the table of a statement's issues starts empty."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from organiser import store
from organiser.services.database_check import check_database
from organiser.services.demo import load_demo
from tests.statement_world import NEW_LETTER_COLUMNS, without_0011
from tests.test_migration_action_facts import _rows


def _as_at_0009(path: Path) -> None:
    with sqlite3.connect(path) as connection:
        without_0011(connection)
        connection.execute("UPDATE alembic_version SET version_num = '0009'")


def test_the_sample_data_of_0009_upgrades_without_loss(db_path: Path) -> None:
    engine = store.open_database(str(db_path))
    with store.transaction(engine, write=True) as session:
        load_demo(session)
    engine.dispose()
    _as_at_0009(db_path)
    before = _rows(db_path)
    assert before["letter"], "the sample data has letters"
    engine = store.create_db_engine(f"sqlite:///{db_path}")
    store.upgrade(engine)
    engine.dispose()
    after = _rows(db_path)
    assert set(after) == set(before) | {"statement_issue"}
    assert after["statement_issue"] == []
    for table, rows in before.items():
        kept = [{k: row[k] for k in rows[0]} for row in after[table]] if rows else after[table]
        assert kept == rows, table
    settings = {tuple(letter[c] for c in NEW_LETTER_COLUMNS) for letter in after["letter"]}
    assert settings == {("none", "country", None)}
    assert check_database(db_path).problems == []
