"""The engine, SQLite pragmas, units of work, migrate-on-open and consistent backups."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
import warnings
import weakref
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import (
    ArgumentError,
    NoSuchModuleError,
    OperationalError,
    SAWarning,
    SQLAlchemyError,
)
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from organiser import cipher
from organiser.config import database_url, default_database_path, shipped_dir
from organiser.errors import ConflictError, DatabaseError, OrganiserError, SchemaTooNew
from organiser.files import (
    SQLITE_COMPANIONS,
    copy_file_atomic,
    create_private_file,
    keep_private,
    make_private_folder,
    protect,
    refuse_unwritable_target,
    remove_stale_temporaries,
    temporary_path,
)
from organiser.store_plain import SCHEMA_HEADS as SCHEMA_HEADS
from organiser.store_plain import add_functions as add_functions
from organiser.store_plain import connect_file as connect_file
from organiser.store_plain import open_read_only as open_read_only
from organiser.store_plain import read_only_uri as read_only_uri
from organiser.store_plain import read_without_trace, schema_revisions, sqlite_errors

if TYPE_CHECKING:
    from alembic.config import Config

_SESSIONS: dict[Engine, sessionmaker[Session]] = {}
# The SQLCipher key of each engine on an encrypted file (weakly: an engine let go of closes).
_KEYS: weakref.WeakKeyDictionary[Engine, bytes] = weakref.WeakKeyDictionary()
# What a raw connection may raise: sqlite3's errors, and SQLCipher's (not their subclasses).
SQLITE_ERRORS: tuple[type[Exception], ...] = sqlite_errors()
OPEN_ERRORS: tuple[type[Exception], ...] = (DatabaseError, *SQLITE_ERRORS)  # no key opens it too
_SCHEMA_WRITE = "organiser_schema_write"
_WRITE_LOCK_FIRST = "organiser_write_lock_first"
# Tables every Campaign Organiser schema has had: a file with an Alembic revision we do not know
# and none of these is another program's database, not one from a newer version of ours.
OUR_TABLES = ("campaign", "organisation")
BUSY_TIMEOUT_MS = 5000
# A unit of work that writes waits this long for another's write lock (a long import holds it
# for seconds): first briefly, then, once told through its engine's wait notice, the rest.
WRITE_WAIT_MS = 30_000
QUICK_WAIT_MS = 250
WaitNotice = Callable[[bool], None]  # True: waiting for another writer; False: done waiting
_WAIT_NOTICES: dict[Engine, WaitNotice] = {}


def migrations_dir() -> Path:
    return shipped_dir("db")


def alembic_config(engine: Engine | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    if engine is not None:
        config.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False))
    return config


def head_revisions() -> set[str]:
    return set(SCHEMA_HEADS)


def alembic_heads() -> set[str]:
    """The heads as Alembic reads them from db/versions (what SCHEMA_HEADS must say)."""
    from alembic.script import ScriptDirectory

    return set(ScriptDirectory.from_config(alembic_config()).get_heads())


def _set_sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # The driver's own transaction handling commits before DDL (so CREATE TABLE is never rolled
    # back): it is switched off, and every transaction begins with our own BEGIN instead.
    dbapi_connection.isolation_level = None
    add_functions(dbapi_connection)
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
            if "readonly" in str(error):
                return  # a read-only file keeps its journal mode; reading needs no WAL
            if "locked" not in str(error) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def _begin_sqlite(connection: Connection) -> None:
    """BEGIN for every transaction; IMMEDIATE (the write lock first) for a unit of work that
    writes and for a schema upgrade. Two writers then take turns, each waiting up to the busy
    timeout: a DEFERRED one that read before another's commit could not write at all (WAL
    refuses at once, without waiting, a write on a snapshot that is no longer the newest)."""
    if not connection.get_execution_options().get(_WRITE_LOCK_FIRST):
        connection.exec_driver_sql("BEGIN DEFERRED")
        return
    raw = connection.connection.dbapi_connection
    assert raw is not None
    try:
        raw.execute(f"PRAGMA busy_timeout={QUICK_WAIT_MS}")
        try:
            connection.exec_driver_sql("BEGIN IMMEDIATE")
            return
        except OperationalError as error:
            if "locked" not in str(error):
                raise
        notice = _WAIT_NOTICES.get(connection.engine)
        if notice is not None:
            notice(True)
        try:
            raw.execute(f"PRAGMA busy_timeout={WRITE_WAIT_MS}")
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        finally:
            if notice is not None:
                notice(False)
    finally:
        raw.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")


def on_write_wait(engine: Engine, notice: WaitNotice | None) -> None:
    """Tell `notice` when a write of `engine` has to wait for another program's (a window shows
    it on its status bar, the command line on stderr); None: no longer."""
    if notice is None:
        _WAIT_NOTICES.pop(engine, None)
    else:
        _WAIT_NOTICES[engine] = notice


class ChangeWatcher:
    """Notices commits made to the database by any other connection (another window, a
    script, another program): SQLite's `PRAGMA data_version`, on a connection of its own."""

    def __init__(self, engine: Engine) -> None:
        self._connection: Any = None
        self._seen: int | None = None
        if engine.dialect.name == "sqlite":
            self._connection = engine.raw_connection()
            self._seen = self._version()

    def _version(self) -> int:
        cursor = self._connection.cursor()
        try:
            cursor.execute("PRAGMA data_version")
            return int(cursor.fetchone()[0])
        finally:
            cursor.close()

    def changed(self) -> bool:
        """True once after each commit made elsewhere since the last call."""
        if self._connection is None:
            return False
        try:
            now = self._version()
        except sqlite3.Error:  # busy or gone for a moment: asked again at the next tick
            return False
        changed, self._seen = now != self._seen, now
        return changed

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None


