"""What a piece of work changed in the database: the tables written, and the ids of the rows the
ORM wrote, counted only once their transaction commits.

`record_changes()` is a context for work on one thread (a background job): every INSERT, UPDATE
or DELETE that thread's transactions commit through SQLAlchemy — the ORM's flushes and Core
statements alike — lands in the `Changes` it yields; what is rolled back does not. The window
uses it to refresh the pages that show those tables, instead of every caller saying by hand that
something changed. Raw sqlite3 connections (backups, restore) are not seen: work that uses them
reports with `Changes.add`.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Engine, event
from sqlalchemy.orm import Session, UOWTransaction
from sqlalchemy.sql.dml import UpdateBase

EVERYTHING = "*"  # a table name that stands for every table (a restore, a new database)


@dataclass
class Changes:
    """Tables written and, where known, the ids written in each."""

    tables: set[str] = field(default_factory=set)
    ids: dict[str, set[int]] = field(default_factory=dict)

    def add(self, table: str, ids: Iterable[int] = ()) -> None:
        self.tables.add(table)
        known = [value for value in ids if isinstance(value, int)]
        if known:
            self.ids.setdefault(table, set()).update(known)

    def update(self, other: Changes) -> None:
        self.tables |= other.tables
        for table, ids in other.ids.items():
            self.ids.setdefault(table, set()).update(ids)

    def touches(self, tables: Iterable[str]) -> bool:
        """Whether any of `tables` was written (every table, when `tables` is empty)."""
        wanted = set(tables)
        if EVERYTHING in self.tables:
            return True
        return bool(self.tables & wanted) if wanted else bool(self.tables)

    def __bool__(self) -> bool:
        return bool(self.tables)


_LOCAL = threading.local()
_PENDING = "organiser_changes_pending"


def _recorder() -> Changes | None:
    return getattr(_LOCAL, "changes", None)


@contextlib.contextmanager
def record_changes() -> Iterator[Changes]:
    """Collect what this thread's transactions commit while the block runs (nested: the outer
    collector sees the inner's changes too)."""
    outer, changes = _recorder(), Changes()
    _LOCAL.changes = changes
    try:
        yield changes
    finally:
        _LOCAL.changes = outer
        if outer is not None:
            outer.update(changes)


def _pending(info: dict[str, Any]) -> Changes:
    pending = info.get(_PENDING)
    if pending is None:
        pending = info[_PENDING] = Changes()
    return pending


@event.listens_for(Engine, "after_execute")
def _statement_run(
    connection: Connection, clause: Any, _multi: Any, _params: Any, _options: Any, _result: Any
) -> None:
    if _recorder() is None or not isinstance(clause, UpdateBase):
        return
    table = getattr(clause, "table", None)
    name = getattr(table, "name", None)
    if isinstance(name, str):
        _pending(connection.info).add(name)


@event.listens_for(Engine, "commit")
def _committed(connection: Connection) -> None:
    pending = connection.info.pop(_PENDING, None)
    recorder = _recorder()
    if pending is not None and recorder is not None:
        recorder.update(pending)


@event.listens_for(Engine, "rollback")
def _rolled_back(connection: Connection) -> None:
    connection.info.pop(_PENDING, None)


@event.listens_for(Session, "after_flush")
def _flushed(session: Session, _flush: UOWTransaction) -> None:
    if _recorder() is None:
        return
    pending = _pending(session.info)
    for record in (*session.new, *session.dirty, *session.deleted):
        table = getattr(getattr(record, "__table__", None), "name", None)
        if isinstance(table, str):
            pending.add(table, [getattr(record, "id", None)])  # type: ignore[list-item]


@event.listens_for(Session, "after_commit")
def _session_committed(session: Session) -> None:
    pending = session.info.pop(_PENDING, None)
    recorder = _recorder()
    if pending is not None and recorder is not None:
        recorder.update(pending)


@event.listens_for(Session, "after_rollback")
def _session_rolled_back(session: Session) -> None:
    session.info.pop(_PENDING, None)
