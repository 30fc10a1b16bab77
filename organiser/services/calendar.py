"""The calendar's window queries: actions overlapping a range of days, and days to mark on it."""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from sqlalchemy import and_, func, select, true
from sqlalchemy.orm import Session

from organiser.errors import ValidationError
from organiser.models import (
    Action,
    ActionKind,
    ActionOrganisation,
    ActionStatus,
    Campaign,
    InternationalDay,
    Organisation,
)
from organiser.services import validation as v
from organiser.services.actions import ActionView, InvolvedOrganisation

# The movement's days shown when the organiser has not stored any of their own yet.
MOVEMENT_DAYS = (
    ("International Women's Day", 3, 8),
    ("International Workers' Memorial Day", 4, 28),
    ("International Workers' Day", 5, 1),
    ("World Day for Decent Work", 10, 7),
    ("Human Rights Day", 12, 10),
)


@dataclass(frozen=True)
class ActionFilter:
    """Which actions to show; an empty tuple means 'all'."""

    campaign_ids: tuple[int, ...] = ()
    kinds: tuple[ActionKind, ...] = ()
    countries: tuple[str, ...] = ()
    statuses: tuple[ActionStatus, ...] = ()


@dataclass(frozen=True)
class MarkedDay:
    """A day marked on the calendar: an international day or a campaign's anniversary."""

    day: date
    name: str
    colour: str = ""


@dataclass(frozen=True)
class InternationalDayView:
    id: int
    name: str
    month: int
    day: int


_COLUMNS = (
    Action.id,
    Action.uuid,
    Action.campaign_id,
    Campaign.title,
    Campaign.colour,
    Campaign.country,
    Action.kind,
    Action.title,
    Action.all_day,
    Action.start_date,
    Action.end_date,
    Action.starts_at,
    Action.ends_at,
    Action.timezone,
    Action.location,
    Action.status,
    Action.notes,
    Action.ical_uid,
    Action.version,
    Action.workers,
    Action.outcome,
    Action.ongoing,
    Action.undated,
    Action.target_month,
    Action.date_precision,
)


def _filtered(query: Any, chosen: ActionFilter) -> Any:
    if chosen.campaign_ids:
        query = query.where(Action.campaign_id.in_(chosen.campaign_ids))
    if chosen.kinds:
        query = query.where(Action.kind.in_(chosen.kinds))
    if chosen.statuses:
        query = query.where(Action.status.in_(chosen.statuses))
    if chosen.countries:
        query = query.where(Campaign.country.in_(chosen.countries))
    return query


def actions_between(
    session: Session,
    first: date | None = None,
    last: date | None = None,
    chosen: ActionFilter | None = None,
    limit: int | None = None,
    with_organisations: bool = False,
) -> list[ActionView]:
    """Actions with at least one day in [first, last], as plain rows (no ORM objects); an
    ongoing one covers its days to today. With no range at all, the actions not yet dated too,
    last.

    Bounded ranges of indexes: the finished actions on the (start_date, end_date) index from
    the longest span before `first` (migration 0020) to `last`, the ongoing ones (no end) on
    the (end_date, start_date) index — one query each, merged in date order.
    """
    joined = select(*_COLUMNS).join(Campaign, Campaign.id == Action.campaign_id)
    base = _filtered(joined, chosen or ActionFilter())
    before_end = Action.start_date <= last if last is not None else true()
    if first is None:
        query = base.where(before_end).order_by(*_DATE_ORDER)
        found = _rows(session, query.limit(limit) if limit is not None else query)
    else:
        earliest = first - timedelta(days=longest_span(session))
        finished = base.where(Action.start_date >= earliest, Action.end_date >= first, before_end)
        # Unordered: an ORDER BY start_date would draw SQLite to the dates index instead.
        ongoing = base.where(_ongoing_reaching(first), before_end)
        if limit is not None:
            finished = finished.order_by(*_DATE_ORDER).limit(limit)
            ongoing = ongoing.order_by(*_DATE_ORDER).limit(limit)
        found = sorted(_rows(session, finished) + _rows(session, ongoing), key=_date_key)
        found = found[:limit] if limit is not None else found
    return with_involved(session, found) if with_organisations else found


_DATE_ORDER = (Action.start_date.asc().nulls_last(), Action.starts_at, Action.id)


def _date_key(action: ActionView) -> tuple[Any, ...]:
    """`_DATE_ORDER` in Python (SQL puts an empty start time first) for dated actions."""
    moment = action.starts_at.timestamp() if action.starts_at is not None else 0.0
    return action.start_date, action.starts_at is not None, moment, action.id


def _rows(session: Session, query: Any) -> list[ActionView]:
    # Core rows, not ORM loading: a busy month is thousands of rows and this is the hot path.
    return [ActionView(*row) for row in session.connection().execute(query)]


def _span(session: Session) -> Any:
    """The days from an action's start to its end, as the index on it (migration 0020) says."""
    if session.get_bind().dialect.name == "sqlite":
        return func.julianday(Action.end_date) - func.julianday(Action.start_date)
    return Action.end_date - Action.start_date


