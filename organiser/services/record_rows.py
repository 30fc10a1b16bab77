"""New records written as rows, a few INSERT statements for many: the rows a flush writes, without
the unit of work's bookkeeping for each record (a merge writes thousands of letters at once)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

from sqlalchemy import Table, insert
from sqlalchemy import inspect as inspect_model
from sqlalchemy.orm import Mapper, Session

_COLUMNS: dict[type, tuple[tuple[str, str], ...]] = {}


def table_of(model: type) -> Table:
    mapper: Mapper[Any] = inspect_model(model)
    return cast(Table, mapper.local_table)


def column_values(record: object) -> dict[str, Any]:
    """The columns set on a new record (not in a session), by column name: what a flush would
    insert for it, besides the columns' defaults, which the INSERT fills in as a flush does."""
    model = type(record)
    columns = _COLUMNS.get(model)
    if columns is None:
        mapper: Mapper[Any] = inspect_model(model)
        columns = _COLUMNS[model] = tuple(
            (prop.key, prop.columns[0].name) for prop in mapper.column_attrs
        )
    state = record.__dict__
    return {name: state[key] for key, name in columns if key in state}


def insert_rows(
    session: Session, model: type, rows: Sequence[dict[str, Any]], ids: bool = False
) -> list[int]:
    """`rows` inserted into the table of `model` in the session's transaction; with `ids`,
    their new ids in the rows' order. Rows that set different columns go in statements of
    their own."""
    table = table_of(model)
    groups: dict[tuple[str, ...], list[int]] = {}
    for position, row in enumerate(rows):
        groups.setdefault(tuple(row), []).append(position)
    made = [0] * len(rows)
    for positions in groups.values():
        chosen = [rows[position] for position in positions]
        if not ids:
            session.execute(insert(table), chosen)
            continue
        statement = insert(table).returning(table.c.id, sort_by_parameter_order=True)
        for position, key in zip(positions, session.scalars(statement, chosen), strict=True):
            made[position] = key
    return made
