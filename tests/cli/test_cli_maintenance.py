"""`organiser backup` and `organiser check`: a consistent copy, and damage found and reported."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from organiser.config import settings_path
from tests.cli.helpers import run, snapshot


def test_backup_writes_a_copy_with_every_committed_row(
    capsys: pytest.CaptureFixture[str], db_path: Path, tmp_path: Path
) -> None:
    run(capsys, db_path, "demo")
    target = tmp_path / "copy.sqlite3"
    result = run(capsys, db_path, "backup", str(target))
    assert result.code == 0
    assert snapshot(target) == snapshot(db_path)
    assert run(capsys, target, "check").out.strip() == "ok"


def test_backup_to_a_missing_folder_is_refused_and_writes_nothing(
    capsys: pytest.CaptureFixture[str], db_path: Path, tmp_path: Path
) -> None:
    result = run(capsys, db_path, "backup", str(tmp_path / "no-such-folder" / "copy.sqlite3"))
    assert result.code == 2 and len(result.err.splitlines()) == 1
    assert not (tmp_path / "no-such-folder").exists()


def test_check_reports_a_broken_reference_with_exit_status_1(
    capsys: pytest.CaptureFixture[str], db_path: Path
) -> None:
    run(capsys, db_path, "demo")
    assert run(capsys, db_path, "check").code == 0
    with sqlite3.connect(db_path) as raw:  # foreign keys are off in a raw connection
        raw.execute("UPDATE person SET organisation_id = 999 WHERE id = 1")
    result = run(capsys, db_path, "check")
    assert result.code == 1
    assert "person row 1 refers to a missing organisation" in result.err


def test_a_file_that_cannot_be_written_is_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], db_path: Path, tmp_path: Path
) -> None:
    run(capsys, db_path, "demo")
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    result = run(capsys, db_path, "calendar", "export", str(blocker / "actions.ics"))
    assert result.code == 2
    assert len(result.err.splitlines()) == 1 and "Traceback" not in result.err
    assert blocker.read_text() == "not a folder"


def test_help_names_the_settings_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """The missing-font message sends command-line users to --help for the settings file."""
    result = run(capsys, tmp_path / "db.sqlite3", "--help")
    assert result.code == 0
    assert f"  {settings_path()}\n" in result.out  # whole, on its own line, to copy
    assert "pdf.extra_fonts" in result.out
