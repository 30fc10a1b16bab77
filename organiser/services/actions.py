"""Actions: the dated things in a campaign, timed or all-day, each in the zone where it happens."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from organiser.errors import ValidationError
from organiser.models import (
    Action,
    ActionKind,
    ActionOrganisation,
    ActionRole,
    ActionStatus,
    Campaign,
    CampaignStatus,
    DatePrecision,
    Organisation,
    utc_now,
)
from organiser.models.dates import month_of, month_text
from organiser.services import trash
from organiser.services import validation as v
from organiser.services.timezones import (
    check_zone,
    country_zone,
    country_zones,
    local_to_utc,
    short_zone_name,
)
from organiser.services.trash import TrashView

When = str | date | datetime | None
Involved = tuple[int, ActionRole | str]  # an organisation's id and its role in the action


@dataclass
class ActionFields:
    """What a user types for an action.

    `start`/`end` are `YYYY-MM-DD` (all-day) or `YYYY-MM-DDTHH:MM` (a local time in `timezone`),
    or dates / datetimes; an aware datetime is converted to the action's zone. `end` is the last
    day of an all-day action (inclusive). `timezone` None (or empty) is the zone of the
    campaign's country when it has one; a timed action in a country of several zones, or of
    none, is refused rather than stored as UTC by accident.

    An `ongoing` action has a start and no end yet; an `undated` one neither start nor end
    (perhaps a `target_month`, `YYYY-MM`); with `date_precision` month, `start` is the month
    (`YYYY-MM`, or any day of it). `organisations` None keeps those an action has.
    """

    campaign_id: int | None = None
    kind: ActionKind | str = ActionKind.OTHER
    title: str = ""
    start: When = None
    end: When = None
    timezone: str | None = "UTC"
    location: str = ""
    status: ActionStatus | str = ActionStatus.PLANNED
    notes: str = ""
    ical_uid: str | None = None
    workers: int | str | None = None  # how many take part; None or '' when not known
    outcome: str = ""
    ongoing: bool = False
    undated: bool = False
    target_month: str | None = None
    date_precision: DatePrecision | str = DatePrecision.DAY
    organisations: Sequence[Involved] | None = None


@dataclass(frozen=True)
class InvolvedOrganisation:
    """An organisation an action involves, in its role."""

    organisation_id: int
    name: str
    role: ActionRole


@dataclass(frozen=True)
class ActionView:
    """An action as read. `start_date`/`end_date` are None for an action not yet dated; an
    ongoing one's `end_date` is the last day it covers as read: today (or its start, if that
    is still to come), so that every calendar shows it running to today."""

    id: int
    uuid: str
    campaign_id: int
    campaign_title: str
    campaign_colour: str
    campaign_country: str
    kind: ActionKind
    title: str
    all_day: bool
    start_date: date | None
    end_date: date | None
    starts_at: datetime | None
    ends_at: datetime | None
    timezone: str
    location: str
    status: ActionStatus
    notes: str
    ical_uid: str | None
    version: int
    workers: int | None = None
    outcome: str = ""
    ongoing: bool = False
    undated: bool = False
    target_month: str | None = None
    date_precision: DatePrecision = DatePrecision.DAY
    organisations: tuple[InvolvedOrganisation, ...] = ()

    def __post_init__(self) -> None:
        start = self.start_date
        if start is not None and (self.ongoing or self.end_date is None):
            # (A dated row without an end that is not ongoing, from another program's archive
            # say, is read as one day.)
            last = max(start, date.today()) if self.ongoing else start
            object.__setattr__(self, "end_date", last)

    def day_count(self, today: date | None = None) -> int | None:
        """Which day of an ongoing action `today` is (its start is day 1); None if not ongoing
        or not started."""
        today = today or date.today()
        if not self.ongoing or self.start_date is None or self.start_date > today:
            return None
        return (today - self.start_date).days + 1

    def month_only(self) -> bool:
        return self.date_precision == DatePrecision.MONTH  # a plain "month" too

    def local_start(self, zone: str | None = None) -> datetime | None:
        """The start as a wall-clock time in the action's zone, or in `zone` when given."""
        return (
            self.starts_at.astimezone(ZoneInfo(zone or self.timezone)) if self.starts_at else None
        )

    def days_in(self, zone: str | None = None) -> tuple[date, date]:
        """The first and last day the action covers in `zone` (default: where it happens); a
        timed action late in Seoul falls on the day before in Berlin."""
        assert self.start_date is not None and self.end_date is not None, "an undated action"
        start, end = self.local_start(zone), self.local_end(zone)
        if zone is None or start is None:
            return self.start_date, self.end_date
        if self.ongoing:
            return start.date(), max(start.date(), self.end_date)
        return start.date(), (end or start).date()

    def local_end(self, zone: str | None = None) -> datetime | None:
        return self.ends_at.astimezone(ZoneInfo(zone or self.timezone)) if self.ends_at else None

    def when_text(self, zone: str | None = None, short_zone: bool = False) -> str:
        """'2026-11-14' / '2026-12-11 – 2026-12-13' / '2026-11-14 14:00–17:00 Asia/Seoul'
        ('... Seoul' with `short_zone`, for a narrow column); 'July 2016' dated to the month;
        'since 2026-07-23 (day 12)' ongoing; 'to be dated (2026-03)' not yet dated."""
        if self.undated or self.start_date is None or self.end_date is None:
            return f"to be dated ({self.target_month})" if self.target_month else "to be dated"
        if self.month_only():
            return month_text(self.start_date)
        if self.ongoing:
            since = self.start_date.isoformat()
            if not self.all_day:
                start = self.local_start(zone)
                assert start is not None
                since = f"{start:%Y-%m-%d %H:%M} {short_zone_name(zone or self.timezone)}"
            count = self.day_count()
            return f"since {since}" + (f" (day {count})" if count else "")
        if self.all_day:
            if self.end_date == self.start_date:
                return self.start_date.isoformat()
            return f"{self.start_date.isoformat()} – {self.end_date.isoformat()}"
        start, end = self.local_start(zone), self.local_end(zone)
        assert start is not None
        text = start.strftime("%Y-%m-%d %H:%M")
        if end is not None:
            text += "–" + end.strftime("%H:%M" if end.date() == start.date() else "%Y-%m-%d %H:%M")
        name = zone or self.timezone
        return f"{text} {short_zone_name(name) if short_zone else name}"

    def fields(self) -> ActionFields:
        """The action as its form holds it (to edit it, or to write it back on undo)."""
        return fields_of(self)


