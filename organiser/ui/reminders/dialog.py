"""The "Remind me…" dialog: a reminder of an action, a commitment or a letter."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, QDateTime, Qt, QTime
from PySide6.QtWidgets import (
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Engine

from organiser import store
from organiser.errors import OrganiserError
from organiser.services import reminders
from organiser.ui.calendar.zones import organiser_zone


class ReminderDialog(QDialog):
    """`kind` is action, commitment or letter; `result_value` is the saved ReminderView."""

    def __init__(
        self,
        engine: Engine,
        kind: str,
        record_id: int,
        label: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Remind me"))
        self.engine, self.kind, self.record_id = engine, kind, record_id
        self.result_value: reminders.ReminderView | None = None
        self.zone = organiser_zone()
        self.at_choice = QRadioButton(self.tr("At"), self)
        self.before_choice = QRadioButton(self.tr("Days before"), self)
        self.at = QDateTimeEdit(self)
        self.at.setCalendarPopup(True)
        self.at.setDisplayFormat("yyyy-MM-dd HH:mm")
        tomorrow = datetime.now(ZoneInfo(self.zone)).replace(second=0, microsecond=0) + timedelta(
            days=1
        )
        day = QDate(tomorrow.year, tomorrow.month, tomorrow.day)
        self.at.setDateTime(QDateTime(day, QTime(tomorrow.hour, 0)))
        self.days = QSpinBox(self)
        self.days.setRange(0, reminders.MOST_DAYS_BEFORE)
        self.days.setValue(1)
        self.note = QLineEdit(self)
        self.note.setPlaceholderText(self.tr("What to do then (optional)"))
        self.error = QLabel(self)
        self.error.setStyleSheet("color:#b3261e")
        self.error.setWordWrap(True)
        self.error.hide()
        counted = kind != "letter"
        self.before_choice.setEnabled(counted)
        self.days.setEnabled(counted)
        if counted:
            self.before_choice.setToolTip(
                self.tr("Counted back from the action's start or the commitment's due date")
            )
        self.at_choice.setChecked(True)
        form = QFormLayout()
        if label:
            shown = QLabel(label, self)
            shown.setTextFormat(Qt.TextFormat.PlainText)  # a record's title, not markup
            shown.setWordWrap(True)
            form.addRow(shown)
        form.addRow(self.at_choice, self.at)
        form.addRow(self.before_choice, self.days)
        form.addRow(self.tr("Note"), self.note)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("Times are in %1.").replace("%1", self.zone), self))
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def fields(self) -> reminders.ReminderFields:
        fields = reminders.ReminderFields(zone=self.zone, note=self.note.text())
        setattr(fields, f"{self.kind}_id", self.record_id)
        if self.at_choice.isChecked():
            fields.at = self.at.dateTime().toString("yyyy-MM-dd HH:mm")  # in self.zone
        else:
            fields.days_before = self.days.value()
        return fields

    def save(self) -> None:
        try:
            with store.transaction(self.engine, write=True) as session:
                self.result_value = reminders.add_reminder(session, self.fields())
        except OrganiserError as error:
            self.error.setText(str(error))  # what was typed stays
            self.error.show()
            return
        self.accept()
