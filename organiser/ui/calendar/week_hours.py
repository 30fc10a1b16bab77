"""Where timed actions sit in the week view's hour rows: hours from midnight, side by side
when they overlap."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen

from organiser.services.actions import ActionView

if TYPE_CHECKING:
    from organiser.ui.calendar.grid import CalendarGrid

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


def timed_chips(grid: CalendarGrid, day: date) -> list[Chip]:
    """The chips of `day`'s timed actions at their hours, cut to the part of them in view."""
    column, area = grid.cell_rect(day), grid.hours_area()
    timed = [a for a in grid.actions_on(day) if not a.all_day]
    chips = []
    for span in day_spans(timed, day, grid.display_zone):
        width = (column.width() - 4) / span.lanes
        top = grid.hour_rect(day, 0).top()
        rect = QRectF(
            column.left() + 2 + span.lane * width,
            top + span.start * grid.hour_height(),
            width - 1,
            (span.end - span.start) * grid.hour_height() - 1,
        ).intersected(area)
        if not rect.isEmpty():
            chips.append(Chip(rect, span.action, day))
    return chips


def paint_hours(grid: CalendarGrid, painter: QPainter) -> None:
    """The week's hour rows: a line and a label each hour, a line between the days."""
    area = grid.hours_area()
    first_column = grid.cell_rect(grid.first)
    painter.save()
    painter.setClipRect(area)
    painter.setPen(QPen(QColor("#d0d7de"), 1))
    for offset in range(7):
        column = grid.column_rect(grid.first + timedelta(days=offset))
        painter.drawLine(column.topRight(), column.bottomRight())
    for hour in range(HOURS):
        y = grid.hour_rect(grid.first, hour).top()
        painter.setPen(QPen(QColor("#d0d7de" if hour else "#8c959f"), 1))
        painter.drawLine(int(first_column.left()), int(y), grid.width(), int(y))
        painter.setPen(QColor("#57606a"))
        label = QRectF(0, y + 1, first_column.left() - 4, 14)
        painter.drawText(
            label, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop, f"{hour:02d}:00"
        )
    painter.restore()
