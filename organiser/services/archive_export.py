"""Records as archive JSON: everything, or one campaign with the world it refers to."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from organiser.errors import NotFound
from organiser.models import Attachment, Campaign, Situation, situation_campaign
from organiser.services.archive_kinds import BY_NAME, KINDS, Kind, child_columns, to_json

IdSets = dict[str, set[int]]


class UuidIndex:
    """Id -> UUID of every record of each kind, read once per export or import."""

    def __init__(self, session: Session) -> None:
        self.by_id: dict[str, dict[int, str]] = {}
        self.by_uuid: dict[str, dict[str, int]] = {}
        for kind in KINDS:
            rows = session.execute(select(kind.model.id, kind.model.uuid)).all()
            self.by_id[kind.name] = {key: uuid for key, uuid in rows}
            self.by_uuid[kind.name] = {uuid: key for key, uuid in rows}

    def uuid(self, kind: str, key: int | None) -> str | None:
        return None if key is None else self.by_id[kind].get(key)


def encode(kind: Kind, record: Any, index: UuidIndex) -> dict[str, Any]:
    """One record as JSON values: its columns, its references as UUIDs, its children inside."""
    fields = {c.key: to_json(c, getattr(record, c.key)) for c in kind.columns()}
    for ref in kind.refs:
        fields[ref.key] = index.uuid(ref.kind, getattr(record, ref.column))
    for children in kind.children:
        rows = []
        for child in getattr(record, children.relationship):
            row = {c.key: to_json(c, getattr(child, c.key)) for c in child_columns(children)}
            row.update({r.key: index.uuid(r.kind, getattr(child, r.column)) for r in children.refs})
            rows.append(row)
        if not hasattr(children.model, "position"):
            rows.sort(key=repr)
        fields[children.key] = rows
    for link in kind.links:
        linked = [index.uuid(link.kind, other.id) for other in getattr(record, link.relationship)]
        fields[link.key] = sorted(u for u in linked if u is not None)
    return fields


def collect(
    session: Session, ids: IdSets | None, index: UuidIndex
) -> dict[str, dict[str, dict[str, Any]]]:
    """`records[kind][uuid]` for the records named in `ids` (every record when None)."""
    records: dict[str, dict[str, dict[str, Any]]] = {}
    for kind in KINDS:
        query = select(kind.model)
        if ids is not None:
            query = query.where(kind.model.id.in_(sorted(ids.get(kind.name, set()))))
        found = session.scalars(query.order_by(kind.model.id)).all()
        records[kind.name] = {r.uuid: encode(kind, r, index) for r in found}
    return records


def attachment_bytes(session: Session, ids: Iterable[int] | None) -> dict[str, bytes]:
    query = select(Attachment.uuid, Attachment.data)
    if ids is not None:
        query = query.where(Attachment.id.in_(sorted(ids)))
    return {uuid: bytes(data) for uuid, data in session.execute(query)}


def campaign_world(session: Session, campaign_id: int) -> IdSets:
    """The ids of one campaign and of everything its records refer to, followed to the end."""
    if session.get(Campaign, campaign_id) is None:
        raise NotFound(f"There is no campaign {campaign_id}.")
    ids: IdSets = {kind.name: set() for kind in KINDS}
    ids["campaigns"].add(campaign_id)
    for name in ("actions", "commitments", "letters", "templates"):
        model = BY_NAME[name].model
        found = session.scalars(select(model.id).where(model.campaign_id == campaign_id))
        ids[name].update(found)
    concerning = select(situation_campaign.c.situation_id).where(
        situation_campaign.c.campaign_id == campaign_id
    )
    ids["situations"].update(
        session.scalars(select(Situation.id).where(Situation.id.in_(concerning)))
    )
    _follow_references(session, ids)
    return ids


def _follow_references(session: Session, ids: IdSets) -> None:
    """Add what the chosen records refer to, until nothing new turns up."""
    changed = True
    while changed:
        changed = False
        for kind in KINDS:
            if not ids[kind.name]:
                continue
            for record in session.scalars(
                select(kind.model).where(kind.model.id.in_(ids[kind.name]))
            ):
                targets = [(r.kind, getattr(record, r.column)) for r in kind.refs]
                for children in kind.children:
                    for child in getattr(record, children.relationship):
                        targets += [(r.kind, getattr(child, r.column)) for r in children.refs]
                for name, key in targets:
                    if key is not None and key not in ids[name]:
                        ids[name].add(key)
                        changed = True
