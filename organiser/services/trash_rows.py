"""Rows read, compared and written table by table from the models' metadata, for the trash:
which rows a delete takes with it, and a JSON form of their values that reads back the same."""

from __future__ import annotations

import base64
import enum
from collections.abc import Iterator
from datetime import date, datetime
from typing import Any

from sqlalchemy import ForeignKey, Table, and_, select
from sqlalchemy.orm import Session

from organiser.models import Base

Key = tuple[str, tuple[Any, ...]]  # a row: its table's name and its primary key's values
Row = dict[str, Any]
# Tables the trash never takes rows from: its own, and open forms' drafts.
OUTSIDE = frozenset({"trash", "draft"})


def table(name: str) -> Table:
    return Base.metadata.tables[name]


def key_of(table_: Table, row: Row) -> Key:
    return table_.name, tuple(row[column.name] for column in table_.primary_key.columns)


def key_where(table_: Table, key: Key) -> Any:
    return and_(*(c == v for c, v in zip(table_.primary_key.columns, key[1], strict=True)))


def read(session: Session, key: Key) -> Row | None:
    table_ = table(key[0])
    found = session.execute(select(table_).where(key_where(table_, key))).mappings().first()
    return dict(found) if found is not None else None


def exists(session: Session, key: Key) -> bool:
    return read(session, key) is not None


def uuid_of(session: Session, key: Key) -> str | None:
    """The uuid of row `key`, when its table has them and the row exists."""
    table_ = table(key[0])
    if "uuid" not in table_.c:
        return None
    return session.scalar(select(table_.c.uuid).where(key_where(table_, key)))


def outside_refs(session: Session, rows: dict[Key, Row]) -> list[list[Any]]:
    """[table, id, uuid] of each record `rows` refer to that is not among them: a restore
    checks the id still holds that record, not a new one given a freed id."""
    found: dict[Key, str] = {}
    for key, row in rows.items():
        for foreign_key in table(key[0]).foreign_keys:
            value = row[foreign_key.parent.name]
            target: Key = (foreign_key.column.table.name, (value,))
            if value is None or target in rows or target in found:
                continue
            uuid = uuid_of(session, target)
            if uuid is not None:
                found[target] = uuid
    return [[key[0], key[1][0], uuid] for key, uuid in found.items()]


def referrers(target: Table) -> Iterator[tuple[Table, ForeignKey]]:
    """Every foreign key of another table (or the same) pointing at `target`."""
    for child in Base.metadata.sorted_tables:
        if child.name in OUTSIDE:
            continue
        for foreign_key in child.foreign_keys:
            if foreign_key.column.table is target:
                yield child, foreign_key


def renumberable(table_: Table) -> bool:
    """A part of a record (a demand, a signatory, a recipient, a language version): no uuid,
    and no row points at it, so it may come back under a new id when its own was taken."""
    keys = [column.name for column in table_.primary_key.columns]
    return keys == ["id"] and "uuid" not in table_.c and not any(referrers(table_))


def gather(session: Session, root: Key) -> tuple[dict[Key, Row], dict[Key, Row]]:
    """The rows deleting `root` deletes through ON DELETE CASCADE (root included), and the
    rows it keeps but points at them (their links go to NULL, or the service removes them)."""
    session.flush()
    first = read(session, root)
    assert first is not None
    going: dict[Key, Row] = {root: first}
    touched: dict[Key, Row] = {}
    queue = [root]
    while queue:
        key = queue.pop()
        parent = table(key[0])
        for child, foreign_key in referrers(parent):
            value = going[key][foreign_key.column.name]
            query = select(child).where(foreign_key.parent == value)
            for found in session.execute(query).mappings():
                row = dict(found)
                child_key = key_of(child, row)
                if child_key in going:
                    continue
                if foreign_key.ondelete == "CASCADE":
                    going[child_key] = row
                    touched.pop(child_key, None)
                    queue.append(child_key)
                else:
                    touched[child_key] = row
    return going, touched


def owned_files(session: Session, going: dict[Key, Row]) -> dict[Key, Row]:
    """The attachments (a letter's PDF, a reply, evidence, a logo, a signature) that rows in
    `going` refer to and no other row does: they go to the trash with them, bytes and all."""
    files = table("attachment")
    wanted = {
        row[foreign_key.parent.name]
        for key, row in going.items()
        for foreign_key in table(key[0]).foreign_keys
        if foreign_key.column.table is files and row[foreign_key.parent.name] is not None
    }
    owned: dict[Key, Row] = {}
    for file_id in sorted(wanted):
        users = (
            key_of(child, dict(found))
            for child, foreign_key in referrers(files)
            for found in session.execute(
                select(child).where(foreign_key.parent == file_id)
            ).mappings()
        )
        if all(user in going for user in users):
            row = read(session, ("attachment", (file_id,)))
            if row is not None:
                owned[("attachment", (file_id,))] = row
    return owned


def in_order(rows: dict[Key, Row]) -> list[tuple[Table, Row]]:
    """Rows in an order that inserts each after the rows it refers to."""
    order = {t.name: n for n, t in enumerate(Base.metadata.sorted_tables)}
    ranked = sorted(rows.items(), key=lambda item: (order[item[0][0]], item[0][1]))
    return [(table(key[0]), row) for key, row in ranked]


def encode(value: Any) -> Any:
    """A column value as JSON: dates, instants and bytes tagged, enums by their word."""
    if isinstance(value, datetime):
        return {"t": value.isoformat()}
    if isinstance(value, date):
        return {"d": value.isoformat()}
    if isinstance(value, bytes):
        return {"b": base64.b64encode(value).decode("ascii")}
    if isinstance(value, enum.Enum):
        return value.value
    return value


def decode(value: Any) -> Any:
    if isinstance(value, dict):
        if "t" in value:
            return datetime.fromisoformat(value["t"])
        if "d" in value:
            return date.fromisoformat(value["d"])
        return base64.b64decode(value["b"])
    return value


def encode_row(row: Row) -> Row:
    return {name: encode(value) for name, value in row.items()}


def decode_row(row: Row) -> Row:
    return {name: decode(value) for name, value in row.items()}


def same(a: Any, b: Any) -> bool:
    return encode(a) == encode(b)
