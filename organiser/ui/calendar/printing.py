"""Printing through Qt's print dialog: the month grid with a legend, then the agenda."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QWidget

from organiser.services.actions import ActionView
from organiser.ui.calendar.grid import CalendarGrid
from organiser.ui.calendar.when import when_label

LEGEND = 24.0
RATIO = 3


def a4_landscape() -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageOrientation(QPageLayout.Orientation.Landscape)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    return printer


def ask_and_print(
    parent: QWidget, grid: CalendarGrid, actions: Sequence[ActionView], title: str
) -> bool:
    printer = a4_landscape()
    if QPrintDialog(printer, parent).exec() != QDialog.DialogCode.Accepted:
        return False
    print_calendar(printer, grid, actions, title)
    return True


def print_calendar(
    printer: QPrinter, grid: CalendarGrid, actions: Sequence[ActionView], title: str
) -> None:
    """Page one: the grid as on screen with a title and the legend; then the agenda."""
    painter = QPainter(printer)
    area = printer.pageRect(QPrinter.Unit.DevicePixel)
    image = month_image(grid, actions, title)
    size = image.deviceIndependentSize()
    scale = min(area.width() / size.width(), area.height() / size.height())
    painter.drawImage(QRectF(0, 0, size.width() * scale, size.height() * scale), image)
    printer.newPage()
    _agenda(printer, painter, actions, title)
    painter.end()


def month_image(grid: CalendarGrid, actions: Sequence[ActionView], title: str) -> QImage:
    """The grid painted at three times screen resolution: sharp on paper, fonts as on screen
    (a printer's own resolution would make point sizes and pixel geometry disagree)."""
    width, height = grid.width(), grid.height() + LEGEND * 2
    image = QImage(width * RATIO, int(height * RATIO), QImage.Format.Format_RGB32)
    image.setDevicePixelRatio(RATIO)
    image.fill(QColor("#ffffff"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    _title(painter, title, width)
    painter.translate(0, LEGEND)
    grid.paint_on(painter)
    painter.translate(0, grid.height())
    _legend(painter, actions, width)
    painter.end()
    return image


def _title(painter: QPainter, title: str, width: float) -> None:
    font = QFont(painter.font())
    font.setPointSizeF(12)
    font.setBold(True)
    painter.setFont(font)
    painter.drawText(QRectF(0, 0, width, LEGEND), Qt.AlignmentFlag.AlignLeft, title)
    painter.setFont(QFont())


def _legend(painter: QPainter, actions: Sequence[ActionView], width: float) -> None:
    seen: dict[str, str] = {}
    for action in actions:
        seen.setdefault(action.campaign_title, action.campaign_colour)
    x = 0.0
    for name, colour in seen.items():
        painter.fillRect(QRectF(x, 8, 10, 10), QColor(colour))
        text_width = painter.fontMetrics().horizontalAdvance(name) + 24
        painter.setPen(QColor("#1f2328"))
        painter.drawText(QRectF(x + 14, 4, text_width, LEGEND), Qt.AlignmentFlag.AlignLeft, name)
        x += text_width
        if x > width:
            break


def _agenda(
    printer: QPrinter, painter: QPainter, actions: Sequence[ActionView], title: str
) -> None:
    area = printer.pageRect(QPrinter.Unit.DevicePixel)
    line = painter.fontMetrics().height() * 1.4
    columns = (0.0, 0.22, 0.45, 0.78)
    y = line
    painter.drawText(QRectF(0, 0, area.width(), line), f"Agenda — {title}")
    for action in actions:
        if y + line > area.height():
            printer.newPage()
            y = 0.0
        cells = (when_label(action), action.campaign_title, action.title, action.location)
        painter.fillRect(QRectF(0, y + 2, 6, line - 4), QColor(action.campaign_colour))
        for start, text in zip(columns, cells, strict=True):
            rect = QRectF(12 + start * area.width(), y, area.width() * 0.22, line)
            elided = painter.fontMetrics().elidedText(
                text, Qt.TextElideMode.ElideRight, int(rect.width() - 8)
            )
            painter.drawText(rect, Qt.AlignmentFlag.AlignVCenter, elided)
        y += line
