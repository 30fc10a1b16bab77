"""The in-window notice of reminders (where the desktop has no system tray, and for those
missed while the program was closed): non-modal, each reminder opens its record or is done."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Engine

from organiser import store
from organiser.errors import OrganiserError
from organiser.services import reminders
from organiser.services.reminder_view import ReminderView
from organiser.ui.calendar.zones import organiser_zone
from organiser.ui.dashboard.items import reminder_when
from organiser.ui.dialogs.messages import show_error

REMINDER_ROLE = Qt.ItemDataRole.UserRole + 2


def reminder_text(reminder: ReminderView) -> str:
    """Its record's title, then when and its note, worded as on the Dashboard."""
    detail = reminder_when(reminder, organiser_zone())
    return "\n".join(part for part in (reminder.target_title, detail) if part)


class ReminderNotice(QDialog):
    open_requested = Signal(str, int)
    changed = Signal()

    def __init__(self, engine: Engine, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.engine = engine
        self.setWindowTitle(self.tr("Reminders"))
        self.setWindowModality(Qt.WindowModality.NonModal)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.missed = 0  # how many shown fell due while the program was closed
        self.due_now = False  # whether some fell due while it was open
        self.heading = QLabel(self)
        self.heading.setWordWrap(True)
        self.list = QListWidget(self)
        self.list.itemActivated.connect(lambda _item: self.open_chosen())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.open_button = QPushButton(self.tr("Open"), self)
        self.done_button = QPushButton(self.tr("Done"), self)
        buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.done_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.open_button.clicked.connect(self.open_chosen)
        self.done_button.clicked.connect(self.done_chosen)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        self.resize(460, 300)

    def add(self, found: list[ReminderView], missed_while_closed: bool = False) -> None:
        """Show these too; the heading says whether they fell due while the program was
        closed, just now, or (a notice still open since the start) some of each."""
        if missed_while_closed:
            self.missed = len(found)
        else:
            self.due_now = True
        self.heading.setText(self._heading())
        shown = {self.list.item(row).data(REMINDER_ROLE)[0] for row in range(self.list.count())}
        for reminder in found:
            if reminder.id in shown:
                continue
            item = QListWidgetItem(reminder_text(reminder))
            item.setData(REMINDER_ROLE, (reminder.id, reminder.target_kind, reminder.target_id))
            self.list.addItem(item)
        if self.list.currentRow() < 0:
            self.list.setCurrentRow(0)
        self.show()
        self.raise_()

    def _heading(self) -> str:
        if not self.missed:
            return self.tr("Due now:")
        if self.due_now:
            return self.tr("Due now, and %n that fell due while the program was closed:", "",
                           self.missed)  # fmt: skip
        return self.tr("%n reminder(s) fell due while the program was closed:", "", self.missed)

    def reminder_ids(self) -> list[int]:
        return [self.list.item(row).data(REMINDER_ROLE)[0] for row in range(self.list.count())]

    def open_chosen(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            _id, kind, key = item.data(REMINDER_ROLE)
            self.open_requested.emit(kind, key)

    def done_chosen(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        reminder_id = item.data(REMINDER_ROLE)[0]
        try:
            with store.transaction(self.engine, write=True) as session:
                reminders.mark_done(session, reminder_id, datetime.now(UTC))
        except OrganiserError as error:
            show_error(self, self.tr("Reminders"), str(error))
            return
        self.list.takeItem(self.list.row(item))
        self.changed.emit()
        if not self.list.count():
            self.close()
