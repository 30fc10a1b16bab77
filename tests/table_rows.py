"""Every row of a database file, to compare before and after: the records' tables as stored,
and the search index by what it holds (FTS5's own pages differ after a change undone)."""

from __future__ import annotations

import sqlite3
from typing import Any

from organiser.search.schema import TABLE, TITLES, is_index_table


def table_rows(connection: sqlite3.Connection, skip: tuple[str, ...] = ()) -> dict[str, list[Any]]:
    names = [
        row[0]
        for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    found: dict[str, list[Any]] = {
        name: sorted(connection.execute(f'SELECT * FROM "{name}"').fetchall(), key=repr)
        for name in names
        if not is_index_table(name) and name not in skip
    }
    for index in (TABLE, TITLES):
        if index in names:
            found[index] = sorted(
                connection.execute(f'SELECT rowid, * FROM "{index}"').fetchall(), key=repr
            )
    return found
