"""Migration 0012 on the sample data as the schema before it (0015) holds it: every row of every
table comes through unchanged (the rebuilt letter table keeps its recipients, signatories and
versions), and no letter was merged from another."""

from __future__ import annotations

from pathlib import Path

from organiser import store
from organiser.services.database_check import check_database
from tests.migration_samples import rows as _rows
from tests.migration_samples import sample_at


def test_the_sample_data_of_0015_upgrades_without_loss(tmp_path: Path) -> None:
    db_path = sample_at(tmp_path, "0015")
    before = _rows(db_path)
    assert "merged_from_id" not in before["letter"][0]
    assert before["letter_recipient"] and before["letter_signatory"], "the sample has letters"
    engine = store.create_db_engine(f"sqlite:///{db_path}")
    store.upgrade(engine, "0012")
    engine.dispose()
    after = _rows(db_path)
    assert set(after) == set(before)
    for table, rows in before.items():
        kept = [{k: row[k] for k in rows[0]} for row in after[table]] if rows else after[table]
        assert kept == rows, table
    assert {letter["merged_from_id"] for letter in after["letter"]} == {None}
    assert check_database(db_path).problems == []
