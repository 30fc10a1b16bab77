"""What the paged lists share: a typed filter matched in SQL over the columns shown, and an order
that pages can follow (the key asked for, empty values last, then the id, so pages never overlap).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, Select, false, func, or_, select
from sqlalchemy.orm import Session


def _like_pattern(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def spellings(text: str) -> list[str]:
    """The text as typed and in lower, upper and capitalised case: SQLite's LIKE folds the case
    of ASCII letters only, so "проф" must also be asked as "Проф" to find "Профсоюз"."""
    if text.isascii():
        return [text]  # LIKE folds it already
    seen: list[str] = []
    for spelling in (text, text.lower(), text.upper(), text[:1].upper() + text[1:].lower()):
        if spelling not in seen:
            seen.append(spelling)
    return seen


def text_matches(columns: Sequence[Any], text: str) -> ColumnElement[bool]:
    """Any of `columns` holds `text` (case-insensitive as above); everything for no text."""
    text = text.strip()
    if not text:
        return or_(True, false())  # type: ignore[arg-type]
    return or_(
        *(
            column.like(_like_pattern(spelling), escape="\\")
            for column in columns
            for spelling in spellings(text)
        )
    )


def ordered(
    query: Select[Any], key: Any, descending: bool, tiebreak: Any, nullable: bool = True
) -> Select[Any]:
    """`query` in the order of `key` (empty values last), then of `tiebreak` (a unique id).
    A key that is never NULL says so: its IS NULL would be one more expression per row."""
    direction = key.desc() if descending else key
    if nullable:
        return query.order_by(key.is_(None), direction, tiebreak)
    return query.order_by(direction, tiebreak)


def page(query: Select[Any], offset: int = 0, limit: int | None = None) -> Select[Any]:
    return query.offset(offset).limit(limit) if offset or limit is not None else query


def page_ids(
    session: Session,
    query: Select[Any],
    key: Any,
    descending: bool,
    tiebreak: Any,
    offset: int = 0,
    limit: int | None = None,
    empty_last: bool = False,
) -> list[int]:
    """A page of the ids `query` selects, in the order of `key` with its empty (NULL) values
    counted as the highest (first when descending, last when ascending), then of `tiebreak`;
    or, `empty_last`, the empty ones last either way and ties by ascending `tiebreak`.
    The empty ones and the others are paged apart, each in an order an index on `key` can
    give: one ORDER BY with `key IS NULL` in it would sort the whole table for every page."""
    tie = tiebreak.desc() if descending and not empty_last else tiebreak
    empty = query.where(key.is_(None)).order_by(tie)
    filled = query.where(key.is_not(None)).order_by(key.desc() if descending else key, tie)
    first, second = (empty, filled) if descending and not empty_last else (filled, empty)
    ids: list[int] = list(session.scalars(page(first, offset, limit)))
    if limit is not None and len(ids) >= limit:
        return ids
    # How many the first part holds: known from a short page of it, counted only for a page
    # past its end (a count of every match, with a text filter, reads every row).
    if ids or not offset:
        in_first = offset + len(ids)
    else:
        counted = select(func.count()).select_from(first.order_by(None).subquery())
        in_first = session.scalar(counted) or 0
    left = None if limit is None else limit - len(ids)
    ids += session.scalars(page(second, max(0, offset - in_first), left))
    return ids
