"""iCalendar (RFC 5545) export of actions: stable UIDs, VTIMEZONEs, all-day events as dates."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

from organiser.models import utc_now
from organiser.models.readable import ReadableAction

PRODID = "-//Campaign Organiser//Campaign Organiser 0.1//EN"
UID_DOMAIN = "campaign-organiser"
# Our own properties, so a round trip keeps what iCalendar has no word for.
X_KIND = "X-ORGANISER-KIND"
X_STATUS = "X-ORGANISER-STATUS"
X_TIMEZONE = "X-ORGANISER-TIMEZONE"
X_CAMPAIGN = "X-ORGANISER-CAMPAIGN"
X_PRECISION = "X-ORGANISER-DATE-PRECISION"
X_ONGOING = "X-ORGANISER-ONGOING"

STATUS_TO_ICS = {
    "planned": "TENTATIVE",
    "confirmed": "CONFIRMED",
    "happened": "CONFIRMED",
    "cancelled": "CANCELLED",
}


def uid_for(action_uuid: str) -> str:
    """The UID an action always has, so a second export replaces the first in calendar programs."""
    return f"{action_uuid}@{UID_DOMAIN}"


def uuid_from_uid(uid: str) -> str | None:
    """The action UUID inside one of our own UIDs, else None."""
    head, _, domain = uid.partition("@")
    return head if domain == UID_DOMAIN and len(head) == 36 else None


def _next_month(day: date) -> date:
    return (day.replace(day=1) + timedelta(days=32)).replace(day=1)


def event_for(action: ReadableAction, stamp: datetime) -> Event:
    """One VEVENT; an ongoing action runs to the end of today (the day its view ends on), one
    dated to the month only covers the whole month."""
    assert action.start_date is not None and action.end_date is not None, "an undated action"
    event = Event()
    event.add("uid", uid_for(action.uuid))
    event.add("dtstamp", stamp)
    event.add("summary", action.title)
    if str(action.date_precision) == "month":
        event.add("dtstart", action.start_date)
        event.add("dtend", _next_month(action.start_date))
        event.add(X_PRECISION, "month")
    elif action.all_day or action.starts_at is None:
        event.add("dtstart", action.start_date)
        event.add("dtend", action.end_date + timedelta(days=1))
    else:
        zone = ZoneInfo(action.timezone)
        event.add("dtstart", action.starts_at.astimezone(zone))
        if action.ends_at is not None:
            event.add("dtend", action.ends_at.astimezone(zone))
        elif action.ongoing:
            midnight = datetime.combine(action.end_date + timedelta(days=1), time(), zone)
            event.add("dtend", midnight)
    if action.ongoing:
        event.add(X_ONGOING, "TRUE")
    if action.location:
        event.add("location", action.location)
    if action.notes:
        event.add("description", action.notes)
    event.add("status", STATUS_TO_ICS.get(str(action.status), "TENTATIVE"))
    event.add("categories", [str(action.kind)])
    event.add(X_KIND, str(action.kind))
    event.add(X_STATUS, str(action.status))
    event.add(X_TIMEZONE, action.timezone)
    event.add(X_CAMPAIGN, action.campaign_title)
    return event


def export_calendar(actions: Iterable[ReadableAction], name: str = "Campaign actions") -> bytes:
    """One VCALENDAR with a VEVENT per dated action and a VTIMEZONE for each zone used."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    stamp = utc_now().replace(microsecond=0)
    for action in actions:
        if action.undated or action.start_date is None:
            continue  # not yet dated: nothing for a calendar program to place
        calendar.add_component(event_for(action, stamp))
    calendar.add_missing_timezones()
    return calendar.to_ical()
