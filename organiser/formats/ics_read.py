"""Reading .ics files from calendar programs: checked line by line, events turned into plain data.

A file that is not iCalendar, or that is broken anywhere (a line icalendar recorded as an error
in any component included), is refused as a whole with a message naming the file and the line
or the event, so an import never writes half a file. Everything is bounded: the file's size, the
number of events, each field's length, the years, and a recurring series' expansion, which walks
the rule lazily and stops at the cap (a rule repeating every second must not fill the memory).
"""

from __future__ import annotations

import hashlib
import os
import re
import warnings
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo

import recurring_ical_events
from dateutil.rrule import DAILY, MONTHLY, YEARLY, rrule
from icalendar import Calendar, Component, Event
from icalendar.parser import Contentline
from icalendar.timezone import tzid_from_tzinfo
from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

from organiser.errors import ValidationError
from organiser.files import read_input
from organiser.formats.ics import X_KIND, X_ONGOING, X_PRECISION, X_STATUS, X_TIMEZONE
from organiser.formats.ics_zones import iana_name, is_zone
from organiser.models import ActionKind, ActionStatus

MAX_BYTES = 50_000_000
MAX_EVENTS = 200_000  # in the file, and after recurring series are expanded
MAX_OCCURRENCES = 400  # of one recurring series
MAX_RULE_STEPS = 100_000  # occurrences of one rule walked to find the window it is read in
MAX_RDATES = 5_000  # dates listed in one series' RDATE
# Longest field read, as the action keeps them; a UID leaves room in the action's 500 characters
# for "#" and an occurrence's start, which tell a series' occurrences apart.
MAX_LENGTHS = {"SUMMARY": 300, "LOCATION": 500, "DESCRIPTION": 100_000, "UID": 460}
FIRST_YEAR, LAST_YEAR = 1800, 2299
# A series is expanded over one year: the coming one (from a year back) while it still runs,
# else its first year. The rule itself is kept in the notes.
SERIES_WINDOW = timedelta(days=366)
KINDS = tuple(kind.value for kind in ActionKind)
STATUSES = tuple(status.value for status in ActionStatus)
STATUS_FROM_ICS = {"TENTATIVE": "planned", "CONFIRMED": "confirmed", "CANCELLED": "cancelled"}
NOT_READ = {"VTODO": "to-do", "VJOURNAL": "journal entry", "VFREEBUSY": "free/busy block"}


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
    # Our own export's words for an action with no end yet, and for one dated to the month.
    ongoing: bool = False
    month_only: bool = False


@dataclass(frozen=True)
class CalendarRead:
    """What a file holds: its events, and what the reader wants the user to know (a series cut
    short, duplicates dropped, to-dos not read)."""

    events: list[IcsEvent]
    warnings: tuple[str, ...] = ()


def _fail(message: str) -> ValidationError:
    return ValidationError("file", message)


def read_calendar_file(path: str | os.PathLike[str], default_zone: str = "UTC") -> CalendarRead:
    """The events of the file the user named (a regular file of at most MAX_BYTES, checked
    before reading); every refusal names the file."""
    return read_calendar(read_input(path, MAX_BYTES), default_zone, Path(path).name)


def read_calendar(data: bytes, default_zone: str = "UTC", source: str = "") -> CalendarRead:
    """Every event in `data`, recurring ones expanded over a bounded window; `source` (the
    file's name) begins every refusal."""
    try:
        return _Reader(default_zone).read(data)
    except ValidationError as error:
        if not source:
            raise
        raise _fail(f"{source}: {error.message}") from None


def parse_calendar(data: bytes, default_zone: str = "UTC") -> list[IcsEvent]:
    """The events alone (the reader's warnings dropped): for callers that show none."""
    return read_calendar(data, default_zone).events


