"""The shared record form: labelled fields, errors shown at the field, what was typed kept.

A form subclass adds its fields with `add_field` (the name is the service's field name) and
implements `save()`, which calls a service in one transaction. When the service raises a
ValidationError the dialog stays open, marks the field and shows the message under it.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from organiser.errors import OrganiserError, ValidationError
from organiser.ui.dialogs.fit import FieldsArea, FittedDialog
from organiser.ui.dialogs.messages import show_error

ERROR_STYLE = "color: #b3261e;"
FIELD_ERROR_STYLE = "border: 1px solid #b3261e;"


class RecordForm(FittedDialog):
    """Subclasses build fields in __init__ and implement `save() -> Any` (the saved read model)."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setModal(True)
        self.result_value: Any = None
        self._fields: dict[str, QWidget] = {}
        self._errors: dict[str, QLabel] = {}

        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.general_error = QLabel(self)
        self.general_error.setStyleSheet(ERROR_STYLE)
        self.general_error.setWordWrap(True)
        self.general_error.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)

        # The fields scroll on a short screen; the error and Save/Cancel stay in sight below.
        fields = QWidget(self)
        fields.setLayout(self.form)
        self.fields_area = FieldsArea(fields, self)

        layout = QVBoxLayout(self)
        layout.addWidget(self.fields_area, 1)
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)

    def add_field(self, name: str, label: str, widget: QWidget) -> QWidget:
        """Add a labelled field; `name` is the service's field name used in ValidationError."""
        error = QLabel(self)
        error.setStyleSheet(ERROR_STYLE)
        error.setWordWrap(True)
        error.hide()
        holder = QWidget(self)
        box = QVBoxLayout(holder)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        box.addWidget(widget)
        box.addWidget(error)
        widget.setObjectName(name)
        # The holder grows only where its field would: spare height goes to lists and the
        # like, not into gaps around one-line fields.
        policy = widget.sizePolicy()
        if widget.minimumHeight() == widget.maximumHeight():  # setFixedHeight: never taller
            policy.setVerticalPolicy(QSizePolicy.Policy.Fixed)
        holder.setSizePolicy(policy)
        self.form.addRow(label, holder)
        self._fields[name] = widget
        self._errors[name] = error
        return widget

    def field(self, name: str) -> QWidget:
        return self._fields[name]

    def error_text(self, name: str) -> str:
        """The message shown under a field ('' when none); for tests and accessibility."""
        label = self._errors.get(name)
        return label.text() if label is not None and not label.isHidden() else ""

    def clear_errors(self) -> None:
        for name, label in self._errors.items():
            label.hide()
            label.clear()
            self._fields[name].setStyleSheet("")
        self.general_error.hide()

    def show_validation_error(self, error: ValidationError) -> None:
        label = self._errors.get(error.field)
        if label is None:
            self.general_error.setText(str(error))
            self.general_error.show()
            return
        label.setText(str(error))
        label.show()
        widget = self._fields[error.field]
        widget.setStyleSheet(FIELD_ERROR_STYLE)
        widget.setFocus()

    def save(self) -> Any:
        raise NotImplementedError

    def submit(self) -> None:
        self.clear_errors()
        try:
            self.result_value = self.save()
        except ValidationError as error:
            self.show_validation_error(error)
            return
        except OrganiserError as error:
            show_error(self, self.windowTitle(), str(error))
            return
        self.accept()
