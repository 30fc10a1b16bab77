"""The form to add a yearly day of the movement to the calendar's overlay."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QWidget
from sqlalchemy import Engine

from organiser import store
from organiser.services.calendar import add_international_day
from organiser.services.validation import parse_day_of_year
from organiser.ui.dialogs.form import RecordForm


class InternationalDayForm(RecordForm):
    """A name and a day of the year typed as MM-DD; `result_value` is the new day's id.

    Typed, not picked from a calendar of this year: 29 February is a day of the year even
    when this year has none, and a day that does not exist is refused, never moved.
    """

    def __init__(self, engine: Engine, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("New international day"), parent)
        self.engine = engine
        self.name = QLineEdit(self)
        self.add_field("name", self.tr("Name"), self.name)
        self.day = QLineEdit(self)
        self.day.setPlaceholderText(self.tr("MM-DD, e.g. 12-18 for 18 December"))
        self.add_field("day", self.tr("Every year on"), self.day)

    def save(self) -> int:
        month, day = parse_day_of_year(self.day.text(), "day", self.tr("The day"))
        with store.transaction(self.engine, write=True) as session:
            return add_international_day(session, self.name.text(), month, day)
