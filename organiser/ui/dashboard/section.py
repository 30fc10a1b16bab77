"""One section of the Dashboard: a heading with its count (a badge where asked), a short list
of items that each open their record on a click or Return, or a line saying it is empty."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPoint, QSize, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QContextMenuEvent,
    QIcon,
    QKeyEvent,
    QPalette,
    QPixmap,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QVBoxLayout,
    QWidget,
)

# Nothing here touches the `Qt` namespace: the first frame paints these sections, and its first
# use makes all of its hundred enums, a tenth of that start. Qt.ItemDataRole.UserRole is 0x0100.
USER_ROLE = 0x0100
RECORD_ROLE = USER_ROLE + 1  # (kind, id) of the record an item opens
ENTRY_ROLE = USER_ROLE + 2  # the Entry itself, for the right-click menu
FOREGROUND_ROLE = 9  # Qt.ItemDataRole.ForegroundRole (setForeground's QBrush loads `Qt`)
SCROLL_BAR_ALWAYS_OFF = 1  # Qt.ScrollBarPolicy.ScrollBarAlwaysOff
ALERT_COLOUR = "#b3261e"


@dataclass(frozen=True)
class Entry:
    """An item as shown: two lines of text, the record it opens, and perhaps a colour."""

    kind: str
    record_id: int
    title: str
    detail: str
    colour: str = ""
    alert: bool = False  # overdue, long waiting: shown in red
    reminder_id: int | None = None  # an entry of the reminders section: the reminder's


MenuActions = Callable[[Entry], list[QAction]]


def _swatch(colour: str) -> QIcon:
    pixmap = QPixmap(12, 12)
    pixmap.fill(QColor(colour) if QColor.isValidColorName(colour) else QColor("#888888"))
    return QIcon(pixmap)


class ItemList(QListWidget):
    """The items; Return or Space opens the current one, as a click does."""

    chosen = Signal(str, int)
    menu_requested = Signal(QPoint)  # where, in the viewport's coordinates

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setIconSize(QSize(12, 12))
        # Never a scroll bar: the texts are elided on the right (the view's default) and the
        # list is as tall as its items (`fit_height`). Set through the property system, as
        # the enum itself would load the `Qt` namespace.
        self.setProperty("horizontalScrollBarPolicy", SCROLL_BAR_ALWAYS_OFF)
        self.setProperty("verticalScrollBarPolicy", SCROLL_BAR_ALWAYS_OFF)
        self.setSpacing(2)
        # On the section's own background: a palette, not a style sheet (each widget given
        # a style sheet is polished again by Qt's style sheet style, at every start).
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Base, QColor(0, 0, 0, 0))
        self.setPalette(palette)
        self.itemClicked.connect(self._open)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        from PySide6.QtCore import Qt

        keys = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space)
        item = self.currentItem()
        if event.key() in keys and item is not None:
            self._open(item)
            return
        super().keyPressEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        self.menu_requested.emit(event.pos())

    def _open(self, item: QListWidgetItem) -> None:
        kind, record_id = item.data(RECORD_ROLE)
        self.chosen.emit(kind, record_id)

    def fit_height(self) -> None:
        """As tall as its items, every line of the last one in sight: the page scrolls, not
        each list. The view keeps `spacing()` on each side of every item, so that is counted."""
        rows = sum(self.sizeHintForRow(row) for row in range(self.count()))
        gaps = 2 * self.spacing() * self.count()
        self.setFixedHeight(rows + gaps + 2 * self.frameWidth())

    def showEvent(self, event: QShowEvent) -> None:
        """Fitted again once shown, when the rows' font and style are final."""
        super().showEvent(event)
        self.fit_height()

    def changeEvent(self, event: QEvent) -> None:
        """Another font or style makes the rows another height: fitted again."""
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self.fit_height()


class DashboardSection(QFrame):
    item_opened = Signal(str, int)

    def __init__(
        self, title: str, empty_text: str, parent: QWidget | None = None, badge: bool = False
    ) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.title = title
        self.empty_text = empty_text
        self.uses_badge = badge
        self.heading = QLabel(self)
        self.badge = QLabel(self)
        if badge:
            self.badge.setStyleSheet(
                f"background:{ALERT_COLOUR}; color:white; border-radius:9px; padding:0 6px;"
                "font-weight:bold;"
            )
        self.badge.hide()
        self.list = ItemList(self)
        self.list.chosen.connect(self.item_opened)
        self.menu_actions: MenuActions | None = None
        self.list.menu_requested.connect(self._menu)
        self.empty = QLabel(empty_text, self)
        self.empty.setWordWrap(True)
        self.more = QLabel(self)
        for note in (self.empty, self.more):
            quiet = note.palette()
            quiet.setColor(
                QPalette.ColorRole.WindowText, quiet.color(QPalette.ColorRole.PlaceholderText)
            )
            note.setPalette(quiet)
        top = QHBoxLayout()
        top.addWidget(self.heading)
        top.addWidget(self.badge)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addWidget(self.list)
        layout.addWidget(self.empty)
        layout.addWidget(self.more)

    def set_entries(self, entries: Sequence[Entry], total: int, more_text: str = "") -> None:
        self.heading.setText(f"<b>{self.title}</b>" + ("" if self.uses_badge else f" ({total})"))
        self.badge.setText(str(total))
        self.badge.setVisible(self.uses_badge and total > 0)
        self.list.clear()
        for entry in entries:
            item = QListWidgetItem(f"{entry.title}\n{entry.detail}")
            item.setToolTip(f"{entry.title}\n{entry.detail}")
            item.setData(RECORD_ROLE, (entry.kind, entry.record_id))
            item.setData(ENTRY_ROLE, entry)
            if entry.colour:
                item.setIcon(_swatch(entry.colour))
            if entry.alert:
                item.setData(FOREGROUND_ROLE, QColor(ALERT_COLOUR))  # the view paints it so
            self.list.addItem(item)
        self.list.setVisible(bool(entries))
        self.list.fit_height()
        self.empty.setVisible(not entries)
        self.more.setText(more_text)
        self.more.setVisible(bool(more_text))

    def _menu(self, at: QPoint) -> None:
        item = self.list.itemAt(at)
        if item is None or self.menu_actions is None:
            return
        actions = self.menu_actions(item.data(ENTRY_ROLE))
        if actions:
            menu = QMenu(self)
            menu.addActions(actions)
            menu.exec(self.list.viewport().mapToGlobal(at))
            menu.deleteLater()

    def entries(self) -> list[tuple[str, int]]:
        return [self.list.item(row).data(RECORD_ROLE) for row in range(self.list.count())]
