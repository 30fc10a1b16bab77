"""Migration 0017 on the sample data at 0010: every row comes through unchanged, the reminder
table is new and empty, and a reminder can be stored after it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from organiser import store
from organiser.services.database_check import check_database
from organiser.services.reminders import ReminderFields, add_reminder
from tests.migration_samples import rows as rows_of
from tests.migration_samples import sample_at


def test_the_sample_data_of_0010_upgrades_to_0017_without_loss(tmp_path: Path) -> None:
    db_path = sample_at(tmp_path, "0010")
    before = rows_of(db_path)
    engine = store.create_db_engine(f"sqlite:///{db_path}")
    store.upgrade(engine, "0017")
    with sqlite3.connect(db_path) as connection:
        action = connection.execute("SELECT min(id) FROM action").fetchone()[0]
    with store.transaction(engine, write=True) as session:
        add_reminder(session, ReminderFields(action_id=action, at="2027-01-05 09:00"))
    engine.dispose()
    after = rows_of(db_path)
    assert set(after) == set(before) | {"reminder"}
    for table, rows in before.items():
        assert after[table] == rows, table
    assert [r["action_id"] for r in after["reminder"]] == [action]
    assert check_database(db_path).problems == []
