"""Database files from outside: examined as untrusted input, copied into the live database through
SQLite's backup API, and a damaged database kept aside under a dated name."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import stat
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from organiser import cipher, store
from organiser.errors import DatabaseError, SchemaTooNew
from organiser.files import copy_file_atomic, temporary_path

SQLITE_HEADER = b"SQLite format 3\x00"
SMALLEST_DATABASE = 512  # one page of the smallest page size SQLite allows
LARGEST_DATABASE = 64 * 1024**3  # far beyond any organiser's data; refuses a wrong pick early


@dataclass(frozen=True)
class ExaminedFile:
    """A database file that passed every check: its schema revision and rows per table."""

    path: Path
    size: int
    revision: str
    rows: dict[str, int]
    page_size: int


def examine(path: Path) -> ExaminedFile:
    """Check a file before it may replace the database: a regular file of a plausible size, an
    SQLite database that is whole (its header's page count, quick_check) and ours (a schema
    revision our migrations know). Opened read-only with the schema's own SQL not trusted;
    the file is never written. Each refusal names the file and why."""
    path = Path(path)
    size = _regular_size(path)
    with path.open("rb") as handle:
        header = handle.read(100)
    if cipher.is_encrypted(path):  # its header is encrypted too: SQLCipher checks each page
        page_size = 0
    elif not header.startswith(SQLITE_HEADER):
        raise DatabaseError(f"{path} is not an SQLite database file; nothing was changed.")
    else:
        page_size = _plain_page_size(path, size, header)
    try:
        connection = store.open_read_only(path)
    except DatabaseError as error:
        raise DatabaseError(f"{error} Nothing was changed.") from error
    except store.SQLITE_ERRORS as error:
        raise DatabaseError(f"Cannot open {path}: {error}; nothing was changed.") from error
    try:
        page_size = page_size or int(connection.execute("PRAGMA page_size").fetchone()[0])
        return _examine_open(path, size, page_size, connection)
    except store.SQLITE_ERRORS as error:
        raise DatabaseError(f"{path} is damaged ({error}); nothing was changed.") from error
    finally:
        connection.close()


def _plain_page_size(path: Path, size: int, header: bytes) -> int:
    """The page size in an unencrypted header, once its page count fits the file's size."""
    page_size = int.from_bytes(header[16:18], "big") or 65536
    pages = int.from_bytes(header[28:32], "big")
    valid_count = header[24:28] == header[92:96] and pages > 0
    if size % page_size or (valid_count and size < pages * page_size):
        raise DatabaseError(
            f"{path} is cut short (truncated: {size} bytes of a database of "
            f"{max(pages, 1) * page_size}); nothing was changed."
        )
    return page_size


def _regular_size(path: Path) -> int:
    try:
        info = path.stat()
    except OSError as error:
        raise DatabaseError(f"Cannot read {path}: {error.strerror or error}.") from error
    if not stat.S_ISREG(info.st_mode):
        raise DatabaseError(f"{path} is not a file; nothing was changed.")
    if info.st_size < SMALLEST_DATABASE:
        raise DatabaseError(
            f"{path} is too small to be a database ({info.st_size} bytes); nothing was changed."
        )
    if info.st_size > LARGEST_DATABASE:
        raise DatabaseError(f"{path} is too large to be a backup; nothing was changed.")
    return info.st_size


def _examine_open(
    path: Path, size: int, page_size: int, connection: sqlite3.Connection
) -> ExaminedFile:
    lines = [str(row[0]) for row in connection.execute("PRAGMA quick_check")]
    if lines != ["ok"]:
        raise DatabaseError(f"{path} is damaged ({lines[0]}); nothing was changed.")
    has_version = connection.execute(
        "SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'"
    ).fetchone()
    if not has_version:
        raise DatabaseError(
            f"{path} is not a Campaign Organiser database (another program's); nothing was changed."
        )
    revisions = [str(r[0]) for r in connection.execute("SELECT version_num FROM alembic_version")]
    if len(revisions) != 1:
        raise DatabaseError(f"{path} has no single schema revision; nothing was changed.")
    if store.unknown_revisions({revisions[0]}):
        raise SchemaTooNew(
            f"{path} was written by a newer version of Campaign Organiser (schema "
            f"{revisions[0]}); install the newer version to restore it. Nothing was changed."
        )
    rows = store.row_counts(connection)
    return ExaminedFile(path, size, revisions[0], rows, page_size)


