"""Reading .ics files from calendar programs: checked line by line, events turned into plain data.

A file that is not iCalendar, or that is broken anywhere, is refused as a whole with a message
naming the line or the event, so an import never writes half a file.
"""

from __future__ import annotations

import hashlib
import warnings
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo

import recurring_ical_events
from icalendar import Calendar, Component, Event
from icalendar.parser import Contentline
from icalendar.timezone import tzid_from_tzinfo
from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

from organiser.errors import ValidationError
from organiser.formats.ics import X_KIND, X_STATUS, X_TIMEZONE
from organiser.formats.ics_zones import iana_name, is_zone
from organiser.models import ActionKind, ActionStatus

MAX_BYTES = 50_000_000
MAX_EVENTS = 200_000
MAX_OCCURRENCES = 400  # of one recurring series
# A series is expanded over one year: the coming one (from a year back) while it still runs,
# else its first year. The rule itself is kept in the notes.
SERIES_WINDOW = timedelta(days=366)
KINDS = tuple(kind.value for kind in ActionKind)
STATUSES = tuple(status.value for status in ActionStatus)
STATUS_FROM_ICS = {"TENTATIVE": "planned", "CONFIRMED": "confirmed", "CANCELLED": "cancelled"}


@dataclass(frozen=True)
class IcsEvent:
    """One event (or one occurrence of a recurring one) as plain data for the services."""

    uid: str
    title: str
    kind: str
    all_day: bool
    start: date | datetime  # a date when all-day, else an aware datetime
    end: date | datetime | None  # last day (inclusive) when all-day
    timezone: str
    location: str
    status: str
    notes: str
    line: int  # where the event starts in the file, for messages


def _fail(message: str) -> ValidationError:
    return ValidationError("file", message)


def _decode(data: bytes) -> str:
    if len(data) > MAX_BYTES:
        raise _fail(f"The file is larger than {MAX_BYTES // 1_000_000} MB; split it first.")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise _fail(f"Line {line}: the file is not UTF-8 text as iCalendar requires.") from None


def _content_lines(text: str) -> list[tuple[int, str]]:
    """Unfolded content lines with the number of the line each starts on."""
    unfolded: list[tuple[int, str]] = []
    for number, raw in enumerate(text.splitlines(), 1):
        if raw[:1] in (" ", "\t") and unfolded:
            start, previous = unfolded[-1]
            unfolded[-1] = (start, previous + raw[1:])
        elif raw.strip():
            unfolded.append((number, raw))
    return unfolded


def check_lines(text: str) -> list[int]:
    """Check every line and the nesting; the line numbers where each VEVENT begins."""
    lines = _content_lines(text)
    if not lines or lines[0][1].strip().upper() != "BEGIN:VCALENDAR":
        raise _fail("This is not an iCalendar file: it does not begin with BEGIN:VCALENDAR.")
    stack: list[str] = []
    events: list[int] = []
    for number, line in lines:
        try:
            name, _params, value = Contentline(line).parts()
        except ValueError:
            raise _fail(f"Line {number} cannot be read: {line[:60]!r}.") from None
        name = name.upper()
        if name == "BEGIN":
            stack.append(value.upper())
            if value.upper() == "VEVENT":
                events.append(number)
        elif name == "END" and (not stack or stack.pop() != value.upper()):
            raise _fail(f"Line {number}: END:{value} does not close what was begun.")
    if stack:
        raise _fail(f"The file ends inside {stack[-1]}: it is cut short or broken.")
    if len(events) > MAX_EVENTS:
        raise _fail(f"The file has {len(events)} events; at most {MAX_EVENTS} are read at once.")
    return events


def _event_name(event: Component, line: int) -> str:
    summary = str(event.get("summary", "") or "").strip()
    return f"the event '{summary}' at line {line}" if summary else f"the event at line {line}"