@dataclass(frozen=True)
class SavedAction:
    """A saved action and the warnings the user should see (they did not stop the save)."""

    action: ActionView
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Moment:
    """A parsed start or end: a date for all-day, an aware UTC instant for timed."""

    day: date
    instant: datetime | None


def _parse_when(value: When, zone: str, field: str, label: str) -> Moment | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime):
        if value.tzinfo is None:
            return _local(value, zone, field, label)
        instant = value.astimezone(UTC)
        return Moment(instant.astimezone(ZoneInfo(zone)).date(), instant)
    if isinstance(value, date):
        return Moment(value, None)
    text = value.strip()
    if "T" in text or " " in text:
        return _local(
            v.parse_datetime_local(text.replace(" ", "T"), field, label), zone, field, label
        )
    parsed = v.parse_date(text, field, label)
    assert parsed is not None
    return Moment(parsed, None)


def _local(naive: datetime, zone: str, field: str, label: str) -> Moment:
    return Moment(naive.date(), local_to_utc(naive, zone, field, label))


def _given(value: When) -> bool:
    return value is not None and not (isinstance(value, str) and not value.strip())


def _apply_when(record: Action, data: ActionFields, zone: str) -> None:
    """The dates, after what kind of dating the action has: undated, to the month, ongoing, or
    to the day (and time)."""
    precision = v.parse_enum(DatePrecision, data.date_precision, "date_precision", "Dated to")
    record.ongoing, record.undated = bool(data.ongoing), bool(data.undated)
    record.date_precision = precision
    record.target_month = _target_month(data)
    if record.undated:
        _undated(record, data, precision)
        return
    if precision is DatePrecision.MONTH:
        _month_only(record, data)
        return
    start = _parse_when(data.start, zone, "start", "Start")
    if start is None:
        raise ValidationError("start", "Start is required: a date (YYYY-MM-DD) or a time.")
    end = _parse_when(data.end, zone, "end", "End")
    if end is not None and (end.instant is None) != (start.instant is None):
        raise ValidationError("end", "Start and end must both be dates (all-day) or both be times.")
    if end and end.instant and start.instant and end.instant < start.instant:
        raise ValidationError("end", "The end is before the start.")
    v.check_order(start.day, end.day if end else None, "end", "The end")
    if record.ongoing and end is not None:
        raise ValidationError(
            "end", "An ongoing action has no end yet: leave the end empty, or untick Ongoing."
        )
    record.all_day = start.instant is None
    record.start_date = start.day
    record.end_date = None if record.ongoing else (end.day if end else start.day)
    record.starts_at = start.instant
    record.ends_at = end.instant if end else None


