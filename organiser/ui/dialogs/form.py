"""The shared record form: labelled fields, errors shown at the field, what was typed kept.

A form subclass adds its fields with `add_field` (the name is the service's field name) and
implements `save()`, which calls a service in one transaction. When the service raises a
ValidationError the dialog stays open, marks the field and shows the message under it.

Nothing typed is lost: closing a form with changes asks first, and a form that names its
`draft_form` keeps a draft in the database while it is open, offered back after a crash.

An edit saved over a record changed elsewhere meanwhile (the service's ConflictError) opens
the conflict dialog: a form of the same kind is built, unseen, on the record as it is now, and
the two are compared field by field; the user's choice is written into this form, which then
saves over the new version. A form that names `reread` (the service reading its record) and
`edited_record` (the attribute holding it; `draft_record` when empty) gets this.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from organiser import store
from organiser.errors import ConflictError, NotFound, OrganiserError, ValidationError
from organiser.services.drafts import DraftView
from organiser.ui.dialogs import snapshot
from organiser.ui.dialogs.conflict_dialog import MINE, THEIRS, ConflictDialog, FieldVersions
from organiser.ui.dialogs.draft_keeper import DraftKeeper
from organiser.ui.dialogs.fit import FieldsArea, FittedDialog
from organiser.ui.dialogs.messages import Answer, ask_discard_changes, show_error

ERROR_STYLE = "color: #b3261e;"
FIELD_ERROR_STYLE = "border: 1px solid #b3261e;"


class RecordForm(FittedDialog):
    """Subclasses build fields in __init__ and implement `save() -> Any` (the saved read model)."""

    draft_form = ""  # drafts are kept as "<draft_form>:<record id>"; empty: no drafts
    draft_record = ""  # the attribute holding the record being edited (None when new)
    _keeper: DraftKeeper | None = None  # made when first shown, once the fields are filled
    edited_record = ""  # the attribute holding the record edited, when not `draft_record`
    reread: Callable[[Session, int], Any] | None = None  # that record as it is now
    noun = str(QT_TRANSLATE_NOOP("RecordNoun", "record"))  # what the record is, in messages

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setModal(True)
        self.result_value: Any = None
        self.replaced: Any = None  # the version saved elsewhere that this edit was saved over
        self._fields: dict[str, QWidget] = {}
        self._labels: dict[str, str] = {}
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
        self._labels[name] = label
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

    def submit(self) -> bool:
        """Save and close; False when the form stays open on an error."""
        self.clear_errors()
        try:
            self.result_value = self.save()
        except ValidationError as error:
            self.show_validation_error(error)
            return False
        except ConflictError as error:
            return self.resolve_conflict(error)
        except OrganiserError as error:
            show_error(self, self.windowTitle(), str(error))
            return False
        self.accept()
        return True

    # An edit over a record changed elsewhere
    def resolve_conflict(self, error: ConflictError) -> bool:
        """Show both versions, write the user's choice into the form and save it over the
        version now in the database; True when the form then closed."""
        attribute = self.edited_record or self.draft_record
        mine = getattr(self, attribute, None) if attribute else None
        engine = getattr(self, "engine", None)
        if self.reread is None or mine is None or engine is None:
            show_error(self, self.windowTitle(), str(error))
            return False
        try:
            with store.transaction(engine) as session:
                current = self.reread(session, mine.id)
        except NotFound:
            show_error(
                self,
                self.windowTitle(),
                self.tr(
                    "This %1 was deleted elsewhere while you edited it; nothing was saved. "
                    "Edit › Trash can bring it back."
                ).replace("%1", self.noun_text()),
            )
            return False
        theirs = type(self)(engine, **{attribute: current}, parent=self)
        try:
            values = {name: snapshot.read_field(w) for name, w in theirs._fields.items()}
            differences = self._differences(theirs)
        finally:
            theirs.deleteLater()
        if not differences:  # the change elsewhere is in nothing this form holds: keep it
            setattr(self, attribute, current)
            self.replaced = current
            return self.submit()
        dialog = ConflictDialog(self.noun_text(), current.version, differences, self)
        if not dialog.exec() or dialog.outcome is None:
            return False
        for name, side in dialog.choices().items():
            if side == THEIRS:
                snapshot.write_field(self._fields[name], values[name])
        setattr(self, attribute, current)
        if dialog.outcome == THEIRS:  # nothing of this edit is left to save
            self.result_value = None
            super().reject()
            return True
        self.replaced = current
        return self.submit()

    def noun_text(self) -> str:
        return QCoreApplication.translate("RecordNoun", self.noun)

    def _differences(self, theirs: RecordForm) -> list[FieldVersions]:
        """The fields where the two versions differ; each starts on the side that changed it
        (this form's when the user typed in it, else the one saved elsewhere)."""
        opened = self._keep().pristine
        found = []
        for name, widget in self._fields.items():
            mine, other = snapshot.read_field(widget), snapshot.read_field(theirs._fields[name])
            if mine == other:
                continue
            found.append(
                FieldVersions(
                    name,
                    self._labels[name],
                    snapshot.shown_text(widget),
                    snapshot.shown_text(theirs._fields[name]),
                    MINE if mine != opened.get(name) else THEIRS,
                )
            )
        return found

    # What was typed: compared with how the form opened, and kept as a draft
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._keep()

    def _keep(self) -> DraftKeeper:
        if self._keeper is None:
            self._keeper = DraftKeeper(self, self._fields)
            engine = getattr(self, "engine", None)
            if self.draft_form and engine is not None:
                record = getattr(self, self.draft_record, None) if self.draft_record else None
                self._keeper.keep_drafts(engine, self.draft_form, getattr(record, "id", None))
        return self._keeper

    def has_changes(self) -> bool:
        return self._keeper is not None and self._keeper.changed()

    def restore_draft(self, draft: DraftView, same_record: bool = True) -> None:
        """Fill the form from a draft left by an earlier run; it then counts as changed.
        `same_record` False: the record it edited is gone and the draft becomes a new one."""
        self._keep().restore(draft.payload, draft.key if same_record else None)

    def settle(self) -> bool:
        """Close, asking first when there are changes; False when the user goes back to it."""
        if self.has_changes():
            answer = ask_discard_changes(self, self.windowTitle())
            if answer is Answer.SAVE:
                return self.submit()
            if answer is Answer.CANCEL:
                return False
        super().reject()
        return True

    def reject(self) -> None:
        """Esc, the window's close button and Cancel all come here."""
        self.settle()

    def done(self, result: int) -> None:
        if self._keeper is not None:
            self._keeper.finish()
        super().done(result)


def settle_open_forms(window: QWidget) -> bool:
    """Before the window closes: each open form closes, asking about its changes; False when
    the user chose to go back to one."""
    for form in window.findChildren(RecordForm):
        if form.isVisible():
            form.raise_()
            if not form.settle():
                return False
    return True
