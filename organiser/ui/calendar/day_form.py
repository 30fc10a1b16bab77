"""The form to add a yearly day of the movement to the calendar's overlay."""

from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QLineEdit, QWidget
from sqlalchemy import Engine

from organiser import store
from organiser.services.calendar import add_international_day
from organiser.ui.dialogs.form import RecordForm


class InternationalDayForm(RecordForm):
    """A name and a day of the year; `result_value` is the new day's id."""

    def __init__(self, engine: Engine, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("New international day"), parent)
        self.engine = engine
        self.name = QLineEdit(self)
        self.add_field("name", self.tr("Name"), self.name)
        self.day = QDateEdit(QDate.currentDate(), self)
        self.day.setDisplayFormat("d MMMM")
        self.day.setCalendarPopup(True)
        self.add_field("day", self.tr("Every year on"), self.day)

    def save(self) -> int:
        chosen = self.day.date()
        with store.transaction(self.engine) as session:
            return add_international_day(session, self.name.text(), chosen.month(), chosen.day())
