"""Shared pieces of the restore and check tests: a file's hash, every row of every table, a
database damaged as a failing disk would damage it."""

from __future__ import annotations

import hashlib
import os
import random
import sqlite3
from pathlib import Path
from typing import Any

from tests.table_rows import table_rows


def digest(path: Path) -> str:
    """The database file and its WAL, hashed together: 'byte-identical' means both."""
    hashed = hashlib.sha256()
    for part in (path, Path(f"{path}-wal")):
        hashed.update(part.read_bytes() if part.exists() else b"-")
    return hashed.hexdigest()


def every_row(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    with sqlite3.connect(path) as connection:
        return table_rows(connection)


def damage_a_page(path: Path, seed: int = 9) -> None:
    """Overwrite one page in the middle of the file with random bytes, as a failing disk would."""
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page_size = connection.execute("PRAGMA page_size").fetchone()[0]
    pages = path.stat().st_size // page_size
    assert pages > 4
    with path.open("r+b") as handle:
        handle.seek(page_size * (pages // 2))
        handle.write(random.Random(seed).randbytes(page_size))
        handle.flush()
        os.fsync(handle.fileno())
