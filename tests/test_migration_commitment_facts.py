"""Migration 0015 on the sample data as the schema before it (0013) holds it: a database built
by the migrations up to 0013 and filled with the sample data comes through with every row of every
table unchanged; commitments get no number, source or joint pledgers, organisations no
membership, and no campaign names target or ally organisations until someone does."""

from __future__ import annotations

from pathlib import Path

from organiser import store
from organiser.services.database_check import check_database
from tests.migration_samples import rows, sample_at

NEW_TABLES = {"campaign_organisation"}


def test_the_sample_data_of_0013_upgrades_without_loss(tmp_path: Path) -> None:
    path = sample_at(tmp_path, "0013")
    before = rows(path)
    assert before["commitment"] and before["organisation"] and before["campaign"]
    assert NEW_TABLES.isdisjoint(before)
    engine = store.create_db_engine(f"sqlite:///{path}")
    store.upgrade(engine, "0015")
    engine.dispose()
    after = rows(path)
    assert set(after) == set(before) | NEW_TABLES
    for table, old in before.items():
        kept = [{k: row[k] for k in old[0]} for row in after[table]] if old else after[table]
        assert kept == old, table
    assert {
        (c["number"], c["source_letter_id"], c["joint_pledgers"]) for c in after["commitment"]
    } == {(None, None, "")}
    assert {(o["members"], o["membership"]) for o in after["organisation"]} == {(None, "")}
    assert after["campaign_organisation"] == []
    assert check_database(path).problems == []


def test_0015_goes_back_down_to_0009_and_up_again(tmp_path: Path) -> None:
    """The downgrade is reviewed too: back at 0009 the sample data is as it was. (Like every
    batch migration it runs with foreign keys off, as `store.upgrade` runs them: rebuilding the
    organisation table would otherwise set its referrers' links to NULL.)"""
    from alembic import command

    path = sample_at(tmp_path, "0009")
    before = rows(path)
    engine = store.create_db_engine(f"sqlite:///{path}")
    store.upgrade(engine)
    with engine.connect() as connection:
        raw = connection.connection.dbapi_connection
        assert raw is not None
        raw.execute("PRAGMA foreign_keys=OFF")
        with connection.begin():
            config = store.alembic_config(engine)
            config.attributes["connection"] = connection
            command.downgrade(config, "0009")
    engine.dispose()
    assert rows(path) == before
    engine = store.create_db_engine(f"sqlite:///{path}")
    store.upgrade(engine)
    engine.dispose()
    assert check_database(path).problems == []
