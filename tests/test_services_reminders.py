"""Reminders on a real database: one target and one kind of time, due at their time or N days
before a record's date (following it when it moves), missed while closed, shown once, done."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import Engine

from organiser import store
from organiser.errors import NotFound, ValidationError
from organiser.models import (
    Action,
    ActionKind,
    Campaign,
    Commitment,
    Letter,
    LetterKind,
    LetterStatus,
    Reminder,
)
from organiser.services import reminders
from organiser.services.reminder_view import ReminderView
from organiser.services.reminders import ReminderFields

HEARING_AT = datetime(2026, 12, 10, 1, 0, tzinfo=UTC)  # 10:00 in Seoul


@pytest.fixture
def world(engine: Engine) -> dict[str, int]:
    with store.transaction(engine, write=True) as session:
        campaign = Campaign(title="Korea")
        session.add(campaign)
        session.flush()
        hearing = Action(
            campaign_id=campaign.id, kind=ActionKind.COURT_HEARING, title="Appeal hearing",
            all_day=False, start_date=date(2026, 12, 10), end_date=date(2026, 12, 10),
            starts_at=HEARING_AT, timezone="Asia/Seoul",
        )  # fmt: skip
        undated = Action(
            campaign_id=campaign.id, kind=ActionKind.OTHER, title="Some day", undated=True
        )
        pledge = Commitment(
            campaign_id=campaign.id, what="Send observers", due_date=date(2026, 12, 8)
        )
        letter = Letter(
            campaign_id=campaign.id, kind=LetterKind.PROTEST_LETTER, subject="To the ministry",
            status=LetterStatus.SENT, sent_on=date(2026, 10, 1),
        )  # fmt: skip
        session.add_all([hearing, undated, pledge, letter])
        session.flush()
        return {
            "hearing": hearing.id, "undated": undated.id, "pledge": pledge.id, "letter": letter.id,
        }  # fmt: skip


def _add(engine: Engine, **fields: object) -> ReminderView:
    with store.transaction(engine, write=True) as session:
        return reminders.add_reminder(session, ReminderFields(**fields))  # type: ignore[arg-type]


def _due(engine: Engine, now: datetime) -> list[int]:
    with store.transaction(engine) as session:
        return [r.id for r in reminders.due(session, now)]


def _rows(engine: Engine) -> int:
    with store.transaction(engine) as session:
        return len(session.query(Reminder).all())


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"at": "2026-12-09 09:00"}, "target"),
        ({"action_id": 1, "letter_id": 1, "at": "2026-12-09 09:00"}, "target"),
        ({"action_id": 1}, "at"),
        ({"action_id": 1, "at": "2026-12-09 09:00", "days_before": 2}, "at"),
        ({"action_id": 1, "at": "9 December"}, "at"),
        ({"action_id": 1, "at": "2026-02-30 09:00"}, "at"),
        ({"action_id": 1, "days_before": "two"}, "days_before"),
        ({"action_id": 1, "days_before": -1}, "days_before"),
        ({"letter_id": 1, "days_before": 3}, "days_before"),
        ({"action_id": 2, "days_before": 3}, "days_before"),  # not yet dated
        ({"action_id": 1, "at": "2026-12-09 09:00", "zone": "Mars/Olympus"}, "zone"),
    ],
)
def test_a_reminder_needs_one_record_and_one_time_or_nothing_is_written(
    engine: Engine, world: dict[str, int], fields: dict[str, object], field: str
) -> None:
    with pytest.raises(ValidationError) as raised:
        _add(engine, **fields)
    assert raised.value.field == field
    assert _rows(engine) == 0


def test_a_reminder_of_a_record_that_does_not_exist_is_refused(
    engine: Engine, world: dict[str, int]
) -> None:
    with pytest.raises(NotFound):
        _add(engine, commitment_id=999, at="2026-12-09 09:00")


def test_a_reminder_at_a_time_is_due_from_that_time_in_the_zone_it_was_written_in(
    engine: Engine, world: dict[str, int]
) -> None:
    made = _add(engine, letter_id=world["letter"], at="2026-12-09 09:00", zone="Asia/Seoul")
    assert made.due_at == datetime(2026, 12, 9, 0, 0, tzinfo=UTC)
    assert made.target_kind == "letter" and made.target_title == "To the ministry"
    assert _due(engine, datetime(2026, 12, 8, 23, 59, tzinfo=UTC)) == []
    assert _due(engine, datetime(2026, 12, 9, 0, 0, tzinfo=UTC)) == [made.id]


def test_days_before_count_back_from_the_action_and_follow_it_when_it_moves(
    engine: Engine, world: dict[str, int]
) -> None:
    made = _add(engine, action_id=world["hearing"], days_before=2)
    assert made.due_at == HEARING_AT - timedelta(days=2)
    with store.transaction(engine, write=True) as session:
        hearing = session.get(Action, world["hearing"])
        assert hearing is not None
        hearing.starts_at = HEARING_AT + timedelta(days=7)
    assert _due(engine, HEARING_AT - timedelta(days=2)) == []
    assert _due(engine, HEARING_AT + timedelta(days=5)) == [made.id]


def test_days_before_a_commitment_fall_at_nine_in_the_organisers_zone(
    engine: Engine, world: dict[str, int]
) -> None:
    made = _add(engine, commitment_id=world["pledge"], days_before=1, zone="Europe/Berlin")
    with store.transaction(engine) as session:
        (view,) = reminders.list_reminders(session, zone="Europe/Berlin")
    assert view.id == made.id
    assert view.due_at == datetime(2026, 12, 7, 8, 0, tzinfo=UTC)  # 09:00 in Berlin


def test_missed_reminders_are_those_due_before_the_start_and_never_shown(
    engine: Engine, world: dict[str, int]
) -> None:
    early = _add(engine, letter_id=world["letter"], at="2026-12-01 09:00")
    later = _add(engine, letter_id=world["letter"], at="2026-12-05 09:00")
    started = datetime(2026, 12, 3, 8, 0, tzinfo=UTC)
    with store.transaction(engine, write=True) as session:
        assert [r.id for r in reminders.missed(session, started)] == [early.id]
        reminders.mark_shown(session, [early.id], started)
    with store.transaction(engine) as session:
        assert reminders.missed(session, started) == []
        now = datetime(2026, 12, 6, tzinfo=UTC)
        assert [r.id for r in reminders.to_notify(session, now)] == [later.id]
        # Shown is not done: both stay due (the Dashboard's badge counts them) until done.
        assert [r.id for r in reminders.due(session, now)] == [early.id, later.id]


def test_a_reminder_done_is_no_longer_due_and_a_deleted_one_is_gone(
    engine: Engine, world: dict[str, int]
) -> None:
    first = _add(engine, letter_id=world["letter"], at="2026-12-01 09:00")
    second = _add(engine, action_id=world["hearing"], days_before=0)
    now = datetime(2026, 12, 20, tzinfo=UTC)
    with store.transaction(engine, write=True) as session:
        reminders.mark_done(session, first.id, now)
        reminders.delete_reminder(session, second.id)
    assert _due(engine, now) == []
    with store.transaction(engine) as session:
        (kept,) = reminders.list_reminders(session, include_done=True)
    assert kept.done_at == now and kept.shown_at == now
    with pytest.raises(NotFound), store.transaction(engine, write=True) as session:
        reminders.mark_done(session, second.id, now)


def test_a_reminder_goes_with_its_record(engine: Engine, world: dict[str, int]) -> None:
    _add(engine, action_id=world["hearing"], at="2026-12-01 09:00")
    with store.transaction(engine, write=True) as session:
        hearing = session.get(Action, world["hearing"])
        session.delete(hearing)
    assert _rows(engine) == 0
