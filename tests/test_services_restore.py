"""Restore: a backup comes back whole; every file that is not a sound backup of ours is refused
with the database left byte-identical; the data replaced is kept first."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import Engine

from organiser import store
from organiser.errors import DatabaseError, SchemaTooNew, ValidationError
from organiser.services.backups import backup_folder, list_backups, make_backup
from organiser.services.database_check import check_database
from organiser.services.demo import load_demo
from organiser.services.organisations import OrganisationFields, create_organisation
from organiser.services.restore import newest_good_backup, restore
from tests.restore_helpers import damage_a_page, digest, every_row


@pytest.fixture
def filled(engine: Engine) -> Engine:
    with store.transaction(engine) as session:
        load_demo(session)
    return engine


def add_organisation(engine: Engine, name: str) -> None:
    with store.transaction(engine) as session:
        create_organisation(session, OrganisationFields(name=name))


def backup_of(engine: Engine, tmp_path: Path) -> Path:
    target = tmp_path / "monday.sqlite3"
    store.backup(engine, target)
    return target


def test_a_backup_restored_gives_every_table_back_and_the_replaced_data_is_kept(
    filled: Engine, db_path: Path, tmp_path: Path
) -> None:
    source = backup_of(filled, tmp_path)
    add_organisation(filled, "Written after the backup")
    before = every_row(db_path)
    report = restore(filled, source)
    assert every_row(db_path) == every_row(source)
    assert report.kept is not None and report.damaged_aside is None
    assert every_row(report.kept) == before  # what was replaced can be restored in turn
    assert [(e.reason, e.pinned) for e in list_backups(backup_folder(filled))] == [
        ("before-restore", True)
    ]
    assert store.check(store.open_database(str(db_path))) == []


def refused_files(source: Path, tmp_path: Path) -> dict[str, Path]:
    text = tmp_path / "notes.sqlite3"
    text.write_text("Minutes of the branch meeting\n" * 100)
    truncated = tmp_path / "truncated.sqlite3"
    truncated.write_bytes(source.read_bytes()[: 4096 * 5])
    foreign = tmp_path / "foreign.sqlite3"
    with sqlite3.connect(foreign) as connection:
        connection.execute("CREATE TABLE recipe (name TEXT)")
        connection.execute("INSERT INTO recipe VALUES ('kimchi')")
    newer = tmp_path / "newer.sqlite3"
    shutil.copyfile(source, newer)
    with sqlite3.connect(newer) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    tiny = tmp_path / "tiny.sqlite3"
    tiny.write_text("hello")
    return {
        "not an SQLite database": text,
        "truncated": truncated,
        "another program's": foreign,
        "newer version": newer,
        "too small": tiny,
        "is not a file": tmp_path,
        "Cannot read": tmp_path / "missing.sqlite3",
    }


def test_every_refused_file_leaves_the_database_byte_identical(
    filled: Engine, db_path: Path, tmp_path: Path
) -> None:
    source = backup_of(filled, tmp_path)
    filled.dispose()
    before = digest(db_path)
    for reason, path in refused_files(source, tmp_path).items():
        with pytest.raises(DatabaseError, match=reason) as refused:
            restore(db_path, path)
        assert str(path) in str(refused.value)
        assert digest(db_path) == before, reason
    assert list_backups(backup_folder(db_path)) == []  # refused before anything was kept


def test_a_newer_schema_is_refused_as_too_new(filled: Engine, tmp_path: Path) -> None:
    newer = refused_files(backup_of(filled, tmp_path), tmp_path)["newer version"]
    with pytest.raises(SchemaTooNew):
        restore(filled, newer)


def test_the_database_itself_is_refused(filled: Engine, db_path: Path) -> None:
    with pytest.raises(ValidationError, match="the database itself"):
        restore(filled, db_path)


def test_an_older_backup_is_brought_to_the_newest_schema(
    filled: Engine, db_path: Path, tmp_path: Path
) -> None:
    source = backup_of(filled, tmp_path)
    old = store.create_db_engine(f"sqlite:///{source}")
    with old.begin() as connection:
        config = store.alembic_config(old)
        config.attributes["connection"] = connection
        command.downgrade(config, "0002")
    old.dispose()
    report = restore(db_path, source)
    assert report.migrated_from == "0002"
    engine = store.create_db_engine(f"sqlite:///{db_path}")
    assert store.current_revisions(engine) == store.head_revisions()
    engine.dispose()


def test_a_restore_pushes_no_older_backup_out(filled: Engine, tmp_path: Path) -> None:
    start = datetime(2026, 12, 1, 9, tzinfo=UTC)
    for n in range(10):
        make_backup(filled, "auto", start + timedelta(minutes=n))
    older = {e.path for e in list_backups(backup_folder(filled))}
    restore(filled, backup_of(filled, tmp_path), start + timedelta(minutes=20))
    kept = {e.path for e in list_backups(backup_folder(filled))}
    assert older < kept and len(kept) == 11


def test_a_damaged_database_is_kept_aside_and_replaced(
    filled: Engine, db_path: Path, tmp_path: Path
) -> None:
    source = backup_of(filled, tmp_path)
    filled.dispose()
    damage_a_page(db_path)
    damaged = db_path.read_bytes()
    report = restore(db_path, source)
    assert report.kept is None and report.damaged_aside is not None
    assert report.damaged_aside.name.startswith("organiser.sqlite3.damaged-")
    assert report.damaged_aside.read_bytes() == damaged
    assert every_row(db_path) == every_row(source)


def test_the_newest_good_backup_skips_a_damaged_one(filled: Engine) -> None:
    start = datetime(2026, 12, 1, 9, tzinfo=UTC)
    good = make_backup(filled, "auto", start)
    bad = make_backup(filled, "auto", start + timedelta(hours=1))
    damage_a_page(bad.path)
    newest = newest_good_backup(filled)
    assert newest is not None and newest.path == good.path


def test_check_finds_nothing_in_a_sound_database_and_damage_in_a_broken_page(
    filled: Engine, db_path: Path
) -> None:
    assert check_database(filled).problems == []
    filled.dispose()
    damage_a_page(db_path)
    report = check_database(db_path)
    assert report.damaged and report.problems
