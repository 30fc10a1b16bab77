"""Data at rest is the organiser's alone: the database, its WAL and shared memory, backups,
archives, exports and the folders the program makes are readable by their owner only (0600 and
0700), whatever the umask; an older database's looser modes are tightened when it is opened."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from organiser import store
from organiser.config import settings_path
from organiser.files import write_bytes_atomic
from organiser.services import backups, organisations
from organiser.services.archive import export_archive
from tests.cli.helpers import run

pytestmark = pytest.mark.skipif(os.name != "posix", reason="owner-only modes are POSIX ones")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(params=[0o022, 0o000], ids=["umask-022", "umask-000"])
def loose_umask(request: pytest.FixtureRequest) -> Iterator[int]:
    """The usual umask, and one that would leave new files writable by everyone."""
    old = os.umask(request.param)
    yield request.param
    os.umask(old)


def written_engine(db_path: Path) -> Engine:
    engine = backups.open_database(str(db_path))
    with store.transaction(engine) as session:
        organisations.create_organisation(session, organisations.OrganisationFields(name="KCTU"))
    return engine


def test_a_new_database_its_wal_shm_and_folder_are_the_owners_only(
    tmp_path: Path, loose_umask: int
) -> None:
    db_path = tmp_path / "new folder" / "inner" / "organiser.sqlite3"
    engine = written_engine(db_path)
    try:
        with engine.connect() as connection:  # WAL and shared memory exist while it is open
            connection.exec_driver_sql("SELECT 1")
            companions = [Path(f"{db_path}-wal"), Path(f"{db_path}-shm")]
            assert all(p.exists() for p in companions)
            assert {p.name: mode(p) for p in [db_path, *companions]} == {
                p.name: 0o600 for p in [db_path, *companions]
            }
        assert mode(db_path.parent) == 0o700 and mode(db_path.parent.parent) == 0o700
    finally:
        engine.dispose()


def test_backups_and_their_folder_are_the_owners_only(
    db_path: Path, tmp_path: Path, loose_umask: int
) -> None:
    engine = written_engine(db_path)
    try:
        kept = backups.make_backup(engine, "manual").path
        chosen = backups.back_up(engine, tmp_path / "chosen.sqlite3").path
    finally:
        engine.dispose()
    assert mode(kept) == 0o600 and mode(kept.parent) == 0o700
    assert mode(chosen) == 0o600


def test_exports_archives_settings_and_the_folders_made_for_them_are_the_owners_only(
    engine: Engine, tmp_path: Path, loose_umask: int
) -> None:
    export = tmp_path / "made" / "letters" / "letter.pdf"
    write_bytes_atomic(export, b"%PDF-")
    archive = export_archive(engine, tmp_path / "hand-over.zip").path
    backups.set_setting("backup.folder", "")
    assert mode(export) == 0o600 and mode(export.parent) == 0o700
    assert mode(tmp_path / "made") == 0o700
    assert mode(archive) == 0o600
    assert mode(settings_path()) == 0o600


def test_an_older_database_and_its_backups_are_tightened_when_opened(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    engine = written_engine(db_path)
    old_backup = backups.make_backup(engine, "manual").path
    engine.dispose()
    for loose in (db_path, old_backup):
        loose.chmod(0o644)
    old_backup.parent.chmod(0o755)
    assert run(capsys, db_path, "org", "list").code == 0
    assert mode(db_path) == 0o600
    assert run(capsys, db_path, "backup").code == 0
    assert mode(old_backup) == 0o600 and mode(old_backup.parent) == 0o700


def test_the_default_data_folder_is_the_owners_only(capsys: pytest.CaptureFixture[str]) -> None:
    from organiser.cli import main

    assert main(["org", "list"]) == 0
    folder = store.default_database_path().parent
    assert mode(folder) == 0o700 and mode(folder / "organiser.sqlite3") == 0o600
    folder.chmod(0o755)
    assert main(["org", "list"]) == 0
    assert mode(folder) == 0o700
    capsys.readouterr()
