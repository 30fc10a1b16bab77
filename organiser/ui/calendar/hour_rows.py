"""The week view's hour rows under the all-day strip: where each hour is, scrolling them under
the fixed header, the timed actions' chips, and painting the rows."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen, QWheelEvent
from PySide6.QtWidgets import QScrollBar

from organiser.ui.calendar.week_hours import HOURS, Chip, day_spans

if TYPE_CHECKING:
    from organiser.ui.calendar.grid import CalendarGrid

HOUR_MIN = 30.0  # the least height of an hour row; below it the hours scroll


class HourRows:
    """The hours of `grid` while it shows a week; a scroll bar beside them when they do not fit."""

    def __init__(self, grid: CalendarGrid) -> None:
        self.grid = grid
        self.bar = QScrollBar(Qt.Orientation.Vertical, grid)
        self.bar.valueChanged.connect(grid.update)
        self.bar.hide()

    def top(self) -> float:
        return self.grid.hours_top()

    def height(self) -> float:
        """The height of one hour row."""
        return max(HOUR_MIN, (self.grid.height() - self.top()) / HOURS)

    def area(self) -> QRectF:
        """Where the hour rows show (below the strip), in the grid's coordinates."""
        top = self.top()
        return QRectF(0, top, self.grid.width(), max(0.0, self.grid.height() - top))

    def bar_width(self) -> int:
        return self.bar.width() if self.bar.isVisibleTo(self.grid) else 0

    def rect(self, day: date, hour: int) -> QRectF:
        """The row of `hour` (0–23) on `day`, where it is now (scrolled)."""
        cell = self.grid.cell_rect(day)
        top = self.top() + hour * self.height() - self.bar.value()
        return QRectF(cell.left(), top, cell.width(), self.height())

    def hour_at(self, point: QPointF) -> int | None:
        """The hour row under `point` (None in the strip, or when the grid shows a month)."""
        if not self.grid.is_week() or point.y() < self.top():
            return None
        offset = point.y() - self.top() + self.bar.value()
        return min(HOURS - 1, int(offset / self.height()))

    def scroll_to(self, hour: int) -> None:
        """Show the hours from `hour` down (as far as they scroll)."""
        self.bar.setValue(int(hour * self.height()))

    def place_bar(self) -> None:
        area = self.area()
        hidden = int(HOURS * self.height() - area.height())
        self.bar.setVisible(self.grid.is_week() and hidden > 0)
        self.bar.setRange(0, max(0, hidden))
        self.bar.setPageStep(int(area.height()))
        self.bar.setSingleStep(int(self.height()))
        width = self.bar.sizeHint().width()
        self.bar.setGeometry(self.grid.width() - width, int(area.top()), width, int(area.height()))

    def wheel(self, event: QWheelEvent) -> bool:
        """Scroll the hours with the wheel; False when there is nothing to scroll."""
        if not (self.grid.is_week() and self.bar.isVisibleTo(self.grid)):
            return False
        steps = event.angleDelta().y() / 120
        self.bar.setValue(int(self.bar.value() - steps * self.height()))
        event.accept()
        return True

    def chips(self, day: date) -> list[Chip]:
        """The chips of `day`'s timed actions at their hours, cut to the part of them in view."""
        column, area, height = self.grid.cell_rect(day), self.area(), self.height()
        timed = [a for a in self.grid.actions_on(day) if not a.all_day and not a.ongoing]
        midnight = self.rect(day, 0).top()
        chips = []
        for span in day_spans(timed, day, self.grid.display_zone):
            width = (column.width() - 4) / span.lanes
            rect = QRectF(
                column.left() + 2 + span.lane * width,
                midnight + span.start * height,
                width - 1,
                (span.end - span.start) * height - 1,
            ).intersected(area)
            if not rect.isEmpty():
                chips.append(Chip(rect, span.action, day))
        return chips

    def paint(self, painter: QPainter) -> None:
        """A line and a label each hour, a line between the days."""
        grid, area = self.grid, self.area()
        left = grid.cell_rect(grid.first).left()
        painter.save()
        painter.setClipRect(area)
        painter.setPen(QPen(QColor("#d0d7de"), 1))
        for offset in range(7):
            column = grid.column_rect(grid.first + timedelta(days=offset))
            painter.drawLine(column.topRight(), column.bottomRight())
        for hour in range(HOURS):
            y = self.rect(grid.first, hour).top()
            painter.setPen(QPen(QColor("#d0d7de" if hour else "#8c959f"), 1))
            painter.drawLine(int(left), int(y), grid.width(), int(y))
            painter.setPen(QColor("#57606a"))
            label = QRectF(0, y + 1, left - 4, 14)
            align = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop
            painter.drawText(label, align, f"{hour:02d}:00")
        painter.restore()
