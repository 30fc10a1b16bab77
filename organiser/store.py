"""The engine, SQLite pragmas, units of work, migrate-on-open and consistent backups."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
import weakref
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, event, inspect
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from organiser import cipher
from organiser.config import database_url, shipped_dir
from organiser.errors import DatabaseError, SchemaTooNew
from organiser.files import copy_file_atomic, remove_stale_temporaries, temporary_path

_SESSIONS: dict[Engine, sessionmaker[Session]] = {}
# The SQLCipher key of each engine on an encrypted file (weakly: an engine let go of closes).
_KEYS: weakref.WeakKeyDictionary[Engine, bytes] = weakref.WeakKeyDictionary()
# What a raw connection may raise: sqlite3's errors, and SQLCipher's (not their subclasses).
SQLITE_ERRORS: tuple[type[Exception], ...] = (sqlite3.Error, *cipher.driver_errors())
OPEN_ERRORS: tuple[type[Exception], ...] = (DatabaseError, *SQLITE_ERRORS)  # no key opens it too
_SCHEMA_WRITE = "organiser_schema_write"
BUSY_TIMEOUT_MS = 5000


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
    # The driver's own transaction handling commits before DDL (so CREATE TABLE is never rolled
    # back): it is switched off, and every transaction begins with our own BEGIN instead.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    _switch_to_wal(cursor)
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _switch_to_wal(cursor: sqlite3.Cursor) -> None:
    """WAL mode, waiting our turn: on a new file another program is still creating, SQLite
    answers "database is locked" at once instead of calling the busy handler."""
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except SQLITE_ERRORS as error:
            if "locked" not in str(error) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def _begin_sqlite(connection: Connection) -> None:
    """BEGIN for every transaction; IMMEDIATE (the write lock first) for a schema upgrade, so two
    programs opening one new file take turns instead of one failing on the other's tables."""
    mode = "IMMEDIATE" if connection.get_execution_options().get(_SCHEMA_WRITE) else "DEFERRED"
    connection.exec_driver_sql(f"BEGIN {mode}")


def sqlite_path(url: str) -> Path | None:
    """The file of an SQLite URL (None for another database or an in-memory one)."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)


def connect_file(
    path: Path, key: bytes | None = None, read_only: bool = False, autocommit: bool = False
) -> sqlite3.Connection:
    """A raw connection to an SQLite file: the one place files are opened outside an engine.

    An encrypted file (or a new one given a `key`) is opened through SQLCipher with its key
    (given, or one this process was given that opens it); there is no falling back to plain
    SQLite. Read-only connections cannot write a byte and run none of the SQL a schema may
    carry (views and triggers of an untrusted file): for checks and restores."""
    path = Path(path)
    if key is None and cipher.is_encrypted(path):
        key = cipher.key_that_opens(path)
    module: Any = sqlite3 if key is None else cipher.driver()
    target, uri = (f"{path.resolve().as_uri()}?mode=ro", True) if read_only else (str(path), False)
    options: dict[str, Any] = {"uri": uri, "check_same_thread": False}
    if autocommit:
        options["isolation_level"] = None
    connection = module.connect(target, **options)
    try:
        if key is not None:
            cipher.apply_key(connection, key)
        if read_only:
            connection.execute("PRAGMA trusted_schema=OFF")
            connection.execute("PRAGMA query_only=ON")
    except SQLITE_ERRORS:
        connection.close()
        raise
    return connection


def open_read_only(path: Path) -> sqlite3.Connection:
    return connect_file(path, read_only=True)


def _read_only_revisions(path: Path) -> set[str]:
    """The schema revision of an SQLite file, read without writing a byte to it."""
    try:
        connection = open_read_only(path)
    except SQLITE_ERRORS as error:
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
    except SQLITE_ERRORS as error:
        if "malformed" in str(error):
            raise DatabaseError(
                f"The database {path} is damaged ({error}): `organiser check` reports it, "
                "`organiser restore --latest` brings back the newest sound backup."
            ) from error
        raise DatabaseError(f"{path} is not a Campaign Organiser database ({error}).") from error
    finally:
        connection.close()


def known_revisions() -> set[str]:
    return {rev.revision for rev in ScriptDirectory.from_config(alembic_config()).walk_revisions()}


def _refuse_unknown(revision: str, where: str) -> None:
    if revision not in known_revisions():
        raise SchemaTooNew(
            f"The database {where} was written by a newer version of Campaign Organiser "
            f"(schema {revision}). Install the newer version to open it; it has not been changed."
        )


def create_db_engine(url: str, key: bytes | None = None) -> Engine:
    """An engine with the project's SQLite pragmas; the one place engines are made.

    An encrypted SQLite file goes through SQLCipher with its key (`key`, else one this process
    was given that opens it); a plain file with a key file beside it is refused, never opened
    plain in silence."""
    path = sqlite_path(url)
    if path is not None and key is None and cipher.is_encrypted(path):
        key = cipher.key_that_opens(path)
    if path is not None and key is None and cipher.key_file(path).exists():
        raise DatabaseError(
            f"{path} is not encrypted although its key file {cipher.key_file(path).name} is "
            "beside it (an encryption or decryption was cut short, or the file was replaced): "
            "run `organiser encrypt` again, or remove the key file to use it unencrypted."
        )
    if key is None:
        engine = create_engine(url)
    else:
        engine = create_engine(url, module=cipher.driver(), creator=_keyed(Path(str(path)), key))
        _KEYS[engine] = key
        cipher.remember(key)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _set_sqlite_pragmas)
        event.listen(engine, "begin", _begin_sqlite)
    return engine


def _keyed(path: Path, key: bytes) -> Callable[[], Any]:
    def connect() -> Any:
        return connect_file(path, key)

    return connect


def engine_key(engine: Engine) -> bytes | None:
    """The SQLCipher key of an engine on an encrypted database (None: a plain one)."""
    return _KEYS.get(engine)


def open_database(
    choice: str | None = None,
    before_upgrade: Callable[[Engine], object] | None = None,
    ask: cipher.AskPassphrase | None = None,
) -> Engine:
    """Open (creating if needed) the chosen database and bring it to the newest schema.

    An encrypted database is unlocked first with a passphrase from `ask` (three tries; by
    default ORGANISER_PASSPHRASE, once). A database from a newer program is refused before
    anything is written to it. An existing database that needs a migration is first handed to
    `before_upgrade` (the services keep a backup of it there); if that fails, nothing is
    migrated.
    """
    url = database_url(choice)
    path = sqlite_path(url)
    key = None
    if path is not None:
        if cipher.is_encrypted(path):  # a key given before in this process is not asked again
            key = cipher.known_key(path) or cipher.unlock(path, ask)
        if path.exists():
            for revision in _read_only_revisions(path):
                _refuse_unknown(revision, str(path))
        else:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as error:
                raise DatabaseError(f"Cannot create the folder for {path}: {error}") from error
    engine = create_db_engine(url, key)
    try:
        if path is None:
            for current in current_revisions(engine):
                _refuse_unknown(current, engine.url.render_as_string())
        if before_upgrade is not None and needs_upgrade(engine):
            before_upgrade(engine)
        upgrade(engine)
    except SQLAlchemyError as error:
        engine.dispose()
        raise DatabaseError(f"Cannot open the database: {error}") from error
    except BaseException:
        engine.dispose()
        raise
    if path is not None:  # what a killed export or backup beside the database left behind
        remove_stale_temporaries([path.parent])
    return engine


def needs_upgrade(engine: Engine) -> bool:
    """An existing database (it has a schema version) that is older than this program's."""
    current = current_revisions(engine)
    return bool(current) and current != head_revisions()


