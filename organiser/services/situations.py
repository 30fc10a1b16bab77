"""People at risk: the situations of a person (arrested, sentenced, on hunger strike...), who is
held or on hunger strike now with the day count, and their next hearing on the calendar.

Day counts count the first day as day 1: a hunger strike begun today is on its day 1, and a
person arrested yesterday has been held 2 days. Someone is held from the first arrest or
detention of the episode (the situations since their last release or acquittal) while a
situation that holds them has not ended.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from organiser.errors import ValidationError
from organiser.models import (
    Action,
    ActionKind,
    ActionStatus,
    Campaign,
    DatePrecision,
    Person,
    Situation,
    SituationKind,
)
from organiser.models.organisations import person_label
from organiser.services import trash
from organiser.services import validation as v
from organiser.services.trash import TrashView

# The situations that keep a person in custody, and those that end an episode of it.
HOLDING = frozenset({SituationKind.ARRESTED, SituationKind.DETAINED, SituationKind.SENTENCED})
ENDING = frozenset({SituationKind.RELEASED, SituationKind.ACQUITTED})
MAX_SENTENCE_MONTHS = 12 * 100


@dataclass
class SituationFields:
    """What a user gives for a situation; the service validates it."""

    person_id: int | None = None
    kind: SituationKind | str = ""
    since: date | str | None = None
    until: date | str | None = None
    court: str = ""
    sentence: str = ""
    sentence_months: int | str | None = None
    lawyer: str = ""
    notes: str = ""
    campaign_ids: Sequence[int] = ()
    action_ids: Sequence[int] = ()


@dataclass(frozen=True)
class HearingView:
    """An action on the calendar a situation is linked to: a hearing, a ruling, a release."""

    action_id: int
    title: str
    kind: str
    start_date: date | None  # None: not yet dated
    status: str
    month_only: bool = False  # dated to its month alone: 'July 2016'


@dataclass(frozen=True)
class SituationView:
    id: int
    uuid: str
    person_id: int
    person_name: str
    kind: SituationKind
    since: date | None
    until: date | None
    court: str
    sentence: str
    sentence_months: int | None
    lawyer: str
    notes: str
    campaign_ids: tuple[int, ...]
    campaign_titles: tuple[str, ...]
    action_ids: tuple[int, ...]
    hearings: tuple[HearingView, ...]
    # Now: whether it is part of what is happening to the person (begun, not ended, not
    # followed by a release), and its day ("day 12"), counted from `since` as day 1.
    current: bool
    day: int | None
    version: int
    created_at: datetime = field(compare=False)
    updated_at: datetime = field(compare=False)


@dataclass(frozen=True)
class AtRiskView:
    """A person held or on hunger strike now, with the day counts and what comes next."""

    person_id: int
    person_name: str
    organisation_name: str
    situation_id: int  # the latest current situation (else the latest), to edit from the list
    kind: SituationKind
    since: date | None  # of that situation
    until: date | None
    held_since: date | None
    held_days: int | None
    sentence_months: int | None
    sentence: str
    hunger_strike_since: date | None
    hunger_strike_day: int | None
    next_hearing: HearingView | None
    campaign_ids: tuple[int, ...]
    campaign_titles: tuple[str, ...]

    @property
    def id(self) -> int:
        """The person's: one row per person."""
        return self.person_id

    @property
    def at_risk(self) -> bool:
        return self.held_days is not None or self.hunger_strike_day is not None

    @property
    def count_text(self) -> str:
        return count_text(self.held_days, self.sentence_months, self.hunger_strike_day)


@dataclass(frozen=True)
class ActionChoice:
    """An action a situation may be linked to, as a form offers it."""

    id: int
    title: str
    start_date: date | None  # None: not yet dated
    campaign_title: str


def day_number(since: date, today: date) -> int:
    """Which day `today` is of something begun on `since`: the first day is day 1."""
    return (today - since).days + 1


def sentence_text(months: int) -> str:
    """5 years, 18 months, 1 year: a sentence's length as the documents write it."""
    if months % 12 == 0:
        years = months // 12
        return f"{years} year" if years == 1 else f"{years} years"
    return f"{months} month" if months == 1 else f"{months} months"


