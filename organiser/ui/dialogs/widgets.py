"""Small input widgets the forms share: optional dates, enum and record pickers, countries."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from enum import Enum
from typing import Any

import pycountry
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QDateEdit, QHBoxLayout, QWidget

from organiser.models import LabelledEnum


class OptionalDateEdit(QWidget):
    """A date that may be left empty: a checkbox beside a calendar-popup date edit."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.enabled = QCheckBox(self)
        self.edit = QDateEdit(self)
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat("yyyy-MM-dd")
        self.edit.setDate(QDate.currentDate())
        self.edit.setEnabled(False)
        self.enabled.toggled.connect(self.edit.setEnabled)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.enabled)
        layout.addWidget(self.edit, 1)

    def value(self) -> date | None:
        if not self.enabled.isChecked():
            return None
        qdate = self.edit.date()
        return date(qdate.year(), qdate.month(), qdate.day())

    def set_value(self, value: date | None) -> None:
        self.enabled.setChecked(value is not None)
        if value is not None:
            self.edit.setDate(QDate(value.year, value.month, value.day))


def enum_combo(
    enum_class: type[Enum], current: Enum | None = None, parent: QWidget | None = None
) -> QComboBox:
    combo = QComboBox(parent)
    for member in enum_class:
        label = member.label if isinstance(member, LabelledEnum) else str(member.value)
        combo.addItem(label, member.value)
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