def sqlite_path(url: str) -> Path | None:
    """The file of an SQLite URL (None for another database or an in-memory one)."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)


def _revisions_of(path: Path) -> set[str]:
    try:
        connection = open_read_only(path)
    except SQLITE_ERRORS as error:
        raise DatabaseError(f"Cannot open the database {path}: {error}") from error
    try:
        revisions = schema_revisions(connection)
        if revisions is None:
            if connection.execute("SELECT 1 FROM sqlite_master WHERE type='table'").fetchone():
                # Someone else's database: adding our tables to it would spoil it for them.
                raise DatabaseError(f"{path} is not a Campaign Organiser database.")
            return set()
        ours = connection.execute(
            "SELECT count(*) FROM sqlite_master WHERE type='table' AND name IN (?, ?)", OUR_TABLES
        ).fetchone()[0]
        if unknown_revisions(revisions) and not ours:
            # Another program that also uses Alembic: its revisions are not ours, nor newer.
            raise DatabaseError(f"{path} is not a Campaign Organiser database.")
        return revisions
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
    from alembic.script import ScriptDirectory

    return {rev.revision for rev in ScriptDirectory.from_config(alembic_config()).walk_revisions()}


def unknown_revisions(revisions: set[str]) -> set[str]:
    """Those of `revisions` that no migration here knows; Alembic is asked only about
    revisions other than the newest."""
    older = set(revisions) - SCHEMA_HEADS
    return older - known_revisions() if older else set()


def _refuse_unknown(revision: str, where: str) -> None:
    if unknown_revisions({revision}):
        raise SchemaTooNew(
            f"The database {where} was written by a newer version of Campaign Organiser "
            f"(schema {revision}). Install the newer version to open it; it has not been changed."
        )


def create_db_engine(url: str, key: bytes | None = None, read_only: bool = False) -> Engine:
    """An engine with the project's SQLite pragmas; the one place engines are made.

    An encrypted SQLite file goes through SQLCipher with its key (`key`, else one this process
    was given that opens it); a plain file with a key file beside it is refused, never opened
    plain in silence. A read-only one (an SQLite file) reads, and any write is refused by SQLite
    itself."""
    path = sqlite_path(url)
    if path is not None and key is None and cipher.is_encrypted(path):
        key = cipher.key_that_opens(path)
    if path is not None and key is None and cipher.key_file(path).exists():
        raise DatabaseError(
            f"{path} is not encrypted although its key file {cipher.key_file(path).name} is "
            "beside it (an encryption or decryption was cut short, or the file was replaced): "
            "run `organiser encrypt` again, or remove the key file to use it unencrypted."
        )
    options: dict[str, Any] = {}
    if path is not None and (read_only or key is not None):
        options["creator"] = _keyed(path, key, read_only)
        if key is not None:
            options["module"] = cipher.driver()
    try:
        with warnings.catch_warnings():
            # A URL part the driver would ignore (`?mode=ro` without `uri=true`) is refused:
            # the user meant something by it.
            warnings.simplefilter("error", SAWarning)
            engine = create_engine(url, **options)
    except SAWarning as warning:
        said = str(warning).split(" (Background")[0]
        raise DatabaseError(f"Cannot open {make_url(url).render_as_string()}: {said}") from None
    except ImportError as error:  # postgresql:// and mysql:// load their driver here
        backend = make_url(url).get_backend_name()
        raise DatabaseError(
            f"Cannot open a {backend} database: its driver ({error.name or error}) is not "
            "installed. Install it, or give an SQLite file with --db."
        ) from error
    except NoSuchModuleError as error:
        raise DatabaseError(
            f"Cannot open {make_url(url).render_as_string()}: '{make_url(url).drivername}' is "
            "not a kind of database known here; give an SQLite file or a postgresql+psycopg:// "
            "URL."
        ) from error
    except ArgumentError as error:
        raise DatabaseError(f"Cannot open the database: {first_line(error)}.") from error
    if key is not None:
        _KEYS[engine] = key
        cipher.remember(key)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _set_sqlite_pragmas)
        event.listen(engine, "begin", _begin_sqlite)
    return engine


def _keyed(path: Path, key: bytes | None, read_only: bool = False) -> Callable[[], Any]:
    def connect() -> Any:
        return connect_file(path, key, read_only=read_only, untrusted=False)

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
        _refuse_not_a_file(path)
        if cipher.is_encrypted(path):  # a key given before in this process is not asked again
            key = cipher.known_key(path) or cipher.unlock(path, ask)
        _refuse_unusable(path)
    read_only = path is not None and path.exists() and is_read_only(path)
    engine = create_db_engine(url, key, read_only=read_only)  # a bad URL refused before a write
    if path is not None:
        _make_private(path)
    try:
        if path is None:
            for current in current_revisions(engine):
                _refuse_unknown(current, engine.url.render_as_string())
        if read_only and needs_upgrade(engine):
            raise DatabaseError(
                f"The database {path} is read-only, and this version must upgrade its schema "
                "before using it: make the file writable, or open a copy of it."
            )
        if before_upgrade is not None and needs_upgrade(engine):
            before_upgrade(engine)
        upgrade(engine)
    except SQLAlchemyError as error:
        engine.dispose()
        plain = plain_database_error(error)
        raise plain or DatabaseError(f"Cannot open the database: {first_line(error)}") from error
    except BaseException:
        engine.dispose()
        raise
    if path is not None:  # what a killed export or backup beside the database left behind
        remove_stale_temporaries([path.parent])
    return engine


def first_line(error: BaseException) -> str:
    """What the driver said, without SQLAlchemy's statement and "Background on this error"."""
    text = str(getattr(error, "orig", None) or error).strip()
    return text.splitlines()[0] if text else type(error).__name__