def count_text(held_days: int | None, sentence_months: int | None, hunger_day: int | None) -> str:
    """The day count in English, for the command line: "held 231 days of 5 years",
    "day 12 of hunger strike" (the window says it in the user's language)."""
    parts = []
    if held_days is not None:
        held = f"held {held_days} day" + ("" if held_days == 1 else "s")
        if sentence_months:
            held += f" of {sentence_text(sentence_months)}"
        parts.append(held)
    if hunger_day is not None:
        parts.append(f"day {hunger_day} of hunger strike")
    return "; ".join(parts)


def _check_months(value: int | str | None) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        months = int(value)
    except ValueError:
        raise ValidationError(
            "sentence_months", f"Sentence length '{value}' is not a whole number of months."
        ) from None
    if not 0 < months <= MAX_SENTENCE_MONTHS:
        raise ValidationError(
            "sentence_months",
            f"Sentence length {months} is not a number of months from 1 to "
            f"{MAX_SENTENCE_MONTHS} (life: leave it empty and write it in the sentence).",
        )
    return months


def _apply(session: Session, record: Situation, data: SituationFields) -> None:
    person = v.reference(session, Person, data.person_id, "person_id", "person")
    if person is None:
        raise ValidationError("person_id", "Person is required.")
    record.person_id = person.id
    kind = data.kind if data.kind else None
    if kind is None:
        raise ValidationError("kind", "Kind is required.")
    record.kind = v.parse_enum(SituationKind, kind, "kind", "Kind")
    since = v.parse_date(data.since, "since", "Since")
    if since is None:
        raise ValidationError("since", "Since is required: the day it began.")
    until = v.parse_date(data.until, "until", "Until")
    v.check_order(since, until, "until", "Until")
    record.since, record.until = since, until
    record.court = v.optional_text(data.court, "court", "Court", 300)
    record.sentence = v.optional_text(data.sentence, "sentence", "Sentence", 300)
    record.sentence_months = _check_months(data.sentence_months)
    record.lawyer = v.optional_text(data.lawyer, "lawyer", "Lawyer", 300)
    record.notes = v.optional_text(data.notes, "notes", "Notes")
    campaigns = [
        v.get_or_raise(session, Campaign, key, "campaign")
        for key in dict.fromkeys(data.campaign_ids)
    ]
    actions = [
        v.get_or_raise(session, Action, key, "action") for key in dict.fromkeys(data.action_ids)
    ]
    record.campaigns = campaigns  # type: ignore[attr-defined]
    record.actions = actions  # type: ignore[attr-defined]


def create_situation(session: Session, data: SituationFields) -> SituationView:
    record = Situation()
    with session.no_autoflush:
        _apply(session, record, data)
    session.add(record)
    session.flush()
    return get_situation(session, record.id)


def update_situation(
    session: Session, situation_id: int, data: SituationFields, expected_version: int
) -> SituationView:
    record = v.get_or_raise(session, Situation, situation_id, "situation")
    v.check_version(record, expected_version, "situation")
    with session.no_autoflush:
        _apply(session, record, data)
    session.flush()
    return get_situation(session, record.id)


def link_action(session: Session, situation_id: int, action_id: int) -> SituationView:
    """Add an action (a hearing just put on the calendar) to a situation's hearings."""
    record = v.get_or_raise(session, Situation, situation_id, "situation")
    action = v.get_or_raise(session, Action, action_id, "action")
    linked = record.actions  # type: ignore[attr-defined]
    if action not in linked:
        linked.append(action)
    session.flush()
    return get_situation(session, record.id)


def delete_situation(session: Session, situation_id: int) -> TrashView:
    """To the trash, with its links to campaigns and hearings; the actions themselves stay."""
    record = v.get_or_raise(session, Situation, situation_id, "situation")
    label = f"{_person_name(record.person)}: {record.kind.value.replace('-', ' ')}"
    return trash.discard(
        session, "situation", situation_id, lambda: session.delete(record), label=label
    )


def _person_name(person: Person) -> str:
    return person_label(person.name, person.role)


