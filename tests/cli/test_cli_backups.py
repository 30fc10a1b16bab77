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


def test_backup_without_a_file_goes_to_the_folder_and_backups_lists_it(
    capsys: pytest.CaptureFixture[str], db_path: Path
) -> None:
    assert run(capsys, db_path, "demo").code == 0
    made = run(capsys, db_path, "backup")
    assert made.code == 0
    path = Path(made.out.strip())
    assert path.parent == db_path.parent / "organiser-backups" and path.exists()
    listed = run(capsys, db_path, "backups", "--json").json()
    assert listed[0]["path"] == str(path) and listed[0]["reason"] == "manual"
    assert {entry["reason"] for entry in listed} == {"manual", "auto"}  # demo wrote: auto too
    table = run(capsys, db_path, "backups")
    assert path.name in table.out and "passed" in table.out


DATA = Path(__file__).resolve().parent.parent / "data"


def test_an_import_into_a_database_with_records_is_preceded_by_a_backup(
    capsys: pytest.CaptureFixture[str], db_path: Path
) -> None:
    affiliates = str(DATA / "csv" / "excel_utf8_bom_comma.csv")
    assert run(capsys, db_path, "org", "import", affiliates).code == 0
    assert kept(db_path) == ["auto"]  # an empty database: nothing to keep before the import
    assert run(capsys, db_path, "org", "import", affiliates).code == 2  # duplicates: refused
    assert sorted(kept(db_path)) == ["auto", "before-import"]  # taken before it was refused
