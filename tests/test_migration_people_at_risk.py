"""Migration 0013 on the sample data as the 0014 schema holds it (0013 follows 0014): every row
of every table comes through unchanged, each person gets no role, and situations have no
hearings linked yet."""

from __future__ import annotations

from pathlib import Path

from organiser import store
from organiser.services.database_check import check_database
from tests.migration_samples import rows as _rows
from tests.migration_samples import sample_at


def test_the_sample_data_of_0014_upgrades_without_loss(tmp_path: Path) -> None:
    db_path = sample_at(tmp_path, "0014")
    before = _rows(db_path)
    assert before["person"] and before["situation"], "the sample data has people at risk"
    engine = store.create_db_engine(f"sqlite:///{db_path}")
    store.upgrade(engine, "0013")
    engine.dispose()
    after = _rows(db_path)
    assert set(after) == set(before) | {"situation_action"}
    for table, rows in before.items():
        kept = [{k: row[k] for k in rows[0]} for row in after[table]] if rows else after[table]
        assert kept == rows, table
    assert {p["role"] for p in after["person"]} == {""}
    assert after["situation_action"] == []
    assert check_database(db_path).problems == []