def _loaded(session: Session, person_ids: Iterable[int] | None = None) -> list[Person]:
    """People with their situations, campaigns and hearings, in one round of queries."""
    query = select(Person).options(
        selectinload(Person.organisation),
        selectinload(Person.situations).selectinload(Situation.campaigns),  # type: ignore[attr-defined]
        selectinload(Person.situations).selectinload(Situation.actions),  # type: ignore[attr-defined]
    )
    if person_ids is not None:
        query = query.where(Person.id.in_(sorted(set(person_ids))))
    else:
        query = query.where(Person.id.in_(select(Situation.person_id)))
    return list(session.scalars(query).unique())


def _in_order(situations: Iterable[Situation]) -> list[Situation]:
    return sorted(situations, key=lambda s: (s.since or date.min, s.id))


def _not_ended(situation: Situation, today: date) -> bool:
    return situation.until is None or situation.until >= today


def _current_ids(situations: list[Situation], today: date) -> set[int]:
    """The situations of one person (in order) that are what is happening to them now."""
    begun = [s for s in situations if s.since is None or s.since <= today]
    episode = _episode(begun)
    return {s.id for s in episode if s.kind not in ENDING and _not_ended(s, today)}


def _episode(begun: list[Situation]) -> list[Situation]:
    """The situations after the last release or acquittal (all of them if none)."""
    for index in range(len(begun) - 1, -1, -1):
        if begun[index].kind in ENDING:
            return begun[index + 1 :]
    return begun


def _hearing(action: Action) -> HearingView:
    return HearingView(
        action_id=action.id,
        title=action.title,
        kind=action.kind.value,
        start_date=action.start_date,
        status=action.status.value,
        month_only=action.date_precision is DatePrecision.MONTH,
    )


def _by_date(action: Action) -> tuple[bool, date, int]:
    """Dated actions by their date, those not yet dated after them."""
    return (action.start_date is None, action.start_date or date.min, action.id)


def _view(record: Situation, person: Person, current: bool, today: date) -> SituationView:
    campaigns = sorted(record.campaigns, key=lambda c: c.id)  # type: ignore[attr-defined]
    actions = sorted(record.actions, key=_by_date)  # type: ignore[attr-defined]
    return SituationView(
        id=record.id,
        uuid=record.uuid,
        person_id=record.person_id,
        person_name=_person_name(person),
        kind=record.kind,
        since=record.since,
        until=record.until,
        court=record.court,
        sentence=record.sentence,
        sentence_months=record.sentence_months,
        lawyer=record.lawyer,
        notes=record.notes,
        campaign_ids=tuple(c.id for c in campaigns),
        campaign_titles=tuple(c.title for c in campaigns),
        action_ids=tuple(a.id for a in actions),
        hearings=tuple(_hearing(a) for a in actions),
        current=current,
        day=day_number(record.since, today) if current and record.since else None,
        version=record.version,
        created_at=record.created_at,
        updated_at=record.updated_at,
    )


def get_situation(session: Session, situation_id: int, today: date | None = None) -> SituationView:
    record = v.get_or_raise(session, Situation, situation_id, "situation")
    [person] = _loaded(session, [record.person_id])
    when = today or date.today()
    current = record.id in _current_ids(_in_order(person.situations), when)
    return _view(record, person, current, when)


def list_situations(
    session: Session,
    person_id: int | None = None,
    campaign_id: int | None = None,
    current: bool = False,
    today: date | None = None,
) -> list[SituationView]:
    """Each person's situations oldest first (people by name): a person's history; with
    `current`, only what is happening to them now."""
    when = today or date.today()
    if person_id is not None:
        v.get_or_raise(session, Person, person_id, "person")
    if campaign_id is not None:
        v.get_or_raise(session, Campaign, campaign_id, "campaign")
    people = _loaded(session, [person_id] if person_id is not None else None)
    found: list[SituationView] = []
    for person in sorted(people, key=lambda p: (_person_name(p).lower(), p.id)):
        ordered = _in_order(person.situations)
        now = _current_ids(ordered, when)
        for record in ordered:
            if current and record.id not in now:
                continue
            ids = {c.id for c in record.campaigns}  # type: ignore[attr-defined]
            if campaign_id is not None and campaign_id not in ids:
                continue
            found.append(_view(record, person, record.id in now, when))
    return found


