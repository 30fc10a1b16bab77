"""The Dashboard's sections as plain data: what `services.dashboard` reads and the doors show.

Nothing here imports the database machinery, so that the window's first frame can paint the
Dashboard kept from the last session (`services.first_frame`) before SQLAlchemy is loaded.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Generic, TypeVar

from organiser.enums import (
    ActionKind,
    ActionStatus,
    CampaignStatus,
    CommitmentStatus,
    LetterKind,
    LetterStatus,
)
from organiser.services.reminder_view import ReminderView

UPCOMING_DAYS = 14  # today and the 13 days after it
AWAITING_REPLY_DAYS = 30  # a letter sent more than this many days ago with no reply yet
SECTION_LIMIT = 12  # items shown per section; the count says how many there are in all


@dataclass(frozen=True)
class ActionItem:
    """An action of the coming days. `starts_at`/`ends_at` (UTC) are None for an all-day one;
    the window shows them in `timezone` (where it happens) and in the organiser's own zone."""

    id: int
    action_kind: ActionKind
    title: str
    campaign_id: int
    campaign_title: str
    colour: str
    start_date: date
    end_date: date | None  # None: ongoing
    all_day: bool
    starts_at: datetime | None
    ends_at: datetime | None
    timezone: str
    location: str
    status: ActionStatus
    kind: str = "action"


@dataclass(frozen=True)
class CommitmentItem:
    id: int
    what: str
    organisation_name: str
    campaign_id: int
    campaign_title: str
    due_date: date
    status: CommitmentStatus
    days_overdue: int  # 0 when not yet due
    kind: str = "commitment"


@dataclass(frozen=True)
class LetterItem:
    id: int
    subject: str
    letter_kind: LetterKind
    status: LetterStatus
    campaign_id: int
    campaign_title: str
    letter_date: date | None
    sent_on: date | None
    days_waiting: int | None  # since it was sent; None for a letter not sent
    kind: str = "letter"


@dataclass(frozen=True)
class CampaignItem:
    """A planned or active campaign with no action planned from today on."""

    id: int
    title: str
    colour: str
    status: CampaignStatus
    last_action_on: date | None  # the start of its latest action not cancelled, if any
    kind: str = "campaign"


@dataclass(frozen=True)
class PersonItem:
    id: int  # the person's
    name: str
    organisation_name: str
    held_days: int | None
    sentence_months: int | None
    hunger_strike_day: int | None
    campaign_titles: tuple[str, ...]
    kind: str = "person"


T = TypeVar("T")


@dataclass(frozen=True)
class Section(Generic[T]):
    """At most `limit` items of a section, and how many there are in all."""

    items: tuple[T, ...]
    total: int

    @property
    def more(self) -> int:
        return self.total - len(self.items)


@dataclass(frozen=True)
class BackupState:
    """The last checked backup (None: never), and the days of changes no backup holds once
    that is a week or more (None: recent enough)."""

    last_at: datetime | None
    days_without_backup: int | None
    recent: bool  # backed up, and no week of changes since


@dataclass(frozen=True)
class DashboardSummary:
    today: date
    upcoming: Section[ActionItem]
    due_this_week: Section[CommitmentItem]
    overdue: Section[CommitmentItem]
    unsent_letters: Section[LetterItem]
    awaiting_reply: Section[LetterItem]
    campaigns_without_action: Section[CampaignItem]
    people_at_risk: Section[PersonItem]
    reminders: Section[ReminderView]  # due and not done: each names the record it is of
    active_campaigns: int
    open_commitments: int
    backup: BackupState | None = None  # filled by `dashboard`, which has the engine
