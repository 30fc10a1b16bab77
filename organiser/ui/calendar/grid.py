"""The month and week grids: painted, not built of widgets, so a busy month stays light.

Each day cell shows its number (today's ringed), the marked days, and one coloured chip per
action in its campaign's colour. The week has hour rows: a timed action sits at its hours,
all-day ones in a strip on top. Clicking an empty part of a day selects it, double-clicking
it asks to add an action there, double-clicking a chip asks to edit it, and dragging a chip
to another day asks to move it.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from organiser.services.actions import ActionView
from organiser.services.calendar import MarkedDay
from organiser.ui.calendar.hour_rows import HourRows
from organiser.ui.calendar.week_hours import Chip
from organiser.ui.calendar.when import when_label
from organiser.ui.labels import enum_label

HEADER = 22.0
CHIP = 17.0
DRAG_DISTANCE = 6
TIME_COLUMN = 44.0  # the week's hour labels
STRIP_ROWS = 3  # all-day chips shown in the week's strip before '+N more'
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def text_colour(background: QColor) -> QColor:
    return QColor("#ffffff") if background.lightnessF() < 0.6 else QColor("#1f2328")


class CalendarGrid(QWidget):
    """A grid of `weeks` rows of seven days from `first`; `month` greys the days outside it."""

    day_clicked = Signal(object)  # date: a single click on a day selects it
    # date, or in the week's hours the datetime of the hour: a double click on an empty place
    day_activated = Signal(object)
    action_activated = Signal(object)  # ActionView
    action_moved = Signal(object, object)  # ActionView, new start date

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # arrows move the selected day
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.first = date.today() - timedelta(days=date.today().weekday())
        self.weeks = 6
        self.month = date.today().month
        self.today = date.today()
        self.display_zone: str | None = None
        self._by_day: dict[date, list[ActionView]] = {}
        self._marks: dict[date, list[MarkedDay]] = {}
        self.selected: date | None = None
        self._press: tuple[QPointF, Chip | None] | None = None
        self._drop_day: date | None = None
        self.hours = HourRows(self)  # the week's, scrolling under a fixed header and strip

    # what is shown
    def show_range(self, first: date, weeks: int, month: int) -> None:
        self.first, self.weeks, self.month = first, weeks, month
        self.hours.place_bar()
        self.update()

    def set_actions(self, actions: list[ActionView], marks: list[MarkedDay]) -> None:
        last = self.last_day()
        by_day: dict[date, list[ActionView]] = defaultdict(list)
        for action in actions:
            if action.start_date is None or action.month_only():
                continue  # not on any one day: the agenda and "To be dated" list them
            first_day, last_day = action.days_in(self.display_zone)
            day = max(first_day, self.first)
            while day <= min(last_day, last):
                by_day[day].append(action)
                day += timedelta(days=1)
        self._by_day = dict(by_day)
        grouped: dict[date, list[MarkedDay]] = defaultdict(list)
        for mark in marks:
            grouped[mark.day].append(mark)
        self._marks = dict(grouped)
        self.hours.place_bar()
        self.update()

    def last_day(self) -> date:
        return self.first + timedelta(days=7 * self.weeks - 1)

    def actions_on(self, day: date) -> list[ActionView]:
        return list(self._by_day.get(day, []))

    # geometry
    def sizeHint(self) -> QSize:
        return QSize(900, 640)

    def is_week(self) -> bool:
        return self.weeks == 1

    def _left(self) -> float:
        return TIME_COLUMN if self.is_week() else 0.0

    def _column_width(self) -> float:
        return (self.width() - self._left() - self.hours.bar_width()) / 7

    def cell_rect(self, day: date) -> QRectF:
        """A day's cell: in the month its square, in the week its part of the all-day strip."""
        index = (day - self.first).days
        width = self._column_width()
        left = self._left() + (index % 7) * width
        if self.is_week():
            return QRectF(left, HEADER, width, self.strip_height())
        height = (self.height() - HEADER) / self.weeks
        return QRectF(left, HEADER + (index // 7) * height, width, height)

    def column_rect(self, day: date) -> QRectF:
        """The whole of a day in the week, strip and hours; its cell in the month."""
        cell = self.cell_rect(day)
        if not self.is_week():
            return cell
        return QRectF(cell.left(), HEADER, cell.width(), self.height() - HEADER)

    def day_at(self, point: QPointF) -> date | None:
        if point.y() < HEADER or point.x() < self._left():
            return None
        if not self.rect().contains(point.toPoint()):
            return None
        column = int((point.x() - self._left()) / self._column_width())
        row = 0
        if not self.is_week():
            row = int((point.y() - HEADER) / ((self.height() - HEADER) / self.weeks))
        if not (0 <= column < 7 and 0 <= row < self.weeks):
            return None
        return self.first + timedelta(days=row * 7 + column)

    # the week's hours
    def strip_height(self) -> float:
        """The week's all-day strip: day numbers, marked days, and all-day chips."""
        days = [self.first + timedelta(days=offset) for offset in range(7)]
        marks = max(self._marks_height(day) for day in days)
        most = max(len(self._all_day(day)) for day in days)
        return 20 + marks + max(1, min(STRIP_ROWS, most)) * (CHIP + 2) + 4

    def hours_top(self) -> float:
        return HEADER + self.strip_height()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.hours.place_bar()

    def wheelEvent(self, event: QWheelEvent) -> None:
        if not self.hours.wheel(event):
            super().wheelEvent(event)

    def _all_day(self, day: date) -> list[ActionView]:
        todays = self._by_day.get(day, [])
        # An ongoing action has no hours to sit in: it runs on, in the strip.
        return [a for a in todays if a.all_day or a.ongoing] if self.is_week() else todays

    def _marks_height(self, day: date) -> float:
        return 13.0 * min(2, len(self._marks.get(day, [])))

    def chip_height(self) -> float:
        return CHIP

    def _room(self, day: date) -> int:
        """How many chips fit in a day cell, keeping a line for '+N more'."""
        if self.is_week():
            most = max(len(self._all_day(self.first + timedelta(days=d))) for d in range(7))
            return most if most <= STRIP_ROWS else STRIP_ROWS
        usable = self.cell_rect(day).height() - 20 - self._marks_height(day)
        return max(0, int(usable // (self.chip_height() + 2)))

    def chips(self) -> list[Chip]:
        found = []
        for offset in range(7 * self.weeks):
            day = self.first + timedelta(days=offset)
            cell = self.cell_rect(day)
            top = cell.top() + 20 + self._marks_height(day)
            todays = self._all_day(day)
            room = self._room(day)
            shown = todays if len(todays) <= room else todays[: max(0, room - 1)]
            for position, action in enumerate(shown):
                step = self.chip_height() + 2
                rect = QRectF(cell.left() + 3, top + position * step, cell.width() - 6, step - 2)
                found.append(Chip(rect, action, day))
            if self.is_week():
                found += self.hours.chips(day)
        return found

    def chip_for(self, action_id: int, day: date | None = None) -> Chip | None:
        for chip in self.chips():
            if chip.action.id == action_id and (day is None or chip.day == day):
                return chip
        return None

    def chip_at(self, point: QPointF) -> Chip | None:
        return next((chip for chip in self.chips() if chip.rect.contains(point)), None)

    # painting
    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.paint_on(painter)
        painter.end()

    def paint_on(self, painter: QPainter) -> None:
        """Paint the grid with `painter` (the screen, or a printer page of the same size)."""
        painter.fillRect(self.rect(), QColor("#ffffff"))
        self._paint_header(painter)
        for offset in range(7 * self.weeks):
            self._paint_day(painter, self.first + timedelta(days=offset))
        if self.is_week():
            self.hours.paint(painter)
        if self.selected is not None and self.first <= self.selected <= self.last_day():
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QPen(QColor("#0969da"), 2))
            painter.drawRect(self.column_rect(self.selected).adjusted(1, 1, -1, -1))
        for chip in self.chips():
            self._paint_chip(painter, chip)
        self._paint_more(painter)

    def _paint_header(self, painter: QPainter) -> None:
        width = self._column_width()
        painter.setPen(QColor("#57606a"))
        for column, name in enumerate(WEEKDAYS):
            rect = QRectF(self._left() + column * width, 0, width, HEADER)
            text = self.tr(name)
            if self.is_week():
                text += f" {(self.first + timedelta(days=column)).day}"
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)

    def _paint_day(self, painter: QPainter, day: date) -> None:
        cell = self.cell_rect(day)
        outside = self.weeks > 1 and day.month != self.month
        background = "#f6f8fa" if outside or day.weekday() >= 5 else "#ffffff"
        if day == self._drop_day:
            background = "#ddf4ff"
        painter.fillRect(self.column_rect(day), QColor(background))
        painter.setPen(QPen(QColor("#d0d7de"), 1))
        painter.drawRect(cell)
        number = QRectF(cell.left() + 3, cell.top() + 2, 22, 16)
        if day == self.today:
            painter.setBrush(QColor("#cf222e"))
            painter.setPen(Qt.PenStyle.NoPen)
            painter.drawEllipse(number)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QColor("#ffffff"))
        else:
            painter.setPen(QColor("#8c959f" if outside else "#1f2328"))
        label = str(day.day) if day.day != 1 else f"{day.day} {day:%b}"
        flags = Qt.AlignmentFlag.AlignCenter if day == self.today else Qt.AlignmentFlag.AlignLeft
        painter.drawText(number.adjusted(0, 0, 40 if day.day == 1 else 0, 0), flags, label)
        self._paint_marks(painter, day, cell)

    def _paint_marks(self, painter: QPainter, day: date, cell: QRectF) -> None:
        font = QFont(self.font())
        font.setPointSizeF(max(6.0, font.pointSizeF() - 2))
        font.setItalic(True)
        painter.save()
        painter.setFont(font)
        for position, mark in enumerate(self._marks.get(day, [])[:2]):
            painter.setPen(QColor(mark.colour or "#9a6700"))
            rect = QRectF(cell.left() + 4, cell.top() + 19 + 13 * position, cell.width() - 8, 13)
            text = painter.fontMetrics().elidedText(
                "★ " + mark.name, Qt.TextElideMode.ElideRight, int(rect.width())
            )
            painter.drawText(rect, Qt.AlignmentFlag.AlignLeft, text)
        painter.restore()

    def chip_text(self, chip: Chip) -> str:
        action = chip.action
        start = action.local_start(self.display_zone)
        count = action.day_count(chip.day) if chip.day == self.today else None
        if count is not None and chip.day != action.start_date:
            # The count first: a narrow chip cuts the title, not the day.
            return self.tr("Day %1 · %2").replace("%1", str(count)).replace("%2", action.title)
        if start is None or chip.day != action.days_in(self.display_zone)[0]:
            return action.title
        end = action.local_end(self.display_zone)
        until = f"–{end:%H:%M}" if end is not None and self.weeks == 1 else ""
        return f"{start:%H:%M}{until} {action.title}"

    def chip_detail(self, chip: Chip) -> str:
        where = chip.action.location or enum_label(chip.action.kind)
        return f"{where} · {chip.action.campaign_title}"

    def chip_lines(self, chip: Chip) -> list[str]:
        """What a chip says, as its height allows: a tall one in the week's hours gives its
        times a line of their own, above the title."""
        lines = [self.chip_text(chip)]
        timed = self.is_week() and not chip.action.all_day and " " in lines[0]
        if timed and chip.rect.height() >= CHIP * 3:
            lines = lines[0].split(" ", 1)
        if chip.rect.height() > CHIP * 1.5:
            lines.append(self.chip_detail(chip))
        return lines

    def _paint_chip(self, painter: QPainter, chip: Chip) -> None:
        colour = QColor(chip.action.campaign_colour)
        cancelled = str(chip.action.status) == "cancelled"
        if cancelled:
            colour.setAlphaF(0.35)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawRoundedRect(chip.rect, 3, 3)
        font = QFont(self.font())
        font.setPointSizeF(max(6.5, font.pointSizeF() - 1))
        font.setStrikeOut(cancelled)
        painter.setFont(font)
        painter.setPen(
            text_colour(QColor(chip.action.campaign_colour)) if not cancelled else "#1f2328"
        )
        inner = chip.rect.adjusted(4, 0, -3, 0)
        lines = self.chip_lines(chip)
        line_height = min(inner.height() / len(lines), CHIP)  # a tall chip: lines on top
        for number, line in enumerate(lines):
            rect = QRectF(
                inner.left(), inner.top() + number * line_height, inner.width(), line_height
            )
            text = painter.fontMetrics().elidedText(
                line, Qt.TextElideMode.ElideRight, int(inner.width())
            )
            painter.drawText(rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, text)
        painter.setFont(self.font())

    def _paint_more(self, painter: QPainter) -> None:
        painter.setPen(QColor("#57606a"))
        for day in self._by_day:
            todays, room = self._all_day(day), self._room(day)
            if len(todays) > room and day <= self.last_day():
                cell = self.cell_rect(day)
                rect = QRectF(cell.left() + 4, cell.bottom() - CHIP - 1, cell.width() - 8, CHIP)
                hidden = len(todays) - max(0, room - 1)
                painter.drawText(rect, Qt.AlignmentFlag.AlignLeft, self.tr("+%n more", "", hidden))

    # keyboard
    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Arrows move the selected day within what is shown; Enter adds an action on it."""
        steps = {Qt.Key.Key_Left: -1, Qt.Key.Key_Right: 1, Qt.Key.Key_Up: -7, Qt.Key.Key_Down: 7}
        key = Qt.Key(event.key())
        if key in steps:
            day = (self.selected or self.first) + timedelta(days=steps[key])
            if self.first <= day <= self.last_day():
                self.select(day)
                self.day_clicked.emit(day)
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.selected is not None:
            self.day_activated.emit(self.selected)
            return
        super().keyPressEvent(event)

    # mouse
    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._press = (event.position(), self.chip_at(event.position()))

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._press is None or self._press[1] is None:
            return
        moved = (event.position() - self._press[0]).manhattanLength() >= DRAG_DISTANCE
        day = self.day_at(event.position()) if moved else None
        if day != self._drop_day:
            self._drop_day = day
            self.setCursor(Qt.CursorShape.ClosedHandCursor if day else Qt.CursorShape.ArrowCursor)
            self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        press, self._press = self._press, None
        drop, self._drop_day = self._drop_day, None
        self.unsetCursor()
        self.update()
        if press is None or event.button() != Qt.MouseButton.LeftButton:
            return
        chip = press[1]
        if chip is not None:
            if drop is not None and drop != chip.day:
                start = chip.action.start_date
                assert start is not None, "only dated actions are on the grid"
                self.action_moved.emit(chip.action, start + (drop - chip.day))
            elif drop is None:
                self.select(chip.day)
            return
        day = self.day_at(event.position())
        if day is not None and day == self.day_at(press[0]):
            self.select(day)
            self.day_clicked.emit(day)

    def select(self, day: date | None) -> None:
        """Mark `day` as the one a new action goes on (None: no day)."""
        self.selected = day
        self.update()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        self._press = None
        if event.button() != Qt.MouseButton.LeftButton:
            return
        chip = self.chip_at(event.position())
        if chip is not None:
            self.action_activated.emit(chip.action)
            return
        day = self.day_at(event.position())
        if day is not None:
            self.select(day)
            hour = self.hours.hour_at(event.position())
            self.day_activated.emit(day if hour is None else datetime.combine(day, time(hour)))

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            chip = self.chip_at(QPointF(event.pos()))
            if chip is None:
                QToolTip.hideText()
            else:
                QToolTip.showText(event.globalPos(), self._tooltip(chip.action), self)
            return True
        return super().event(event)

    def _tooltip(self, action: ActionView) -> str:
        lines = [action.title, when_label(action)]
        if self.display_zone and not action.all_day and self.display_zone != action.timezone:
            lines.append(when_label(action, self.display_zone))
        lines += [
            f"{action.campaign_title} · {enum_label(action.kind)} · {enum_label(action.status)}",
        ]
        if action.location:
            lines.append(action.location)
        return "\n".join(lines)