def replace_contents(live: Path, source: ExaminedFile) -> None:
    """Copy `source` over the live database through SQLite's backup API, in one write
    transaction of the live connection: a kill leaves the old contents or the new, whole."""
    origin = store.open_read_only(source.path)
    try:
        destination = store.connect_file(live, _same_encryption(live, source), autocommit=True)
        try:
            destination.execute(f"PRAGMA busy_timeout={store.BUSY_TIMEOUT_MS}")
            destination.execute("PRAGMA journal_mode=WAL")
            live_page = int(destination.execute("PRAGMA page_size").fetchone()[0])
            if live_page != source.page_size:
                raise DatabaseError(
                    f"{source.path} uses pages of {source.page_size} bytes, the database "
                    f"{live_page}; restore it into a new database with File › Open instead."
                )
            origin.backup(destination)  # one step: all pages in one write transaction
        finally:
            destination.close()
    except store.SQLITE_ERRORS as error:
        raise DatabaseError(
            f"Cannot restore {source.path}: {error}; nothing was changed."
        ) from error
    finally:
        origin.close()


def _same_encryption(live: Path, source: ExaminedFile) -> bytes | None:
    """The key both files share; an encrypted backup never goes into a plain database, nor a
    plain one into an encrypted database (SQLite's backup copies pages as they are)."""
    if cipher.is_encrypted(source.path) != cipher.is_encrypted(live):
        state = "encrypted" if cipher.is_encrypted(source.path) else "not encrypted"
        raise DatabaseError(
            f"{source.path} is {state} and the database is not alike; nothing was changed. "
            "Encrypt or decrypt the database first (`organiser encrypt` or `decrypt`)."
        )
    if not cipher.is_encrypted(live):
        return None
    key = cipher.key_that_opens(live)
    if not cipher.opens(source.path, key):
        raise DatabaseError(
            f"{source.path} is encrypted with another key than the database; nothing was changed."
        )
    return key


def damaged_name(live: Path, now: datetime | None = None) -> Path:
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    return live.with_name(f"{live.name}.damaged-{stamp}")


def replace_damaged(live: Path, source: ExaminedFile, now: datetime | None = None) -> Path:
    """A damaged database cannot take a write: its bytes (and its WAL) are kept aside under a
    dated name, the source is copied beside it through the backup API and renamed into place.
    Returns where the damaged file went."""
    aside = damaged_name(live, now)
    copy_file_atomic(live, aside)
    wal = Path(f"{live}-wal")
    if wal.exists():
        copy_file_atomic(wal, Path(f"{aside}-wal"))
    tmp = temporary_path(live, "restore")  # what a kill leaves is removed at the next open
    tmp.unlink(missing_ok=True)
    origin = store.open_read_only(source.path)
    try:
        # A damaged database's key cannot be read from it: the backup's own key, or plain.
        key = cipher.key_that_opens(source.path) if cipher.is_encrypted(source.path) else None
        destination = store.connect_file(tmp, key)
        try:
            origin.backup(destination)
        finally:
            destination.close()
    except store.SQLITE_ERRORS as error:
        tmp.unlink(missing_ok=True)
        raise DatabaseError(f"Cannot restore {source.path}: {error}") from error
    finally:
        origin.close()
    with tmp.open("rb+") as handle:
        os.fsync(handle.fileno())
    # The damaged database's WAL must not be replayed into the restored file.
    for leftover in (wal, Path(f"{live}-shm")):
        with contextlib.suppress(FileNotFoundError):
            leftover.unlink()
    tmp.replace(live)
    store.sync_folder(live.parent)
    return aside


def is_damaged(live: Path) -> list[str]:
    """What integrity_check and foreign_key_check find in a database file, read-only; a file
    that cannot even be opened is damage too."""
    try:
        connection = store.open_read_only(live)
    except cipher.Locked as error:
        if cipher.key_file(live).exists():
            raise  # an encrypted database whose key was not given is locked, not damaged
        return [str(error)]
    except store.OPEN_ERRORS as error:
        return [str(error)]
    try:
        return store.damage(connection)
    finally:
        connection.close()
