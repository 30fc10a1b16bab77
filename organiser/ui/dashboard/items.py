"""The Dashboard's items in the user's language: when an action is (where it happens and in
the organiser's own zone), what is due or overdue, how long a letter has waited."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication, QDate, QLocale, QTime

from organiser.services.dashboard_view import (
    ActionItem,
    CampaignItem,
    CommitmentItem,
    LetterItem,
    PersonItem,
)
from organiser.services.reminder_view import ReminderView
from organiser.services.timezones import short_zone_name
from organiser.ui.dashboard.section import Entry
from organiser.ui.labels import enum_label
from organiser.ui.people.day_counts import held_text, hunger_strike_text

CONTEXT = "Dashboard"


def _tr(text: str, n: int = -1) -> str:
    return QCoreApplication.translate(CONTEXT, text, "", n)


def day_text(day: date) -> str:
    """'Sat 5 Dec' in the user's language."""
    return QLocale().toString(QDate(day.year, day.month, day.day), "ddd d MMM")


def full_day_text(day: date) -> str:
    return QLocale().toString(QDate(day.year, day.month, day.day), QLocale.FormatType.LongFormat)


def time_text(moment: datetime) -> str:
    return QLocale().toString(QTime(moment.hour, moment.minute), "HH:mm")


def _joined(*parts: str) -> str:
    return " · ".join(part for part in parts if part)


def action_when(item: ActionItem, own_zone: str) -> str:
    """'Sat 5 Dec 11:00 Buenos Aires (15:00 your time)', or its days when it is all-day."""
    if item.starts_at is None:
        if item.end_date is None:
            return _tr("from %1, ongoing").replace("%1", day_text(item.start_date))
        if item.end_date == item.start_date:
            return day_text(item.start_date)
        return f"{day_text(item.start_date)} – {day_text(item.end_date)}"
    there = item.starts_at.astimezone(ZoneInfo(item.timezone))
    text = f"{day_text(there.date())} {time_text(there)} {short_zone_name(item.timezone)}"
    if own_zone == item.timezone:
        return text
    here = item.starts_at.astimezone(ZoneInfo(own_zone))
    if here.utcoffset() == there.utcoffset():
        return text
    mine = time_text(here)
    if here.date() != there.date():
        mine = f"{day_text(here.date())} {mine}"
    return text + " " + _tr("(%1 your time)").replace("%1", mine)


def action_entry(item: ActionItem, own_zone: str) -> Entry:
    detail = _joined(action_when(item, own_zone), item.location, item.campaign_title)
    return Entry(item.kind, item.id, item.title, detail, item.colour)


def commitment_entry(item: CommitmentItem) -> Entry:
    due = _tr("due %1").replace("%1", day_text(item.due_date))
    late = _tr("%n day(s) overdue", item.days_overdue) if item.days_overdue else ""
    title = f"{item.organisation_name}: {item.what}" if item.organisation_name else item.what
    detail = _joined(due, late, item.campaign_title)
    return Entry(item.kind, item.id, title, detail, alert=bool(item.days_overdue))


def unsent_entry(item: LetterItem) -> Entry:
    detail = _joined(enum_label(item.status), enum_label(item.letter_kind), item.campaign_title)
    return Entry(item.kind, item.id, item.subject, detail)


def awaiting_entry(item: LetterItem) -> Entry:
    sent = _tr("sent %1").replace("%1", item.sent_on.isoformat() if item.sent_on else "")
    waited = _tr("%n day(s) without a reply", item.days_waiting or 0)
    return Entry(item.kind, item.id, item.subject, _joined(sent, waited, item.campaign_title))


def campaign_entry(item: CampaignItem) -> Entry:
    if item.last_action_on is None:
        last = _tr("no action yet")
    else:
        last = _tr("last action %1").replace("%1", item.last_action_on.isoformat())
    return Entry(
        item.kind, item.id, item.title, _joined(enum_label(item.status), last), item.colour
    )


def person_entry(item: PersonItem) -> Entry:
    counts = []
    if item.held_days is not None:
        counts.append(held_text(item.held_days, item.sentence_months))
    if item.hunger_strike_day is not None:
        counts.append(hunger_strike_text(item.hunger_strike_day))
    detail = _joined("; ".join(counts), ", ".join(item.campaign_titles))
    return Entry(item.kind, item.id, item.name, detail, alert=True)


def reminder_when(item: ReminderView, own_zone: str) -> str:
    """'Thu 3 Dec 10:57 · chase the ministry': when it falls due in the organiser's zone, and
    its note (the Dashboard's item and the reminders' notice say it alike)."""
    when = ""
    if item.due_at is not None:
        local = item.due_at.astimezone(ZoneInfo(own_zone))
        when = f"{day_text(local.date())} {time_text(local)}"
    return _joined(when, item.note)


def reminder_entry(item: ReminderView, own_zone: str) -> Entry:
    """A reminder due: the record it is of (which a click opens), when, and its note."""
    detail = reminder_when(item, own_zone)
    return Entry(item.target_kind, item.target_id, item.target_title, detail, reminder_id=item.id)
