"""The Dashboard's sections on a real database: the 14-day and 30-day edges, this week and
overdue, unsent letters, campaigns with nothing planned, the day counts, bounded lists."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from organiser import store
from organiser.models import (
    Action,
    ActionKind,
    ActionStatus,
    Campaign,
    CampaignStatus,
    Commitment,
    CommitmentStatus,
    DatePrecision,
    Letter,
    LetterKind,
    LetterStatus,
    Organisation,
)
from organiser.services.dashboard import dashboard, dashboard_summary
from organiser.services.demo import load_demo

TODAY = date(2026, 12, 3)  # a Thursday: this week runs to Sunday 6 December


def _campaign(session: Session, title: str = "Korea", **values: Any) -> Campaign:
    campaign = Campaign(title=title, status=values.pop("status", CampaignStatus.ACTIVE), **values)
    session.add(campaign)
    session.flush()
    return campaign


def _action(
    session: Session, campaign: Campaign, title: str, start: date | None, **values: Any
) -> None:
    end = values.pop("end", start)
    session.add(
        Action(
            campaign_id=campaign.id, kind=values.pop("kind", ActionKind.RALLY), title=title,
            start_date=start, end_date=end, **values,
        )
    )  # fmt: skip


def _commitment(session: Session, campaign: Campaign, what: str, due: date, **values: Any) -> None:
    session.add(Commitment(campaign_id=campaign.id, what=what, due_date=due, **values))


def _letter(session: Session, campaign: Campaign, subject: str, **values: Any) -> None:
    kind = values.pop("kind", LetterKind.PROTEST_LETTER)
    session.add(Letter(campaign_id=campaign.id, kind=kind, subject=subject, **values))


def test_actions_of_the_next_14_days_are_listed_from_today_to_the_13th_day_after(
    engine: Engine,
) -> None:
    with store.transaction(engine, write=True) as session:
        korea = _campaign(session)
        _action(session, korea, "yesterday", TODAY - timedelta(days=1))
        _action(session, korea, "today", TODAY)
        _action(session, korea, "last day", TODAY + timedelta(days=13))
        _action(session, korea, "day after", TODAY + timedelta(days=14))
        _action(session, korea, "running", TODAY - timedelta(days=2), end=TODAY + timedelta(days=1))
        _action(session, korea, "cancelled", TODAY, status=ActionStatus.CANCELLED)
        _action(session, korea, "undated", None, undated=True)
        _action(session, korea, "month", date(2026, 12, 1), date_precision=DatePrecision.MONTH)
        _action(session, korea, "old strike", date(2026, 7, 1), end=None, ongoing=True)
        _action(session, korea, "new strike", TODAY + timedelta(days=2), end=None, ongoing=True)
    with store.transaction(engine) as session:
        upcoming = dashboard_summary(session, TODAY).upcoming
    assert [a.title for a in upcoming.items] == ["running", "today", "new strike", "last day"]
    assert upcoming.total == 4
    assert all(a.kind == "action" and a.campaign_title == "Korea" for a in upcoming.items)


def test_a_timed_action_carries_its_instant_and_zone_for_both_clocks(engine: Engine) -> None:
    starts = datetime(2026, 12, 5, 14, 0, tzinfo=UTC)
    with store.transaction(engine, write=True) as session:
        korea = _campaign(session)
        _action(
            session, korea, "meeting", date(2026, 12, 5), all_day=False, starts_at=starts,
            timezone="America/Argentina/Buenos_Aires",
        )  # fmt: skip
    with store.transaction(engine) as session:
        (item,) = dashboard_summary(session, TODAY).upcoming.items
    assert (item.starts_at, item.timezone, item.all_day) == (
        starts,
        "America/Argentina/Buenos_Aires",
        False,
    )


def test_commitments_due_this_week_run_from_today_to_sunday_and_the_days_before_are_overdue(
    engine: Engine,
) -> None:
    with store.transaction(engine, write=True) as session:
        korea = _campaign(session)
        unite = Organisation(name="Unite")
        session.add(unite)
        session.flush()
        _commitment(session, korea, "monday", TODAY - timedelta(days=3), organisation_id=unite.id)
        _commitment(session, korea, "yesterday", TODAY - timedelta(days=1))
        _commitment(session, korea, "today", TODAY, status=CommitmentStatus.IN_PROGRESS)
        _commitment(session, korea, "sunday", date(2026, 12, 6))
        _commitment(session, korea, "next monday", date(2026, 12, 7))
        _commitment(
            session, korea, "kept", TODAY - timedelta(days=5), status=CommitmentStatus.FULFILLED
        )
        _commitment(session, korea, "dropped", TODAY, status=CommitmentStatus.WITHDRAWN)
    with store.transaction(engine) as session:
        summary = dashboard_summary(session, TODAY)
    assert [c.what for c in summary.due_this_week.items] == ["today", "sunday"]
    assert [(c.what, c.days_overdue) for c in summary.overdue.items] == [
        ("monday", 3),
        ("yesterday", 1),
    ]
    assert summary.overdue.items[0].organisation_name == "Unite"
    assert summary.open_commitments == 5


def test_letters_unsent_and_those_waiting_more_than_30_days_for_a_reply(engine: Engine) -> None:
    with store.transaction(engine, write=True) as session:
        korea = _campaign(session)
        _letter(session, korea, "draft")
        _letter(session, korea, "approved", status=LetterStatus.APPROVED)
        sent = {"status": LetterStatus.SENT}
        _letter(session, korea, "30 days", sent_on=TODAY - timedelta(days=30), **sent)
        _letter(session, korea, "31 days", sent_on=TODAY - timedelta(days=31), **sent)
        _letter(session, korea, "90 days", sent_on=TODAY - timedelta(days=90), **sent)
        _letter(
            session, korea, "answered", status=LetterStatus.ANSWERED,
            sent_on=TODAY - timedelta(days=90), reply_received_on=TODAY,
        )  # fmt: skip
    with store.transaction(engine) as session:
        summary = dashboard_summary(session, TODAY)
    assert [letter.subject for letter in summary.unsent_letters.items] == ["approved", "draft"]
    assert [(x.subject, x.days_waiting) for x in summary.awaiting_reply.items] == [
        ("90 days", 90),
        ("31 days", 31),
    ]


def test_campaigns_with_no_action_planned_from_today_on(engine: Engine) -> None:
    with store.transaction(engine, write=True) as session:
        busy = _campaign(session, "busy")
        _action(session, busy, "next week", TODAY + timedelta(days=7))
        idle = _campaign(session, "idle")
        _action(session, idle, "done", date(2026, 10, 1), status=ActionStatus.HAPPENED)
        _action(
            session, idle, "called off", TODAY + timedelta(days=3), status=ActionStatus.CANCELLED
        )
        undated = _campaign(session, "undated")
        _action(session, undated, "some day", None, undated=True)
        _campaign(session, "new", status=CampaignStatus.PLANNED)
        _campaign(session, "won", status=CampaignStatus.WON)
    with store.transaction(engine) as session:
        section = dashboard_summary(session, TODAY).campaigns_without_action
    assert [(c.title, c.status, c.last_action_on) for c in section.items] == [
        ("idle", CampaignStatus.ACTIVE, date(2026, 10, 1)),  # the cancelled one aside
        ("new", CampaignStatus.PLANNED, None),
    ]


def test_each_section_is_bounded_and_counts_all(engine: Engine) -> None:
    with store.transaction(engine, write=True) as session:
        korea = _campaign(session)
        for n in range(7):
            _letter(session, korea, f"draft {n}")
    with store.transaction(engine) as session:
        section = dashboard_summary(session, TODAY, limit=3).unsent_letters
    assert (len(section.items), section.total, section.more) == (3, 7, 4)


def test_the_sample_data_has_people_held_with_their_day_counts_and_a_backup_state(
    engine: Engine,
) -> None:
    today = date.today()
    with store.transaction(engine, write=True) as session:
        load_demo(session, today=today)
    summary = dashboard(engine, today)
    counts = {
        (p.held_days, p.sentence_months, p.hunger_strike_day) for p in summary.people_at_risk.items
    }
    assert counts == {(231, 60, None), (None, None, 12)}
    assert all(p.kind == "person" for p in summary.people_at_risk.items)
    assert summary.overdue.total == 2 and summary.unsent_letters.total == 2
    assert summary.backup is not None and summary.backup.last_at is None
    assert not summary.backup.recent
