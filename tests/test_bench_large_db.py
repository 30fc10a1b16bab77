"""The benchmarks' large database, built small: the real schema, the counts asked for, sound
references, the same rows for the same seed, readable by the services, and built only once."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from bench import large_db
from organiser import store
from organiser.services import letters, organisations

SCALE = 0.004  # 200 organisations, 4,000 actions, 400 letters


def table_counts(path: Path) -> dict[str, int]:
    connection = sqlite3.connect(path)
    try:
        return {
            table: connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in (*large_db.COUNTS, "letter_recipient")
        }
    finally:
        connection.close()


def test_a_small_build_has_the_counts_and_sound_references(tmp_path: Path) -> None:
    target = tmp_path / "large.sqlite3"
    said: list[str] = []
    counts = large_db.build(target, SCALE, say=said.append)
    assert counts == {kind: round(n * SCALE) for kind, n in large_db.COUNTS.items()}
    assert table_counts(target) == counts | {"letter_recipient": counts["letter"]}
    assert said[-1].startswith("built large.sqlite3: ") and "rows/s" in said[-1]
    connection = sqlite3.connect(target)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        scripts = {name for (name,) in connection.execute("SELECT name FROM organisation")}
        bodies = [body for (body,) in connection.execute("SELECT body FROM letter")]
    finally:
        connection.close()
    assert any("노동조합" in name for name in scripts)
    assert any("Профсоюз" in name for name in scripts)
    assert any("é" in name for name in scripts)
    assert min(len(body.split()) for body in bodies) > 100
    engine = store.open_database(str(target))  # nothing left to migrate
    try:
        with store.transaction(engine) as session:
            assert organisations.count_organisation_rows(session) == counts["organisation"]
            first = letters.letter_rows(session, limit=5)
            assert len(first) == 5 and all(row.recipient_names for row in first)
            assert letters.get_letter(session, first[0].id).body
    finally:
        engine.dispose()


def test_the_same_seed_builds_the_same_rows_and_cached_builds_once(tmp_path: Path) -> None:
    one, two = tmp_path / "one.sqlite3", tmp_path / "two.sqlite3"
    large_db.build(one, SCALE, say=lambda _text: None)
    large_db.build(two, SCALE, say=lambda _text: None)
    dumps = []
    for path in (one, two):
        connection = sqlite3.connect(path)
        try:
            dumps.append(list(connection.execute("SELECT * FROM letter ORDER BY id")))
        finally:
            connection.close()
    assert dumps[0] == dumps[1]
    made = one.stat().st_mtime_ns
    assert large_db.cached(one, SCALE) == one
    assert one.stat().st_mtime_ns == made  # there already: not built again
