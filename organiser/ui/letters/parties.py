"""A letter's signatories, recipients and copies: the people and organisations chosen, listed in
the order chosen (the first chosen is the first printed), each added by name with the shared
picker (`ui/dialogs/record_picker.py`) and removed with a button. Only the names chosen are
read, never every organisation and person."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Engine

from organiser import store
from organiser.services import choices
from organiser.ui.dialogs.record_picker import RecordPicker, organisation_picker, person_picker
from organiser.ui.icons import icon

Ref = tuple[str, int]  # ("org", id) or ("person", id)


class PartiesPicker(QWidget):
    """`refs()` in the order chosen; `changed` whenever one is added, removed or set."""

    changed = Signal()

    def __init__(
        self, engine: Engine, organisations: bool = True, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.engine = engine
        self.with_organisations = organisations
        self.list = QListWidget(self)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.list.setFixedHeight(76)
        side = QVBoxLayout()
        side.setSpacing(2)
        self.pickers: dict[str, RecordPicker] = {}
        if organisations:
            self.pickers["org"] = organisation_picker(
                engine, self.tr("Add an organisation…"), allow_none=False, parent=self
            )
        self.pickers["person"] = person_picker(
            engine, self.tr("Add a person…"), allow_none=False, parent=self
        )
        for kind, picker in self.pickers.items():
            picker.setMaximumWidth(280)
            picker.chosen.connect(lambda kind=kind: self._add_chosen(kind))
            side.addWidget(picker)
        self.remove_button = QPushButton(icon("delete"), self.tr("Remove"), self)
        self.remove_button.clicked.connect(self.remove_current)
        side.addWidget(self.remove_button)
        side.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list, 1)
        layout.addLayout(side)

    # the value
    def refs(self) -> list[Ref]:
        found = []
        for row in range(self.list.count()):
            kind, key = self.list.item(row).data(Qt.ItemDataRole.UserRole)
            found.append((str(kind), int(key)))
        return found

    def set_refs(self, refs: Sequence[Sequence[object]]) -> None:
        """List these, their names read in one query per kind (one gone is left out)."""
        wanted = [(str(kind), int(str(key))) for kind, key in refs]
        with store.transaction(self.engine) as session:
            names = {
                "org": choices.organisation_labels(session, (k for t, k in wanted if t == "org")),
                "person": choices.person_labels(session, (k for t, k in wanted if t == "person")),
            }
        self.list.blockSignals(True)
        self.list.clear()
        for kind, key in wanted:
            name = names.get(kind, {}).get(key)
            if name is not None and (kind, key) not in self.refs():
                self._append((kind, key), name)
        self.list.blockSignals(False)
        self.changed.emit()

    def set_checked(self, ref: Ref, checked: bool = True) -> None:
        """Add `ref` at the end (its name read), or remove it."""
        kind, key = str(ref[0]), int(ref[1])
        if not checked:
            self._remove((kind, key))
        elif (kind, key) not in self.refs():
            self.set_refs([*self.refs(), (kind, key)])

    def remove_current(self) -> None:
        row = self.list.currentRow()
        if row >= 0:
            self.list.takeItem(row)
            self.changed.emit()

    # For a form's draft (see ui/dialogs/snapshot.py): the pickers are not values.
    def draft_value(self) -> list[Ref]:
        return self.refs()

    def set_draft_value(self, value: list[list[object]]) -> None:
        self.set_refs(value)

    def display_text(self) -> str:
        return "; ".join(self.list.item(row).text() for row in range(self.list.count()))

    # as a list: its rows, the highlighted one (a signatory's signature is set on it)
    def count(self) -> int:
        return self.list.count()

    def item(self, row: int) -> QListWidgetItem:
        return self.list.item(row)

    def currentItem(self) -> QListWidgetItem | None:
        return self.list.currentItem()

    def setCurrentRow(self, row: int) -> None:
        self.list.setCurrentRow(row)

    # inner workings
    def _label(self, kind: str, name: str) -> str:
        if kind == "person" and self.with_organisations:
            return f"{name} ({self.tr('person')})"
        return name

    def _append(self, ref: Ref, name: str) -> None:
        item = QListWidgetItem(self._label(ref[0], name))
        item.setData(Qt.ItemDataRole.UserRole, list(ref))
        item.setToolTip(name)
        self.list.addItem(item)

    def _remove(self, ref: Ref) -> None:
        for row in range(self.list.count()):
            if tuple(self.list.item(row).data(Qt.ItemDataRole.UserRole)) == ref:
                self.list.takeItem(row)
                self.changed.emit()
                return

    def _add_chosen(self, kind: str) -> None:
        picker = self.pickers[kind]
        key = picker.value()
        if key is None:
            return
        if (kind, key) not in self.refs():
            self._append((kind, key), picker.label())
            self.changed.emit()
        picker.set_choice(None, "")