def upgrade(engine: Engine, revision: str = "heads", script_location: Path | None = None) -> None:
    """Bring the schema to `revision` in one transaction: a kill or a failing step leaves the
    database exactly at its old version (SQLite's DDL is transactional once the driver lets it be).

    Foreign keys are off while the tables are rebuilt (batch mode copies a table and drops the
    old one, which would otherwise cascade into its children) and checked before the commit.
    """
    before = current_revisions(engine)
    if revision == "heads" and script_location is None and before == head_revisions():
        return  # already the newest: no write lock, no transaction
    config = alembic_config(engine)
    if script_location is not None:
        config.set_main_option("script_location", str(script_location))
    with engine.connect() as connection:
        sqlite = engine.dialect.name == "sqlite"
        # Outside any transaction (SQLite ignores this pragma inside one), on the driver itself.
        raw = connection.connection.dbapi_connection
        if sqlite and raw is not None:
            raw.execute("PRAGMA foreign_keys=OFF")
        try:
            with connection.execution_options(**{_SCHEMA_WRITE: True}).begin():
                config.attributes["connection"] = connection
                broken_before = _broken_references(connection) if sqlite else []
                command.upgrade(config, revision)
                if sqlite:
                    _refuse_new_broken_references(connection, len(broken_before))
        except DatabaseError:
            raise
        except Exception as error:
            raise DatabaseError(
                f"The database could not be brought to the newest schema ({error}); it was left "
                f"as it was, at schema {', '.join(sorted(before)) or 'none'}."
            ) from error
        finally:
            if sqlite and raw is not None:
                raw.execute("PRAGMA foreign_keys=ON")


def _broken_references(connection: Connection) -> list[Any]:
    return list(connection.exec_driver_sql("PRAGMA foreign_key_check"))


def _refuse_new_broken_references(connection: Connection, known: int) -> None:
    """A migration may not break references (damage it found before is `check`'s to report)."""
    broken = _broken_references(connection)
    if len(broken) > known:
        table, rowid, parent, _key = broken[-1]
        raise DatabaseError(
            f"The schema upgrade would leave {len(broken)} broken references "
            f"({table} row {rowid} refers to a missing {parent}); nothing was changed."
        )


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
    try:
        with factory() as session, session.begin():
            yield session
    except OperationalError as error:
        plain = plain_database_error(error)
        if plain is None:
            raise
        raise plain from error


