"""Where the week's hour rows put timed actions: hours from midnight, split at midnight, side by
side when they overlap (no widget needed)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from organiser.models import ActionKind, ActionStatus
from organiser.services.actions import ActionView
from organiser.ui.calendar.week_hours import day_spans


def _timed(key: int, start: datetime, end: datetime | None, zone: str = "UTC") -> ActionView:
    return ActionView(
        key, f"uuid-{key}", 1, "Campaign", "#d1242f", "KR", ActionKind.RALLY, f"Action {key}",
        False, start.date(), (end or start).date(), start, end, zone, "", ActionStatus.PLANNED,
        "", None, 1,
    )  # fmt: skip


def test_an_action_past_midnight_is_split_over_its_two_days() -> None:
    vigil = _timed(1, datetime(2026, 11, 14, 20, tzinfo=UTC), datetime(2026, 11, 15, 2, tzinfo=UTC))
    [evening] = day_spans([vigil], date(2026, 11, 14), None)
    [night] = day_spans([vigil], date(2026, 11, 15), None)
    assert (evening.start, evening.end) == (20.0, 24.0) and (night.start, night.end) == (0.0, 2.0)


def test_an_action_without_an_end_gets_an_hour_and_one_ending_at_midnight_no_next_day() -> None:
    lone = _timed(1, datetime(2026, 11, 14, 9, 30, tzinfo=UTC), None)
    late = _timed(2, datetime(2026, 11, 14, 22, tzinfo=UTC), datetime(2026, 11, 15, tzinfo=UTC))
    spans = day_spans([lone, late], date(2026, 11, 14), None)
    assert [(s.start, s.end) for s in spans] == [(9.5, 10.5), (22.0, 24.0)]
    assert day_spans([late], date(2026, 11, 15), None) == []


def test_overlapping_actions_share_the_width_and_the_next_one_has_it_whole() -> None:
    day = date(2026, 11, 12)
    first = _timed(1, datetime(2026, 11, 12, 9, tzinfo=UTC), datetime(2026, 11, 12, 11, tzinfo=UTC))
    second = _timed(
        2, datetime(2026, 11, 12, 10, tzinfo=UTC), datetime(2026, 11, 12, 12, tzinfo=UTC)
    )
    later = _timed(
        3, datetime(2026, 11, 12, 12, tzinfo=UTC), datetime(2026, 11, 12, 13, tzinfo=UTC)
    )
    spans = {s.action.id: (s.lane, s.lanes) for s in day_spans([later, second, first], day, None)}
    assert spans == {1: (0, 2), 2: (1, 2), 3: (0, 1)}


def test_hours_are_those_of_the_zone_shown() -> None:
    """14:00 in Seoul is 06:00 in Berlin (winter): the span follows the zone asked for."""
    seoul = _timed(1, datetime(2026, 11, 14, 5, tzinfo=UTC), None, "Asia/Seoul")
    [own] = day_spans([seoul], date(2026, 11, 14), None)
    [mine] = day_spans([seoul], date(2026, 11, 14), "Europe/Berlin")
    assert (own.start, mine.start) == (14.0, 6.0)
