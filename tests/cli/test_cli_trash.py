"""`organiser KIND delete`, `trash list|restore|empty`: to the trash and back, exit codes."""

from __future__ import annotations

import io
import sqlite3
from pathlib import Path

import pytest

from organiser import store
from tests.cli.helpers import run, snapshot
from tests.trash_world import make_trash_world

KINDS = {
    "campaign": "campaign_id",
    "org": "organisation_id",
    "person": "person_id",
    "action": "action_id",
    "commitment": "commitment_id",
    "letter": "sent_id",
}


def _world(db_path: Path) -> dict[str, int]:
    engine = store.open_database(str(db_path))
    try:
        world = make_trash_world(engine)
    finally:
        engine.dispose()
    return {kind: getattr(world, field) for kind, field in KINDS.items()}


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_delete_list_restore_gives_back_every_row(
    capsys: pytest.CaptureFixture[str], db_path: Path, kind: str
) -> None:
    ids = _world(db_path)
    before = snapshot(db_path)
    deleted = run(capsys, db_path, kind, "delete", str(ids[kind]))
    assert deleted.code == 0, deleted.err
    assert "moved to the trash" in deleted.out
    listed = run(capsys, db_path, "trash", "list", "--json").json()
    assert [entry["record_id"] for entry in listed] == [ids[kind]]
    restored = run(capsys, db_path, "trash", "restore", str(listed[0]["id"]))
    assert restored.code == 0, restored.err
    assert restored.out.startswith("restored ")
    after = snapshot(db_path)
    assert {t: rows for t, rows in after.items() if t != "trash"} == {
        t: rows for t, rows in before.items() if t != "trash"
    }
    assert run(capsys, db_path, "trash", "list", "--json").json() == []


def test_bad_ids_are_one_line_and_exit_2(capsys: pytest.CaptureFixture[str], db_path: Path) -> None:
    _world(db_path)
    before = snapshot(db_path)
    for args in (
        ("campaign", "delete", "99"),
        ("trash", "restore", "99"),
        ("trash", "restore", "x"),
    ):
        result = run(capsys, db_path, *args)
        assert result.code == 2
        assert result.err.count("\n") == 1 and result.err.startswith("organiser")
    assert snapshot(db_path) == before


def test_a_refused_restore_says_why_and_exits_2(
    capsys: pytest.CaptureFixture[str], db_path: Path
) -> None:
    ids = _world(db_path)
    run(capsys, db_path, "campaign", "delete", str(ids["campaign"]))
    with sqlite3.connect(db_path) as connection:  # its lead gone for good, not to the trash
        store.add_functions(connection)  # the search index's triggers fold what changes
        connection.execute("PRAGMA foreign_keys = ON")
        connection.execute("DELETE FROM organisation WHERE id = ?", (ids["org"],))
    entry = run(capsys, db_path, "trash", "list", "--json").json()[0]
    before = snapshot(db_path)
    result = run(capsys, db_path, "trash", "restore", str(entry["id"]))
    assert result.code == 2
    assert "no longer in the database or the trash" in result.err
    assert result.err.count("\n") == 1
    assert snapshot(db_path) == before


def test_trash_empty_asks_and_yes_empties_for_good(
    capsys: pytest.CaptureFixture[str], db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = _world(db_path)
    run(capsys, db_path, "campaign", "delete", str(ids["campaign"]))
    monkeypatch.setattr("sys.stdin", io.StringIO("n\n"))
    declined = run(capsys, db_path, "trash", "empty")
    assert declined.code == 1 and "left as it was" in declined.err
    assert len(run(capsys, db_path, "trash", "list", "--json").json()) == 1
    monkeypatch.setattr("sys.stdin", io.StringIO("y\n"))
    assert run(capsys, db_path, "trash", "empty").code == 0
    assert run(capsys, db_path, "trash", "list", "--json").json() == []
    run(capsys, db_path, "action", "delete", str(ids["action"]))  # it went with its campaign
    assert run(capsys, db_path, "campaign", "show", str(ids["campaign"])).code == 2
    assert run(capsys, db_path, "trash", "empty", "--yes").code == 0
