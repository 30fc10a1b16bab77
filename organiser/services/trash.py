"""The trash: every delete of a campaign, organisation, person, action, commitment or letter
goes through here; a restore brings the record back whole; emptying it deletes for good."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session

from organiser.errors import NotFound, ValidationError
from organiser.models import FirstFrame, TrashEntry
from organiser.services import trash_rows as r

# The kinds a user deletes: the table of each and the column that names a record of it.
KINDS: dict[str, tuple[str, str]] = {
    "campaign": ("campaign", "title"),
    "organisation": ("organisation", "name"),
    "person": ("person", "name"),
    "action": ("action", "title"),
    "commitment": ("commitment", "what"),
    "letter": ("letter", "subject"),
    "situation": ("situation", "kind"),
}
LINKS = "links"  # in `contents`: rows kept whose link to the deleted record was undone


@dataclass(frozen=True)
class TrashView:
    """One delete in the trash; `contents` counts, per table, the rows that went with the
    record (`links`: rows kept that pointed at it)."""

    id: int
    kind: str
    record_id: int
    record_uuid: str
    label: str
    deleted_at: datetime
    contents: dict[str, int]


def _view(entry: TrashEntry) -> TrashView:
    return TrashView(
        id=entry.id,
        kind=entry.kind,
        record_id=entry.record_id,
        record_uuid=entry.record_uuid,
        label=entry.label,
        deleted_at=entry.deleted_at,
        contents=json.loads(entry.contents),
    )


def discard(
    session: Session,
    kind: str,
    record_id: int,
    remove: Callable[[], None],
    label: str | None = None,
) -> TrashView:
    """Delete a record by `remove()` (the area's own deleting), keeping in a trash entry every
    row that went and every column of a kept row that changed, as they were before; `label`
    names it in the trash where its naming column alone does not (a person known by role)."""
    table_name, label_column = KINDS[kind]
    root: r.Key = (table_name, (record_id,))
    going, touched = r.gather(session, root)
    files = r.owned_files(session, going)
    refs = r.outside_refs(session, {**going, **touched, **files})
    remove()
    session.flush()
    attachment = r.table("attachment")
    file_ids = [key[1][0] for key in files]
    session.execute(delete(attachment).where(attachment.c.id.in_(file_ids)))
    going.update(files)
    rows: list[dict[str, Any]] = []
    changes: list[dict[str, Any]] = []
    for key, before in {**going, **touched}.items():
        after = r.read(session, key)
        if after is None:
            rows.append({"table": key[0], "row": r.encode_row(before)})
            continue
        changed = {
            name: [r.encode(before[name]), r.encode(value)]
            for name, value in after.items()
            if not r.same(before[name], value)
        }
        if changed:
            changes.append({"table": key[0], "key": list(key[1]), "columns": changed})
    counts: dict[str, int] = {}
    for item in rows:
        counts[item["table"]] = counts.get(item["table"], 0) + 1
    counts[table_name] -= 1  # the record itself
    counts = {name: count for name, count in counts.items() if count}
    if changes:
        counts[LINKS] = len(changes)
    record = going[root]
    entry = TrashEntry(
        kind=kind,
        record_id=record_id,
        record_uuid=record["uuid"],
        label=(label or str(record[label_column]))[:500],
        contents=json.dumps(counts),
        payload=json.dumps({"rows": rows, "changes": changes, "refs": refs}),
    )
    session.add(entry)
    session.flush()
    return _view(entry)


def list_trash(session: Session) -> list[TrashView]:
    """Newest delete first."""
    query = select(TrashEntry).order_by(TrashEntry.deleted_at.desc(), TrashEntry.id.desc())
    return [_view(entry) for entry in session.scalars(query)]


def count_trash(session: Session) -> int:
    return session.scalar(select(func.count(TrashEntry.id))) or 0


def get_entry(session: Session, entry_id: int) -> TrashView:
    return _view(_entry(session, entry_id))


def _entry(session: Session, entry_id: int) -> TrashEntry:
    entry = session.get(TrashEntry, entry_id)
    if entry is None:
        raise NotFound(f"There is nothing in the trash with id {entry_id}.")
    return entry


def empty_trash(session: Session) -> int:
    """Delete for good everything in the trash; how many deletes that was."""
    count = count_trash(session)
    session.execute(delete(TrashEntry))
    # The Dashboard kept for the window's next start may name what was deleted: gone too (the
    # window keeps a new one when it closes).
    session.execute(delete(FirstFrame))
    return count


def restore(session: Session, entry_id: int) -> list[TrashView]:
    """Put a deleted record back, with the same ids and uuids and what went with it, links
    included. A record it refers to that is in the trash too comes back first (listed before
    it); one that is gone for good, or an id or uuid taken since, refuses the whole restore."""
    restored: list[TrashView] = []
    _Restorer(session).restore(_entry(session, entry_id), restored)
    return restored


class _Restorer:
    """One restore: the trash's payloads, read once, and the entries on their way back."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.payloads = {
            entry.id: json.loads(entry.payload) for entry in session.scalars(select(TrashEntry))
        }
        self.busy: set[int] = set()

    def _rows(self, entry_id: int) -> dict[r.Key, r.Row]:
        rows: dict[r.Key, r.Row] = {}
        for item in self.payloads[entry_id]["rows"]:
            row = r.decode_row(item["row"])
            rows[r.key_of(r.table(item["table"]), row)] = row
        return rows

    def _holder(self, key: r.Key, uuid: str | None = None) -> int | None:
        """The trash entry, still in the trash, holding row `key` (the record `uuid`)."""
        for entry_id in self.payloads:
            row = self._rows(entry_id).get(key) if entry_id not in self.busy else None
            if row is not None and (uuid is None or row.get("uuid") == uuid):
                return entry_id
        return None

    def _there(self, key: r.Key, uuid: str | None) -> bool:
        """Whether row `key` exists and, when the delete noted its uuid, is still that record."""
        return r.exists(self.session, key) and (
            uuid is None or r.uuid_of(self.session, key) == uuid
        )

    def restore(self, entry: TrashEntry, restored: list[TrashView]) -> None:
        self.busy.add(entry.id)
        rows = self._rows(entry.id)
        refs = {(t, (key,)): uuid for t, key, uuid in self.payloads[entry.id].get("refs", [])}
        what = f"Cannot restore the {entry.kind} “{entry.label}”"
        for key, row in rows.items():
            self._check_free(key, row, what)
            for foreign_key in r.table(key[0]).foreign_keys:
                value = row[foreign_key.parent.name]
                target: r.Key = (foreign_key.column.table.name, (value,))
                if value is None or target in rows or self._there(target, refs.get(target)):
                    continue
                holder = self._holder(target, refs.get(target))
                if holder is None:
                    raise ValidationError(
                        "trash",
                        f"{what}: it refers to {target[0].replace('_', ' ')} {value}, "
                        "which is no longer in the database or the trash.",
                    )
                self.restore(_entry(self.session, holder), restored)
        for table_, row in r.in_order(rows):
            self.session.execute(insert(table_), [row])
        for change in self.payloads[entry.id]["changes"]:
            self._put_back(change)
        restored.append(_view(entry))
        self.session.delete(entry)
        self.session.flush()
        del self.payloads[entry.id]

    def _check_free(self, key: r.Key, row: r.Row, what: str) -> None:
        table_ = r.table(key[0])
        if r.exists(self.session, key) and r.renumberable(table_):
            del row["id"]  # a part of the record: it comes back under a new number
        elif r.exists(self.session, key):
            raise ValidationError(
                "trash", f"{what}: its number {key[1][0]} was given to another record since."
            )
        if "uuid" in table_.c:
            taken = select(table_.c.uuid).where(table_.c.uuid == row["uuid"])
            if self.session.execute(taken).first() is not None:
                raise ValidationError(
                    "trash", f"{what}: a record with its uuid {row['uuid']} exists again."
                )

    def _put_back(self, change: dict[str, Any]) -> None:
        """Undo what the delete changed in a row it kept, column by column, where nobody has
        changed it since; a row deleted since gets it in its own trash entry."""
        table_ = r.table(change["table"])
        key: r.Key = (table_.name, tuple(change["key"]))
        current = r.read(self.session, key)
        if current is None:
            holder = self._holder(key)
            if holder is not None:
                self._patch(holder, key, change["columns"])
            return
        values = {
            name: r.decode(before)
            for name, (before, after) in change["columns"].items()
            if r.encode(current[name]) == after and self._target_there(table_.name, name, before)
        }
        if values:
            # Putting a link back is no edit: the row keeps its `updated_at`.
            for column in table_.c:
                if column.onupdate is not None:
                    values.setdefault(column.name, current[column.name])
            where = r.key_where(table_, key)
            self.session.execute(update(table_).where(where).values(values))

    def _target_there(self, table_name: str, column: str, value: Any) -> bool:
        for foreign_key in r.table(table_name).c[column].foreign_keys:
            if value is not None:
                return r.exists(self.session, (foreign_key.column.table.name, (value,)))
        return True

    def _patch(self, holder: int, key: r.Key, columns: dict[str, list[Any]]) -> None:
        payload = self.payloads[holder]
        for item in payload["rows"]:
            row = r.decode_row(item["row"])
            if item["table"] == key[0] and r.key_of(r.table(key[0]), row) == key:
                for name, (before, after) in columns.items():
                    if item["row"][name] == after:
                        item["row"][name] = before
        entry = _entry(self.session, holder)
        entry.payload = json.dumps(payload)
