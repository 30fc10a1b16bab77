"""Drafts: what was typed into an open form and not yet saved, kept to be offered back later."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from organiser.models import Draft, utc_now

LABEL_LENGTH = 300


@dataclass(frozen=True)
class DraftView:
    """One kept draft. `record_id` is the record the form edits, None for a new one."""

    key: str
    form: str
    record_id: int | None
    label: str
    payload: dict[str, Any]
    saved_at: datetime


def save_draft(
    session: Session,
    key: str,
    form: str,
    record_id: int | None,
    label: str,
    payload: dict[str, Any],
) -> None:
    """Keep the form's state under `key`, replacing what was kept there before."""
    draft = session.scalars(select(Draft).where(Draft.key == key)).one_or_none()
    if draft is None:
        draft = Draft(key=key)
        session.add(draft)
    draft.form = form
    draft.record_id = record_id
    draft.label = label[:LABEL_LENGTH]
    draft.payload = json.dumps(payload, ensure_ascii=False)
    draft.saved_at = utc_now()  # onupdate alone would not fire when only the time is new


def _view(draft: Draft) -> DraftView:
    try:
        payload = json.loads(draft.payload)
    except ValueError:  # a damaged draft is offered empty rather than breaking the start
        payload = {}
    return DraftView(
        key=draft.key,
        form=draft.form,
        record_id=draft.record_id,
        label=draft.label,
        payload=payload if isinstance(payload, dict) else {},
        saved_at=draft.saved_at,
    )


def list_drafts(session: Session) -> list[DraftView]:
    """Every kept draft, the most recently typed first."""
    rows = session.scalars(select(Draft).order_by(Draft.saved_at.desc(), Draft.id.desc()))
    return [_view(draft) for draft in rows]


def get_draft(session: Session, key: str) -> DraftView | None:
    draft = session.scalars(select(Draft).where(Draft.key == key)).one_or_none()
    return _view(draft) if draft is not None else None


def discard_draft(session: Session, key: str) -> None:
    """Forget the draft under `key`; nothing happens when there is none."""
    session.execute(delete(Draft).where(Draft.key == key))
