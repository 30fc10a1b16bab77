"""Commitments: what an affiliate pledged to a campaign, perhaps for one action, and whether it was
kept — its status, the date it was fulfilled and the evidence (a note, a link, a file)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Select, case, func, select, update
from sqlalchemy.orm import Session

from organiser.errors import ValidationError
from organiser.models import (
    Action,
    Attachment,
    Campaign,
    Commitment,
    CommitmentStatus,
    Letter,
    Organisation,
)
from organiser.services import trash
from organiser.services import validation as v
from organiser.services.attachments import store_attachment
from organiser.services.listing import page_ids, text_matches
from organiser.services.trash import TrashView

OPEN_STATUSES = (CommitmentStatus.PLEDGED, CommitmentStatus.IN_PROGRESS)
_URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)


@dataclass(frozen=True)
class EvidenceFile:
    """A photo or document given as evidence, to keep in the database."""

    name: str
    data: bytes
    media_type: str = ""


@dataclass
class CommitmentFields:
    """What a user types for a commitment; services validate it."""

    campaign_id: int | None = None
    organisation_id: int | None = None
    action_id: int | None = None
    what: str = ""
    due_date: date | str | None = None
    status: CommitmentStatus | str = CommitmentStatus.PLEDGED
    fulfilled_on: date | str | None = None
    evidence: str = ""
    evidence_url: str = ""
    evidence_file: EvidenceFile | None = None
    remove_evidence_file: bool = False
    number: int | str | None = None  # its number in the resolution; None or '' when none
    source_letter_id: int | None = None
    joint_pledgers: str = ""


@dataclass(frozen=True)
class CommitmentView:
    id: int
    uuid: str
    campaign_id: int
    campaign_title: str
    organisation_id: int | None  # None once the organisation is deleted; its name stays
    organisation_name: str
    action_id: int | None
    action_title: str
    what: str
    due_date: date | None
    status: CommitmentStatus
    fulfilled_on: date | None
    evidence: str
    evidence_url: str
    evidence_file_id: int | None
    evidence_file_name: str
    number: int | None
    source_letter_id: int | None
    source_letter_subject: str
    joint_pledgers: str
    overdue: bool
    version: int
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True)
class CommitmentFilter:
    """Which commitments a list shows; every criterion given must hold."""

    campaign_id: int | None = None
    organisation_id: int | None = None
    action_id: int | None = None
    status: CommitmentStatus | None = None
    overdue: bool = False
    due_this_week: bool = False


def is_overdue(due: date | None, status: CommitmentStatus, today: date) -> bool:
    return due is not None and due < today and status in OPEN_STATUSES


def week_of(today: date) -> tuple[date, date]:
    """Monday to Sunday of the week `today` is in."""
    monday = today - timedelta(days=today.weekday())
    return monday, monday + timedelta(days=6)


def _check_url(text: str) -> str:
    url = v.optional_text(text, "evidence_url", "Link", 2000)
    if url and not _URL.match(url):
        raise ValidationError(
            "evidence_url", f"'{url}' is not a web link; it should start with https://."
        )
    return url


def _check_fulfilment(status: CommitmentStatus, on: date | None, today: date) -> date | None:
    """A fulfilled commitment has the day it was kept (today if not given), not in the future;
    other statuses have none."""
    if status is not CommitmentStatus.FULFILLED:
        if on is not None:
            raise ValidationError(
                "fulfilled_on", "Only a fulfilled commitment has a date it was fulfilled."
            )
        return None
    on = on or today
    if on > today:
        raise ValidationError(
            "fulfilled_on", f"The date it was fulfilled ({on.isoformat()}) is in the future."
        )
    return on


def _check_action(session: Session, action_id: int | None, campaign_id: int) -> int | None:
    action = v.reference(session, Action, action_id, "action_id", "action")
    if action is not None and action.campaign_id != campaign_id:
        raise ValidationError(
            "action_id", f"The action '{action.title}' belongs to another campaign."
        )
    return action.id if action else None


def _check_source(session: Session, letter_id: int | None, campaign_id: int) -> int | None:
    letter = v.reference(session, Letter, letter_id, "source_letter_id", "letter")
    if letter is not None and letter.campaign_id != campaign_id:
        raise ValidationError(
            "source_letter_id", f"The letter '{letter.subject}' belongs to another campaign."
        )
    return letter.id if letter else None


MOST_NUMBER = 9999


def _apply_organisation(session: Session, record: Commitment, organisation_id: int | None) -> None:
    """The affiliate, whose name the commitment keeps; one whose organisation has been deleted
    since may be saved as it is, under the name it kept."""
    if organisation_id is None:
        if record.id is not None and record.organisation_id is None:
            return
        raise ValidationError("organisation_id", "Choose the affiliate that made the commitment.")
    organisation = v.reference(
        session, Organisation, organisation_id, "organisation_id", "organisation"
    )
    assert organisation is not None
    record.organisation_id, record.organisation_name = organisation.id, organisation.name


def keep_organisation_name(session: Session, organisation_id: int, name: str) -> None:
    """An organisation renamed: its commitments keep the new name (for after it is deleted)."""
    session.execute(
        update(Commitment)
        .where(Commitment.organisation_id == organisation_id)
        .values(organisation_name=name),
        execution_options={"synchronize_session": "fetch"},
    )


def _apply(session: Session, record: Commitment, data: CommitmentFields, today: date) -> None:
    if data.campaign_id is None:
        raise ValidationError("campaign_id", "Choose the campaign the commitment is for.")
    campaign = v.reference(session, Campaign, data.campaign_id, "campaign_id", "campaign")
    assert campaign is not None
    _apply_organisation(session, record, data.organisation_id)
    record.campaign_id = campaign.id
    record.action_id = _check_action(session, data.action_id, campaign.id)
    record.what = v.require_text(data.what, "what", "What was promised", 2000)
    record.due_date = v.parse_date(data.due_date, "due_date", "Due date")
    record.status = v.parse_enum(CommitmentStatus, data.status, "status", "Status")
    fulfilled = v.parse_date(data.fulfilled_on, "fulfilled_on", "Fulfilled on")
    record.fulfilled_on = _check_fulfilment(record.status, fulfilled, today)
    record.evidence = v.optional_text(data.evidence, "evidence", "Evidence")
    record.evidence_url = _check_url(data.evidence_url)
    _apply_file(session, record, data)
    record.number = v.whole_number(
        data.number, "number", "a number in the resolution", MOST_NUMBER, "3"
    )
    record.source_letter_id = _check_source(session, data.source_letter_id, campaign.id)
    record.joint_pledgers = v.optional_text(
        data.joint_pledgers, "joint_pledgers", "Pledged jointly with", 500
    )


def _apply_file(session: Session, record: Commitment, data: CommitmentFields) -> None:
    if data.evidence_file is not None:
        if not data.evidence_file.data:
            raise ValidationError("evidence_file", f"{data.evidence_file.name} is empty.")
        stored = store_attachment(
            session,
            data.evidence_file.name,
            data.evidence_file.data,
            data.evidence_file.media_type,
            "evidence_file",
        )
        record.evidence_file_id = stored.id
    elif data.remove_evidence_file:
        record.evidence_file_id = None


def create_commitment(
    session: Session, data: CommitmentFields, today: date | None = None
) -> CommitmentView:
    record = Commitment()
    with session.no_autoflush:
        _apply(session, record, data, today or date.today())
    session.add(record)
    session.flush()
    return get_commitment(session, record.id, today)


def update_commitment(
    session: Session,
    commitment_id: int,
    data: CommitmentFields,
    expected_version: int,
    today: date | None = None,
) -> CommitmentView:
    record = v.get_or_raise(session, Commitment, commitment_id, "commitment")
    v.check_version(record, expected_version, "commitment")
    with session.no_autoflush:
        _apply(session, record, data, today or date.today())
    session.flush()
    return get_commitment(session, record.id, today)


def set_status(
    session: Session,
    commitment_id: int,
    status: CommitmentStatus | str,
    on: date | str | None = None,
    evidence: str | None = None,
    *,
    expected_version: int,
    today: date | None = None,
) -> CommitmentView:
    """Move a commitment to a new status; a fulfilled one gets its date (today if not given)."""
    record = v.get_or_raise(session, Commitment, commitment_id, "commitment")
    v.check_version(record, expected_version, "commitment")
    new_status = v.parse_enum(CommitmentStatus, status, "status", "Status")
    fulfilled = v.parse_date(on, "fulfilled_on", "Fulfilled on")
    record.fulfilled_on = _check_fulfilment(new_status, fulfilled, today or date.today())
    record.status = new_status
    if evidence is not None:
        record.evidence = v.optional_text(evidence, "evidence", "Evidence")
    session.flush()
    return get_commitment(session, record.id, today)


def delete_commitment(session: Session, commitment_id: int) -> TrashView:
    record = v.get_or_raise(session, Commitment, commitment_id, "commitment")
    return trash.discard(session, "commitment", commitment_id, lambda: session.delete(record))


# The live name while the organisation exists, else the name the commitment kept.
_AFFILIATE_NAME = func.coalesce(Organisation.name, Commitment.organisation_name)


def _query() -> Any:  # a Select of (Commitment, campaign, organisation, action, file, source)
    return (
        select(
            Commitment,
            Campaign.title,
            _AFFILIATE_NAME,
            Action.title,
            Attachment.name,
            Letter.subject,
        )
        .join(Campaign, Commitment.campaign_id == Campaign.id)
        .outerjoin(Organisation, Commitment.organisation_id == Organisation.id)
        .outerjoin(Action, Commitment.action_id == Action.id)
        .outerjoin(Attachment, Commitment.evidence_file_id == Attachment.id)
        .outerjoin(Letter, Commitment.source_letter_id == Letter.id)
    )


def _filtered(query: Select[Any], criteria: CommitmentFilter, today: date) -> Select[Any]:
    if criteria.campaign_id is not None:
        query = query.where(Commitment.campaign_id == criteria.campaign_id)
    if criteria.organisation_id is not None:
        query = query.where(Commitment.organisation_id == criteria.organisation_id)
    if criteria.action_id is not None:
        query = query.where(Commitment.action_id == criteria.action_id)
    if criteria.status is not None:
        query = query.where(Commitment.status == criteria.status)
    if criteria.overdue:
        query = query.where(Commitment.due_date < today, Commitment.status.in_(OPEN_STATUSES))
    if criteria.due_this_week:
        monday, sunday = week_of(today)
        query = query.where(Commitment.due_date.between(monday, sunday))
    return query


def _view(row: Any, today: date) -> CommitmentView:
    record, campaign_title, organisation_name, action_title, file_name, source = row
    return CommitmentView(
        id=record.id,
        uuid=record.uuid,
        campaign_id=record.campaign_id,
        campaign_title=campaign_title,
        organisation_id=record.organisation_id,
        organisation_name=organisation_name,
        action_id=record.action_id,
        action_title=action_title or "",
        what=record.what,
        due_date=record.due_date,
        status=record.status,
        fulfilled_on=record.fulfilled_on,
        evidence=record.evidence,
        evidence_url=record.evidence_url,
        evidence_file_id=record.evidence_file_id,
        evidence_file_name=file_name or "",
        number=record.number,
        source_letter_id=record.source_letter_id,
        source_letter_subject=source or "",
        joint_pledgers=record.joint_pledgers,
        overdue=is_overdue(record.due_date, record.status, today),
        version=record.version,
        created_at=record.created_at,
        updated_at=record.updated_at,
    )


def get_commitment(
    session: Session, commitment_id: int, today: date | None = None
) -> CommitmentView:
    row = session.execute(_query().where(Commitment.id == commitment_id)).first()
    if row is None:
        raise v.not_found("commitment", commitment_id)
    return _view(row, today or date.today())


def _sort_key(sort: str) -> Any:
    keys = {
        "affiliate": func.lower(_AFFILIATE_NAME),
        "campaign": func.lower(Campaign.title),
        "what": func.lower(Commitment.what),
        "action": func.lower(Action.title),
        "due": Commitment.due_date,
        "status": case(
            {s.value: n for n, s in enumerate(CommitmentStatus)}, value=Commitment.status
        ),
        "fulfilled_on": Commitment.fulfilled_on,
        "number": Commitment.number,
        # As the column shows it (the text, the link, the file's name); none at all: last.
        "evidence": func.nullif(
            func.lower(
                Commitment.evidence + Commitment.evidence_url + func.coalesce(Attachment.name, "")
            ),
            "",
        ),
    }
    if sort not in keys:
        raise ValidationError("sort", f"Commitments cannot be sorted by '{sort}'.")
    return keys[sort]


# What a sort key or the filter box reads besides the commitment: only those are joined.
_SORT_JOINS = {"affiliate": ("organisation",), "campaign": ("campaign",), "action": ("action",),
               "evidence": ("attachment",)}  # fmt: skip
_TEXT_JOINS = ("organisation", "campaign", "action")


def _joined(query: Select[Any], needed: set[str]) -> Select[Any]:
    if "campaign" in needed:
        query = query.join(Campaign, Commitment.campaign_id == Campaign.id)
    if "organisation" in needed:
        query = query.outerjoin(Organisation, Commitment.organisation_id == Organisation.id)
    if "action" in needed:
        query = query.outerjoin(Action, Commitment.action_id == Action.id)
    if "attachment" in needed:
        query = query.outerjoin(Attachment, Commitment.evidence_file_id == Attachment.id)
    return query


def _row_ids(
    column: Any, criteria: CommitmentFilter, today: date, text: str, sort: str | None = None
) -> Select[Any]:
    """`column` (the id, or a count) of the commitments asked for; a table joined only when the
    sort or the text needs it (a join keeps SQLite from walking the due dates' index)."""
    text = text.strip()
    needed = set(_SORT_JOINS.get(sort or "", ())) | (set(_TEXT_JOINS) if text else set())
    query = _filtered(_joined(select(column).select_from(Commitment), needed), criteria, today)
    if text:
        shown = [_AFFILIATE_NAME, Campaign.title, Commitment.what, Action.title]
        query = query.where(text_matches(shown, text))
    return query


def list_commitments(
    session: Session,
    criteria: CommitmentFilter | None = None,
    today: date | None = None,
    offset: int = 0,
    limit: int | None = None,
    sort: str = "due",
    descending: bool = False,
    text: str = "",
) -> list[CommitmentView]:
    """Commitments in the order asked (by default by due date), empty values last, then by id
    so that pages never overlap; a page of them with `offset` and `limit`, only the page's
    commitments read; with `text`, those holding it in a column the page shows (affiliate,
    campaign, what was promised, action)."""
    today = today or date.today()
    key = _sort_key(sort)
    criteria = criteria or CommitmentFilter()
    if limit is None and not offset and not text.strip():  # every one: a single query
        query = _filtered(_query(), criteria, today).order_by(
            key.is_(None), key.desc() if descending else key, Commitment.id
        )
        return [_view(row, today) for row in session.execute(query)]
    ids = page_ids(
        session, _row_ids(Commitment.id, criteria, today, text, sort), key, descending,
        Commitment.id, offset, limit, empty_last=True,
    )  # fmt: skip
    return commitments_of(session, ids, today)


IDS_PER_QUERY = 500  # well under SQLite's limit of bound parameters


def commitments_of(
    session: Session, ids: Sequence[int], today: date | None = None
) -> list[CommitmentView]:
    """The commitments with these ids, in the order given; one deleted meanwhile is left out."""
    today = today or date.today()
    found: dict[int, CommitmentView] = {}
    for first in range(0, len(ids), IDS_PER_QUERY):
        query = _query().where(Commitment.id.in_(ids[first : first + IDS_PER_QUERY]))
        for row in session.execute(query):
            found[row[0].id] = _view(row, today)
    return [found[key] for key in ids if key in found]


def count_commitments(
    session: Session,
    criteria: CommitmentFilter | None = None,
    today: date | None = None,
    text: str = "",
) -> int:
    query = _row_ids(
        func.count(Commitment.id), criteria or CommitmentFilter(), today or date.today(), text
    )
    return session.scalar(query) or 0


def organisations_with_commitments(session: Session) -> list[tuple[int, str]]:
    """(id, name) of every organisation that promised something, by name: the affiliate filter."""
    query = (
        select(Organisation.id, Organisation.name)
        .where(Organisation.id.in_(select(Commitment.organisation_id)))
        .order_by(func.lower(Organisation.name))
    )
    return [(key, name) for key, name in session.execute(query)]


def organisation_choices(session: Session) -> list[tuple[int, str]]:
    """(id, name) of every organisation, by name, for the commitment form."""
    query = select(Organisation.id, Organisation.name).order_by(func.lower(Organisation.name))
    return [(key, name) for key, name in session.execute(query)]


def campaign_choices(session: Session) -> list[tuple[int, str]]:
    query = select(Campaign.id, Campaign.title).order_by(func.lower(Campaign.title))
    return [(key, title) for key, title in session.execute(query)]


def action_choices(session: Session, campaign_id: int) -> list[tuple[int, date | None, str]]:
    """(id, start date or None when not dated yet, title) of a campaign's actions, by date (the
    form says "to be dated" in the window's language)."""
    query = (
        select(Action.id, Action.start_date, Action.title)
        .where(Action.campaign_id == campaign_id)
        .order_by(Action.start_date, Action.id)
    )
    return [(key, start, title) for key, start, title in session.execute(query)]


def letter_choices(session: Session, campaign_id: int) -> list[tuple[int, str]]:
    """(id, 'date — subject') of a campaign's letters and resolutions, newest first: where a
    commitment may come from."""
    query = (
        select(Letter.id, Letter.subject, Letter.letter_date)
        .where(Letter.campaign_id == campaign_id)
        .order_by(Letter.letter_date.desc().nulls_last(), Letter.id)
    )
    return [
        (key, f"{day.isoformat()} — {subject}" if day else subject)
        for key, subject, day in session.execute(query)
    ]
