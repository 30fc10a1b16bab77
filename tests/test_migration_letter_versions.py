"""Migration 0010 on the sample data as the schema before it (0011) holds it: every row of every
table comes through, each language version gets an empty `based_on` (never confirmed: out of
date until someone marks it current), and a letter's two versions in one language keep the
newer."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from organiser import store
from organiser.services import letter_versions
from organiser.services.database_check import check_database
from tests.migration_samples import rows as _rows
from tests.migration_samples import sample_at


def _with_old_versions(path: Path) -> None:
    """Versions of the first letter as the old table could hold them: two in French."""
    with sqlite3.connect(path) as connection:
        connection.execute("DELETE FROM letter_version")
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


def test_the_sample_data_of_0011_upgrades_without_loss(tmp_path: Path) -> None:
    db_path = sample_at(tmp_path, "0011")
    _with_old_versions(db_path)
    before = _rows(db_path)
    engine = store.create_db_engine(f"sqlite:///{db_path}")
    store.upgrade(engine, "0010")
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
    store.upgrade(engine)
    with store.transaction(engine) as session:
        listed = letter_versions.list_versions(session, letter_id)
    assert {v.language: v.state for v in listed.versions} == {
        "ko": letter_versions.VersionState.OUT_OF_DATE,
        "fr": letter_versions.VersionState.OUT_OF_DATE,
        "ru": letter_versions.VersionState.OUT_OF_DATE,
    }
    engine.dispose()
    assert check_database(db_path).problems == []
