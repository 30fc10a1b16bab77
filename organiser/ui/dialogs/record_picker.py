"""The one way a form picks an organisation or a person: a line that shows the chosen name, and
a list under it of the names holding what is typed, read from the database a page at a time.

The list's model (`ChoicePages`) asks the service (`services/choices.py`) for the first page
when the list is first shown and for the next one as it is scrolled to its end; nothing is read
while the form merely opens, but the chosen name. Typing asks again, for the names holding every
word typed. The picker keeps the chosen id: what is typed and not chosen is put back to the
chosen name when the line is left; emptied, it chooses none where none is allowed.

Keyboard: type a few letters, Down (or F4, Alt+Down) opens the list, Up/Down move in it, Enter
chooses, Escape closes it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    Qt,
    Signal,
)
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QLineEdit, QListView, QWidget
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from organiser import store
from organiser.services import choices
from organiser.ui.dialogs.fit import free_area
from organiser.ui.icons import icon

Index = QModelIndex | QPersistentModelIndex
PageReader = Callable[[Session, str, int, int], list[choices.Choice]]
LabelReader = Callable[[Session, Iterable[int]], dict[int, str]]
NONE_KEY = -1  # the "(none)" row's key in the list; the picker's value is then None


class ChoicePages(QAbstractListModel):
    """(id, name) rows for what is typed, a page read when asked for (`fetchMore`); `fetched`
    counts the rows read from the database, for tests and benchmarks."""

    def __init__(
        self, engine: Engine, read_page: PageReader, none_label: str = "", parent: Any = None
    ) -> None:
        super().__init__(parent)
        self.engine, self.read_page, self.none_label = engine, read_page, none_label
        self.typed = ""
        self.rows: list[choices.Choice] = []
        self.read = 0  # rows read for what is typed (the "(none)" row is not one)
        self.exhausted = False
        self.fetched = 0

    def set_typed(self, typed: str) -> None:
        """Start again for `typed`: the first page is read at once."""
        self.beginResetModel()
        self.typed = typed.strip()
        self.rows = [(NONE_KEY, self.none_label)] if self.none_label and not self.typed else []
        self.read, self.exhausted = 0, False
        self.endResetModel()
        self.fetchMore()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self.rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        key, label = self.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return label
        if role == Qt.ItemDataRole.ToolTipRole:
            return label
        if role == Qt.ItemDataRole.UserRole:
            return key
        return None

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self.exhausted

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or self.exhausted:
            return
        with store.transaction(self.engine) as session:
            page = self.read_page(session, self.typed, self.read, choices.PAGE)
        self.fetched += len(page)
        self.read += len(page)
        self.exhausted = len(page) < choices.PAGE
        if page:
            start = len(self.rows)
            self.beginInsertRows(QModelIndex(), start, start + len(page) - 1)
            self.rows.extend(page)
            self.endInsertRows()


class ChoiceList(QListView):
    """The picker's list, popped up under it: a plain view of the pages, so rows are read as it
    is scrolled (Qt's QCompleter reads every row its model can fetch, whenever it resets)."""

    def __init__(self, picker: RecordPicker) -> None:
        super().__init__(picker)
        self.setWindowFlags(Qt.WindowType.Popup)
        self.setUniformItemSizes(True)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # the acronym at the end stays
        self.setFocusProxy(picker)


class RecordPicker(QLineEdit):
    """An organisation or a person chosen by name; `value()` is its id (None for none).

    `none_label` is shown when none is chosen ("(none)", "(choose an affiliate)"); with
    `allow_none` the list offers it too. `chosen` is emitted when the id changes."""

    chosen = Signal()
    VISIBLE_ROWS = 12

    def __init__(
        self,
        engine: Engine,
        read_page: PageReader,
        read_labels: LabelReader,
        none_label: str = "",
        allow_none: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.engine, self.read_labels, self.allow_none = engine, read_labels, allow_none
        self._key: int | None = None
        self._label = ""
        self.pages = ChoicePages(engine, read_page, none_label if allow_none else "", self)
        self._filled = False  # the list is read when first opened or typed in
        self.popup = ChoiceList(self)
        self.popup.setModel(self.pages)
        self.popup.installEventFilter(self)
        self.popup.clicked.connect(self._picked)
        self.setPlaceholderText(none_label)
        self.setClearButtonEnabled(allow_none)
        self.open_action = self.addAction(
            icon("choices"), QLineEdit.ActionPosition.TrailingPosition
        )
        self.open_action.setToolTip(self.tr("Show the choices"))
        self.open_action.triggered.connect(self.open_list)
        self.textEdited.connect(self._typed)

    # the value
    def value(self) -> int | None:
        return self._key

    def label(self) -> str:
        return self._label

    def set_value(self, key: int | None) -> None:
        """Choose `key`, its name read from the database (none when it no longer exists)."""
        label = ""
        if key is not None:
            with store.transaction(self.engine) as session:
                label = self.read_labels(session, [key]).get(key, "")
        self.set_choice(key if label else None, label)

    def set_choice(self, key: int | None, label: str) -> None:
        """Choose `key` whose name the caller knows (no read)."""
        changed = key != self._key
        self._key, self._label = key, label if key is not None else ""
        self.setText(self._label)
        self.setCursorPosition(0)  # a long name shows its start
        if changed:
            self.chosen.emit()

    # For a form's draft and the conflict dialog (see ui/dialogs/snapshot.py)
    def draft_value(self) -> int | None:
        return self._key

    def set_draft_value(self, value: object) -> None:
        self.set_value(None if value is None else int(str(value)))

    def display_text(self) -> str:
        return self._label

    # the list
    def open_list(self) -> None:
        """Show the names holding what is typed (all of them, by name, when it is the chosen
        name or nothing)."""
        typed = self.text() if self.text() != self._label else ""
        if not self._filled or typed != self.pages.typed:
            self.pages.set_typed(typed)
            self._filled = True
        self._show_list()

    def _typed(self, text: str) -> None:
        self.pages.set_typed(text)
        self._filled = True
        if self.pages.rowCount():
            self._show_list()
        else:
            self.popup.hide()

    def _show_list(self) -> None:
        self.popup.setCurrentIndex(self.pages.index(0) if self.pages.rowCount() else QModelIndex())
        rows = max(1, min(self.VISIBLE_ROWS, self.pages.rowCount()))
        frame = 2 * self.popup.frameWidth()
        height = rows * max(1, self.popup.sizeHintForRow(0)) + frame
        width = max(self.width(), 320)
        area = free_area(self)
        corner = self.mapToGlobal(self.rect().bottomLeft())
        if corner.y() + height > area.bottom() + 1:  # over the field where the screen ends
            corner = self.mapToGlobal(self.rect().topLeft()) - QPoint(0, height)
        x = max(area.left(), min(corner.x(), area.right() + 1 - width))
        self.popup.setGeometry(x, max(area.top(), corner.y()), width, height)
        self.popup.show()

    def _picked(self, index: QModelIndex) -> None:
        self.popup.hide()
        key = index.data(Qt.ItemDataRole.UserRole)
        if key is None or int(key) == NONE_KEY:
            self.set_choice(None, "")
        else:
            self.set_choice(int(key), str(index.data(Qt.ItemDataRole.DisplayRole)))

    def _settle(self) -> None:
        """What was typed and not chosen: emptied, none (where allowed); else the chosen name
        comes back."""
        if not self.text().strip() and self.allow_none:
            self.set_choice(None, "")
        elif self.text() != self._label:
            self.setText(self._label)
            self.setCursorPosition(0)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """The open list's keys: Up, Down and the page keys move in it, Enter chooses, Escape
        closes it; the rest is typing, for the line."""
        if watched is not self.popup or event.type() != QEvent.Type.KeyPress:
            return super().eventFilter(watched, event)
        assert isinstance(event, QKeyEvent)
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            current = self.popup.currentIndex()
            if current.isValid():
                self._picked(current)
            else:
                self.popup.hide()
            return True
        if key == Qt.Key.Key_Escape:
            self.popup.hide()
            return True
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown):
            return False
        if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            self.popup.hide()
        self.event(event)  # typing goes on in the line
        return True

    def keyPressEvent(self, event: QKeyEvent) -> None:
        opening = event.key() == Qt.Key.Key_F4 or (
            event.key() == Qt.Key.Key_Down and not self.popup.isVisible()
        )
        if opening:
            self.open_list()
            return
        if event.key() == Qt.Key.Key_Escape and self.text() != self._label:
            self._settle()
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        if event.reason() != Qt.FocusReason.PopupFocusReason and not self.popup.isVisible():
            self._settle()


def organisation_picker(
    engine: Engine,
    none_label: str = "",
    allow_none: bool = True,
    exclude: int | None = None,
    parent: QWidget | None = None,
) -> RecordPicker:
    """Pick an organisation by name (or acronym); `exclude` is never offered."""

    def read_page(session: Session, typed: str, offset: int, limit: int) -> list[choices.Choice]:
        return choices.organisation_page(session, typed, offset, limit, exclude)

    return RecordPicker(
        engine, read_page, choices.organisation_labels, none_label, allow_none, parent
    )


def person_picker(
    engine: Engine, none_label: str = "", allow_none: bool = True, parent: QWidget | None = None
) -> RecordPicker:
    """Pick a person by name (or, for one known by role, the role)."""
    return RecordPicker(
        engine, choices.person_page, choices.person_labels, none_label, allow_none, parent
    )
