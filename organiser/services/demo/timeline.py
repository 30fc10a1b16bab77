"""The sample actions and commitments: the history is fixed, the rest is dated from `today` so the
calendar and the dashboard always show something coming up and something overdue."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, time, timedelta
from typing import NamedTuple
from zoneinfo import ZoneInfo

from organiser.models import Action, ActionKind, ActionStatus, Commitment, CommitmentStatus
from organiser.services.demo.data import SampleIds

DAY = timedelta(days=1)
SEOUL = "Asia/Seoul"
AQTAU = "Asia/Aqtau"
BERLIN = "Europe/Berlin"
BUENOS_AIRES = "America/Argentina/Buenos_Aires"
EVIDENCE = "Photos on the union's website"


class ActionRow(NamedTuple):
    campaign: str
    kind: ActionKind
    title: str
    status: ActionStatus
    zone: str
    location: str
    first: date
    last: date | None = None  # None: the same day
    hours: tuple[time, time] | None = None  # None: all day
    notes: str = ""
    workers: int | None = None  # how many take part, when the documents say
    outcome: str = ""


class CommitmentRow(NamedTuple):
    campaign: str
    organisation: str
    what: str
    action: str | None  # the title of the sample action it serves
    due: date
    status: CommitmentStatus
    fulfilled_on: date | None = None


HISTORY: tuple[ActionRow, ...] = (
    ActionRow("korea", ActionKind.RALLY, "People's Mass Mobilization", ActionStatus.HAPPENED,
              SEOUL, "Gwanghwamun Square, Seoul", date(2015, 11, 14)),
    ActionRow("korea", ActionKind.POLICE_RAID, "Police raid on union offices",
              ActionStatus.HAPPENED, SEOUL, "Seoul", date(2015, 11, 21),
              outcome="Documents, equipment, computers and hard drives seized."),
    ActionRow("korea", ActionKind.COURT_HEARING, "Sentencing of Han Sang-gyun",
              ActionStatus.HAPPENED, SEOUL, "Seoul Central District Court", date(2016, 7, 4)),
    ActionRow("korea", ActionKind.RALLY, "National Workers Rally", ActionStatus.HAPPENED,
              SEOUL, "Seoul", date(2016, 11, 12), date(2016, 11, 13)),
    ActionRow("korea", ActionKind.GLOBAL_DAY_OF_ACTION, "Global day of action for Korean unions",
              ActionStatus.HAPPENED, "UTC", "Worldwide", date(2017, 3, 9)),
    ActionRow("nhis", ActionKind.STRIKE, "Third round of strike action", ActionStatus.HAPPENED,
              SEOUL, "NHIS customer service centres", date(2021, 7, 1), date(2021, 7, 3),
              workers=1000),
    ActionRow("nhis", ActionKind.RALLY, "Rally at NHIS headquarters", ActionStatus.HAPPENED,
              SEOUL, "Wonju", date(2021, 7, 23), hours=(time(14, 0), time(17, 0)),
              notes="KPTU had met every social distancing requirement.",
              outcome="Declared illegal."),
    ActionRow("nhis", ActionKind.HUNGER_STRIKE, "Hunger strike of the branch first vice chair",
              ActionStatus.HAPPENED, SEOUL, "Wonju", date(2021, 7, 23), date(2021, 8, 12)),
)  # fmt: skip

PAST_COMMITMENTS: tuple[CommitmentRow, ...] = (
    CommitmentRow("korea", "ig-metall", "Join the global day of action with a rally in Frankfurt",
                  "Global day of action for Korean unions", date(2017, 3, 9),
                  CommitmentStatus.FULFILLED, date(2017, 3, 9)),
    CommitmentRow("korea", "unite", "Write to the Korean embassy in London", None,
                  date(2016, 12, 1), CommitmentStatus.FULFILLED, date(2016, 11, 28)),
    CommitmentRow("korea", "cfmeu", "Raise the jailed leaders at the ILO Governing Body", None,
                  date(2017, 3, 20), CommitmentStatus.WITHDRAWN),
    CommitmentRow("korea", "if-metall", "Send a delegation to the National Workers Rally",
                  "National Workers Rally", date(2016, 11, 12), CommitmentStatus.FULFILLED,
                  date(2016, 11, 12)),
    CommitmentRow("nhis", "unison", "Send a solidarity message to the strikers", None,
                  date(2021, 7, 10), CommitmentStatus.FULFILLED, date(2021, 7, 8)),
    CommitmentRow("nhis", "ate", "Publish the call-centre workers' case in the union press", None,
                  date(2021, 8, 1), CommitmentStatus.FULFILLED, date(2021, 8, 3)),
)  # fmt: skip


def next_strike_day(today: date) -> date:
    """11 December, this year's or, once it has passed, next year's."""
    strike_day = date(today.year, 12, 11)
    return strike_day if strike_day >= today else date(today.year + 1, 12, 11)


def coming_actions(today: date) -> tuple[ActionRow, ...]:
    return (
        ActionRow("kazakh", ActionKind.STRIKE, "Oil-field strike day", ActionStatus.CONFIRMED,
                  AQTAU, "Жаңаөзен, Mangystau", next_strike_day(today)),
        ActionRow("kazakh", ActionKind.COURT_HEARING, "Appeal hearing", ActionStatus.PLANNED,
                  AQTAU, "Mangystau Regional Court, Aktau", today + 3 * DAY,
                  hours=(time(10, 0), time(13, 0))),
        ActionRow("kazakh", ActionKind.VIGIL, "Vigil at the embassy", ActionStatus.PLANNED,
                  BERLIN, "Embassy of Kazakhstan, Berlin", today + 7 * DAY,
                  hours=(time(12, 0), time(14, 0))),
        ActionRow("kazakh", ActionKind.GLOBAL_DAY_OF_ACTION,
                  "Global day of action: right to strike", ActionStatus.PLANNED, "UTC",
                  "Worldwide", today + 16 * DAY),
        ActionRow("argentina", ActionKind.MEETING, "Meeting with ANSES management",
                  ActionStatus.CONFIRMED, BUENOS_AIRES, "Buenos Aires", today + 2 * DAY,
                  hours=(time(11, 0), time(12, 30))),
        ActionRow("argentina", ActionKind.DEADLINE, "Tender closes", ActionStatus.PLANNED,
                  BUENOS_AIRES, "", today + 9 * DAY),
    )  # fmt: skip


def coming_commitments(today: date) -> tuple[CommitmentRow, ...]:
    """Most fall due in the coming weeks; two are already overdue, for the dashboard to chase."""
    return (
        CommitmentRow("kazakh", "ig-metall", "Hold a vigil at the embassy in Berlin",
                      "Vigil at the embassy", today + 7 * DAY, CommitmentStatus.PLEDGED),
        CommitmentRow("kazakh", "unite", "Protest letter to the Kazakh ambassador", None,
                      today - 3 * DAY, CommitmentStatus.IN_PROGRESS),
        CommitmentRow("kazakh", "if-metall", "Join the global day of action",
                      "Global day of action: right to strike", today + 16 * DAY,
                      CommitmentStatus.PLEDGED),
        CommitmentRow("kazakh", "cfmeu", "Send observers to the appeal hearing", "Appeal hearing",
                      today - DAY, CommitmentStatus.PLEDGED),
        CommitmentRow("argentina", "unison", "Share research on outsourced call centres", None,
                      today + 12 * DAY, CommitmentStatus.PLEDGED),
    )  # fmt: skip


def sample_actions(today: date, campaign_ids: Mapping[str, int]) -> list[Action]:
    rows = HISTORY + coming_actions(today)
    return [_action(row, campaign_ids[row.campaign]) for row in rows]


def sample_commitments(
    today: date, ids: SampleIds, action_ids: Mapping[str, int]
) -> list[Commitment]:
    """`action_ids` maps the titles of the sample actions to their ids."""
    rows = PAST_COMMITMENTS + coming_commitments(today)
    return [_commitment(row, ids, action_ids) for row in rows]


def _action(row: ActionRow, campaign_id: int) -> Action:
    last = row.last or row.first
    action = Action(
        campaign_id=campaign_id,
        kind=row.kind,
        title=row.title,
        all_day=row.hours is None,
        start_date=row.first,
        end_date=last,
        timezone=row.zone,
        location=row.location,
        status=row.status,
        notes=row.notes,
        workers=row.workers,
        outcome=row.outcome,
    )
    if row.hours is not None:
        action.starts_at = _at(row.first, row.hours[0], row.zone)
        action.ends_at = _at(last, row.hours[1], row.zone)
    return action


def _at(day: date, hour: time, zone: str) -> datetime:
    return datetime.combine(day, hour, tzinfo=ZoneInfo(zone))


def _commitment(row: CommitmentRow, ids: SampleIds, action_ids: Mapping[str, int]) -> Commitment:
    return Commitment(
        campaign_id=ids.campaigns[row.campaign],
        organisation_id=ids.organisations[row.organisation],
        what=row.what,
        action_id=action_ids[row.action] if row.action else None,
        due_date=row.due,
        status=row.status,
        fulfilled_on=row.fulfilled_on,
        evidence=EVIDENCE if row.fulfilled_on else "",
    )
