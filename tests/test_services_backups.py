"""Backups through the service: to a chosen file (its time remembered for that database only,
impossible targets refused), and automatically into the backup folder, thinned over a year."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine

from organiser import store
from organiser.errors import DatabaseError, ValidationError
from organiser.services import backups
from organiser.services.backups import RotationPolicy, back_up, database_location, last_backup
from organiser.services.demo import load_demo
from organiser.services.organisations import OrganisationFields, create_organisation


def test_a_backup_goes_to_the_folder_beside_the_database_and_is_listed(
    engine: Engine, db_path: Path
) -> None:
    with store.transaction(engine) as session:
        load_demo(session)
    made = backups.make_backup(engine, "manual")
    assert made.path.parent == db_path.parent / "organiser-backups"
    (listed,) = backups.list_backups(made.path.parent)
    assert listed == made and listed.size == made.path.stat().st_size > 0
    with sqlite3.connect(made.path) as copy:
        assert copy.execute("SELECT count(*) FROM campaign").fetchone() == (4,)
    assert backups.newest_backup(engine) == made


def test_a_backup_is_due_only_after_a_change_and_half_an_hour(engine: Engine) -> None:
    assert not backups.backup_due(engine)  # never backed up, but nothing to keep yet
    with store.transaction(engine) as session:
        load_demo(session)
    assert backups.backup_due(engine)  # never backed up, and it holds campaigns
    made = backups.make_backup(engine, "auto")
    assert not backups.backup_due(engine, made.made_at + timedelta(minutes=10))
    assert not backups.backup_due(engine, made.made_at + timedelta(hours=2))  # nothing changed
    with store.transaction(engine) as session:
        create_organisation(session, OrganisationFields(name="KCTU"))
    assert backups.backup_due(engine, made.made_at + timedelta(hours=2))


def test_the_rotation_over_a_simulated_year_of_backups(tmp_path: Path) -> None:
    """Every half hour of each working day for a year, pruning after each: what stays is the
    newest ten, one a day for 14 days, one a week for 8 weeks, one a month for 12 months, and
    the pinned pre-migration backups whatever their age."""
    policy = RotationPolicy()
    start = datetime(2026, 1, 1, tzinfo=UTC)
    now = start
    for day in range(365):
        for half_hour in range(18):
            now = start + timedelta(days=day, hours=9, minutes=30 * half_hour)
            reason = (
                "before-migration-pinned" if (day, half_hour) in {(40, 3), (200, 0)} else "auto"
            )
            (tmp_path / f"organiser-{now.strftime(backups.STAMP)}-{reason}.sqlite3").touch()
            backups.prune(tmp_path, now, policy)
    kept = backups.list_backups(tmp_path)
    pinned = [entry for entry in kept if entry.pinned]
    assert [entry.made_at.date() for entry in pinned] == [
        (start + timedelta(days=200)).date(),
        (start + timedelta(days=40)).date(),
    ]
    unpinned = [entry for entry in kept if not entry.pinned]
    assert unpinned[:10] == sorted(unpinned, key=lambda e: e.made_at, reverse=True)[:10]
    assert unpinned[0].made_at == now
    days = {entry.made_at.date() for entry in unpinned}
    assert all((now - timedelta(days=n)).date() in days for n in range(14))
    weeks = {entry.made_at.isocalendar()[:2] for entry in unpinned}
    assert all((now - timedelta(weeks=n)).isocalendar()[:2] in weeks for n in range(8))
    months = {(entry.made_at.year, entry.made_at.month) for entry in unpinned}
    assert len(months) == 12
    assert len(unpinned) <= policy.last + policy.daily + policy.weekly + policy.monthly
    assert len(kept) == len(list(tmp_path.iterdir()))  # the pruned files are really gone


def test_files_of_other_names_in_the_backup_folder_are_left_alone(tmp_path: Path) -> None:
    (tmp_path / "my-notes.sqlite3").write_text("mine")
    (tmp_path / "organiser-20260101T090000000000Z-auto.sqlite3").touch()
    backups.prune(
        tmp_path,
        datetime(2027, 6, 1, tzinfo=UTC),
        RotationPolicy(last=0, daily=0, weekly=0, monthly=0),
    )
    assert [p.name for p in tmp_path.iterdir()] == ["my-notes.sqlite3"]


def test_a_backup_is_written_and_its_time_remembered_for_this_database(
    engine: Engine, tmp_path: Path
) -> None:
    other = store.open_database(str(tmp_path / "other.sqlite3"))
    try:
        assert last_backup(engine) is None
        made = back_up(engine, tmp_path / "copy.sqlite3")
        assert last_backup(engine) == made.at and made.at.tzinfo is not None
        assert last_backup(other) is None  # another database keeps its own record
        with sqlite3.connect(made.path) as copy:
            assert copy.execute("SELECT count(*) FROM alembic_version").fetchone() == (1,)
    finally:
        other.dispose()


@pytest.mark.parametrize("where", ["folder", "missing/copy.sqlite3", "itself"])
def test_a_target_that_cannot_be_a_backup_is_refused(
    engine: Engine, tmp_path: Path, db_path: Path, where: str
) -> None:
    (tmp_path / "folder").mkdir()
    target = db_path if where == "itself" else tmp_path / where
    with pytest.raises(ValidationError):
        back_up(engine, target)
    assert last_backup(engine) is None


def test_the_database_is_named_by_its_file(engine: Engine, db_path: Path) -> None:
    assert database_location(engine) == str(db_path.resolve())


def _at_revision(path: Path, revision: str) -> None:
    engine = store.create_db_engine(f"sqlite:///{path}")
    store.upgrade(engine, revision)
    with engine.begin() as connection:
        connection.exec_driver_sql(
            "INSERT INTO organisation (uuid, version, name, acronym, kind, country, address,"
            " email, phone, website, language, notes, created_at, updated_at) VALUES ('u-1', 1,"
            " 'KCTU', '', 'national-centre', 'KR', '', '', '', '', 'ko', '', '2026-01-01',"
            " '2026-01-01')"
        )
    engine.dispose()


def _revision(path: Path) -> str:
    with sqlite3.connect(path) as connection:
        return str(connection.execute("SELECT version_num FROM alembic_version").fetchone()[0])


def test_a_database_is_backed_up_and_pinned_before_a_migration_changes_it(
    db_path: Path,
) -> None:
    _at_revision(db_path, "0002")
    engine = backups.open_database(str(db_path))
    try:
        assert store.current_revisions(engine) == store.head_revisions()
        (kept,) = backups.list_backups(backups.backup_folder(engine))
    finally:
        engine.dispose()
    assert kept.reason == "before-migration" and kept.pinned
    assert _revision(kept.path).startswith("0002")  # the database as it was before
    with sqlite3.connect(kept.path) as copy:
        assert copy.execute("SELECT name FROM organisation").fetchall() == [("KCTU",)]


def test_no_backup_when_nothing_is_migrated(db_path: Path) -> None:
    backups.open_database(str(db_path)).dispose()  # new: created at the newest schema
    engine = backups.open_database(str(db_path))  # already the newest
    try:
        assert backups.list_backups(backups.backup_folder(engine)) == []
    finally:
        engine.dispose()


def test_a_migration_waits_for_its_backup_and_leaves_the_database_if_none_can_be_made(
    db_path: Path, tmp_path: Path
) -> None:
    _at_revision(db_path, "0002")
    blocker = tmp_path / "organiser-backups"
    blocker.write_text("a file where the backup folder would go")
    before = db_path.read_bytes()
    with pytest.raises(DatabaseError, match="no backup of it could be made first"):
        backups.open_database(str(db_path))
    assert db_path.read_bytes() == before and _revision(db_path).startswith("0002")


def test_a_week_of_changes_without_a_backup_is_counted_and_a_backup_ends_it(
    engine: Engine,
) -> None:
    now = datetime.now(UTC)
    assert backups.days_without_backup(engine, now + timedelta(days=30)) is None  # empty
    with store.transaction(engine) as session:
        load_demo(session)
    assert backups.days_without_backup(engine, now + timedelta(days=3)) is None  # not a week
    assert backups.days_without_backup(engine, now + timedelta(days=8, hours=1)) == 8
    backups.make_backup(engine, "manual")
    assert backups.days_without_backup(engine, now + timedelta(days=20)) is None  # no change
    with store.transaction(engine) as session:
        create_organisation(session, OrganisationFields(name="Metalworkers' Union"))
    assert backups.days_without_backup(engine, now + timedelta(days=9, hours=1)) == 9
