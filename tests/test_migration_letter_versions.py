"""Migration 0010 on the sample data as the 0009 schema holds it: every row of every table comes
through, each language version gets an empty `based_on` (never confirmed: out of date until
someone marks it current), and a letter's two versions in one language keep the newer."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from organiser import store
from organiser.services import letter_versions
from organiser.services.database_check import check_database
from organiser.services.demo import load_demo
from tests.test_migration_action_facts import _rows

OLD_TABLE = """CREATE TABLE letter_version (
    id INTEGER NOT NULL, letter_id INTEGER NOT NULL, language VARCHAR(8) NOT NULL,
    subject VARCHAR(500) NOT NULL, body TEXT NOT NULL,
    CONSTRAINT pk_letter_version PRIMARY KEY (id),
    CONSTRAINT fk_letter_version_letter_id_letter FOREIGN KEY(letter_id)
        REFERENCES letter (id) ON DELETE CASCADE)"""


def _as_at_0009(path: Path) -> None:
    """The 0009 table (no `based_on`, no unique language), holding versions of the first letter,
    two of them in French."""
    with sqlite3.connect(path) as connection:
        connection.execute("DROP TABLE letter_version")
        connection.execute(OLD_TABLE)
        connection.execute("CREATE INDEX ix_letter_version_letter_id ON letter_version (letter_id)")
        first = connection.execute("SELECT MIN(id) FROM letter").fetchone()[0]
        rows = [
            (first, "ko", "연대", "친애하는 동지들"),
            (first, "fr", "Solidarité (ancienne)", "Chers camarades"),
            (first, "fr", "Solidarité", "Chères et chers camarades"),
            (first, "ru", "Солидарность", "Дорогие товарищи"),
        ]
        connection.executemany(
            "INSERT INTO letter_version (letter_id, language, subject, body) VALUES (?, ?, ?, ?)",
            rows,
        )
        connection.execute("UPDATE alembic_version SET version_num = '0009'")


def test_the_sample_data_of_0009_upgrades_without_loss(db_path: Path) -> None:
    engine = store.open_database(str(db_path))
    with store.transaction(engine, write=True) as session:
        load_demo(session)
    engine.dispose()
    _as_at_0009(db_path)
    before = _rows(db_path)
    engine = store.create_db_engine(f"sqlite:///{db_path}")
    store.upgrade(engine)
    after = _rows(db_path)
    assert set(after) == set(before)
    for table, rows in before.items():
        if table == "letter_version":
            continue
        kept = [{k: row[k] for k in rows[0]} for row in after[table]] if rows else after[table]
        assert kept == rows, table
    versions = {(r["language"], r["subject"], r["based_on"]) for r in after["letter_version"]}
    assert versions == {("ko", "연대", ""), ("fr", "Solidarité", ""), ("ru", "Солидарность", "")}
    letter_id = after["letter_version"][0]["letter_id"]
    with store.transaction(engine) as session:
        listed = letter_versions.list_versions(session, letter_id)
    assert {v.language: v.state for v in listed.versions} == {
        "ko": letter_versions.VersionState.OUT_OF_DATE,
        "fr": letter_versions.VersionState.OUT_OF_DATE,
        "ru": letter_versions.VersionState.OUT_OF_DATE,
    }
    engine.dispose()
    assert check_database(db_path).problems == []
