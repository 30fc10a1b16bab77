"""Migration 0009 on the sample data as the 0004 schema holds it: every row of every table comes
through unchanged, and each action gets no number of workers and an empty outcome. (The 0004
database is built by the migrations up to 0004 and filled with the sample data in the columns
it has: dropping the newer columns from a newest database cannot undo a later migration's
foreign keys.)"""

from __future__ import annotations

from pathlib import Path

from organiser import store
from organiser.services.database_check import check_database
from tests.migration_samples import rows, sample_at


def test_the_sample_data_of_0004_upgrades_without_loss(tmp_path: Path) -> None:
    db_path = sample_at(tmp_path, "0004")
    before = rows(db_path)
    assert before["action"], "the sample data has actions"
    engine = store.create_db_engine(f"sqlite:///{db_path}")
    store.upgrade(engine)
    engine.dispose()
    after = rows(db_path)
    assert set(before) <= set(after)  # and the tables later migrations add
    for table, old in before.items():
        kept = [{k: row[k] for k in old[0]} for row in after[table]] if old else after[table]
        assert kept == old, table
    assert {(a["workers"], a["outcome"]) for a in after["action"]} == {(None, "")}
    assert check_database(db_path).problems == []
