"""How exporters and printers read an action, the commitment report and a campaign's brief: the
services' read models (ActionView, CommitmentReport) have these shapes; the brief's are dataclasses.

It lives beside the models because `formats` and `pdf` may import models but not services.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol

from organiser.enums import (
    ActionStatus,
    CampaignStatus,
    Channel,
    CommitmentStatus,
    SituationKind,
)


class ReadableAction(Protocol):
    @property
    def uuid(self) -> str: ...
    @property
    def campaign_title(self) -> str: ...
    @property
    def campaign_colour(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def all_day(self) -> bool: ...
    @property
    def start_date(self) -> date | None: ...  # None: not yet dated
    @property
    def end_date(self) -> date | None: ...  # an ongoing action's: today
    @property
    def starts_at(self) -> datetime | None: ...
    @property
    def ends_at(self) -> datetime | None: ...
    @property
    def timezone(self) -> str: ...
    @property
    def location(self) -> str: ...
    @property
    def status(self) -> str: ...
    @property
    def notes(self) -> str: ...
    @property
    def workers(self) -> int | None: ...
    @property
    def outcome(self) -> str: ...
    @property
    def ongoing(self) -> bool: ...
    @property
    def undated(self) -> bool: ...
    @property
    def target_month(self) -> str | None: ...
    @property
    def date_precision(self) -> str: ...


class ReadableCommitment(Protocol):
    """How the commitment report reads one pledge: the services' CommitmentView has this shape."""

    @property
    def what(self) -> str: ...
    @property
    def action_title(self) -> str: ...
    @property
    def due_date(self) -> date | None: ...
    @property
    def status(self) -> CommitmentStatus: ...
    @property
    def fulfilled_on(self) -> date | None: ...
    @property
    def evidence(self) -> str: ...
    @property
    def evidence_url(self) -> str: ...
    @property
    def evidence_file_name(self) -> str: ...
    @property
    def overdue(self) -> bool: ...
    @property
    def number(self) -> int | None: ...
    @property
    def joint_pledgers(self) -> str: ...
    @property
    def source_letter_subject(self) -> str: ...


class ReadableAffiliateGroup(Protocol):
    """One affiliate's pledges in the report (the services' AffiliateGroup)."""

    @property
    def organisation_name(self) -> str: ...
    @property
    def commitments(self) -> Sequence[ReadableCommitment]: ...


class ReadableCommitmentReport(Protocol):
    """A campaign's commitments grouped by affiliate (the services' CommitmentReport); the
    lead organisation's own (the federation's) apart, in `lead`: it is no affiliate of itself."""

    @property
    def campaign_title(self) -> str: ...
    @property
    def made_on(self) -> date: ...
    @property
    def groups(self) -> Sequence[ReadableAffiliateGroup]: ...
    @property
    def lead(self) -> ReadableAffiliateGroup | None: ...
    @property
    def totals(self) -> Mapping[CommitmentStatus, int]: ...
    @property
    def total(self) -> int: ...
    @property
    def fulfilment_rate(self) -> float | None: ...


# A campaign's brief (services/campaign_brief.py builds it, pdf/brief.py prints it): plain
# values, already chosen and trimmed to what fits two pages.


@dataclass(frozen=True)
class BriefAction:
    """An action of the timeline. Its date is in one of four forms, printed in the brief's
    language: `when` (dated to the day: "2016-11-12 – 2016-11-13", "2026-12-07 10:00–13:00
    Aqtau"), `month` (dated to its month only), `since` with `day` (ongoing), or `to_be_dated`
    (perhaps in `target_month`, "2026-03")."""

    when: str
    title: str
    location: str
    status: ActionStatus
    outcome: str
    upcoming: bool  # still to come (or ongoing, or not yet dated): printed apart from the past
    month: date | None = None
    since: str = ""
    day: int | None = None
    to_be_dated: bool = False
    target_month: str = ""


@dataclass(frozen=True)
class BriefCommitment:
    what: str
    number: int | None  # in the resolution that made it
    due_date: date | None
    status: CommitmentStatus
    fulfilled_on: date | None
    overdue: bool


@dataclass(frozen=True)
class BriefAffiliate:
    """One organisation's commitments; `lead`: the campaign's own lead organisation."""

    name: str
    lead: bool
    commitments: tuple[BriefCommitment, ...]


@dataclass(frozen=True)
class BriefLetter:
    sent_on: date | None
    channel: Channel | None
    tracking_number: str
    subject: str
    recipients: str
    reply_received_on: date | None


@dataclass(frozen=True)
class BriefPerson:
    """A person whose situation concerns the campaign, as things stand for them now."""

    name: str
    organisation: str
    kind: SituationKind  # their latest situation that holds now, else their latest
    since: date | None
    until: date | None
    held_days: int | None  # None: not held now
    sentence: str
    hunger_strike_day: int | None
    next_hearing: str  # "Appeal hearing, 2026-12-07"; empty when none is on the calendar


@dataclass(frozen=True)
class Left:
    """How many of a section were left out to keep the brief to two pages."""

    before: int = 0  # earlier (the timeline's past, the letters' oldest)
    after: int = 0  # later (the timeline's further future), or simply more


@dataclass(frozen=True)
class CampaignBrief:
    title: str
    status: CampaignStatus
    country: str  # its name
    start_date: date | None
    end_date: date | None
    lead: str
    target: str
    target_organisations: tuple[str, ...]
    allies: tuple[str, ...]
    summary: str
    demands: tuple[str, ...]
    made_on: date
    actions: tuple[BriefAction, ...]
    actions_left: Left
    affiliates: tuple[BriefAffiliate, ...]
    commitments_left: Left
    commitment_totals: Mapping[CommitmentStatus, int]
    fulfilment_rate: float | None
    letters: tuple[BriefLetter, ...]
    letters_left: Left
    letters_unsent: int  # drafts and approved letters, not yet gone out
    people: tuple[BriefPerson, ...]
    people_left: Left
