"""The dashboard's overview: active campaigns, the coming weeks' actions, what needs chasing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from organiser.models import (
    Action,
    ActionStatus,
    Campaign,
    CampaignStatus,
    Commitment,
    CommitmentStatus,
    Letter,
    LetterStatus,
)
from organiser.services.situations import AtRiskView, at_risk_now


@dataclass(frozen=True)
class UpcomingAction:
    day: date
    title: str
    campaign: str
    colour: str
    location: str


@dataclass(frozen=True)
class DashboardSummary:
    active_campaigns: list[tuple[str, str, str]]  # title, target, colour
    upcoming: list[UpcomingAction]
    overdue_commitments: int
    open_commitments: int
    letters_awaiting_reply: int
    draft_letters: int
    people_at_risk: tuple[AtRiskView, ...] = ()  # held or on hunger strike now, with the days


def dashboard_summary(session: Session, today: date, days: int = 30) -> DashboardSummary:
    active = session.execute(
        select(Campaign.title, Campaign.target, Campaign.colour)
        .where(Campaign.status == CampaignStatus.ACTIVE)
        .order_by(Campaign.title)
    ).all()
    upcoming = session.execute(
        select(Action.start_date, Action.title, Campaign.title, Campaign.colour, Action.location)
        .join(Campaign, Action.campaign_id == Campaign.id)
        .where(Action.end_date >= today, Action.start_date <= today + timedelta(days=days))
        .where(Action.status != ActionStatus.CANCELLED)
        .order_by(Action.start_date, Action.title)
        .limit(12)
    ).all()
    open_statuses = (CommitmentStatus.PLEDGED, CommitmentStatus.IN_PROGRESS)

    def count(*conditions: ColumnElement[bool]) -> int:
        return session.scalar(select(func.count()).where(*conditions)) or 0

    return DashboardSummary(
        active_campaigns=[(t, g, c) for t, g, c in active],
        upcoming=[  # the range leaves out the undated, whose start is None
            UpcomingAction(start, *rest) for start, *rest in upcoming if start is not None
        ],
        overdue_commitments=count(
            Commitment.status.in_(open_statuses), Commitment.due_date < today
        ),
        open_commitments=count(Commitment.status.in_(open_statuses)),
        letters_awaiting_reply=count(Letter.status == LetterStatus.SENT),
        draft_letters=count(Letter.status.in_((LetterStatus.DRAFT, LetterStatus.APPROVED))),
        people_at_risk=tuple(at_risk_now(session, today=today)),
    )