def parse_calendar(data: bytes, default_zone: str = "UTC") -> list[IcsEvent]:
    """Every event in the file, recurring ones expanded over a bounded window."""
    text = _decode(data)
    starts = check_lines(text)
    try:
        with warnings.catch_warnings():  # guessed vendor TZIDs are checked again below
            warnings.simplefilter("ignore")
            calendars = Calendar.from_ical(text, multiple=True)
    except ValueError as error:
        raise _fail(f"The file cannot be read as iCalendar: {error}") from None
    found: list[IcsEvent] = []
    position = 0
    for calendar in calendars:
        _check_errors(calendar, "the calendar")
        zone = _calendar_zone(calendar, default_zone)
        events = [e for e in calendar.walk("VEVENT") if isinstance(e, Event)]
        lines = starts[position : position + len(events)]
        position += len(events)
        found.extend(_events_of(calendar, events, lines, zone))
    return found


def _check_errors(component: Component, name: str) -> None:
    if component.errors:
        prop, message = component.errors[0]
        where = f" in {prop}" if prop else ""
        raise _fail(f"Cannot read {name}{where}: {message}")


def _calendar_zone(calendar: Calendar, default_zone: str) -> str:
    """Google writes times in UTC and names the calendar's zone in X-WR-TIMEZONE."""
    named = str(calendar.get("x-wr-timezone", "") or "").strip()
    return named if is_zone(named) else default_zone


def _events_of(
    calendar: Calendar, events: list[Event], lines: list[int], zone: str
) -> list[IcsEvent]:
    found: list[IcsEvent] = []
    recurring: dict[str, tuple[Event, int]] = {}
    for event, line in zip(events, lines, strict=False):
        _check_event(event, line)
        if "rrule" in event or "rdate" in event:
            recurring[str(event.get("uid", ""))] = (event, line)
    for event, line in zip(events, lines, strict=False):
        series = "rrule" in event or "rdate" in event or "recurrence-id" in event
        if not (series and str(event.get("uid", "")) in recurring):
            found.append(convert(event, line, zone))
    for uid, (master, line) in recurring.items():
        found.extend(_occurrences(calendar, uid, master, line, zone))
    return found


def _check_event(event: Event, line: int) -> None:
    name = _event_name(event, line)
    _check_errors(event, name)
    if "dtstart" not in event:
        raise _fail(f"{name.capitalize()} has no start (DTSTART).")
    for prop in ("dtstart", "dtend", "duration"):
        if isinstance(event.get(prop), list):
            raise _fail(f"{name.capitalize()} has more than one {prop.upper()}.")


def _occurrences(
    calendar: Calendar, uid: str, master: Event, line: int, zone: str
) -> list[IcsEvent]:
    start = master.decoded("dtstart")
    first = start.date() if isinstance(start, datetime) else start
    rule = master.get("rrule")
    repeats = f"Repeats: {rule.to_ical().decode()}" if rule is not None else "Repeats"
    recent = max(first, date.today() - SERIES_WINDOW)
    try:
        query = recurring_ical_events.of(calendar)
        expanded = [o for o in query.between(recent, recent + SERIES_WINDOW) if _uid(o) == uid]
        if not expanded and recent != first:
            expanded = [o for o in query.between(first, first + SERIES_WINDOW) if _uid(o) == uid]
    except Exception as error:  # the library raises its own kinds for bad rules
        raise _fail(f"Cannot expand {_event_name(master, line)}: {error}") from None
    found: list[IcsEvent] = []
    for occurrence in expanded:
        if len(found) >= MAX_OCCURRENCES:
            break
        event = convert(occurrence, line, zone, repeats)
        key = event.start.isoformat()
        found.append(_with_uid(event, f"{event.uid}#{key}"))
    return found


def _uid(component: Component) -> str:
    return str(component.get("uid", ""))


def _with_uid(event: IcsEvent, uid: str) -> IcsEvent:
    return replace(event, uid=uid)


