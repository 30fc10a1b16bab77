"""Small input widgets the forms share: optional dates, enum and record pickers, countries."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from enum import Enum
from typing import Any

import pycountry
from PySide6.QtCore import QDate, QPoint, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QCalendarWidget,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QToolButton,
    QWidget,
)

from organiser.errors import ValidationError
from organiser.models import LabelledEnum
from organiser.services.validation import parse_date
from organiser.ui.dialogs.fit import free_area
from organiser.ui.dialogs.form import FIELD_ERROR_STYLE
from organiser.ui.icons import icon
from organiser.ui.labels import enum_label

DEFAULT_TIME = "10:00"  # an action given a time before one is typed


class OptionalDateEdit(QWidget):
    """A date typed as YYYY-MM-DD, or picked from a calendar; empty means none.

    What is typed is never turned into another date: a day that does not exist (2026-02-30)
    stays as typed, the field is marked with the reason, and `value()` raises a ValidationError
    at this field (its object name, which RecordForm.add_field sets) for the form to show.
    With `with_time`, a time may follow the date (`YYYY-MM-DD HH:MM`); `text()` gives it as
    typed for a service that parses it.
    """

    changed = Signal()  # the text changed and is a date (or empty)

    def __init__(self, parent: QWidget | None = None, with_time: bool = False) -> None:
        super().__init__(parent)
        self.with_time = with_time
        self.edit = QLineEdit(self)
        self.edit.setClearButtonEnabled(True)
        self.pick = QToolButton(self)
        self.pick.setIcon(icon("calendar"))
        self.pick.setToolTip(self.tr("Choose the day on a calendar"))
        self.pick.clicked.connect(self.open_calendar)
        self.edit.textChanged.connect(self._on_text)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.pick)
        self.setFocusProxy(self.edit)
        self._update_placeholder()

    # what is typed
    def text(self) -> str:
        return self.edit.text().strip()

    def set_text(self, text: str) -> None:
        self.edit.setText(text)

    def date_text(self) -> str:
        """The date part of what is typed (before the time, when there may be one)."""
        if not self.with_time:
            return self.text()
        return self.text().split(" ")[0].split("T")[0]

    def problem(self) -> str:
        """Why the typed date is no date, written for the user; '' when it is one or empty."""
        try:
            parse_date(self.date_text(), self.objectName(), self.tr("The date"))
        except ValidationError as error:
            return str(error)
        return ""

    def value(self) -> date | None:
        """The date typed, None when empty; a ValidationError at this field when it is none."""
        return parse_date(self.date_text(), self.objectName(), self.tr("The date"))

    def set_value(self, value: date | datetime | None) -> None:
        if value is None:
            self.edit.clear()
        elif isinstance(value, datetime) and self.with_time:
            self.edit.setText(value.strftime("%Y-%m-%d %H:%M"))
        else:
            self.edit.setText(value.strftime("%Y-%m-%d"))

    def set_with_time(self, with_time: bool) -> None:
        """Switch between a day and a day with a time; a valid date keeps its day."""
        valid, day = bool(self.text()) and not self.problem(), self.date_text()
        time_part = self._time_part()
        self.with_time = with_time
        self._update_placeholder()
        if valid:
            self._set_day(day, time_part)

    # inner workings
    def _update_placeholder(self) -> None:
        # The letters name the parts (AAAA-MM-JJ in French); the digits typed stay ISO 8601.
        pattern = self.tr("YYYY-MM-DD HH:MM") if self.with_time else self.tr("YYYY-MM-DD")
        self.edit.setPlaceholderText(pattern)

    def _on_text(self) -> None:
        problem = self.problem()
        self.edit.setStyleSheet(FIELD_ERROR_STYLE if problem else "")
        self.edit.setToolTip(problem)
        if not problem:
            self.changed.emit()

    def open_calendar(self) -> QCalendarWidget:
        """A calendar that pops up under the field on the typed day, made when asked for and
        gone when closed: a form's date fields hold no calendar while nobody looks at one."""
        popup = QCalendarWidget(self)
        popup.setWindowFlags(Qt.WindowType.Popup)
        popup.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        popup.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        if self.text() and not self.problem():
            typed = self.value()
            assert typed is not None
            popup.setSelectedDate(QDate(typed.year, typed.month, typed.day))
        popup.clicked.connect(self._picked)
        popup.activated.connect(self._picked)
        popup.show()  # then placed: its frame is known once shown
        popup.move(self._popup_corner(popup.frameGeometry().size()))
        popup.setFocus()
        return popup

    def _popup_corner(self, size: QSize) -> QPoint:
        """Under the field, or over it where the screen ends first; never off the screen."""
        area = free_area(self)
        corner = self.mapToGlobal(self.rect().bottomLeft())
        if corner.y() + size.height() > area.bottom() + 1:
            corner = self.mapToGlobal(self.rect().topLeft()) - QPoint(0, size.height())
        x = max(area.left(), min(corner.x(), area.right() + 1 - size.width()))
        return QPoint(x, max(area.top(), corner.y()))

    def _time_part(self) -> str:
        return self.text()[len(self.date_text()) :].strip(" T")

    def _set_day(self, day: str, time_part: str) -> None:
        """`day` (YYYY-MM-DD), with the time typed or DEFAULT_TIME when a time belongs."""
        self.edit.setText(f"{day} {time_part or DEFAULT_TIME}" if self.with_time else day)

    def _picked(self, chosen: QDate) -> None:
        day = f"{chosen.year():04d}-{chosen.month():02d}-{chosen.day():02d}"
        self._set_day(day, self._time_part())
        popup = self.sender()
        if isinstance(popup, QCalendarWidget):
            popup.close()


def enum_combo(
    enum_class: type[Enum], current: Enum | None = None, parent: QWidget | None = None
) -> QComboBox:
    combo = QComboBox(parent)
    for member in enum_class:
        text = enum_label(member) if isinstance(member, LabelledEnum) else str(member.value)
        combo.addItem(text, member.value)
    if current is not None:
        combo.setCurrentIndex(combo.findData(current.value))
    return combo


def record_combo(
    choices: Iterable[tuple[int, str]],
    current: int | None = None,
    none_label: str = "(none)",
    parent: QWidget | None = None,
) -> QComboBox:
    """A searchable combo of (id, name); data is the id, None for the empty choice."""
    combo = QComboBox(parent)
    combo.setEditable(False)
    if none_label:
        combo.addItem(none_label, None)
    for key, name in choices:
        combo.addItem(name, key)
    if current is not None:
        combo.setCurrentIndex(max(0, combo.findData(current)))
    return combo


def country_combo(current: str = "", parent: QWidget | None = None) -> QComboBox:
    """ISO 3166 countries by name, typed to search; data is the alpha-2 code."""
    combo = QComboBox(parent)
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    combo.addItem("", "")
    countries: Sequence[Any] = sorted(pycountry.countries, key=lambda c: c.name)
    for country in countries:
        combo.addItem(f"{country.name} ({country.alpha_2})", country.alpha_2)
    completer = combo.completer()
    if completer is not None:
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    combo.setCurrentIndex(max(0, combo.findData(current)))
    return combo


def combo_code(combo: QComboBox) -> str:
    """The code of an editable country/language combo: its data, else what was typed."""
    text = combo.currentText().strip()
    index = combo.findText(text)
    if index >= 0:
        return str(combo.itemData(index) or "")
    return text


def shrinkable(combo: QComboBox, characters: int = 18) -> QComboBox:
    """A combo sized for `characters`, not its longest item: long campaign or affiliate names
    must not make a filter bar wider than a laptop screen."""
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(characters)
    return combo