def is_read_only(path: Path) -> bool:
    """A database file this program may read but not write (the owner's write bit off, a
    read-only share, a folder where its WAL cannot be made): opened read-only, so that reading
    it works and only writing is refused."""
    return not os.access(path, os.W_OK) or "immutable" in read_only_uri(path)


def _refuse_not_a_file(path: Path) -> None:
    """A folder, a device or pipe: refused before a byte is read or written."""
    if path.is_dir():
        raise DatabaseError(f"{path} is a folder, not a database file.")
    if path.exists() and not path.is_file():  # reading a pipe would wait for ever
        raise DatabaseError(f"{path} is not a database file (it is a device, a pipe or a socket).")


def _refuse_unusable(path: Path) -> None:
    """Another program's database or a newer schema: refused before a byte is written."""
    if path.exists():
        for revision in read_without_trace(path, _revisions_of):
            _refuse_unknown(revision, str(path))


def _make_private(path: Path) -> None:
    """A new database file created owner-only (SQLite gives its WAL and journal the same
    mode), an older one's loose modes tightened; and no export may be written over it."""
    if path.exists():
        keep_private([path, *(Path(f"{path}{suffix}") for suffix in SQLITE_COMPANIONS)])
        if path.parent == default_database_path().parent:
            keep_private([path.parent])
    else:
        try:
            make_private_folder(path.parent)
            create_private_file(path)
        except OSError as error:
            raise DatabaseError(f"Cannot create the database {path}: {error}") from error
    protect(path)


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
            with connection.execution_options(**{_WRITE_LOCK_FIRST: True}).begin():
                config.attributes["connection"] = connection
                broken_before = _broken_references(connection) if sqlite else []
                from alembic import command

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
    """The schema revisions in the database's alembic_version table (none: a new database), read
    as Alembic's MigrationContext does, without importing Alembic."""
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return set()
        rows = connection.execute(text("SELECT version_num FROM alembic_version"))
        return {str(row[0]) for row in rows}