def _target_month(data: ActionFields) -> str | None:
    text = (data.target_month or "").strip()
    if not text:
        return None
    if not data.undated:
        raise ValidationError(
            "target_month", "A target month is for an action not yet dated: tick Not yet dated."
        )
    if month_of(text) is None:
        raise ValidationError(
            "target_month", f"'{text}' is not a month: give it as YYYY-MM, such as 2026-03."
        )
    return text


def _undated(record: Action, data: ActionFields, precision: DatePrecision) -> None:
    if _given(data.start) or _given(data.end):
        raise ValidationError(
            "start", "An action not yet dated has no start or end: leave them empty."
        )
    if record.ongoing:
        raise ValidationError("ongoing", "An action not yet dated cannot be ongoing.")
    if precision is not DatePrecision.DAY:
        raise ValidationError("date_precision", "An action not yet dated has no month either.")
    record.all_day, record.start_date, record.end_date = True, None, None
    record.starts_at = record.ends_at = None


def _month_only(record: Action, data: ActionFields) -> None:
    """Dated to the month ("sentenced in July 2016"): all-day, kept on the month's 1st."""
    value = data.start
    if isinstance(value, datetime) or (isinstance(value, str) and _is_timed(value)):
        raise ValidationError(
            "start", "An action dated to the month only is all-day: give the month as YYYY-MM."
        )
    first = value.replace(day=1) if isinstance(value, date) else None
    if isinstance(value, str) and value.strip():
        first = month_of(value) or _day_of(value)
    if first is None:
        raise ValidationError("start", "Give the month of the action as YYYY-MM, such as 2016-07.")
    if _given(data.end):
        raise ValidationError("end", "An action dated to the month only has no end date.")
    if record.ongoing:
        raise ValidationError("ongoing", "An action dated to the month only cannot be ongoing.")
    record.all_day, record.start_date, record.end_date = True, first, first
    record.starts_at = record.ends_at = None


def _day_of(text: str) -> date:
    """The 1st of the month of a day given as YYYY-MM-DD (refused, with why, when it is not)."""
    day = v.parse_date(text.strip(), "start", "Start")
    assert day is not None
    return day.replace(day=1)


def _apply_organisations(
    session: Session, record: Action, involved: Sequence[Involved] | None
) -> None:
    """The organisations the action involves, each once in each role, replacing those it had."""
    if involved is None:
        return
    wanted: list[tuple[int, ActionRole]] = []
    for organisation_id, role in involved:
        found = v.reference(session, Organisation, organisation_id, "organisations", "organisation")
        if found is None:
            raise ValidationError("organisations", "Choose the organisation for each role.")
        pair = (found.id, v.parse_enum(ActionRole, role, "organisations", "Role"))
        if pair not in wanted:
            wanted.append(pair)
    kept = {(link.organisation_id, link.role): link for link in record.organisations}
    record.organisations = [
        kept.get(pair) or ActionOrganisation(organisation_id=pair[0], role=pair[1])
        for pair in wanted
    ]


