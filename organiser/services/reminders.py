"""Reminders of an action (a hearing among them), a commitment or a letter awaiting a reply: at
a time, or N days before the record's own date; which are due, which were missed while the
program was closed, and marking them shown or done.

A reminder "N days before" follows its record: its time is worked out when asked, from the
action's start (an all-day action: 09:00 where it happens), or the commitment's due date
(09:00 in the organiser's zone), so that moving the action moves the reminder. A letter has
no date to count back from: its reminder is at a time. `due` reads the fixed reminders through
an index and the few relative ones with their record's dates: cheap enough for a timer.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from organiser.errors import ValidationError
from organiser.models import Action, Commitment, Letter, Reminder
from organiser.services import validation as v
from organiser.services.reminder_view import ReminderView
from organiser.services.timezones import check_zone, local_to_utc

TARGETS = ("action", "commitment", "letter")
MORNING = time(9, 0)  # when a reminder counted back from a day (not a time) falls
MOST_DAYS_BEFORE = 366
_AT = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}$")


@dataclass
class ReminderFields:
    """What a user gives: one target, and `at` (an aware time, or 'YYYY-MM-DD HH:MM' in
    `zone`) or `days_before`."""

    action_id: int | None = None
    commitment_id: int | None = None
    letter_id: int | None = None
    at: datetime | str | None = None
    days_before: int | str | None = None
    zone: str = "UTC"  # the zone `at` is written in, and the organiser's own
    note: str = ""


def _target(data: ReminderFields) -> tuple[str, int]:
    given = [
        (kind, key)
        for kind, key in zip(
            TARGETS, (data.action_id, data.commitment_id, data.letter_id), strict=True
        )
        if key is not None
    ]
    if len(given) != 1:
        raise ValidationError(
            "target", "A reminder is of one record: an action, a commitment or a letter."
        )
    return given[0]


def _parse_at(value: datetime | str, zone: str) -> datetime:
    if isinstance(value, datetime):
        if value.tzinfo is None:
            raise ValidationError("at", "The reminder's time needs its time zone.")
        return value.astimezone(UTC)
    text = value.strip()
    if not _AT.match(text):
        raise ValidationError(
            "at", f"'{text}' is not a time; write it as YYYY-MM-DD HH:MM (or YYYY-MM-DDTHH:MM)."
        )
    try:
        naive = datetime.fromisoformat(text.replace(" ", "T"))
    except ValueError:
        raise ValidationError("at", f"'{text}' is not a time that exists.") from None
    return local_to_utc(naive, zone, "at", "The reminder's time")


def _parse_days(value: int | str) -> int:
    try:
        days = int(value)
    except ValueError:
        raise ValidationError("days_before", f"'{value}' is not a whole number of days.") from None
    if not 0 <= days <= MOST_DAYS_BEFORE:
        raise ValidationError(
            "days_before", f"Days before must be from 0 to {MOST_DAYS_BEFORE}, not {days}."
        )
    return days


def _counted_from(record: Any, zone: str) -> datetime | None:
    """The instant a relative reminder counts back from: the action's start, the commitment's
    due day; None when the record has no date (an action not yet dated)."""
    if isinstance(record, Action):
        if record.starts_at is not None:
            return record.starts_at.astimezone(UTC)
        return _morning(record.start_date, record.timezone or "UTC")
    if isinstance(record, Commitment):
        return _morning(record.due_date, zone)
    return None


def _morning(day: date | None, zone: str) -> datetime | None:
    if day is None:
        return None
    return datetime.combine(day, MORNING, ZoneInfo(zone)).astimezone(UTC)


def add_reminder(session: Session, data: ReminderFields) -> ReminderView:
    """A new reminder; the record must exist, and a relative one must have a date to count
    back from."""
    kind, key = _target(data)
    zone = check_zone(data.zone, "zone")
    record = v.get_or_raise(
        session, {"action": Action, "commitment": Commitment, "letter": Letter}[kind], key, kind
    )
    if (data.at is None or data.at == "") == (data.days_before is None or data.days_before == ""):
        raise ValidationError(
            "at", "Give the reminder a time (--at) or a number of days before (--days-before)."
        )
    reminder = Reminder(note=v.optional_text(data.note, "note", "Note", 2000))
    setattr(reminder, f"{kind}_id", key)
    if data.at is not None and data.at != "":
        reminder.remind_at = _parse_at(data.at, zone)
    else:
        assert data.days_before is not None
        if kind == "letter":
            raise ValidationError(
                "days_before", "A letter has no date to count back from: give its reminder a time."
            )
        if _counted_from(record, zone) is None:
            raise ValidationError(
                "days_before", "This action is not dated yet: give its reminder a time."
            )
        reminder.days_before = _parse_days(data.days_before)
    session.add(reminder)
    session.flush()
    return _views(session, [reminder], zone)[0]


def _record_of(session: Session, reminder: Reminder) -> tuple[str, Any]:
    for kind, model in (("action", Action), ("commitment", Commitment), ("letter", Letter)):
        key = getattr(reminder, f"{kind}_id")
        if key is not None:
            return kind, session.get(model, key)
    raise AssertionError("a reminder without a target")  # the table's check forbids it


def _title(kind: str, record: Any) -> str:
    if kind == "action":
        return str(record.title)
    if kind == "commitment":
        name = record.organisation.name if record.organisation else record.organisation_name
        return f"{name}: {record.what}" if name else str(record.what)
    return str(record.subject)


def _views(session: Session, reminders: Iterable[Reminder], zone: str) -> list[ReminderView]:
    found = []
    for reminder in reminders:
        kind, record = _record_of(session, reminder)
        if reminder.remind_at is not None:
            due_at: datetime | None = reminder.remind_at
        else:
            start = _counted_from(record, zone)
            due_at = start - timedelta(days=reminder.days_before or 0) if start else None
        found.append(
            ReminderView(
                reminder.id, kind, record.id, _title(kind, record), reminder.remind_at,
                reminder.days_before, due_at, reminder.note, reminder.created_at,
                reminder.shown_at, reminder.done_at,
            )
        )  # fmt: skip
    return found


def _pending() -> Select[Reminder]:
    return select(Reminder).where(Reminder.done_at.is_(None))


def list_reminders(
    session: Session, zone: str = "UTC", include_done: bool = False, limit: int = 1000
) -> list[ReminderView]:
    """The reminders (not those done, unless asked), the soonest first."""
    query = select(Reminder) if include_done else _pending()
    reminders = session.scalars(query.order_by(Reminder.id).limit(limit)).all()
    views = _views(session, reminders, zone)
    return sorted(
        views, key=lambda r: (r.due_at is None, r.due_at or datetime.max.replace(tzinfo=UTC), r.id)
    )


def due(session: Session, now: datetime, zone: str = "UTC") -> list[ReminderView]:
    """Reminders whose time has come and that are not done (shown already or not)."""
    fixed = _pending().where(Reminder.remind_at <= now)
    relative = _pending().where(Reminder.days_before.is_not(None))
    reminders = [*session.scalars(fixed), *session.scalars(relative)]
    views = [r for r in _views(session, reminders, zone) if r.is_due(now)]
    return sorted(views, key=lambda r: (r.due_at, r.id))


def to_notify(session: Session, now: datetime, zone: str = "UTC") -> list[ReminderView]:
    """Due and never shown: what a notice should tell now."""
    return [r for r in due(session, now, zone) if r.shown_at is None]


def missed(session: Session, started_at: datetime, zone: str = "UTC") -> list[ReminderView]:
    """Due before the program started and never shown: missed while it was closed."""
    return to_notify(session, started_at, zone)


def mark_shown(session: Session, ids: Iterable[int], now: datetime) -> None:
    for reminder in session.scalars(select(Reminder).where(Reminder.id.in_(list(ids)))):
        if reminder.shown_at is None:
            reminder.shown_at = now


def mark_done(session: Session, reminder_id: int, now: datetime) -> None:
    reminder = v.get_or_raise(session, Reminder, reminder_id, "reminder")
    if reminder.done_at is None:
        reminder.done_at = now
        reminder.shown_at = reminder.shown_at or now


def delete_reminder(session: Session, reminder_id: int) -> None:
    session.delete(v.get_or_raise(session, Reminder, reminder_id, "reminder"))


def count_pending(session: Session) -> int:
    return (
        session.scalar(select(func.count()).select_from(Reminder).where(Reminder.done_at.is_(None)))
        or 0
    )