def longest_span(session: Session) -> int:
    """The most days any finished action spans from its start to its end (read off the index
    on the span, not the actions)."""
    longest = session.scalar(select(func.max(_span(session))))
    return max(0, math.ceil(longest or 0))


def with_involved(session: Session, actions: list[ActionView]) -> list[ActionView]:
    """The actions with the organisations each involves (one more query, for lists that show
    them: the command line's)."""
    keys = [a.id for a in actions]
    query = (
        select(
            ActionOrganisation.action_id,
            Organisation.id,
            Organisation.name,
            ActionOrganisation.role,
        )
        .join(Organisation, Organisation.id == ActionOrganisation.organisation_id)
        .where(ActionOrganisation.action_id.in_(keys))
        .order_by(ActionOrganisation.id)
    )
    by_action: dict[int, list[InvolvedOrganisation]] = {}
    for action_id, key, name, role in session.execute(query):
        by_action.setdefault(action_id, []).append(InvolvedOrganisation(key, name, role))
    return [replace(a, organisations=tuple(by_action.get(a.id, ()))) for a in actions]


def _ongoing_reaching(first: date) -> Any:
    """An ongoing action (a start, no end yet) reaches `first` if today does, or if it starts
    after it. Said through the dates, not the `ongoing` column: the (start_date, end_date) index
    then answers it without reading the rows (a fifth of the time for a month in 100,000)."""
    if first <= date.today():
        return and_(Action.end_date.is_(None), Action.start_date.is_not(None))
    return and_(Action.end_date.is_(None), Action.start_date >= first)


def to_be_dated(session: Session, chosen: ActionFilter | None = None) -> list[ActionView]:
    """The actions not yet dated, by target month (those without one last), then title."""
    query = select(*_COLUMNS).join(Campaign, Campaign.id == Action.campaign_id)
    # An undated action has no start either: said too, so the dates index finds them.
    undated = and_(Action.start_date.is_(None), Action.undated.is_(True))
    query = _filtered(query.where(undated), chosen or ActionFilter())
    query = query.order_by(Action.target_month.asc().nulls_last(), Action.title, Action.id)
    return [ActionView(*row) for row in session.connection().execute(query)]


def check_range(first: date | None, last: date | None) -> None:
    v.check_order(first, last, "to", "The end of the range")


def countries_in_use(session: Session) -> list[str]:
    query = select(Campaign.country).where(Campaign.country != "").distinct()
    return sorted(session.scalars(query))


def list_international_days(session: Session) -> list[InternationalDayView]:
    query = select(InternationalDay).order_by(InternationalDay.month, InternationalDay.day)
    return [InternationalDayView(d.id, d.name, d.month, d.day) for d in session.scalars(query)]


def add_international_day(session: Session, name: str, month: int, day: int) -> int:
    """Store a yearly day; the first one stored also stores the movement's days beside it."""
    text = v.require_text(name, "name", "Name")
    problem = v.day_of_year_problem(month, day)
    if problem:
        raise ValidationError("day", f"{day}/{month} is not a day of the year: {problem}.")
    if not list_international_days(session):
        for known, m, d in MOVEMENT_DAYS:
            session.add(InternationalDay(name=known, month=m, day=d))
    record = InternationalDay(name=text, month=month, day=day)
    session.add(record)
    session.flush()
    return record.id


def marked_days(
    session: Session, first: date, last: date, anniversaries: bool = True
) -> list[MarkedDay]:
    """International days and yearly anniversaries of campaigns' start and end dates."""
    stored = [(d.name, d.month, d.day) for d in list_international_days(session)]
    marks = [
        MarkedDay(day, name)
        for name, month, mday in (stored or list(MOVEMENT_DAYS))
        for day in _yearly(month, mday, first, last)
    ]
    if anniversaries:
        marks.extend(_anniversaries(session, first, last))
    return sorted(marks, key=lambda mark: (mark.day, mark.name))


def _yearly(month: int, day: int, first: date, last: date) -> list[date]:
    found = []
    for year in range(first.year, last.year + 1):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if first <= candidate <= last:
            found.append(candidate)
    return found


def _anniversaries(session: Session, first: date, last: date) -> list[MarkedDay]:
    query = select(Campaign.title, Campaign.colour, Campaign.start_date, Campaign.end_date)
    marks = []
    for title, colour, start, end in session.execute(query):
        for origin, what in ((start, "started"), (end, "ended")):
            if origin is None:
                continue
            for day in _yearly(origin.month, origin.day, first, last):
                years = day.year - origin.year
                if years > 0:
                    noun = "year" if years == 1 else "years"
                    marks.append(MarkedDay(day, f"{title}: {what} {years} {noun} ago", colour))
    return marks


def visible_range(anchor: date, weeks: int) -> tuple[date, date]:
    """The Monday-first grid shown for a month (weeks=6) or a week (weeks=1) around `anchor`."""
    start = anchor.replace(day=1) if weeks > 1 else anchor
    first = start - timedelta(days=start.weekday())
    return first, first + timedelta(days=7 * weeks - 1)