def _apply(session: Session, record: Action, data: ActionFields) -> Campaign:
    campaign = v.reference(session, Campaign, data.campaign_id, "campaign_id", "campaign")
    if campaign is None:
        raise ValidationError("campaign_id", "Choose the campaign this action belongs to.")
    record.campaign_id = campaign.id
    record.kind = v.parse_enum(ActionKind, data.kind, "kind", "Kind")
    record.title = v.require_text(data.title, "title", "Title")
    zone = _zone_of(data, campaign)
    record.timezone = zone
    _apply_when(record, data, zone)
    record.location = v.optional_text(data.location, "location", "Location", 500)
    record.status = v.parse_enum(ActionStatus, data.status, "status", "Status")
    record.notes = v.optional_text(data.notes, "notes", "Notes", 100_000)
    record.workers = _workers(data.workers)
    record.outcome = v.optional_text(data.outcome, "outcome", "Outcome", 10_000)
    if data.ical_uid is not None:
        record.ical_uid = data.ical_uid.strip() or None
    _apply_organisations(session, record, data.organisations)
    return campaign


MOST_WORKERS = 100_000_000


def _workers(value: int | str | None) -> int | None:
    """A whole number of workers, none or more; empty when not known."""
    text = str(value).strip() if value is not None else ""
    if not text:
        return None
    number = int(text) if text.isascii() and text.isdigit() and len(text) <= 9 else -1
    if not 0 <= number <= MOST_WORKERS:
        raise ValidationError(
            "workers", f"'{text}' is not a number of workers: give a whole number such as 1000."
        )
    return number


def _is_timed(value: When) -> bool:
    if isinstance(value, str):
        return "T" in value.strip() or " " in value.strip()
    return isinstance(value, datetime)


def _zone_of(data: ActionFields, campaign: Campaign) -> str:
    """The zone given, else the campaign country's one zone; UTC only for an all-day action
    (whose days do not depend on it)."""
    if data.timezone is not None and data.timezone.strip():
        return check_zone(data.timezone)
    own = country_zone(campaign.country)
    if own is not None:
        return own
    if not _is_timed(data.start) and not _is_timed(data.end):
        return "UTC"
    raise ValidationError("timezone", _zone_needed(campaign))


def _zone_needed(campaign: Campaign) -> str:
    zones = country_zones(campaign.country)
    if not zones:
        where = f"the campaign '{campaign.title}' has no country"
        example = "Asia/Seoul"
    else:
        where = f"{v.country_name(campaign.country)} has {len(zones)} time zones"
        example = zones[0]
    return (
        f"A timed action needs the time zone where it happens, and {where}: "
        f"give it (--tz on the command line), such as {example}."
    )


def campaign_warnings(campaign: Campaign, first: date, last: date) -> tuple[str, ...]:
    """A closed campaign's action dated outside its dates is allowed, but worth a second look."""
    if campaign.status is not CampaignStatus.CLOSED:
        return ()
    before = campaign.start_date is not None and first < campaign.start_date
    after = campaign.end_date is not None and last > campaign.end_date
    if not (before or after):
        return ()
    span = f"{campaign.start_date or '…'} – {campaign.end_date or '…'}"
    return (
        f"The campaign '{campaign.title}' is closed and ran {span}; this action falls outside it.",
    )


def involved(record: Action) -> tuple[InvolvedOrganisation, ...]:
    return tuple(
        InvolvedOrganisation(link.organisation_id, link.organisation.name, link.role)
        for link in record.organisations
    )


