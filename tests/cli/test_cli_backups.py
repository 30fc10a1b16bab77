"""Automatic backups from the command line: after a command that wrote, when due; never after
one that only read."""

from __future__ import annotations

from pathlib import Path

import pytest

from organiser.services.backups import list_backups
from tests.cli.helpers import run


def kept(db_path: Path) -> list[str]:
    return [entry.reason for entry in list_backups(db_path.parent / "organiser-backups")]


def test_a_write_makes_a_checked_backup_and_reads_make_none(
    capsys: pytest.CaptureFixture[str], db_path: Path
) -> None:
    assert run(capsys, db_path, "campaign", "list").code == 0
    assert kept(db_path) == []  # nothing written, nothing to keep
    assert run(capsys, db_path, "org", "add", "--name", "KCTU").code == 0
    assert kept(db_path) == ["auto"]
    assert run(capsys, db_path, "org", "list").code == 0
    assert run(capsys, db_path, "org", "add", "--name", "KPTU").code == 0
    assert kept(db_path) == ["auto"]  # the newest is not half an hour old yet


def test_a_refused_write_makes_no_backup(capsys: pytest.CaptureFixture[str], db_path: Path) -> None:
    assert (
        run(capsys, db_path, "campaign", "add", "--title", "X", "--start", "2016-02-30").code == 2
    )
    assert kept(db_path) == []
