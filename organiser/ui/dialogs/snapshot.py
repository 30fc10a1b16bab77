"""What a form's field widgets hold, as plain JSON values, read and written back generically.

One mechanism for every form: a field is read by its widget's type (a line, a text box, a
combo's data, a date, a tick box), a compound field (an optional date, a file chooser) as the
list of the inputs inside it, and a widget with state of its own (the demands list, a letter's
signatories in the order ticked) through `draft_value()` / `set_draft_value(value)`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QDateTime, Qt, SignalInstance
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDateTimeEdit,
    QLineEdit,
    QListView,
    QListWidget,
    QPlainTextEdit,
    QWidget,
)

Snapshot = dict[str, Any]


def plain(value: Any) -> Any:
    """A value JSON keeps as it is (tuples become lists), so a snapshot equals its reload."""
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if isinstance(value, list | tuple):
        return [plain(item) for item in value]
    return str(value)


def _is_input(widget: QWidget) -> bool:
    if hasattr(widget, "draft_value"):
        return True
    if isinstance(widget, QAbstractButton):
        return widget.isCheckable()
    return isinstance(widget, QLineEdit | QPlainTextEdit | QComboBox | QDateTimeEdit)


def _inputs(widget: QWidget) -> list[QWidget]:
    """The input widgets inside a compound field, in the order they were made."""
    found: list[QWidget] = []
    for child in widget.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly):
        found.extend([child] if _is_input(child) else _inputs(child))
    return found


def _read(widget: QWidget) -> Any:
    if hasattr(widget, "draft_value"):
        return plain(widget.draft_value())
    if isinstance(widget, QAbstractButton):
        return widget.isChecked()
    if isinstance(widget, QLineEdit):
        return widget.text()
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText()
    if isinstance(widget, QComboBox):
        return widget.currentText() if widget.isEditable() else plain(widget.currentData())
    if isinstance(widget, QDateTimeEdit):
        return widget.dateTime().toString(Qt.DateFormat.ISODate)
    return None


def _write(widget: QWidget, value: Any) -> None:
    if hasattr(widget, "set_draft_value"):
        widget.set_draft_value(value)
    elif isinstance(widget, QAbstractButton):
        widget.setChecked(bool(value))
    elif isinstance(widget, QLineEdit):
        widget.setText(str(value))
    elif isinstance(widget, QPlainTextEdit):
        widget.setPlainText(str(value))
    elif isinstance(widget, QComboBox) and widget.isEditable():
        widget.setCurrentText(str(value))
    elif isinstance(widget, QComboBox):
        found = [i for i in range(widget.count()) if plain(widget.itemData(i)) == value]
        if found:  # a choice deleted since the draft was typed stays as the form has it
            widget.setCurrentIndex(found[0])
    elif isinstance(widget, QDateTimeEdit):
        moment = QDateTime.fromString(str(value), Qt.DateFormat.ISODate)
        if moment.isValid():
            widget.setDateTime(moment)


def read_field(widget: QWidget) -> Any:
    if _is_input(widget):
        return _read(widget)
    return [_read(inner) for inner in _inputs(widget)]


def write_field(widget: QWidget, value: Any) -> None:
    if _is_input(widget):
        _write(widget, value)
    elif isinstance(value, list):
        for inner, inner_value in zip(_inputs(widget), value, strict=False):
            _write(inner, inner_value)


def _shown(widget: QWidget) -> str:
    """What one input shows a person (a combo's label, not its key)."""
    if hasattr(widget, "display_text"):
        return str(widget.display_text())
    if isinstance(widget, QComboBox):
        return widget.currentText()
    if isinstance(widget, QDateTimeEdit):
        return widget.text()
    if isinstance(widget, QAbstractButton):
        return "☑" if widget.isChecked() else "☐"
    value = _read(widget)
    if isinstance(value, list):
        return "\n".join(str(item) for item in value)
    return "" if value is None else str(value)


def shown_text(widget: QWidget) -> str:
    """A field as a person reads it, to set two versions of it side by side."""
    if _is_input(widget):
        return _shown(widget)
    return " ".join(text for text in (_shown(inner) for inner in _inputs(widget)) if text)


def take(fields: dict[str, QWidget]) -> Snapshot:
    return {name: read_field(widget) for name, widget in fields.items()}


def restore(fields: dict[str, QWidget], snapshot: Snapshot) -> None:
    """Write the values back in the order the fields were added: a campaign is chosen before
    the action list that depends on it."""
    for name, widget in fields.items():
        if name in snapshot:
            write_field(widget, snapshot[name])


def watch(root: QWidget, on_change: Callable[..., None]) -> None:
    """Call `on_change` (with the signal's arguments) whenever any input inside `root` changes.

    It must be a method of a QObject: Qt then drops the connections when that object goes, so
    no widget dying after it (a list emptied as it is destroyed) calls into a deleted one."""
    signals: list[Any] = []
    for line in root.findChildren(QLineEdit):
        signals.append(line.textChanged)
    for text in root.findChildren(QPlainTextEdit):
        signals.append(text.textChanged)
    for combo in root.findChildren(QComboBox):
        signals.append(combo.currentIndexChanged)
    for button in root.findChildren(QAbstractButton):
        if button.isCheckable():
            signals.append(button.toggled)
    for edit in root.findChildren(QDateTimeEdit):
        signals.append(edit.dateTimeChanged)
    for listing in root.findChildren(QListWidget):
        model = listing.model()
        signals += [listing.itemChanged, model.rowsInserted, model.rowsRemoved, model.rowsMoved]
    for view in root.findChildren(QListView):  # a list of its own model: it says it changed
        changed = getattr(view, "changed", None)
        if not isinstance(view, QListWidget) and isinstance(changed, SignalInstance):
            signals.append(changed)
    for signal in signals:
        signal.connect(on_change)
