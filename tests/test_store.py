"""The database file: created and migrated on open, SQLite pragmas, refusal of newer schemas,
consistent backups."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from organiser import store
from organiser.errors import DatabaseError, SchemaTooNew
from organiser.models import Base
from organiser.search.schema import outside_index


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_opening_a_missing_file_creates_every_table_at_the_newest_schema(db_path: Path) -> None:
    engine = store.open_database(str(db_path))
    try:
        assert db_path.exists()
        assert set(Base.metadata.tables) <= set(store.table_names(engine))
        assert store.current_revisions(engine) == store.head_revisions()
    finally:
        engine.dispose()
    with sqlite3.connect(db_path) as raw:
        tables = {
            row[0] for row in raw.execute("SELECT name FROM sqlite_master WHERE type='table'")
        }
    assert {"campaign", "organisation", "action", "commitment", "letter"} <= tables


def test_sqlite_is_opened_with_foreign_keys_wal_and_busy_timeout(engine: Engine) -> None:
    with engine.connect() as connection:
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA busy_timeout")).scalar() == 5000


def test_reopening_an_up_to_date_database_changes_nothing(db_path: Path) -> None:
    store.open_database(str(db_path)).dispose()
    store.open_database(str(db_path)).dispose()
    with sqlite3.connect(db_path) as raw:
        assert raw.execute("SELECT count(*) FROM alembic_version").fetchone() == (
            len(store.head_revisions()),
        )


def test_a_database_from_a_newer_program_is_refused_and_left_byte_for_byte(db_path: Path) -> None:
    store.open_database(str(db_path)).dispose()
    with sqlite3.connect(db_path) as raw:
        raw.execute("PRAGMA journal_mode=DELETE")
        raw.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    before = digest(db_path)
    with pytest.raises(SchemaTooNew, match="newer version"):
        store.open_database(str(db_path))
    assert digest(db_path) == before
    assert not Path(f"{db_path}-wal").exists()


def test_a_file_that_is_not_a_database_is_refused_clearly(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite3"
    path.write_text("these are my meeting notes, not a database\n" * 20)
    with pytest.raises(DatabaseError, match="not a Campaign Organiser database"):
        store.open_database(str(path))
    assert path.read_text().startswith("these are my meeting notes")


def test_organiser_db_environment_variable_chooses_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    chosen = tmp_path / "elsewhere.sqlite3"
    monkeypatch.setenv("ORGANISER_DB", str(chosen))
    store.open_database().dispose()
    assert chosen.exists()


def test_the_default_database_lives_in_the_user_data_folder(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    engine = store.open_database()
    try:
        path = Path(engine.url.database or "")
        assert path.name == "organiser.sqlite3"
        assert path.exists()
    finally:
        engine.dispose()


def test_a_failed_transaction_leaves_nothing_behind(engine: Engine) -> None:
    from organiser.models import Organisation

    with pytest.raises(RuntimeError), store.transaction(engine) as session:
        session.add(Organisation(name="Half written"))
        session.flush()
        raise RuntimeError("power cut")
    with store.transaction(engine) as session:
        assert session.query(Organisation).count() == 0


def test_backup_is_a_consistent_copy_with_every_committed_row(
    engine: Engine, tmp_path: Path
) -> None:
    from organiser.services.demo import load_demo

    with store.transaction(engine) as session:
        load_demo(session)
    target = tmp_path / "backup.sqlite3"
    store.backup(engine, target)
    with sqlite3.connect(target) as copy:
        assert copy.execute("SELECT count(*) FROM campaign").fetchone() == (4,)
        assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_an_empty_file_is_upgraded_to_the_newest_schema(tmp_path: Path) -> None:
    path = tmp_path / "empty.sqlite3"
    path.touch()
    engine = store.open_database(str(path))
    try:
        assert store.current_revisions(engine) == store.head_revisions()
    finally:
        engine.dispose()


def test_an_sqlalchemy_url_opens_the_same_way_as_a_path(tmp_path: Path) -> None:
    path = tmp_path / "by-url.sqlite3"
    engine = store.open_database(f"sqlite:///{path}")
    try:
        assert "campaign" in store.table_names(engine)
    finally:
        engine.dispose()


def test_the_migrations_build_exactly_the_schema_the_models_declare(engine: Engine) -> None:
    """A model changed without a migration (or the reverse) fails here."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"include_name": outside_index})
        differences = compare_metadata(context, Base.metadata)
    assert differences == []


def test_another_programs_sqlite_file_is_refused_and_left_as_it_was(tmp_path: Path) -> None:
    """Opening someone else's database must not add our tables to it."""
    foreign = tmp_path / "music.db"
    with sqlite3.connect(foreign) as raw:
        raw.execute("CREATE TABLE songs (title TEXT)")
    before = digest(foreign)
    with pytest.raises(DatabaseError, match="not a Campaign Organiser database"):
        store.open_database(str(foreign))
    assert digest(foreign) == before


def test_a_newer_wal_database_is_refused_and_leaves_no_wal_or_shm_behind(db_path: Path) -> None:
    """The program's own mode: the refusal of a newer schema leaves the folder as it found it."""
    store.open_database(str(db_path)).dispose()
    with sqlite3.connect(db_path) as raw:
        assert raw.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        raw.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    raw.close()
    assert not Path(f"{db_path}-wal").exists()
    before = digest(db_path)
    with pytest.raises(SchemaTooNew, match="newer version"):
        store.open_database(str(db_path))
    assert digest(db_path) == before
    assert sorted(p.name for p in db_path.parent.iterdir()) == [db_path.name]