def table_names(engine: Engine) -> list[str]:
    return sorted(inspect(engine).get_table_names())


@contextlib.contextmanager
def transaction(engine: Engine, write: bool = False) -> Iterator[Session]:
    """One unit of work: commits when the block ends, rolls everything back on any error.

    `write`: the unit changes data, so on SQLite it takes the write lock before its first read
    (waiting its turn behind another writer for up to BUSY_TIMEOUT_MS), and what it read stays
    true until it commits. A read-only unit never waits for a writer."""
    factory = _SESSIONS.get(engine)
    if factory is None:
        factory = _SESSIONS[engine] = sessionmaker(engine, expire_on_commit=False)
    try:
        with factory() as session, session.begin():
            if write and engine.dialect.name == "sqlite":
                session.connection(execution_options={_WRITE_LOCK_FIRST: True})
            yield session
    except (StaleDataError, OperationalError) as error:
        plain = plain_error(error)
        if plain is None:
            raise
        raise plain from error


# What SQLite says when it cannot write, and what the user is told instead (the change rolled
# back, the database as it was).
_CANNOT_WRITE = {
    "database or disk is full": "The disk is full",
    "disk i/o error": "The disk refused the write (it may be full, or the file too large for it)",
    "database is locked": (
        f"The database is busy: another window or program (a long import?) has been writing "
        f"to it for more than {WRITE_WAIT_MS // 1000} seconds"
    ),
    "attempt to write a readonly database": "The database is read-only (its file cannot be "
    "written)",
}


def plain_error(error: BaseException) -> OrganiserError | None:
    """What the user is told of a database error met while writing (None: one we did not
    foresee): an edit over a version changed meanwhile, the database busy, full, read-only."""
    if isinstance(error, StaleDataError):  # the UPDATE ... WHERE version = N found no row
        return ConflictError(
            "A record was changed or deleted elsewhere while this change was being written; "
            "nothing was written. Look at it again."
        )
    if isinstance(error, OperationalError | sqlite3.OperationalError):
        return plain_database_error(error)
    return None


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
    refuse_unwritable_target(target)
    tmp = temporary_path(target, "backup")
    key = engine_key(engine)
    source = connect_file(
        source_path, key, read_only=is_read_only(source_path), autocommit=True, untrusted=False
    )
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
