"""The "Remind me…" dialog: a reminder of an action, a commitment or a letter, at a time or a
number of days before the record's own date; a value refused is said under its field, what
was typed kept. `ask_reminder` opens it from any page for the record selected there."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import cast
from zoneinfo import ZoneInfo

from PySide6.QtCore import QT_TRANSLATE_NOOP, QDate, QDateTime, Qt, QTime
from PySide6.QtWidgets import (
    QDateTimeEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QSpinBox,
    QWidget,
)
from sqlalchemy import Engine

from organiser import store
from organiser.services import reminders
from organiser.services.reminder_view import ReminderView
from organiser.ui.calendar.zones import organiser_zone
from organiser.ui.dialogs.form import RecordForm
from organiser.ui.pages.base import Page


class ReminderDialog(RecordForm):
    """`kind` is action, commitment or letter; `result_value` is the saved ReminderView."""

    noun = str(QT_TRANSLATE_NOOP("RecordNoun", "reminder"))

    def __init__(
        self,
        engine: Engine,
        kind: str,
        record_id: int,
        label: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("", parent)
        self.setWindowTitle(self.tr("Remind me"))
        self.setMinimumSize(440, 300)  # room for a message under a field without scrolling
        self.engine, self.kind, self.record_id = engine, kind, record_id
        self.zone = organiser_zone()
        self.record_label = QLabel(label, self)  # what the reminder is of
        self.record_label.setTextFormat(Qt.TextFormat.PlainText)  # a record's title, not markup
        self.record_label.setWordWrap(True)
        if label:
            self.form.addRow(self.record_label)
        else:
            self.record_label.hide()
        self.form.addRow(self.tr("When"), self._choices())
        self.at = cast(QDateTimeEdit, self.add_field("at", self.tr("At"), self._at_field()))
        days = self.add_field("days_before", self.tr("Days before"), QSpinBox())
        self.days = cast(QSpinBox, days)
        self.days.setRange(0, reminders.MOST_DAYS_BEFORE)
        self.days.setValue(1)
        self.note = cast(QLineEdit, self.add_field("note", self.tr("Note"), QLineEdit()))
        self.note.setPlaceholderText(self.tr("What to do then (optional)"))
        self.form.addRow(QLabel(self.tr("Times are in %1.").replace("%1", self.zone), self))
        self.at_choice.toggled.connect(self._chosen)
        self._chosen()

    def _choices(self) -> QWidget:
        holder = QWidget(self)
        self.at_choice = QRadioButton(self.tr("At a time"), holder)
        self.before_choice = QRadioButton(self.tr("Days before its date"), holder)
        self.at_choice.setChecked(True)
        if self.kind == "letter":  # a letter has no date of its own to count back from
            self.before_choice.setEnabled(False)
            self.before_choice.setToolTip(self.tr("A letter has no date to count back from"))
        else:
            self.before_choice.setToolTip(
                self.tr("Counted back from the action's start or the commitment's due date")
            )
        row = QHBoxLayout(holder)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.at_choice)
        row.addWidget(self.before_choice)
        row.addStretch(1)
        return holder

    def _at_field(self) -> QDateTimeEdit:
        field = QDateTimeEdit(self)
        field.setCalendarPopup(True)
        field.setDisplayFormat("yyyy-MM-dd HH:mm")
        now = datetime.now(ZoneInfo(self.zone))
        tomorrow = now.replace(second=0, microsecond=0) + timedelta(days=1)
        day = QDate(tomorrow.year, tomorrow.month, tomorrow.day)
        field.setDateTime(QDateTime(day, QTime(tomorrow.hour, 0)))
        return field

    def _chosen(self) -> None:
        at = self.at_choice.isChecked()
        self.at.setEnabled(at)
        self.days.setEnabled(not at)

    def fields(self) -> reminders.ReminderFields:
        fields = reminders.ReminderFields(zone=self.zone, note=self.note.text())
        setattr(fields, f"{self.kind}_id", self.record_id)
        if self.at_choice.isChecked():
            fields.at = self.at.dateTime().toString("yyyy-MM-dd HH:mm")  # in self.zone
        else:
            fields.days_before = self.days.value()
        return fields

    def save(self) -> ReminderView:
        with store.transaction(self.engine, write=True) as session:
            return reminders.add_reminder(session, self.fields())


def ask_reminder(page: Page, kind: str, record_id: int, label: str = "") -> bool:
    """ "Remind me…" on a page: the dialog for that record; True when a reminder was saved,
    and then the other pages (the Dashboard's badge) are told."""
    if not ReminderDialog(page.engine, kind, record_id, label, page).exec():
        return False
    page.data_changed.emit()
    return True