def view(record: Action, campaign: Campaign | None = None) -> ActionView:
    campaign = campaign or record.campaign
    return ActionView(
        id=record.id,
        uuid=record.uuid,
        campaign_id=record.campaign_id,
        campaign_title=campaign.title,
        campaign_colour=campaign.colour,
        campaign_country=campaign.country,
        kind=record.kind,
        title=record.title,
        all_day=record.all_day,
        start_date=record.start_date,
        end_date=record.end_date,
        starts_at=record.starts_at,
        ends_at=record.ends_at,
        timezone=record.timezone,
        location=record.location,
        status=record.status,
        notes=record.notes,
        ical_uid=record.ical_uid,
        version=record.version,
        workers=record.workers,
        outcome=record.outcome,
        ongoing=record.ongoing,
        undated=record.undated,
        target_month=record.target_month,
        date_precision=record.date_precision,
        organisations=involved(record),
    )


def _saved(record: Action, campaign: Campaign) -> SavedAction:
    shown = view(record, campaign)
    if shown.start_date is None or shown.end_date is None:
        return SavedAction(shown)
    return SavedAction(shown, campaign_warnings(campaign, shown.start_date, shown.end_date))


def stage_action(
    session: Session, data: ActionFields, record: Action | None = None
) -> tuple[Action, Campaign]:
    """Validate `data` into a new (added to the session) or existing action, without a flush;
    for bulk work such as an import, which flushes once in a while."""
    if record is None:
        record = Action()
        session.add(record)
    else:
        record.updated_at = utc_now()
    with session.no_autoflush:
        try:
            return record, _apply(session, record, data)
        except ValidationError:
            if record in session.new:
                session.expunge(record)
            raise


def create_action(session: Session, data: ActionFields) -> SavedAction:
    record = Action()
    with session.no_autoflush:
        campaign = _apply(session, record, data)
    session.add(record)
    session.flush()
    return _saved(record, campaign)


def update_action(
    session: Session, action_id: int, data: ActionFields, expected_version: int
) -> SavedAction:
    record = v.get_or_raise(session, Action, action_id, "action")
    v.check_version(record, expected_version, "action")
    with session.no_autoflush:
        campaign = _apply(session, record, data)
    record.updated_at = utc_now()
    session.flush()
    return _saved(record, campaign)


def fields_of(action: ActionView) -> ActionFields:
    """The form values of a saved action, times as local wall-clock times in its zone."""
    start: When = action.start_date
    end: When = None if action.ongoing or action.month_only() else action.end_date
    if not action.all_day:
        local_start, local_end = action.local_start(), action.local_end()
        start = local_start.replace(tzinfo=None) if local_start else None
        end = local_end.replace(tzinfo=None) if local_end else None
    return ActionFields(
        campaign_id=action.campaign_id,
        kind=action.kind,
        title=action.title,
        start=start,
        end=end,
        timezone=action.timezone,
        location=action.location,
        status=action.status,
        notes=action.notes,
        ical_uid=action.ical_uid,
        workers=action.workers,
        outcome=action.outcome,
        ongoing=action.ongoing,
        undated=action.undated,
        target_month=action.target_month,
        date_precision=action.date_precision,
        organisations=[(o.organisation_id, o.role) for o in action.organisations],
    )


def move_action(
    session: Session, action_id: int, new_start: date, expected_version: int
) -> SavedAction:
    """Move an action to start on another day, keeping its length and local wall-clock times."""
    record = v.get_or_raise(session, Action, action_id, "action")
    v.check_version(record, expected_version, "action")
    if record.start_date is None:
        raise ValidationError("start", "An action not yet dated has no day to move from.")
    shift = new_start - record.start_date
    data = fields_of(view(record))
    data.start = _shifted(data.start, shift)
    data.end = _shifted(data.end, shift)
    return update_action(session, action_id, data, record.version)


def _shifted(value: When, shift: timedelta) -> When:
    return value + shift if isinstance(value, date | datetime) else value


def get_action(session: Session, action_id: int) -> ActionView:
    return view(v.get_or_raise(session, Action, action_id, "action"))


def delete_action(session: Session, action_id: int) -> TrashView:
    """To the trash; commitments tied to it stay, and get the link back on a restore."""
    record = v.get_or_raise(session, Action, action_id, "action")
    return trash.discard(session, "action", action_id, lambda: session.delete(record))
    session.flush()
