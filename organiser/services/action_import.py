"""Importing events from other calendars as actions of one campaign; a re-import updates them.
An .ics file is read and previewed (what each event would become) before anything is written."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Protocol

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from organiser import store
from organiser.errors import ValidationError
from organiser.models import Action, Campaign, DatePrecision
from organiser.services import backups
from organiser.services import validation as v
from organiser.services.actions import ActionFields, campaign_warnings, stage_action
from organiser.services.campaigns import list_campaigns

OUR_UID_DOMAIN = "@campaign-organiser"


class ImportableEvent(Protocol):
    """An event read from a file (formats.ics_read.IcsEvent is one)."""

    @property
    def uid(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def all_day(self) -> bool: ...
    @property
    def start(self) -> date | datetime: ...
    @property
    def end(self) -> date | datetime | None: ...
    @property
    def timezone(self) -> str: ...
    @property
    def location(self) -> str: ...
    @property
    def status(self) -> str: ...
    @property
    def notes(self) -> str: ...
    @property
    def ongoing(self) -> bool: ...
    @property
    def month_only(self) -> bool: ...
    @property
    def line(self) -> int: ...


@dataclass(frozen=True)
class PlannedImport:
    """What an import would do with one event: 'new' or 'update' (of action `action_id`)."""

    event: ImportableEvent
    change: str
    action_id: int | None


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class CalendarRead:
    """The events of one calendar file, and what its reader warns of."""

    source: str  # the file's name, for messages
    events: tuple[ImportableEvent, ...]
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class CalendarImportPreview:
    """What importing a calendar file would do, and the campaigns it could go into."""

    read: CalendarRead
    plan: list[PlannedImport]
    campaigns: list[tuple[int, str]]

    @property
    def new_count(self) -> int:
        return sum(1 for planned in self.plan if planned.change == "new")

    @property
    def update_count(self) -> int:
        return len(self.plan) - self.new_count


def read_calendar(path: str | os.PathLike[str], zone: str) -> CalendarRead:
    """The file's events, floating times taken to be in `zone`: a regular file of bounded size,
    checked before reading and bounded while parsing; every refusal names the file."""
    # Imported on use: iCalendar costs a tenth of a second at the window's start-up.
    from organiser.formats.ics_read import read_calendar_file

    read = read_calendar_file(path, zone)
    return CalendarRead(Path(path).name, tuple(read.events), read.warnings)


def preview_read(
    session: Session, read: CalendarRead, campaign_id: int | None = None
) -> CalendarImportPreview:
    """What importing the events read would do (into `campaign_id`, which must exist, if
    given); nothing is written."""
    if campaign_id is not None:
        v.get_or_raise(session, Campaign, campaign_id, "campaign")
    campaigns = [(c.id, c.title) for c in list_campaigns(session)]
    return CalendarImportPreview(read, plan_import(session, read.events), campaigns)


def preview_calendar_file(
    session: Session, path: str | os.PathLike[str], zone: str
) -> CalendarImportPreview:
    """Read the file and plan its import; nothing is written."""
    return preview_read(session, read_calendar(path, zone))


def import_read(
    engine: Engine,
    campaign_id: int,
    read: CalendarRead,
    report: Callable[[int, int], None] | None = None,
) -> ImportResult:
    """The events read (and previewed) imported as one unit of work, after a backup (none if
    the campaign does not exist). The reader's warnings stay the read's: the doors show them
    as soon as the file is read."""
    with store.transaction(engine) as session:
        v.get_or_raise(session, Campaign, campaign_id, "campaign")
    return import_events_into(engine, campaign_id, read.events, report, read.source)


def _existing(session: Session, uids: Sequence[str]) -> dict[str, int]:
    """Actions already imported (by their iCalendar UID) or exported by us (by their UUID)."""
    found: dict[str, int] = {}
    for chunk_start in range(0, len(uids), 500):
        chunk = list(uids[chunk_start : chunk_start + 500])
        query = select(Action.ical_uid, Action.id).where(Action.ical_uid.in_(chunk))
        found.update({str(uid): key for uid, key in session.execute(query)})
        ours = {uid.removesuffix(OUR_UID_DOMAIN): uid for uid in chunk if _is_ours(uid)}
        if ours:
            query = select(Action.uuid, Action.id).where(Action.uuid.in_(list(ours)))
            found.update({ours[uuid]: key for uuid, key in session.execute(query)})
    return found


def _is_ours(uid: str) -> bool:
    return uid.endswith(OUR_UID_DOMAIN) and len(uid) == 36 + len(OUR_UID_DOMAIN)


def plan_import(session: Session, events: Sequence[ImportableEvent]) -> list[PlannedImport]:
    existing = _existing(session, [event.uid for event in events])
    return [
        PlannedImport(event, "update" if event.uid in existing else "new", existing.get(event.uid))
        for event in events
    ]


def fields_from(event: ImportableEvent, campaign_id: int) -> ActionFields:
    """An event as an action's fields; one of our exports' ongoing or month-only actions comes
    back as it went (its end there is only the day it was exported, or the month's end)."""
    month_only = event.month_only and not isinstance(event.start, datetime)
    return ActionFields(
        campaign_id=campaign_id,
        kind=event.kind,
        title=event.title[:300],
        start=event.start,
        end=None if event.ongoing or month_only else event.end,
        ongoing=event.ongoing and not month_only,
        date_precision=DatePrecision.MONTH if month_only else DatePrecision.DAY,
        timezone=event.timezone,
        location=event.location[:500],
        status=event.status,
        notes=event.notes,
        ical_uid=event.uid[:500],
    )


def _records(session: Session, keys: Sequence[int]) -> dict[int, Action]:
    """The actions a re-import updates, read 500 at a time rather than one by one: the import
    holds the write lock meanwhile, and other writers wait for it."""
    found: dict[int, Action] = {}
    for start in range(0, len(keys), 500):
        chunk = list(keys[start : start + 500])
        found.update({a.id: a for a in session.scalars(select(Action).where(Action.id.in_(chunk)))})
    return found


def import_events_into(
    engine: Engine,
    campaign_id: int,
    events: Sequence[ImportableEvent],
    report: Callable[[int, int], None] | None = None,
    source: str = "",
) -> ImportResult:
    """The import as one unit of work, after a backup of the database as it was."""
    backups.back_up_before_bulk_write(engine)
    with store.transaction(engine, write=True) as session:
        return import_events(session, campaign_id, events, report, source)


def import_events(
    session: Session,
    campaign_id: int,
    events: Sequence[ImportableEvent],
    report: Callable[[int, int], None] | None = None,
    source: str = "",
) -> ImportResult:
    """Create or update one action per event; any refused event stops the whole import
    (the caller's transaction then writes nothing). An update keeps the action's campaign.
    `report(done, total)` is called now and then; it may raise to stop the import. `source`
    (the file's name) begins a refusal's message."""
    v.get_or_raise(session, Campaign, campaign_id, "campaign")
    created = updated = 0
    warnings: list[str] = []
    plan = plan_import(session, events)
    records = _records(session, [p.action_id for p in plan if p.action_id is not None])
    for number, planned in enumerate(plan, 1):
        data = fields_from(planned.event, campaign_id)
        record = records.get(planned.action_id) if planned.action_id else None
        if record is not None:
            data.campaign_id = record.campaign_id
        try:
            staged, campaign = stage_action(session, data, record)
        except ValidationError as error:
            where = f"'{planned.event.title[:60]}' (line {planned.event.line})"
            message = f"The event {where} cannot be imported: {error}"
            raise ValidationError("file", f"{source}: {message}" if source else message) from None
        created, updated = (created, updated + 1) if record else (created + 1, updated)
        if staged.start_date is not None and staged.end_date is not None:
            found = campaign_warnings(campaign, staged.start_date, staged.end_date)
            warnings.extend(w for w in found if w not in warnings)
        if number % 500 == 0:
            session.flush()
            if report is not None:
                report(number, len(events))
    session.flush()
    if report is not None:
        report(len(events), len(events))
    return ImportResult(created, updated, tuple(warnings))
