"""An SQLite file through the sqlite3 driver alone, before (or without) SQLAlchemy: raw
connections, the schema's revision, a read that leaves no trace, the schema's newest revision.

The window's first frame is painted from what this reads (`services.first_frame`), so nothing
here imports SQLAlchemy or Alembic; `store` builds its engines and checks on it.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

from organiser import cipher
from organiser.errors import DatabaseError
from organiser.files import create_private_file
from organiser.search.schema import FOLD_FUNCTION

T = TypeVar("T")


@cache
def sqlite_errors() -> tuple[type[Exception], ...]:
    """What a raw connection may raise: sqlite3's errors, and SQLCipher's (not their
    subclasses). Asked for when an error is being matched (`except sqlite_errors():`), so that
    the SQLCipher driver is not loaded by a start that opens no encrypted file."""
    return (sqlite3.Error, *cipher.driver_errors())


# The newest schema revision(s) in db/versions, known without importing Alembic (its import is a
# third of the window's start): an up-to-date database is opened without it. A test checks this
# equals Alembic's own heads, so a new migration must update it.
SCHEMA_HEADS = frozenset({"0021"})


def add_functions(dbapi_connection: Any) -> None:
    """The SQL functions our schema's triggers call (the search index's folding): on every
    connection, or a write to a searched table fails with "no such function"."""
    from organiser.search import fold as search_fold  # its tables: loaded when first connected

    dbapi_connection.create_function(FOLD_FUNCTION, 1, search_fold.fold, deterministic=True)


def read_only_uri(path: Path) -> str:
    """The URI that opens an SQLite file for reading only. In a folder nobody here may write to
    (a read-only share, another user's), a WAL database cannot get its shared-memory file made:
    such a file is read as immutable, which needs none."""
    whole = Path(path).resolve()
    uri = f"{whole.as_uri()}?mode=ro"
    if not os.access(whole.parent, os.W_OK) and not Path(f"{whole}-shm").exists():
        uri += "&immutable=1"
    return uri


def connect_file(
    path: Path,
    key: bytes | None = None,
    read_only: bool = False,
    autocommit: bool = False,
    untrusted: bool = True,
    functions: bool = True,
) -> sqlite3.Connection:
    """A raw connection to an SQLite file: the one place files are opened outside an engine.

    An encrypted file (or a new one given a `key`) is opened through SQLCipher with its key
    (given, or one this process was given that opens it); there is no falling back to plain
    SQLite. A file this makes is readable by its owner only (SQLite gives its journal and WAL
    the same mode). Read-only connections cannot write a byte and, for an `untrusted` file, run
    none of the SQL a schema may carry (views and triggers): for checks and restores."""
    path = Path(path)
    if key is None and cipher.is_encrypted(path):
        key = cipher.key_that_opens(path)
    module: Any = sqlite3 if key is None else cipher.driver()
    if read_only:
        target, uri = read_only_uri(path), True
    else:
        target, uri = str(path), False
        with contextlib.suppress(OSError):  # no folder, no permission: SQLite's own error says so
            create_private_file(path)
    options: dict[str, Any] = {"uri": uri, "check_same_thread": False}
    if autocommit:
        options["isolation_level"] = None
    connection = module.connect(target, **options)
    try:
        if functions:  # what the schema's triggers call; a read that fires none may go without
            add_functions(connection)
        if key is not None:
            cipher.apply_key(connection, key)
        if read_only and untrusted:
            connection.execute("PRAGMA trusted_schema=OFF")
            connection.execute("PRAGMA query_only=ON")
    except sqlite_errors():
        connection.close()
        raise
    return connection


def open_read_only(path: Path) -> sqlite3.Connection:
    return connect_file(path, read_only=True)


def schema_revisions(connection: sqlite3.Connection) -> set[str] | None:
    """The revisions in the file's alembic_version table; None when it has no such table."""
    has_table = connection.execute(
        "SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'"
    ).fetchone()
    if not has_table:
        return None
    return {str(row[0]) for row in connection.execute("SELECT version_num FROM alembic_version")}


def read_without_trace(path: Path, read: Callable[[Path], T]) -> T:
    """`read(path)`, which reads the SQLite file without writing a byte to it, and no trace
    of it left: the -wal and -shm files that reading a WAL database made are removed (see
    `tidy_after_reading`)."""
    made = [Path(f"{path}{suffix}") for suffix in ("-wal", "-shm")]
    made = [companion for companion in made if not companion.exists()]
    try:
        return read(path)
    finally:
        tidy_after_reading(path, made)


def tidy_after_reading(path: Path, made: list[Path]) -> None:
    """A read-only connection to a WAL database makes its -wal and -shm files and cannot remove
    them. Nobody had the file open before (they did not exist), so a writable connection's
    close, the last one, checkpoints the empty WAL (the database file is not changed) and
    removes them, as SQLite does for its last connection."""
    if not any(companion.exists() for companion in made) or not os.access(path, os.W_OK):
        return
    wal = Path(f"{path}-wal")
    if wal in made and wal.exists() and wal.stat().st_size > 0:
        return  # something was written meanwhile: not ours to fold in
    with contextlib.suppress(*sqlite_errors(), DatabaseError, OSError):
        connection = connect_file(path)
        try:
            connection.execute("SELECT count(*) FROM sqlite_master").fetchone()  # opens the WAL
        finally:
            connection.close()
