"""Rewriting a database file encrypted, decrypted or under another key: SQLCipher's export into
a temporary file beside it, checked, then renamed over it; no unencrypted copy of an encrypted
file is ever made on the way."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from pathlib import Path

from organiser import cipher, store
from organiser.errors import DatabaseError
from organiser.files import temporary_path


def rewrite(
    path: Path,
    old_key: bytes | None,
    new_key: bytes | None,
    before_rename: Callable[[], object] | None = None,
) -> None:
    """`path` rewritten with `new_key` (None: unencrypted). The file must be open nowhere else.
    `before_rename` runs once the checked copy waits beside it (the key file goes there)."""
    path = Path(path)
    tmp = temporary_path(path, "rewrite")  # a kill leaves it; the next open removes it
    tmp.unlink(missing_ok=True)
    try:
        rows = _export(path, tmp, old_key, new_key)
        copy = store.connect_file(tmp, new_key, read_only=True)
        try:
            problems = store.damage(copy) or (
                [] if store.row_counts(copy) == rows else ["its rows differ from the database's"]
            )
        finally:
            copy.close()
        if problems:
            raise DatabaseError(f"the rewritten copy failed its check ({problems[0]})")
        with tmp.open("rb+") as handle:
            os.fsync(handle.fileno())
        if before_rename is not None:
            before_rename()
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    tmp.replace(path)
    store.sync_folder(path.parent)
    for leftover in (Path(f"{path}-wal"), Path(f"{path}-shm")):
        with contextlib.suppress(FileNotFoundError):
            leftover.unlink()


def _export(path: Path, tmp: Path, old_key: bytes | None, new_key: bytes | None) -> dict[str, int]:
    """The rows per table, and every page exported into `tmp` with the new key."""
    sqlcipher = cipher.driver()
    source = sqlcipher.connect(str(path), isolation_level=None)
    try:
        if old_key is not None:
            cipher.apply_key(source, old_key)
        source.execute(f"PRAGMA busy_timeout={store.BUSY_TIMEOUT_MS}")
        # The WAL folded into the file and given up, so that none of its pages stays beside the
        # rewritten file; SQLite allows it only when no other program has the database open.
        source.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        if str(source.execute("PRAGMA journal_mode=DELETE").fetchone()[0]).lower() != "delete":
            raise DatabaseError("it is open in another window or program: close that first")
        rows = store.row_counts(source)
        new = cipher.raw_key(new_key) if new_key is not None else ""
        source.execute("ATTACH DATABASE ? AS rewritten KEY ?", (str(tmp), new))
        source.execute("SELECT sqlcipher_export('rewritten')")
        source.execute("DETACH DATABASE rewritten")
        return rows
    except sqlcipher.Error as error:
        if "locked" in str(error) or "busy" in str(error):
            raise DatabaseError(
                "it is open in another window or program: close that first"
            ) from error
        raise DatabaseError(str(error)) from error
    finally:
        source.close()
