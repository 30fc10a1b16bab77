"""`organiser restore` and `organiser check` from the command line: exit codes, one line for bad
input, and a report even for a database too damaged to open."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.cli.helpers import run
from tests.restore_helpers import damage_a_page, digest, every_row


def test_restore_a_file_then_latest_picks_the_newest(
    capsys: pytest.CaptureFixture[str], db_path: Path, tmp_path: Path
) -> None:
    assert run(capsys, db_path, "demo").code == 0
    monday = tmp_path / "monday.sqlite3"
    assert run(capsys, db_path, "backup", str(monday)).code == 0
    assert run(capsys, db_path, "org", "add", "--name", "After Monday").code == 0
    with_it = every_row(db_path)
    restored = run(capsys, db_path, "restore", str(monday))
    assert restored.code == 0 and "before-restore" in restored.out
    assert every_row(db_path) == every_row(monday)
    # The newest kept backup is the one made just before that restore: it holds the new name.
    latest = run(capsys, db_path, "restore", "--latest")
    assert latest.code == 0
    assert every_row(db_path)["organisation"] == with_it["organisation"]


@pytest.mark.parametrize("content", [b"not a database at all\n" * 40, b"SQLite format 3\x00"])
def test_a_refused_restore_is_one_line_exit_2_and_the_database_unchanged(
    capsys: pytest.CaptureFixture[str], db_path: Path, tmp_path: Path, content: bytes
) -> None:
    run(capsys, db_path, "demo")
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(content)
    before = digest(db_path)
    result = run(capsys, db_path, "restore", str(bad))
    assert result.code == 2 and len(result.err.splitlines()) == 1 and str(bad) in result.err
    assert digest(db_path) == before


def test_restore_needs_a_file_or_latest(capsys: pytest.CaptureFixture[str], db_path: Path) -> None:
    assert run(capsys, db_path, "restore").code == 2
    result = run(capsys, db_path, "restore", "--latest")  # nothing kept yet
    assert result.code == 2 and "No sound backup" in result.err


def test_check_reports_a_damaged_page_with_exit_1_and_no_traceback(
    capsys: pytest.CaptureFixture[str], db_path: Path
) -> None:
    run(capsys, db_path, "demo")
    damage_a_page(db_path)
    result = run(capsys, db_path, "check")
    assert result.code == 1
    assert result.err.startswith("organiser: problem: ") and "Traceback" not in result.err


def test_check_reports_our_own_invariants(
    capsys: pytest.CaptureFixture[str], db_path: Path
) -> None:
    run(capsys, db_path, "demo")
    with sqlite3.connect(db_path) as raw:
        raw.execute("UPDATE action SET timezone = 'Mars/Olympus' WHERE id = 1")
        raw.execute("UPDATE campaign SET version = 0 WHERE id = 2")
        raw.execute(
            "INSERT INTO attachment (uuid, created_at, updated_at, version, name, media_type, "
            "size, sha256, data) VALUES ('u-1', '2026-01-01', '2026-01-01', 1, 'letter.pdf', "
            "'application/pdf', 99, '', X'255044462D')"
        )
        raw.execute("UPDATE letter SET pdf_id = last_insert_rowid() WHERE id = 1")
    result = run(capsys, db_path, "check")
    assert result.code == 1
    assert "action 1: time zone 'Mars/Olympus' is not known" in result.err
    assert "campaign: 1 record(s) with a version below 1" in result.err
    assert "attachment" in result.err and "99 recorded" in result.err
    assert "letter 1: its kept PDF" in result.err


def test_restore_repairs_a_damaged_database_and_keeps_it_aside(
    capsys: pytest.CaptureFixture[str], db_path: Path, tmp_path: Path
) -> None:
    run(capsys, db_path, "demo")
    monday = tmp_path / "monday.sqlite3"
    run(capsys, db_path, "backup", str(monday))
    damage_a_page(db_path)
    result = run(capsys, db_path, "restore", str(monday))
    assert result.code == 0 and ".damaged-" in result.out
    assert run(capsys, db_path, "check").code == 0