# What SQLite says when it cannot write, and what the user is told instead (the change rolled
# back, the database as it was).
_CANNOT_WRITE = {
    "database or disk is full": "The disk is full",
    "disk i/o error": "The disk refused the write (it may be full, or the file too large for it)",
    "database is locked": "The database is busy in another window or program",
    "attempt to write a readonly database": "The database file is read-only",
}


def plain_database_error(error: BaseException) -> DatabaseError | None:
    """A DatabaseError in plain words for SQLite's cannot-write errors; None for any other."""
    text = str(getattr(error, "orig", error)).lower()
    for cause, said in _CANNOT_WRITE.items():
        if cause in text:
            return DatabaseError(f"{said}: nothing of this change was written. Try again once "
                                 "that is put right.")  # fmt: skip
    return None


@dataclass(frozen=True)
class BackupReport:
    """A backup written and checked: where, how large, and the rows of each table it holds."""

    path: Path
    size: int
    rows: dict[str, int]


def backup(engine: Engine, target: Path) -> BackupReport:
    """A checked, consistent copy of an open SQLite database, never a file copy of it.

    The live database is checked first (a damaged one is never written over a good backup);
    the copy goes to a temporary file beside the target through SQLite's backup API, is opened
    and checked (integrity, references, the same rows per table as the live database at that
    moment), synced, and only then renamed into place. A copy that fails its check is kept aside
    under its own name and reported; the target is left as it was.
    """
    source_path = sqlite_path(engine.url.render_as_string(hide_password=False))
    if source_path is None:
        raise DatabaseError("Backups are made of SQLite databases only.")
    target = Path(target)
    tmp = temporary_path(target, "backup")
    key = engine_key(engine)
    source = connect_file(source_path, key, autocommit=True)
    try:
        found = damage(source)
        if found:
            raise DatabaseError(
                f"The database is damaged ({found[0]}); no backup was made and {target.name} "
                "was left as it was. Run `organiser check` for the whole report."
            )
        tmp.unlink(missing_ok=True)
        destination = connect_file(tmp, key)  # an encrypted database: the same key
        try:
            source.execute("BEGIN")  # the counts and the copy see the same moment
            rows = row_counts(source)
            source.backup(destination)
            source.execute("COMMIT")
            destination.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
        finally:
            destination.close()
    except SQLITE_ERRORS as error:
        tmp.unlink(missing_ok=True)
        raise DatabaseError(f"Cannot back up the database to {target}: {error}") from error
    finally:
        source.close()
    _accept_copy(tmp, target, rows)
    if key is not None and cipher.key_file(source_path).exists():  # the passphrase opens it too
        copy_file_atomic(cipher.key_file(source_path), cipher.key_file(target))
    return BackupReport(target, target.stat().st_size, rows)


def damage(connection: sqlite3.Connection) -> list[str]:
    """What integrity_check and foreign_key_check find ([] for a sound database)."""
    try:
        lines = [str(row[0]) for row in connection.execute("PRAGMA integrity_check")]
        broken = connection.execute("PRAGMA foreign_key_check").fetchall()
    except SQLITE_ERRORS as error:  # "database disk image is malformed"
        return [str(error)]
    problems = [] if lines == ["ok"] else [f"integrity: {line}" for line in lines]
    return problems + [
        f"{table} row {rowid} refers to a missing {parent}" for table, rowid, parent, _ in broken
    ]


def row_counts(connection: sqlite3.Connection) -> dict[str, int]:
    tables = [
        str(name)
        for (name,) in connection.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' "
            "ORDER BY name"
        )
    ]
    return {
        table: int(connection.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0])
        for table in tables
    }


def _accept_copy(tmp: Path, target: Path, rows: dict[str, int]) -> None:
    """Check the copy by opening it; sync and rename it into place, or keep it aside."""
    copy = open_read_only(tmp)  # an encrypted copy opens only with the key it was made with
    try:
        problems = damage(copy)
        if not problems and row_counts(copy) != rows:
            problems = ["its rows differ from the database's"]
    finally:
        copy.close()
    if problems:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        aside = target.with_name(f"{target.stem}.failed-check-{stamp}{target.suffix}")
        tmp.replace(aside)
        raise DatabaseError(
            f"The backup failed its check ({problems[0]}): it was kept aside as {aside.name} "
            f"and {target.name} was left as it was."
        )
    with tmp.open("rb+") as handle:
        os.fsync(handle.fileno())
    tmp.replace(target)
    sync_folder(target.parent)


def sync_folder(folder: Path) -> None:
    """Make a rename durable (POSIX: the folder's entry is synced; elsewhere nothing to do)."""
    if os.name == "posix":
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def check(engine: Engine) -> list[str]:
    """Problems found in the database: damage, broken references, an old or unknown schema."""
    problems: list[str] = []
    if engine.dialect.name == "sqlite":
        with engine.connect() as connection:
            raw: Any = connection.connection.dbapi_connection
            problems.extend(damage(raw))
    current, newest = sorted(current_revisions(engine)), sorted(head_revisions())
    if current != newest:
        problems.append(f"schema {current} is not the newest {newest}")
    return problems
