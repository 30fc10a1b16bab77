"""The window's first frame: the Dashboard as the window showed it when it last closed.

Kept in the database itself (`first_frame`, JSON of the `DashboardSummary`: encrypted with the
file when it is, gone with it), and read at the next start through sqlite3 alone, so that the
window paints it before SQLAlchemy and the models are loaded (about half of the start); the
Dashboard then reads the database and shows what it finds. Nothing is read unless the file is
a plain SQLite database at the newest schema; a copy that does not decode whole is not shown.
"""

from __future__ import annotations

import json
import sqlite3
import types
from dataclasses import dataclass, fields, is_dataclass
from datetime import date, datetime
from enum import Enum
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, Union, get_args, get_origin, get_type_hints

from organiser import cipher
from organiser.errors import DatabaseError
from organiser.services.dashboard_view import DashboardSummary
from organiser.store_plain import (
    SCHEMA_HEADS,
    connect_file,
    read_without_trace,
    schema_revisions,
    sqlite_errors,
)

if TYPE_CHECKING:
    from sqlalchemy import Engine

PAGE = "dashboard"
MAX_PAYLOAD = 2_000_000  # characters: a dozen items a section is a few kilobytes


@dataclass(frozen=True)
class KeptFrame:
    """The Dashboard as the window showed it, and the organiser's zone it showed times in."""

    summary: DashboardSummary
    zone: str


def encode(frame: KeptFrame) -> str:
    return json.dumps(_plain(frame), ensure_ascii=False, separators=(",", ":"))


def _plain(value: Any) -> Any:
    if is_dataclass(value) and not isinstance(value, type):
        return {item.name: _plain(getattr(value, item.name)) for item in fields(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date):  # a datetime too
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [_plain(item) for item in value]
    if value is None or isinstance(value, str | int | float):
        return value
    raise TypeError(f"cannot keep a {type(value).__name__} in the first frame")


def decode(text: str) -> KeptFrame:
    """The frame `encode` wrote; ValueError for anything else (an older program's shape,
    a damaged or foreign value)."""
    try:
        found = _typed(KeptFrame, json.loads(text), {})
    except (KeyError, TypeError, AttributeError) as error:
        raise ValueError(f"not a kept Dashboard: {error}") from error
    assert isinstance(found, KeptFrame)
    return found


@cache
def _hints(kind: type) -> dict[str, Any]:
    return get_type_hints(kind)


def _typed(kind: Any, raw: Any, bound: dict[Any, Any]) -> Any:
    if isinstance(kind, TypeVar):
        kind = bound[kind]
    origin, args = get_origin(kind), get_args(kind)
    if origin in (Union, types.UnionType):
        if raw is None and type(None) in args:
            return None
        (kind,) = [arg for arg in args if arg is not type(None)]
        return _typed(kind, raw, bound)
    if origin is tuple:
        if not isinstance(raw, list):
            raise ValueError("a list was expected")
        return tuple(_typed(args[0], item, bound) for item in raw)
    shape = origin or kind
    if isinstance(shape, type) and is_dataclass(shape):
        if not isinstance(raw, dict):
            raise ValueError(f"{shape.__name__} was expected")
        parameters = getattr(shape, "__parameters__", ())
        inner = {**bound, **dict(zip(parameters, (bound.get(a, a) for a in args), strict=True))}
        hints = _hints(shape)
        given = {item.name: _typed(hints[item.name], raw[item.name], inner)
                 for item in fields(shape) if item.name in raw}  # fmt: skip
        return shape(**given)
    if kind is datetime:
        return datetime.fromisoformat(raw)
    if kind is date:
        return date.fromisoformat(raw)
    if isinstance(kind, type) and issubclass(kind, Enum):
        return kind(raw)
    if kind is bool or kind is int:
        if type(raw) is not kind:
            raise ValueError(f"{kind.__name__} was expected")
        return raw
    if kind is str and isinstance(raw, str):
        return raw
    raise ValueError(f"unexpected value for {kind}")


@dataclass(frozen=True)
class FirstStart:
    """A start that paints the window before the database is opened: the file is a plain SQLite
    database at the newest schema, or not made yet; `kept`, the Dashboard kept in it if any."""

    kept: KeptFrame | None


def first_start(path: Path) -> FirstStart | None:
    """How the window may start on the database file at `path`, read without SQLAlchemy and
    without writing to it; None when the database must be opened first (an encrypted file asks
    for its passphrase, an older one is migrated, a foreign or damaged one is refused)."""
    try:
        if not path.exists():
            return FirstStart(None) if path.parent.is_dir() else None
        if not path.is_file() or cipher.is_encrypted(path):
            return None
        at_head, text = read_without_trace(path, _kept_text)
    except sqlite_errors():
        return None
    except (OSError, DatabaseError):
        return None
    if not at_head:
        return None
    try:
        return FirstStart(decode(text) if text is not None else None)
    except ValueError:
        return FirstStart(None)


def read_kept(path: Path) -> KeptFrame | None:
    """The Dashboard kept in the database file at `path`; None when there is none to show (a
    new, encrypted, older or foreign file, or nothing kept)."""
    start = first_start(path)
    return start.kept if start is not None else None


def _kept_text(path: Path) -> tuple[bool, str | None]:
    """Whether the file is at the newest schema, and the kept frame's text."""
    connection = connect_file(path, read_only=True, functions=False)  # it fires no trigger
    try:
        if schema_revisions(connection) != set(SCHEMA_HEADS):
            return False, None
        row = connection.execute(
            "SELECT payload FROM first_frame WHERE page = ? AND length(payload) <= ?",
            (PAGE, MAX_PAYLOAD),
        ).fetchone()
        return True, str(row[0]) if row else None
    except sqlite3.Error:
        return False, None
    finally:
        connection.close()


def keep(engine: Engine, summary: DashboardSummary, zone: str) -> bool:
    """Keep `summary` (its times shown in `zone`) for the next start's first frame; nothing
    is written when it is the one kept already (True when it was written)."""
    from organiser import store
    from organiser.models import FirstFrame
    from organiser.models.base import utc_now

    payload = encode(KeptFrame(summary, zone))
    with store.transaction(engine, write=True) as session:
        kept = session.get(FirstFrame, PAGE)
        if kept is not None and kept.payload == payload:
            return False
        if kept is None:
            session.add(FirstFrame(page=PAGE, payload=payload))
        else:
            kept.payload = payload
            kept.saved_at = utc_now()
    return True
