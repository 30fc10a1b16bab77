"""Icons through one cached accessor: Material Design Icons as SVG files in resources/icons,
each read when first asked for (no icon font is loaded at start)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from PySide6.QtCore import QByteArray, QPoint, QRect, QRectF, QSize
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QIconEngine, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer

from organiser.config import shipped_dir

# Names of the things in the program -> icon file names; pages ask by meaning, not by glyph.
ICONS = {
    "dashboard": "view-dashboard-outline",
    "campaigns": "bullhorn-outline",
    "calendar": "calendar-month-outline",
    "commitments": "handshake-outline",
    "letters": "email-outline",
    "organisations": "account-group-outline",
    "people_at_risk": "account-alert-outline",
    "add": "plus",
    "edit": "pencil-outline",
    "delete": "trash-can-outline",
    "duplicate": "content-copy",
    "merge": "email-multiple-outline",
    "pdf": "file-pdf-box",
    "print": "printer-outline",
    "import": "file-import-outline",
    "export": "file-export-outline",
    "sent": "send-check-outline",
    "reply": "email-receive-outline",
    "refresh": "refresh",
    "today": "calendar-today",
    "previous": "chevron-left",
    "next": "chevron-right",
    "choices": "chevron-down",
    "undo": "undo",
    "redo": "redo",
    "person": "account-outline",
    "settings": "cog-outline",
    "sample": "database-import-outline",
    "reminder": "bell-outline",
    "done": "check",
    "warning": "alert-outline",
    "search": "magnify",
}
# The glyph fills this share of the icon's height, as it did drawn from the icon font.
GLYPH_SHARE = 0.875


def icons_dir() -> Path:
    return shipped_dir("resources") / "icons"


class SvgIconEngine(QIconEngine):
    """One SVG drawn in a colour, or in the palette's disabled text colour when disabled."""

    def __init__(self, svg: bytes, colour: str) -> None:
        super().__init__()
        self._svg = svg
        self._colour = colour
        self._renderers: dict[str, QSvgRenderer] = {}
        self._pixmaps: dict[tuple[int, int, str], QPixmap] = {}

    def _colour_for(self, mode: QIcon.Mode) -> QColor:
        if mode == QIcon.Mode.Disabled:
            return QGuiApplication.palette().color(
                QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text
            )
        return QColor(self._colour)

    def _renderer(self, colour: QColor) -> QSvgRenderer:
        key = colour.name(QColor.NameFormat.HexArgb)
        if key not in self._renderers:
            fill = f'<path fill="{colour.name()}" fill-opacity="{colour.alphaF():.3f}" '
            self._renderers[key] = QSvgRenderer(
                QByteArray(self._svg.replace(b"<path ", fill.encode()))
            )
        return self._renderers[key]

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        side = GLYPH_SHARE * min(rect.width(), rect.height())
        centre = QRectF(rect).center()
        target = QRectF(centre.x() - side / 2, centre.y() - side / 2, side, side)
        self._renderer(self._colour_for(mode)).render(painter, target)

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        return self.scaledPixmap(size, mode, state, 1.0)

    def scaledPixmap(
        self, size: QSize, mode: QIcon.Mode, state: QIcon.State, scale: float
    ) -> QPixmap:
        """Drawn at the screen's resolution (`scale` device pixels to a pixel), kept per size."""
        colour = self._colour_for(mode).name(QColor.NameFormat.HexArgb)
        key = (size.width(), size.height(), f"{colour}@{scale}")
        if key not in self._pixmaps:
            pixels = size * scale
            pixmap = QPixmap(pixels)
            pixmap.fill(QColor(0, 0, 0, 0))  # transparent
            painter = QPainter(pixmap)
            self.paint(painter, QRect(QPoint(0, 0), pixels), mode, state)
            painter.end()
            pixmap.setDevicePixelRatio(scale)
            self._pixmaps[key] = pixmap
        return self._pixmaps[key]

    def clone(self) -> QIconEngine:
        return SvgIconEngine(self._svg, self._colour)


@cache
def icon(name: str, colour: str = "#3d4450") -> QIcon:
    """The icon for a named thing; unknown names give an empty icon rather than failing."""
    glyph = ICONS.get(name)
    if not glyph:
        return QIcon()
    return QIcon(SvgIconEngine((icons_dir() / f"{glyph}.svg").read_bytes(), colour))
