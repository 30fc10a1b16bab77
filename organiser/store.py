"""The engine, SQLite pragmas, units of work, migrate-on-open and consistent backups."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from organiser.config import database_url, shipped_dir
from organiser.errors import DatabaseError, SchemaTooNew

_SESSIONS: dict[Engine, sessionmaker[Session]] = {}


def migrations_dir() -> Path:
    return shipped_dir("db")


def alembic_config(engine: Engine | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    if engine is not None:
        config.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False))
    return config


def head_revisions() -> set[str]:
    return set(ScriptDirectory.from_config(alembic_config()).get_heads())


def _set_sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _sqlite_path(url: str) -> Path | None:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)


def _read_only_revisions(path: Path) -> set[str]:
    """The schema revision of an SQLite file, read without writing a byte to it."""
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as error:
        raise DatabaseError(f"Cannot open the database {path}: {error}") from error
    try:
        has_table = connection.execute(
            "SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'"
        ).fetchone()
        if not has_table:
            if connection.execute("SELECT 1 FROM sqlite_master WHERE type='table'").fetchone():
                # Someone else's database: adding our tables to it would spoil it for them.
                raise DatabaseError(f"{path} is not a Campaign Organiser database.")
            return set()
        return {
            str(row[0]) for row in connection.execute("SELECT version_num FROM alembic_version")
        }
    except sqlite3.DatabaseError as error:
        raise DatabaseError(f"{path} is not a Campaign Organiser database ({error}).") from error
    finally:
        connection.close()


def _refuse_unknown(revision: str, where: str) -> None:
    script = ScriptDirectory.from_config(alembic_config())
    known = {rev.revision for rev in script.walk_revisions()}
    if revision not in known:
        raise SchemaTooNew(
            f"The database {where} was written by a newer version of Campaign Organiser "
            f"(schema {revision}). Install the newer version to open it; it has not been changed."
        )


def create_db_engine(url: str) -> Engine:
    """An engine with the project's SQLite pragmas; the one place engines are made."""
    engine = create_engine(url)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _set_sqlite_pragmas)
    return engine


def open_database(choice: str | None = None) -> Engine:
    """Open (creating if needed) the chosen database and bring it to the newest schema.

    A database from a newer program is refused before anything is written to it.
    """
    url = database_url(choice)
    path = _sqlite_path(url)
    if path is not None:
        if path.exists():
            for revision in _read_only_revisions(path):
                _refuse_unknown(revision, str(path))
        else:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as error:
                raise DatabaseError(f"Cannot create the folder for {path}: {error}") from error
    engine = create_db_engine(url)
    try:
        if path is None:
            for current in current_revisions(engine):
                _refuse_unknown(current, engine.url.render_as_string())
        upgrade(engine)
    except SQLAlchemyError as error:
        engine.dispose()
        raise DatabaseError(f"Cannot open the database: {error}") from error
    except BaseException:
        engine.dispose()
        raise
    return engine


def upgrade(engine: Engine, revision: str = "heads") -> None:
    with engine.begin() as connection:
        config = alembic_config(engine)
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def current_revisions(engine: Engine) -> set[str]:
    with engine.connect() as connection:
        return set(MigrationContext.configure(connection).get_current_heads())


def table_names(engine: Engine) -> list[str]:
    return sorted(inspect(engine).get_table_names())


@contextlib.contextmanager
def transaction(engine: Engine) -> Iterator[Session]:
    """One unit of work: commits when the block ends, rolls everything back on any error."""
    factory = _SESSIONS.get(engine)
    if factory is None:
        factory = _SESSIONS[engine] = sessionmaker(engine, expire_on_commit=False)
    with factory() as session, session.begin():
        yield session


def backup(engine: Engine, target: Path) -> None:
    """A consistent copy of an open SQLite database (never a file copy of a WAL database)."""
    source_path = _sqlite_path(engine.url.render_as_string(hide_password=False))
    if source_path is None:
        raise DatabaseError("Backups are made of SQLite databases only.")
    target = Path(target)
    tmp = target.with_name(f".{target.name}.part")
    tmp.unlink(missing_ok=True)
    source = sqlite3.connect(source_path)
    try:
        destination = sqlite3.connect(tmp)
        try:
            source.backup(destination)
        finally:
            destination.close()
    finally:
        source.close()
    tmp.replace(target)


def check(engine: Engine) -> list[str]:
    """Problems found in the database: damage, broken references, an old or unknown schema."""
    problems: list[str] = []
    with engine.connect() as connection:
        if engine.dialect.name == "sqlite":
            integrity = [row[0] for row in connection.exec_driver_sql("PRAGMA integrity_check")]
            if integrity != ["ok"]:
                problems.extend(f"integrity: {line}" for line in integrity)
            for table, rowid, parent, _key in connection.exec_driver_sql(
                "PRAGMA foreign_key_check"
            ):
                problems.append(f"{table} row {rowid} refers to a missing {parent}")
    current, newest = sorted(current_revisions(engine)), sorted(head_revisions())
    if current != newest:
        problems.append(f"schema {current} is not the newest {newest}")
    return problems
