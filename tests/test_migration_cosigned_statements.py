"""Migration 0011 on the sample data as the schema before it (0012) holds it: every row of every
table comes through unchanged, each letter is signed by nobody else (listed by country when
asked), and the table of a statement's issues starts empty."""

from __future__ import annotations

from pathlib import Path

from organiser import store
from organiser.services.database_check import check_database
from tests.migration_samples import rows as _rows
from tests.migration_samples import sample_at
from tests.statement_world import NEW_LETTER_COLUMNS


def test_the_sample_data_of_0012_upgrades_without_loss(tmp_path: Path) -> None:
    db_path = sample_at(tmp_path, "0012")
    before = _rows(db_path)
    assert before["letter"], "the sample data has letters"
    engine = store.create_db_engine(f"sqlite:///{db_path}")
    store.upgrade(engine, "0011")
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