def _at_risk(person: Person, today: date, everyone: bool = False) -> AtRiskView | None:
    ordered = _in_order(person.situations)
    if not ordered:
        return None
    now = [s for s in ordered if s.id in _current_ids(ordered, today)]
    holding = [s for s in now if s.kind in HOLDING]
    striking = [s for s in now if s.kind is SituationKind.ON_HUNGER_STRIKE]
    if not holding and not striking and not everyone:
        return None
    episode = _episode([s for s in ordered if s.since is None or s.since <= today])
    held_since = None
    if holding:
        starts = [s.since for s in episode if s.kind in HOLDING and s.since is not None]
        held_since = min(starts) if starts else None
    sentenced = [s for s in episode if s.kind is SituationKind.SENTENCED]
    strike_since = striking[-1].since if striking else None
    upcoming = [
        action
        for s in ordered
        for action in s.actions  # type: ignore[attr-defined]
        if action.start_date is not None
        and action.start_date >= today
        and action.status is not ActionStatus.CANCELLED
    ]
    upcoming.sort(key=lambda a: (a.start_date, a.starts_at or datetime.min, a.id))
    campaigns = {c.id: c.title for s in episode for c in s.campaigns}  # type: ignore[attr-defined]
    if not campaigns:
        campaigns = {c.id: c.title for s in ordered for c in s.campaigns}  # type: ignore[attr-defined]
    latest = now[-1] if now else ordered[-1]
    return AtRiskView(
        person_id=person.id,
        person_name=_person_name(person),
        organisation_name=person.organisation.name if person.organisation else "",
        situation_id=latest.id,
        kind=latest.kind,
        since=latest.since,
        until=latest.until,
        held_since=held_since,
        held_days=day_number(held_since, today) if held_since else None,
        sentence_months=sentenced[-1].sentence_months if sentenced else None,
        sentence=sentenced[-1].sentence if sentenced else "",
        hunger_strike_since=strike_since,
        hunger_strike_day=day_number(strike_since, today) if strike_since else None,
        next_hearing=_hearing(upcoming[0]) if upcoming else None,
        campaign_ids=tuple(sorted(campaigns)),
        campaign_titles=tuple(campaigns[key] for key in sorted(campaigns)),
    )


def at_risk_now(
    session: Session,
    campaign_id: int | None = None,
    today: date | None = None,
    everyone: bool = False,
) -> list[AtRiskView]:
    """Who is held or on hunger strike now (of one campaign's situations, if given), the longest
    held first; with `everyone`, every person with a situation (those not at risk now after)."""
    when = today or date.today()
    if campaign_id is not None:
        v.get_or_raise(session, Campaign, campaign_id, "campaign")
    found = []
    for person in _loaded(session):
        risk = _at_risk(person, when, everyone)
        if risk is None or (campaign_id is not None and campaign_id not in risk.campaign_ids):
            continue
        found.append(risk)
    found.sort(key=lambda r: (-(r.held_days or r.hunger_strike_day or 0), r.person_name.lower()))
    return found


# Kinds of action a situation is linked to: its hearings, rulings, release date, the strike.
LINKED_KINDS = (
    ActionKind.COURT_HEARING, ActionKind.COURT_RULING, ActionKind.APPEAL, ActionKind.ARREST,
    ActionKind.HUNGER_STRIKE, ActionKind.DEADLINE, ActionKind.OTHER,
)  # fmt: skip
MAX_ACTION_CHOICES = 500


def action_choices(session: Session, keep: Iterable[int] = ()) -> list[ActionChoice]:
    """The actions a situation form offers, newest first: hearings, rulings, appeals, arrests,
    hunger strikes, deadlines (a release date) and others, and those in `keep` whatever kind."""
    kept = sorted(set(keep))
    query = (
        select(Action.id, Action.title, Action.start_date, Campaign.title)
        .join(Campaign, Action.campaign_id == Campaign.id)
        .where(Action.kind.in_(LINKED_KINDS) | Action.id.in_(kept))
        .order_by(Action.start_date.desc().nulls_first(), Action.id.desc())
        .limit(MAX_ACTION_CHOICES + len(kept))
    )
    return [ActionChoice(*row) for row in session.execute(query)]
