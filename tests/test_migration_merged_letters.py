"""Migration 0012 on the sample data as the 0009 schema holds it: every row of every table comes
through unchanged (the rebuilt letter table keeps its recipients, signatories and versions), and
no letter was merged from another."""

from __future__ import annotations

from pathlib import Path

from alembic import command

from organiser import store
from organiser.services.database_check import check_database
from organiser.services.demo import load_demo
from tests.test_migration_action_facts import _rows


def test_the_sample_data_of_0009_upgrades_without_loss(db_path: Path) -> None:
    engine = store.open_database(str(db_path))
    with store.transaction(engine, write=True) as session:
        load_demo(session)
    engine.dispose()
    plain = store.create_db_engine(f"sqlite:///{db_path}")
    command.downgrade(store.alembic_config(plain), "0009")  # a plain connection: no cascade
    plain.dispose()
    before = _rows(db_path)
    assert "merged_from_id" not in before["letter"][0]
    assert before["letter_recipient"] and before["letter_signatory"], "the sample has letters"
    engine = store.create_db_engine(f"sqlite:///{db_path}")
    store.upgrade(engine)
    engine.dispose()
    after = _rows(db_path)
    assert set(after) == set(before)
    for table, rows in before.items():
        kept = [{k: row[k] for k in rows[0]} for row in after[table]] if rows else after[table]
        assert kept == rows, table
    assert {letter["merged_from_id"] for letter in after["letter"]} == {None}
    assert check_database(db_path).problems == []