def convert(event: Event, line: int, zone: str, repeats: str = "") -> IcsEvent:
    """One VEVENT as plain data; its zone from TZID, else the calendar's, else the default."""
    name = _event_name(event, line)
    start = event.decoded("dtstart")
    end = _end_of(event, start, name)
    title = str(event.get("summary", "") or "").strip() or "(untitled)"
    notes = str(event.get("description", "") or "").strip()
    if repeats:
        notes = f"{notes}\n\n{repeats}".strip()
    uid = str(event.get("uid", "") or "").strip() or _made_uid(title, start)
    if isinstance(start, datetime):
        zone = _zone_of(event, start, zone)
        start = _aware(start, zone)
        end = _aware(end, zone) if isinstance(end, datetime) else None
    else:
        zone = (
            str(event.get(X_TIMEZONE, "") or "")
            if is_zone(str(event.get(X_TIMEZONE, "")))
            else zone
        )
    return IcsEvent(
        uid=uid,
        title=title,
        kind=_kind_of(event),
        all_day=not isinstance(start, datetime),
        start=start,
        end=end,
        timezone=zone,
        location=str(event.get("location", "") or "").strip(),
        status=_status_of(event),
        notes=notes,
        line=line,
    )


def _end_of(event: Event, start: date | datetime, name: str) -> date | datetime | None:
    try:
        if "dtend" in event:
            end = event.decoded("dtend")
        elif "duration" in event:
            end = start + event.decoded("duration")
        else:
            return start if not isinstance(start, datetime) else None
    except (ValueError, TypeError, OverflowError) as error:
        raise _fail(f"Cannot read the end of {name}: {error}") from None
    if isinstance(start, datetime) != isinstance(end, datetime):
        raise _fail(f"{name.capitalize()} mixes a date and a time for its start and end.")
    if not isinstance(end, datetime):
        end = max(start, end - timedelta(days=1))  # DTEND of an all-day event is exclusive
    return end


def _zone_of(event: Event, start: datetime, fallback: str) -> str:
    ours = str(event.get(X_TIMEZONE, "") or "")
    if is_zone(ours):  # written by us: the zone where the action happens, even for UTC times
        return ours
    tzid = str(event["dtstart"].params.get("TZID", "") or "")
    named = iana_name(tzid, WINDOWS_TO_OLSON) if tzid else None
    if named:
        return named
    if isinstance(start.tzinfo, ZoneInfo) and start.tzinfo.key != "UTC":
        return start.tzinfo.key
    if start.tzinfo is not None and not _is_utc(start.tzinfo, start):
        guessed = tzid_from_tzinfo(start.tzinfo)
        if guessed and is_zone(guessed):
            return guessed
    return fallback


def _is_utc(zone: tzinfo, moment: datetime) -> bool:
    return zone.utcoffset(moment.replace(tzinfo=None)) == timedelta(0) and "UTC" in str(zone)


def _aware(moment: datetime, zone: str) -> datetime:
    if moment.tzinfo is None:  # floating time: read in the calendar's zone
        moment = moment.replace(tzinfo=ZoneInfo(zone))
    return moment.astimezone(UTC)


def _kind_of(event: Event) -> str:
    ours = str(event.get(X_KIND, "") or "").strip().lower()
    if ours in KINDS:
        return ours
    categories = event.get("categories")
    for group in categories if isinstance(categories, list) else [categories]:
        for category in getattr(group, "cats", []) or []:
            word = str(category).strip().lower().replace(" ", "-")
            if word in KINDS:
                return word
    return "other"


def _status_of(event: Event) -> str:
    ours = str(event.get(X_STATUS, "") or "").strip().lower()
    if ours in STATUSES:
        return ours
    return STATUS_FROM_ICS.get(str(event.get("status", "") or "").upper(), "planned")


def _made_uid(title: str, start: date | datetime) -> str:
    digest = hashlib.sha1(f"{title}|{start.isoformat()}".encode()).hexdigest()[:20]
    return f"no-uid-{digest}"