def _decode(data: bytes) -> str:
    if len(data) > MAX_BYTES:
        raise _fail(f"The file is larger than {MAX_BYTES // 1_000_000} MB; split it first.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise _fail(f"Line {line}: the file is not UTF-8 text as iCalendar requires.") from None
    # Old Mac programs end lines with a lone CR: read as the line ends they are.
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _content_lines(text: str) -> list[tuple[int, str]]:
    """Unfolded content lines with the number of the line each starts on."""
    unfolded: list[tuple[int, str]] = []
    for number, raw in enumerate(text.split("\n"), 1):
        if raw[:1] in (" ", "\t") and unfolded:
            start, previous = unfolded[-1]
            unfolded[-1] = (start, previous + raw[1:])
        elif raw.strip():
            unfolded.append((number, raw))
    return unfolded


def check_lines(text: str) -> tuple[list[tuple[str, int]], list[int]]:
    """Check every line and the nesting: each component begun, with the line it begins on, and
    the lines of properties standing outside every calendar (which are not read)."""
    lines = _content_lines(text)
    if not lines or lines[0][1].strip().upper() != "BEGIN:VCALENDAR":
        first = lines[0][1].strip()[:40] if lines else ""
        opening = f"it begins with {first!r}" if first else "it is empty"
        raise _fail(f"Line 1: this is not an iCalendar file: {opening}, not BEGIN:VCALENDAR.")
    stack: list[str] = []
    begun: list[tuple[str, int]] = []
    outside: list[int] = []
    events = 0
    for number, line in lines:
        try:
            name, _params, value = Contentline(line).parts()
        except ValueError:
            raise _fail(f"Line {number} cannot be read: {line[:60]!r}.") from None
        name, value = name.upper(), value.upper()
        if not stack and name != "BEGIN":
            outside.append(number)
            continue
        if not stack and value != "VCALENDAR":
            raise _fail(f"Line {number}: {line[:60]!r} stands outside the calendar.")
        if name == "BEGIN":
            stack.append(value)
            begun.append((value, number))
            events += value == "VEVENT"
        elif name == "END" and stack.pop() != value:
            raise _fail(f"Line {number}: END:{value} does not close what was begun.")
    if stack:
        raise _fail(
            f"Line {lines[-1][0]}: the file ends inside {stack[-1]}: it is cut short or broken."
        )
    if events > MAX_EVENTS:
        raise _fail(f"The file has {events} events; at most {MAX_EVENTS} are read at once.")
    return begun, outside


def _where(text: str, message: str) -> str:
    """'Line N: ' for the first line holding a value icalendar's message quotes (its errors
    name no line), else 'The file '."""
    quoted = re.findall(r"'([^']+)'|[Gg]ot:? (\S+)$", message.strip())
    values = [value.strip("'\"") for pair in quoted for value in pair if value]
    words = [word.strip("'\".,:") for word in message.split()]
    values += [word for word in words if len(word) >= 3 and any(c.isdigit() for c in word)]
    lines = _content_lines(text)
    for matches in (lambda line, value: line.rstrip().endswith(value), str.__contains__):
        for number, line in lines:
            if any(matches(line, value) for value in values):
                return f"Line {number} "
    return "The file "


def _first_up(text: str) -> str:
    """'the event 'March'…' as a sentence begins; str.capitalize would lower 'March'."""
    return text[:1].upper() + text[1:]


def _event_name(event: Component, line: int) -> str:
    summary = str(event.get("summary", "") or "").strip()[:60]
    return f"the event '{summary}' at line {line}" if summary else f"the event at line {line}"


class _Reader:
    """One file's reading: the events found so far, and the warnings."""

    def __init__(self, default_zone: str) -> None:
        self.default_zone = default_zone
        self.lines: dict[int, int] = {}  # id(component) -> the line it begins on
        self.warnings: list[str] = []
        self.seen: dict[str, IcsEvent] = {}  # the first event of each UID, for duplicates
        self.found: list[IcsEvent] = []

    def warn(self, text: str) -> None:
        if text not in self.warnings:
            self.warnings.append(text)

    def read(self, data: bytes) -> CalendarRead:
        text = _decode(data)
        begun, outside = check_lines(text)
        if outside:
            self.warn(
                f"Line {outside[0]} (and {len(outside) - 1} more) stands outside the calendar "
                "and was not read."
                if len(outside) > 1
                else f"Line {outside[0]} stands outside the calendar and was not read."
            )
        try:
            with warnings.catch_warnings():  # guessed vendor TZIDs are checked again below
                warnings.simplefilter("ignore")
                calendars = Calendar.from_ical(text, multiple=True)
        except (ValueError, TypeError, OverflowError, IndexError, KeyError) as error:
            raise _fail(f"{_where(text, str(error))}cannot be read as iCalendar: {error}") from None
        walked = [c for calendar in calendars for c in calendar.walk()]
        if [c.name for c in walked] == [name for name, _line in begun]:
            self.lines = {id(c): line for c, (_name, line) in zip(walked, begun, strict=True)}
        for component in walked:
            self._check_errors(component)
        for calendar in calendars:
            self._calendar(calendar)
        if len(self.found) > MAX_EVENTS:
            raise _fail(
                f"The file's events and their repetitions come to {len(self.found)}; at most "
                f"{MAX_EVENTS} are read at once."
            )
        if not self.found:
            self.warn("The file holds no events.")
        return CalendarRead(self.found, tuple(self.warnings))

    def line_of(self, component: Component) -> int:
        return self.lines.get(id(component), 0)

    def name_of(self, component: Component) -> str:
        line = self.line_of(component)
        if component.name == "VEVENT":
            return _event_name(component, line) if line else "an event"
        if component.name == "VCALENDAR":
            return "the calendar"
        return f"the {component.name} at line {line}" if line else f"a {component.name}"

    def _check_errors(self, component: Component) -> None:
        """icalendar keeps what it could not read in `errors` and goes on: we refuse."""
        if component.errors:
            prop, message = component.errors[0]
            where = f" in {prop}" if prop else ""
            raise _fail(f"Cannot read {self.name_of(component)}{where}: {message}")

    def _calendar(self, calendar: Component) -> None:
        zone = _calendar_zone(calendar, self.default_zone)
        events = [e for e in calendar.walk("VEVENT") if isinstance(e, Event)]
        if not self.lines:  # icalendar's components do not line up with the file's: by order
            self.lines.update({id(e): 0 for e in events})
        groups: dict[str, list[Event]] = {}
        for event in events:
            self._check_event(event)
            groups.setdefault(_uid(event).strip(), []).append(event)
        for uid, group in groups.items():
            for part in [group] if uid else [[event] for event in group]:
                self._series_or_event(part, zone)
        for kind, noun in NOT_READ.items():
            count = len(calendar.walk(kind))
            if count:
                self.warn(f"{count} {noun}(s) in the file were not read: actions come from events.")

    def _series_or_event(self, group: list[Event], zone: str) -> None:
        """The events of one UID: an event, or a series with its changed occurrences."""
        masters = [e for e in group if "recurrence-id" not in e]
        changed = [e for e in group if "recurrence-id" in e]
        if masters and ("rrule" in masters[0] or "rdate" in masters[0]):
            master = masters[0]
            token = self._convert(master, zone)
            self._keep(master, token.uid, token, self._occurrences([master, *changed], zone))
            changed = []
        elif masters:
            found = self._convert(masters[0], zone)
            self._keep(masters[0], found.uid, found, [found])
        for event in masters[1:]:
            found = self._convert(event, zone)
            self._keep(event, found.uid, found, [found])
        for event in changed:  # changed occurrences of a series the file lacks
            found = self._convert(event, zone)
            found = _with_uid(found, f"{found.uid}#{event.decoded('recurrence-id').isoformat()}")
            self._keep(event, found.uid, found, [found])

    def _keep(self, event: Event, key: str, token: IcsEvent, found: list[IcsEvent]) -> None:
        """Keep an event (or a series' occurrences), unless its UID was seen: the same event
        twice is kept once (with a warning); two different events under one UID are refused,
        as a re-import could not tell their actions apart."""
        first = self.seen.get(key)
        if first is None:
            self.seen[key] = token
            self.found.extend(found)
            return
        here = _first_up(self.name_of(event))
        if replace(first, line=0) == replace(token, line=0):
            self.warn(
                f"{here} repeats the event at line {first.line} (the same UID and content): "
                "it was read once."
            )
            return
        raise _fail(
            f"{here} and the event at line {first.line} have the same UID ({key[:80]}) but "
            "differ: a calendar must give each event its own UID, or a re-import could not "
            "tell them apart."
        )

    def _check_event(self, event: Event) -> None:
        name = self.name_of(event)
        if "dtstart" not in event:
            raise _fail(f"{_first_up(name)} has no start (DTSTART).")
        for prop in ("dtstart", "dtend", "duration", "recurrence-id"):
            if isinstance(event.get(prop), list):
                raise _fail(f"{_first_up(name)} has more than one {prop.upper()}.")
            if prop in event:
                _check_value(event, prop, name)
        for prop, longest in MAX_LENGTHS.items():
            length = len(str(event.get(prop, "") or ""))
            if length > longest:
                raise _fail(
                    f"{_first_up(name)}: its {prop} is {length} characters long; at most "
                    f"{longest} are read."
                )
        rdates = _as_list(event.get("rdate"))
        listed = sum(len(getattr(r, "dts", ())) for r in rdates)
        if listed > MAX_RDATES:
            raise _fail(
                f"{_first_up(name)} lists {listed} dates in RDATE; at most {MAX_RDATES} are read."
            )
        for prop in ("rdate", "exdate"):
            for listing in _as_list(event.get(prop)):
                if any(isinstance(d.dt, time) for d in getattr(listing, "dts", ())):
                    raise _fail(
                        f"{_first_up(name)}: its {prop.upper()} gives a time of day without a date."
                    )

    def _convert(self, event: Event, zone: str, repeats: str = "") -> IcsEvent:
        try:
            return convert(event, self.line_of(event), zone, repeats)
        except OverflowError:
            raise _fail(
                f"{_first_up(self.name_of(event))}: a date is too far in the past or future "
                f"to be read (the years {FIRST_YEAR}–{LAST_YEAR} are)."
            ) from None

    def _occurrences(self, group: list[Event], zone: str) -> list[IcsEvent]:
        master = group[0]
        name = self.name_of(master)
        first_event = self._convert(master, zone)  # checks the master's dates and fields
        rule = master.get("rrule")
        rule = rule[0] if isinstance(rule, list) else rule
        repeats = f"Repeats: {rule.to_ical().decode()}" if rule is not None else "Repeats"
        sub = Calendar()
        for component in group:
            sub.add_component(component)
        start = first_event.start
        first = start.date() if isinstance(start, datetime) else start
        recent = max(first, date.today() - SERIES_WINDOW)
        try:
            query = recurring_ical_events.of(sub)
            rules = [r for s in query.series for r in _rules_of(s)]
            _check_rules(rules, name, first_event.all_day)
            for begin in dict.fromkeys((recent, first)):
                span = _span(rules, begin)
                if span is None:  # too many repetitions before the window: try the first year
                    continue
                stop, cut, more = span
                expanded = list(query.between(begin, stop))
                if expanded or begin == first:
                    break
        except ValidationError:
            raise
        except Exception as error:  # the library raises its own kinds for bad rules
            raise _fail(f"Cannot expand {name}: {error}") from None
        expanded.sort(key=lambda o: _sort_key(o.decoded("dtstart")))
        if len(expanded) > MAX_OCCURRENCES:
            cut, expanded = True, expanded[:MAX_OCCURRENCES]
        by_uid: dict[str, IcsEvent] = {}  # two occurrences at one moment are one
        for occurrence in expanded:
            self.lines[id(occurrence)] = self.line_of(master)
            event = self._convert(occurrence, zone, repeats)
            uid = f"{event.uid}#{event.start.isoformat()}"
            by_uid.setdefault(uid, _with_uid(event, uid))
        found = list(by_uid.values())
        if found and (cut or more):
            self._warn_cut(name, found, cut)
        return found

    def _warn_cut(self, name: str, found: list[IcsEvent], cut: bool) -> None:
        first, last = found[0].start, found[-1].start
        shown = f"{first:%Y-%m-%d} to {last:%Y-%m-%d}"
        if cut:
            self.warn(
                f"{_first_up(name)} repeats more than {MAX_OCCURRENCES} times: only the first "
                f"{len(found)} ({shown}) were read."
            )
        else:
            self.warn(
                f"{_first_up(name)} repeats beyond a year: {len(found)} occurrence(s), "
                f"{shown}, were read; the rule is kept in the notes."
            )


def _check_value(event: Event, prop: str, name: str) -> None:
    """A start, end or recurrence id is a date or a date and time (not a time of day alone,
    not a period), a duration is a duration, and icalendar can decode each."""
    try:
        value = event.decoded(prop)
    except (ValueError, TypeError, AttributeError, OverflowError) as error:
        raise _fail(f"Cannot read {name} in {prop.upper()}: {error}") from None
    wanted = timedelta if prop == "duration" else date
    if not isinstance(value, wanted):
        what = "a duration" if prop == "duration" else "a date or a date and time"
        raise _fail(f"{_first_up(name)}: its {prop.upper()} is not {what}.")


def _as_list(value: object) -> list[object]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _sort_key(moment: date | datetime) -> datetime:
    if isinstance(moment, datetime):
        return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return datetime.combine(moment, time(), UTC)


def _rules_of(series: object) -> list[rrule]:
    """The dateutil rules recurring_ical_events read from a series (its own reading of quirky
    rules), to be walked lazily; an RDATE list is bounded when the event is checked."""
    recurrence = getattr(series, "recurrence", None)
    return [r for r in getattr(recurrence, "rrules", ()) if isinstance(r, rrule)]


_DAY_PARTS = ("bymonth", "bymonthday", "byyearday", "byweekno", "byweekday", "byeaster")


def _check_rules(rules: list[rrule], name: str, all_day: bool) -> None:
    """Refuse the rules dateutil would walk for ever without giving a date: ones no day can
    match (the 31st of February), found in a fraction of a second by asking for one yearly
    date; BYSETPOS on a rule more often than monthly (it may pick the second of a set of
    one, day after day, until the year 9999) or at a position no month or year has. And a
    day-long event repeating more often than daily, whose occurrences would fall on one day."""
    for rule in rules:
        original = getattr(rule, "_original_rule", {})
        freq = getattr(rule, "_freq", YEARLY)
        if all_day and freq > DAILY:
            raise _fail(f"{_first_up(name)} lasts whole days but repeats more often than daily.")
        if "bysetpos" in original and freq > MONTHLY:
            raise _fail(
                f"{_first_up(name)}: its repeat rule uses BYSETPOS more often than monthly."
            )
        positions = getattr(rule, "_bysetpos", None) or ()
        if positions and min(abs(p) for p in positions) > _most_per_period(rule):
            raise _fail(
                f"{_first_up(name)}: its repeat rule's BYSETPOS picks a position no "
                f"{'year' if freq == YEARLY else 'month'} has."
            )
        parts = {key: value for key, value in original.items() if key in _DAY_PARTS}
        if parts:
            probe = rrule(YEARLY, dtstart=rule._dtstart, count=1, cache=False, **parts)
            if next(iter(probe), None) is None:
                raise _fail(f"{_first_up(name)}: its repeat rule (RRULE) never gives a date.")


def _most_per_period(rule: rrule) -> int:
    """At most how many dates a monthly or yearly rule's BY parts give in one period."""
    original = getattr(rule, "_original_rule", {})

    def count(key: str) -> int:  # dateutil keeps one value bare, several in a tuple
        value = original.get(key)
        return 0 if value is None else len(value) if isinstance(value, tuple | list) else 1

    yearly = getattr(rule, "_freq", YEARLY) == YEARLY
    months = count("bymonth") or (12 if yearly else 1)
    limits = [31 * months, 366]
    for key, each in (("bymonthday", months), ("byweekday", 5 * months), ("byyearday", 1)):
        if count(key):
            limits.append(count(key) * each)
    if count("byweekno"):
        limits.append(count("byweekno") * 7)
    if not any(count(key) for key in ("bymonthday", "byweekday", "byyearday", "byweekno")):
        limits.append(months if yearly and count("bymonth") else 1)  # DTSTART's day alone
    times = 1
    for key in ("byhour", "byminute", "bysecond"):
        times *= count(key) or 1
    return min(limits) * times


def _span(rules: list[rrule], begin: date) -> tuple[date | datetime, bool, bool] | None:
    """Where to stop reading a series that begins to be read at `begin`: a year later, or
    sooner at the occurrence after the first MAX_OCCURRENCES; whether it was cut there; whether
    the rule goes on after. None when the rule repeats more than MAX_RULE_STEPS times before
    `begin` (walked lazily: a rule is never expanded whole)."""
    stop: date | datetime = begin + SERIES_WINDOW
    cut = more = False
    for rule in rules:
        hits = 0
        for steps, moment in enumerate(rule.replace(cache=False), 1):
            if _sort_key(moment) >= _sort_key(stop):
                more = True
                break
            if moment.date() >= begin:
                hits += 1
                if hits > MAX_OCCURRENCES or steps > MAX_RULE_STEPS:
                    stop, cut, more = moment, True, True
                    break
            elif steps > MAX_RULE_STEPS:
                return None
    return stop, cut, more


def _calendar_zone(calendar: Component, default_zone: str) -> str:
    """Google writes times in UTC and names the calendar's zone in X-WR-TIMEZONE."""
    named = str(calendar.get("x-wr-timezone", "") or "").strip()
    return named if is_zone(named) else default_zone


def _uid(component: Component) -> str:
    return str(component.get("uid", ""))


def _with_uid(event: IcsEvent, uid: str) -> IcsEvent:
    return replace(event, uid=uid)


def convert(event: Event, line: int, zone: str, repeats: str = "") -> IcsEvent:
    """One VEVENT as plain data; its zone from TZID, else the calendar's, else the default."""
    name = _event_name(event, line)
    start = event.decoded("dtstart")
    end = _end_of(event, start, name)
    for moment in (start, end):
        if moment is not None and not FIRST_YEAR <= moment.year <= LAST_YEAR:
            raise _fail(
                f"{_first_up(name)} is dated in the year {moment.year}; the years "
                f"{FIRST_YEAR}–{LAST_YEAR} are read."
            )
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
        ongoing=str(event.get(X_ONGOING, "")).strip().upper() == "TRUE",
        month_only=str(event.get(X_PRECISION, "")).strip().lower() == "month",
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
        raise _fail(f"{_first_up(name)} mixes a date and a time for its start and end.")
    if _sort_key(end) < _sort_key(start):
        raise _fail(
            f"{_first_up(name)} ends ({end.isoformat()}) before it starts ({start.isoformat()})."
        )
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
