"""The Dashboard's sections: the next 14 days' actions, commitments due this week and overdue,
unsent letters, letters long awaiting a reply, campaigns with nothing planned, people at risk
with their day counts, and how recent the last checked backup is.

Each section is a list of items carrying the record's kind and id (what the window opens when
one is clicked) and plain facts — dates, enums, counts — that the doors word. Every list is
bounded (`limit`) and comes with its full count, counted in SQL, so that a large database
costs a few indexed queries and never a full load.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Engine, and_, exists, func, or_, select
from sqlalchemy.orm import Session

from organiser import store
from organiser.models import (
    Action,
    ActionStatus,
    Campaign,
    CampaignStatus,
    Commitment,
    CommitmentStatus,
    DatePrecision,
    Letter,
    LetterStatus,
    Organisation,
)
from organiser.services import backups, reminders
from organiser.services.dashboard_view import (
    AWAITING_REPLY_DAYS,
    SECTION_LIMIT,
    UPCOMING_DAYS,
    ActionItem,
    BackupState,
    CampaignItem,
    CommitmentItem,
    DashboardSummary,
    LetterItem,
    PersonItem,
    Section,
)
from organiser.services.reminder_view import ReminderView
from organiser.services.situations import AtRiskView, at_risk_now

OPEN_COMMITMENT = (CommitmentStatus.PLEDGED, CommitmentStatus.IN_PROGRESS)
LIVE_CAMPAIGN = (CampaignStatus.PLANNED, CampaignStatus.ACTIVE)
PLANNED_ACTION = (ActionStatus.PLANNED, ActionStatus.CONFIRMED)


def _count(session: Session, *conditions: ColumnElement[bool], model: type = Action) -> int:
    return session.scalar(select(func.count()).select_from(model).where(*conditions)) or 0


def upcoming_actions(
    session: Session, today: date, limit: int = SECTION_LIMIT
) -> Section[ActionItem]:
    """Actions on any of the next 14 days (begun before and still running, too), not
    cancelled; undated ones, those dated only to a month, and ongoing ones begun before today
    (the people-at-risk section counts a hunger strike's days) are left out."""
    last = today + timedelta(days=UPCOMING_DAYS - 1)
    # Each side of the OR is a range of the (end_date, start_date) index: the actions still
    # running after today, and those with no end that start in the fortnight.
    conditions = (
        or_(
            and_(Action.end_date >= today, Action.start_date <= last),
            and_(Action.end_date.is_(None), Action.start_date.between(today, last)),
        ),
        Action.status != ActionStatus.CANCELLED,
        Action.date_precision == DatePrecision.DAY,
    )
    query = (
        select(
            Action.id,
            Action.kind,
            Action.title,
            Campaign.id,
            Campaign.title,
            Campaign.colour,
            Action.start_date,
            Action.end_date,
            Action.all_day,
            Action.starts_at,
            Action.ends_at,
            Action.timezone,
            Action.location,
            Action.status,
        )
        .join(Campaign, Action.campaign_id == Campaign.id)
        .where(*conditions)
        .order_by(Action.start_date, Action.starts_at.nulls_first(), Action.title, Action.id)
    )
    rows: list[Any] = list(session.execute(query.limit(limit)))
    return Section(tuple(ActionItem(*row) for row in rows), _count(session, *conditions))


def _commitments(
    session: Session, today: date, days: tuple[ColumnElement[bool], ...], limit: int
) -> Section[CommitmentItem]:
    """Open pledges due on the `days`, soonest first. Read one status at a time, each in the
    order of the (status, due date) index, then merged: one query for both statuses sorted
    every overdue pledge of a decade before it could return the first fifty."""
    name = func.coalesce(Organisation.name, Commitment.organisation_name)
    rows: list[Any] = []
    for status in OPEN_COMMITMENT:
        query = (
            select(
                Commitment.id,
                Commitment.what,
                name,
                Campaign.id,
                Campaign.title,
                Commitment.due_date,
                Commitment.status,
            )
            .join(Campaign, Commitment.campaign_id == Campaign.id)
            .outerjoin(Organisation, Commitment.organisation_id == Organisation.id)
            .where(Commitment.status == status, *days)
            .order_by(Commitment.due_date, Commitment.id)
        )
        rows += session.execute(query.limit(limit)).all()
    rows.sort(key=lambda row: (row[5], row[0]))
    items = tuple(_commitment_item(row, today) for row in rows[:limit])
    conditions = (Commitment.status.in_(OPEN_COMMITMENT), *days)
    return Section(items, _count(session, *conditions, model=Commitment))


def _commitment_item(row: Any, today: date) -> CommitmentItem:
    key, what, name, campaign, title, due, status = row
    assert due is not None  # every section's query asks for a due date
    return CommitmentItem(key, what, name, campaign, title, due, status, max(0, (today - due).days))


def commitments_due_this_week(
    session: Session, today: date, limit: int = SECTION_LIMIT
) -> Section[CommitmentItem]:
    """Open pledges due from today to this week's Sunday (the days before it are overdue)."""
    sunday = today + timedelta(days=6 - today.weekday())
    return _commitments(
        session, today, (Commitment.due_date >= today, Commitment.due_date <= sunday), limit
    )


def overdue_commitments(
    session: Session, today: date, limit: int = SECTION_LIMIT
) -> Section[CommitmentItem]:
    """Open pledges whose day has passed, the longest overdue first."""
    return _commitments(session, today, (Commitment.due_date < today,), limit)


def _letters(
    session: Session,
    today: date,
    conditions: tuple[ColumnElement[bool], ...],
    order: tuple[Any, ...],
    limit: int,
) -> Section[LetterItem]:
    query = (
        select(
            Letter.id,
            Letter.subject,
            Letter.kind,
            Letter.status,
            Campaign.id,
            Campaign.title,
            Letter.letter_date,
            Letter.sent_on,
        )
        .join(Campaign, Letter.campaign_id == Campaign.id)
        .where(*conditions)
        .order_by(*order, Letter.id)
    )
    items = tuple(
        LetterItem(key, subject, kind, status, campaign, title, dated, sent,
                   (today - sent).days if sent else None)
        for key, subject, kind, status, campaign, title, dated, sent
        in session.execute(query.limit(limit))
    )  # fmt: skip
    return Section(items, _count(session, *conditions, model=Letter))


def unsent_letters(
    session: Session, today: date, limit: int = SECTION_LIMIT
) -> Section[LetterItem]:
    """Letters in draft or approved and not sent: the approved first (they only need sending),
    each the latest changed first; read one status at a time in the order of its index."""
    newest = (Letter.updated_at.desc(),)
    approved = _letters(session, today, (Letter.status == LetterStatus.APPROVED,), newest, limit)
    drafts = _letters(
        session, today, (Letter.status == LetterStatus.DRAFT,), newest, limit - len(approved.items)
    )
    return Section(approved.items + drafts.items, approved.total + drafts.total)


def letters_awaiting_reply(
    session: Session, today: date, limit: int = SECTION_LIMIT
) -> Section[LetterItem]:
    """Letters sent more than 30 days ago with no reply recorded, the longest waiting first."""
    conditions = (
        Letter.status == LetterStatus.SENT,
        Letter.reply_received_on.is_(None),
        Letter.sent_on < today - timedelta(days=AWAITING_REPLY_DAYS),
    )
    return _letters(session, today, conditions, (Letter.sent_on,), limit)


def campaigns_without_action(
    session: Session, today: date, limit: int = SECTION_LIMIT
) -> Section[CampaignItem]:
    """Planned or active campaigns with no planned or confirmed action from today on (an
    ongoing one, or one still to be dated, counts as planned)."""
    # Two tests, each a range of the (campaign_id, end_date) index, not one with an OR.
    still_running = exists().where(
        Action.campaign_id == Campaign.id,
        Action.end_date >= today,
        Action.status.in_(PLANNED_ACTION),
    )
    open_ended = exists().where(
        Action.campaign_id == Campaign.id,
        Action.end_date.is_(None),
        Action.status.in_(PLANNED_ACTION),
    )
    conditions = (Campaign.status.in_(LIVE_CAMPAIGN), ~still_running, ~open_ended)
    last_action = (
        select(func.max(Action.start_date))
        .where(Action.campaign_id == Campaign.id, Action.status != ActionStatus.CANCELLED)
        .scalar_subquery()
    )
    query = (
        select(Campaign.id, Campaign.title, Campaign.colour, Campaign.status, last_action)
        .where(*conditions)
        .order_by(Campaign.status != CampaignStatus.ACTIVE, Campaign.title, Campaign.id)
    )
    rows: list[Any] = list(session.execute(query.limit(limit)))
    return Section(
        tuple(CampaignItem(*row) for row in rows), _count(session, *conditions, model=Campaign)
    )


def people_at_risk(
    session: Session, today: date, limit: int = SECTION_LIMIT
) -> Section[PersonItem]:
    """Who is held or on hunger strike now, the longest first, with the day counts."""
    found: list[AtRiskView] = at_risk_now(session, today=today)
    items = tuple(
        PersonItem(
            p.person_id,
            p.person_name,
            p.organisation_name,
            p.held_days,
            p.sentence_months,
            p.hunger_strike_day,
            p.campaign_titles,
        )
        for p in found[:limit]
    )
    return Section(items, len(found))


def due_reminders(
    session: Session, now: datetime, zone: str, limit: int = SECTION_LIMIT
) -> Section[ReminderView]:
    found = reminders.due(session, now, zone)
    return Section(tuple(found[:limit]), len(found))


def dashboard_summary(
    session: Session,
    today: date,
    limit: int = SECTION_LIMIT,
    now: datetime | None = None,
    zone: str = "UTC",
) -> DashboardSummary:
    """Every section of the Dashboard as of `today` (the backup state aside: see `dashboard`);
    the reminders due at `now` (default: this moment), counted back in the organiser's `zone`."""
    return DashboardSummary(
        today=today,
        upcoming=upcoming_actions(session, today, limit),
        due_this_week=commitments_due_this_week(session, today, limit),
        overdue=overdue_commitments(session, today, limit),
        unsent_letters=unsent_letters(session, today, limit),
        awaiting_reply=letters_awaiting_reply(session, today, limit),
        campaigns_without_action=campaigns_without_action(session, today, limit),
        people_at_risk=people_at_risk(session, today, limit),
        reminders=due_reminders(session, now or datetime.now(UTC), zone, limit),
        active_campaigns=_count(session, Campaign.status == CampaignStatus.ACTIVE, model=Campaign),
        open_commitments=_count(session, Commitment.status.in_(OPEN_COMMITMENT), model=Commitment),
    )


def backup_state(engine: Engine, now: datetime | None = None) -> BackupState:
    now = now or datetime.now(UTC)
    last, unprotected = backups.last_backup(engine), backups.days_without_backup(engine, now)
    return BackupState(last, unprotected, last is not None and unprotected is None)


def dashboard(
    engine: Engine, today: date | None = None, limit: int = SECTION_LIMIT, zone: str = "UTC"
) -> DashboardSummary:
    """The Dashboard as both doors show it: the sections in one read, and the backup state."""
    with store.transaction(engine) as session:
        summary = dashboard_summary(session, today or date.today(), limit, zone=zone)
    return replace(summary, backup=backup_state(engine))
