"""Merging an archive by UUID: what it would add, change, leave, or find in conflict; then doing it.

A record the archive has at a higher version than here is taken; one that differs while ours is
at the same version or a newer one is a conflict, listed and left as ours.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from organiser.errors import ValidationError
from organiser.files import size_text
from organiser.formats.archive import Archive
from organiser.services.archive_export import UuidIndex, encode
from organiser.services.archive_kinds import (
    BOOKKEEPING,
    BY_NAME,
    KINDS,
    Children,
    Kind,
    child_columns,
    from_json,
    to_json,
)
from organiser.services.attachments import MAX_SIZE

ADD, CHANGE, UNCHANGED, CONFLICT = "add", "change", "unchanged", "conflict"
LABEL_FIELDS = ("title", "name", "subject", "what")


@dataclass
class Staged:
    """One incoming record read into Python values, its references still UUIDs."""

    values: dict[str, Any] = field(default_factory=dict)
    refs: dict[str, str | None] = field(default_factory=dict)
    children: dict[str, list[tuple[dict[str, Any], dict[str, str | None]]]] = field(
        default_factory=dict
    )
    links: dict[str, list[str]] = field(default_factory=dict)
    normal: dict[str, Any] = field(default_factory=dict)  # as JSON, for the comparison


@dataclass(frozen=True)
class PlannedRecord:
    kind: str
    uuid: str
    label: str
    change: str
    local_version: int | None
    incoming_version: int


@dataclass(frozen=True)
class ImportPlan:
    """What an import does with every record of the archive; `written` once it was done."""

    source: str
    records: tuple[PlannedRecord, ...]
    written: bool = False
    backup: str = ""

    def having(self, change: str) -> list[PlannedRecord]:
        return [r for r in self.records if r.change == change]

    @property
    def counts(self) -> dict[str, int]:
        return {c: len(self.having(c)) for c in (ADD, CHANGE, UNCHANGED, CONFLICT)}

    @property
    def writes(self) -> bool:
        return any(r.change in (ADD, CHANGE) for r in self.records)


def _stage(
    kind: Kind, uuid: str, fields: dict[str, Any], archive: Archive, index: UuidIndex, where: str
) -> Staged:
    place = f"{where}: {kind.name}/{uuid}"
    columns = {c.key: c for c in kind.columns()}
    known = set(columns) | {r.key for r in kind.refs} | {c.key for c in kind.children}
    known |= {link.key for link in kind.links}
    unknown = sorted(set(fields) - known)
    if unknown:
        raise ValidationError("file", f"{place}: '{unknown[0]}' is not a field of {kind.name}.")
    if not isinstance(fields.get("version"), int) or isinstance(fields.get("version"), bool):
        raise ValidationError("file", f"{place}: it has no version number.")
    staged = Staged()
    for key, column in columns.items():
        if key in fields:
            staged.values[key] = from_json(column, fields[key], f"{place}: {key}")
            staged.normal[key] = to_json(column, staged.values[key])
    for ref in kind.refs:
        if ref.key in fields:
            staged.refs[ref.column] = _reference(fields[ref.key], ref.kind, archive, index, place)
            staged.normal[ref.key] = staged.refs[ref.column]
    for children in kind.children:
        if children.key in fields:
            staged.children[children.key] = _children(
                children, fields[children.key], archive, index, f"{place}: {children.key}"
            )
            staged.normal[children.key] = fields[children.key]
    for link in kind.links:
        if link.key in fields:
            given = fields[link.key]
            if not isinstance(given, list):
                raise ValidationError("file", f"{place}: {link.key} is not a list.")
            # A situation handed over with one campaign may concern others that stayed behind:
            # those links are made where both ends exist, and left alone elsewhere.
            known = set(archive.records[link.kind]) | set(index.by_uuid[link.kind])
            staged.links[link.key] = sorted(u for u in given if isinstance(u, str) and u in known)
            staged.normal[link.key] = staged.links[link.key]
    if kind.name == "attachments":
        _check_bytes(staged, archive.files.get(uuid), place)
    return staged


def _reference(value: Any, kind: str, archive: Archive, index: UuidIndex, place: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or (
        value not in archive.records[kind] and value not in index.by_uuid[kind]
    ):
        raise ValidationError(
            "file",
            f"{place}: it refers to {kind} {value!r}, neither in the archive nor in this database.",
        )
    return value


def _children(
    children: Children, rows: Any, archive: Archive, index: UuidIndex, place: str
) -> list[tuple[dict[str, Any], dict[str, str | None]]]:
    if not isinstance(rows, list) or not all(isinstance(row, dict) for row in rows):
        raise ValidationError("file", f"{place}: not a list of rows.")
    columns = {c.key: c for c in child_columns(children)}
    staged = []
    for number, row in enumerate(rows, 1):
        at = f"{place} {number}"
        unknown = sorted(set(row) - set(columns) - {r.key for r in children.refs})
        if unknown:
            raise ValidationError("file", f"{at}: '{unknown[0]}' is not a field of it.")
        values = {k: from_json(c, row[k], f"{at}: {k}") for k, c in columns.items() if k in row}
        refs = {
            r.column: _reference(row.get(r.key), r.kind, archive, index, at) for r in children.refs
        }
        staged.append((values, refs))
    return staged


def _check_bytes(staged: Staged, data: bytes | None, place: str) -> None:
    if data is None:
        raise ValidationError("file", f"{place}: its file is missing from the archive.")
    if len(data) > MAX_SIZE:  # the limit of every file kept in the database
        raise ValidationError(
            "file", f"{place}: its file is {size_text(len(data))}, over {size_text(MAX_SIZE)}."
        )
    if staged.values.get("sha256", hashlib.sha256(data).hexdigest()) != hashlib.sha256(
        data
    ).hexdigest() or staged.values.get("size", len(data)) != len(data):
        raise ValidationError("file", f"{place}: its file does not match its size and checksum.")


def _label(kind: str, uuid: str, fields: dict[str, Any]) -> str:
    for key in LABEL_FIELDS:
        if isinstance(fields.get(key), str) and fields[key]:
            return str(fields[key])
    return uuid


def _compare(staged: Staged, local: dict[str, Any] | None, local_version: int | None) -> str:
    if local is None:
        return ADD
    same = all(local.get(k) == v for k, v in staged.normal.items() if k not in BOOKKEEPING)
    if same:
        return UNCHANGED
    return CHANGE if int(staged.values["version"]) > (local_version or 0) else CONFLICT


@dataclass
class Prepared:
    plan: ImportPlan
    staged: dict[tuple[str, str], Staged]
    index: UuidIndex


def prepare(session: Session, archive: Archive, where: str) -> Prepared:
    """Check every record of `archive` against this database and say what would happen to it."""
    index = UuidIndex(session)
    stray = set(archive.files) - set(archive.records["attachments"])
    if stray:
        raise ValidationError("file", f"{where}: file {sorted(stray)[0]} belongs to no attachment.")
    planned: list[PlannedRecord] = []
    staged_all: dict[tuple[str, str], Staged] = {}
    for kind in KINDS:
        incoming = archive.records[kind.name]
        local_ids = [index.by_uuid[kind.name][u] for u in incoming if u in index.by_uuid[kind.name]]
        local = {
            r.uuid: r
            for r in session.scalars(select(kind.model).where(kind.model.id.in_(local_ids)))
        }
        for uuid, fields in incoming.items():
            staged = _stage(kind, uuid, fields, archive, index, where)
            record = local.get(uuid)
            encoded = encode(kind, record, index) if record is not None else None
            version = int(record.version) if record is not None else None
            change = _compare(staged, encoded, version)
            label = _label(kind.name, uuid, fields)
            incoming_version = int(staged.values["version"])
            planned.append(PlannedRecord(kind.name, uuid, label, change, version, incoming_version))
            staged_all[(kind.name, uuid)] = staged
    return Prepared(ImportPlan(where, tuple(planned)), staged_all, index)


def apply(
    session: Session,
    prepared: Prepared,
    archive: Archive,
    report: Callable[[int, int], None] | None = None,
) -> None:
    """Write every addition and change of the plan, kind after kind so references resolve."""
    index = prepared.index
    for done, kind in enumerate(KINDS):
        if report is not None:
            report(done, len(KINDS))
        todo = [
            r for r in prepared.plan.records if r.kind == kind.name and r.change in (ADD, CHANGE)
        ]
        written = []
        for planned in todo:
            staged = prepared.staged[(kind.name, planned.uuid)]
            record: Any = (
                session.get(kind.model, index.by_uuid[kind.name][planned.uuid])
                if planned.change == CHANGE
                else kind.model(uuid=planned.uuid)
            )
            _fill(session, kind, record, staged, index)
            if kind.name == "attachments":
                record.data = archive.files[planned.uuid]
            session.add(record)
            written.append((record, staged))
        session.flush()
        for record, _staged in written:
            index.by_uuid[kind.name][record.uuid] = record.id
            index.by_id[kind.name][record.id] = record.uuid
        _refer_within(session, kind, written, index)
    if report is not None:
        report(len(KINDS), len(KINDS))


def _fill(session: Session, kind: Kind, record: Any, staged: Staged, index: UuidIndex) -> None:
    def key_of(name: str, uuid: str | None) -> int | None:
        return None if uuid is None else index.by_uuid[name][uuid]

    for key, value in staged.values.items():
        setattr(record, key, value)
    for children in kind.children:
        if children.key in staged.children:
            rows = []
            for values, refs in staged.children[children.key]:
                row = children.model(**values)
                for ref in children.refs:
                    setattr(row, ref.column, key_of(ref.kind, refs.get(ref.column)))
                rows.append(row)
            if record in session and getattr(record, children.relationship):
                # The old rows go first: a unique key among them (one version per language)
                # would refuse the new ones inserted beside them.
                setattr(record, children.relationship, [])
                session.flush()
            setattr(record, children.relationship, rows)
    for link in kind.links:
        if link.key in staged.links:
            model = BY_NAME[link.kind].model
            # No flush while a new record is linked: after its first link (a situation's
            # campaigns) it sits in the other end's collection before it is in the session.
            with session.no_autoflush:
                linked = [session.get(model, key_of(link.kind, u)) for u in staged.links[link.key]]
            setattr(record, link.relationship, linked)
    for ref in kind.refs:
        if ref.column in staged.refs and ref.kind != kind.name:
            setattr(record, ref.column, key_of(ref.kind, staged.refs[ref.column]))


def _refer_within(
    session: Session, kind: Kind, written: list[tuple[Any, Staged]], index: UuidIndex
) -> None:
    """References between records of one kind (an organisation's federation), once all of them
    exist, and the version and time each record came with: set past the ORM, which would count
    a new version (and a new time) of its own for each write."""
    table = kind.model.__table__
    inside = [r for r in kind.refs if r.kind == kind.name]
    for record, staged in written:
        values: dict[str, Any] = {
            k: staged.values[k] for k in ("version", "updated_at") if k in staged.values
        }
        for ref in inside:
            if ref.column in staged.refs:
                target = staged.refs[ref.column]
                values[ref.column] = None if target is None else index.by_uuid[kind.name][target]
        session.execute(update(table).where(table.c.id == record.id).values(values))
        session.expire(record, list(values))
