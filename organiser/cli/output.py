"""How the command line prints records: readable tables, or JSON with ISO 8601 dates."""

from __future__ import annotations

import dataclasses
import enum
import json
import sys
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from pathlib import PurePath
from typing import Any, TypeVar

T = TypeVar("T")


def plain(value: Any) -> Any:
    """A JSON-ready copy of a read model, list or value."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, PurePath):
        return str(value)
    if isinstance(value, list | tuple):
        return [plain(item) for item in value]
    if isinstance(value, dict):
        return {str(key): plain(item) for key, item in value.items()}
    return value


def print_json(value: Any) -> None:
    json.dump(plain(value), sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value).replace("\n", " ")


def print_records(
    as_json: bool,
    records: Sequence[T],
    headers: Sequence[str],
    row: Callable[[T], Sequence[Any]],
) -> int:
    """What a `list` command prints: JSON records with every field, or a readable table."""
    if as_json:
        print_json(list(records))
    else:
        print_table(headers, (row(record) for record in records))
    return 0


def print_table(headers: Sequence[str], rows: Iterable[Sequence[Any]], max_width: int = 48) -> None:
    """Columns padded to their widest cell (cut at `max_width`); 'No records.' when empty."""
    texts = [[_cut(cell(value), max_width) for value in row] for row in rows]
    if not texts:
        print("(none)")
        return
    widths = [max(len(h), *(len(row[i]) for row in texts)) for i, h in enumerate(headers)]
    print("  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip())
    print("  ".join("-" * w for w in widths))
    for row in texts:
        print("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def print_record(value: Any) -> None:
    """One record as `field: value` lines, lists indented below their field."""
    for key, item in plain(value).items():
        if isinstance(item, list):
            print(f"{key}:")
            for position, entry in enumerate(item, 1):
                print(f"  {position}. {entry}")
        else:
            print(f"{key}: {'' if item is None else item}")
