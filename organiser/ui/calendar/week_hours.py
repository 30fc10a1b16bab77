"""Where timed actions sit in the week view's hour rows: hours from midnight, side by side
when they overlap."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from PySide6.QtCore import QRectF

from organiser.services.actions import ActionView

SHORTEST = 0.5  # hours: an action with no end, or a short one, still gets a row to click
HOURS = 24


@dataclass(frozen=True)
class Chip:
    """An action's chip as painted on the grid: where, what, and on which day."""

    rect: QRectF
    action: ActionView
    day: date


@dataclass(frozen=True)
class Span:
    """The part of a timed action on one day: from `start` to `end` hours after midnight, in
    lane `lane` of `lanes` beside the actions it overlaps."""

    action: ActionView
    start: float
    end: float
    lane: int = 0
    lanes: int = 1


def _hours(moment: datetime) -> float:
    return moment.hour + moment.minute / 60


def _span(action: ActionView, day: date, zone: str | None) -> tuple[float, float] | None:
    start = action.local_start(zone)
    if start is None:
        return None
    end = action.local_end(zone) or start + timedelta(hours=1)
    first = 0.0 if start.date() < day else _hours(start)
    last = float(HOURS) if end.date() > day else _hours(end)
    if last <= first and start.date() < day:  # ends at midnight: nothing of it is on this day
        return None
    first = min(first, HOURS - SHORTEST)
    return first, min(float(HOURS), max(last, first + SHORTEST))


def day_spans(actions: Iterable[ActionView], day: date, zone: str | None) -> list[Span]:
    """The timed actions of `day` as spans, overlapping ones in lanes side by side."""
    pieces = sorted(
        ((hours, action) for action in actions if (hours := _span(action, day, zone))),
        key=lambda piece: (piece[0][0], -piece[0][1], piece[1].id),
    )
    placed: list[Span] = []
    cluster: list[Span] = []
    lane_ends: list[float] = []
    for (first, last), action in pieces:
        if cluster and first >= max(lane_ends):
            placed += _widened(cluster, len(lane_ends))
            cluster, lane_ends = [], []
        lane = next((i for i, end in enumerate(lane_ends) if end <= first), len(lane_ends))
        if lane == len(lane_ends):
            lane_ends.append(last)
        lane_ends[lane] = last
        cluster.append(Span(action, first, last, lane))
    return placed + _widened(cluster, len(lane_ends))


def _widened(cluster: list[Span], lanes: int) -> list[Span]:
    return [Span(s.action, s.start, s.end, s.lane, lanes) for s in cluster]
