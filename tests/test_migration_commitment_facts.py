"""Migration 0015 on the sample data as today's schema (0009) holds it: a database built by
the 0009 migrations and filled with the sample data comes through with every row of every
table unchanged; commitments get no number, source or joint pledgers, organisations no
membership, and no campaign names target or ally organisations until someone does."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from organiser import store
from organiser.services.database_check import check_database
from organiser.services.demo import load_demo

NEW_TABLES = {"campaign_organisation"}


def _rows(path: Path) -> dict[str, list[dict[str, Any]]]:
    with sqlite3.connect(path) as connection:
        connection.row_factory = sqlite3.Row
        listed = "SELECT name FROM sqlite_master WHERE type='table' AND name != 'alembic_version'"
        tables = [r[0] for r in connection.execute(listed)]
        return {
            t: [dict(r) for r in connection.execute(f'SELECT * FROM "{t}" ORDER BY 1')]
            for t in tables
        }


def _sample_at_0009(tmp_path: Path) -> Path:
    """A database made by the migrations up to 0009, holding the sample data in the columns
    that schema has (the sample data is loaded at the newest schema, then copied across)."""
    newest = tmp_path / "newest.sqlite3"
    engine = store.open_database(str(newest))
    with store.transaction(engine, write=True) as session:
        load_demo(session)
    engine.dispose()
    old = tmp_path / "at-0009.sqlite3"
    engine = store.create_db_engine(f"sqlite:///{old}")
    store.upgrade(engine, "0009")
    engine.dispose()
    with sqlite3.connect(old) as connection:
        connection.execute("PRAGMA foreign_keys=OFF")
        connection.execute("ATTACH DATABASE ? AS newest", (str(newest),))
        tables = connection.execute(
            "SELECT name FROM main.sqlite_master WHERE type='table' AND name != 'alembic_version'"
        ).fetchall()
        for (table,) in tables:
            columns = ", ".join(
                f'"{row[1]}"' for row in connection.execute(f'PRAGMA main.table_info("{table}")')
            )
            connection.execute(
                f'INSERT INTO main."{table}" ({columns}) SELECT {columns} FROM newest."{table}"'
            )
        connection.commit()
        connection.execute("DETACH DATABASE newest")
        version = connection.execute("SELECT version_num FROM alembic_version").fetchall()
    assert version == [("0009",)]
    return old


def test_the_sample_data_of_0009_upgrades_without_loss(tmp_path: Path) -> None:
    path = _sample_at_0009(tmp_path)
    before = _rows(path)
    assert before["commitment"] and before["organisation"] and before["campaign"]
    assert NEW_TABLES.isdisjoint(before)
    engine = store.create_db_engine(f"sqlite:///{path}")
    store.upgrade(engine)
    engine.dispose()
    after = _rows(path)
    assert set(after) == set(before) | NEW_TABLES
    for table, rows in before.items():
        kept = [{k: row[k] for k in rows[0]} for row in after[table]] if rows else after[table]
        assert kept == rows, table
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

    path = _sample_at_0009(tmp_path)
    before = _rows(path)
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
    assert _rows(path) == before
    engine = store.create_db_engine(f"sqlite:///{path}")
    store.upgrade(engine)
    engine.dispose()
    assert check_database(path).problems == []
