"""The sample data as an older schema holds it, for the migration tests: a database built by
the migrations up to that revision, filled with the sample data in the columns it has."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from organiser import store
from organiser.search.schema import is_index_table
from organiser.services.demo import load_demo


def rows(path: Path) -> dict[str, list[dict[str, Any]]]:
    """Every row of every table but Alembic's, in key order."""
    with sqlite3.connect(path) as connection:
        connection.row_factory = sqlite3.Row
        listed = "SELECT name FROM sqlite_master WHERE type='table' AND name != 'alembic_version'"
        tables = [r[0] for r in connection.execute(listed) if not is_index_table(r[0])]
        # Sorted whole, not by the first column: its ties come in whatever order the index
        # SQLite picks gives them.
        return {
            t: sorted((dict(r) for r in connection.execute(f'SELECT * FROM "{t}"')), key=repr)
            for t in tables
        }


def sample_at(tmp_path: Path, revision: str) -> Path:
    """A database at schema `revision` holding the sample data: loaded at the newest schema,
    then copied, table by table, into the columns the older schema has."""
    newest = tmp_path / "newest.sqlite3"
    engine = store.open_database(str(newest))
    with store.transaction(engine, write=True) as session:
        load_demo(session)
    engine.dispose()
    old = tmp_path / f"at-{revision}.sqlite3"
    engine = store.create_db_engine(f"sqlite:///{old}")
    store.upgrade(engine, revision)
    engine.dispose()
    _fit_older_schema(newest, old)
    with sqlite3.connect(old) as connection:
        store.add_functions(connection)  # the search index's triggers fold what is copied
        connection.execute("PRAGMA foreign_keys=OFF")
        connection.execute("ATTACH DATABASE ? AS newest", (str(newest),))
        tables = connection.execute(
            "SELECT name FROM main.sqlite_master WHERE type='table' AND name != 'alembic_version'"
        ).fetchall()
        for (table,) in tables:
            if is_index_table(table):
                continue  # the index is filled by its triggers as the records are copied
            columns = ", ".join(
                f'"{row[1]}"' for row in connection.execute(f'PRAGMA main.table_info("{table}")')
            )
            connection.execute(
                f'INSERT INTO main."{table}" ({columns}) SELECT {columns} FROM newest."{table}"'
            )
        connection.commit()
        connection.execute("DETACH DATABASE newest")
        version = connection.execute("SELECT version_num FROM alembic_version").fetchall()
    assert version == [(revision,)]
    return old


def _columns(connection: sqlite3.Connection, table: str) -> set[str]:
    return {row[1] for row in connection.execute(f'PRAGMA table_info("{table}")')}


def _fit_older_schema(newest: Path, old: Path) -> None:
    """What only a later schema can hold takes the shape the older one had: before 0014 every
    action has its dates (an undated one its day, an ongoing one its end), before 0013 every
    person a name (one known by role is named by it)."""
    with sqlite3.connect(old) as connection:
        action, person = _columns(connection, "action"), _columns(connection, "person")
    with sqlite3.connect(newest) as connection:
        store.add_functions(connection)
        if "undated" not in action:
            connection.execute(
                "UPDATE action SET start_date = '2026-01-01' WHERE start_date IS NULL"
            )
            connection.execute("UPDATE action SET end_date = start_date WHERE end_date IS NULL")
        if "role" not in person:
            connection.execute("UPDATE person SET name = role WHERE name = ''")
        connection.commit()
