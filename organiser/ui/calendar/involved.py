"""The organisations an action involves, each in its role: a short list, with an organisation
picker and a role picker to add one and a button to remove the one selected."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
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
from organiser.models import ActionRole
from organiser.services import choices
from organiser.ui.dialogs.record_picker import organisation_picker
from organiser.ui.dialogs.widgets import enum_combo
from organiser.ui.labels import enum_label

Pair = tuple[int, str]  # an organisation's id and the role's word


class InvolvedEditor(QWidget):
    """`pairs()` gives (organisation id, role) in the order added; a form's draft keeps them."""

    def __init__(self, engine: Engine, pairs: Sequence[Pair], parent: QWidget | None) -> None:
        super().__init__(parent)
        self.engine = engine
        self.names: dict[int, str] = {}  # of the organisations listed
        self.listing = QListWidget(self)
        self.listing.setMaximumHeight(76)
        self.organisation = organisation_picker(
            engine, self.tr("Choose an organisation…"), allow_none=False, parent=self
        )
        self.role = enum_combo(ActionRole, ActionRole.ORGANISER, self)
        self.add_button = QPushButton(self.tr("Add"), self)
        self.add_button.clicked.connect(self.add_chosen)
        self.remove_button = QPushButton(self.tr("Remove"), self)
        self.remove_button.clicked.connect(self.remove_selected)
        picker = QHBoxLayout()
        picker.setContentsMargins(0, 0, 0, 0)
        picker.addWidget(self.organisation, 1)
        picker.addWidget(self.role)
        picker.addWidget(self.add_button)
        picker.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.listing)
        layout.addLayout(picker)
        self.set_pairs(pairs)

    def pairs(self) -> list[Pair]:
        found = []
        for row in range(self.listing.count()):
            key, role = self.listing.item(row).data(Qt.ItemDataRole.UserRole)
            found.append((int(key), str(role)))
        return found

    def set_pairs(self, pairs: Sequence[Pair]) -> None:
        with store.transaction(self.engine) as session:
            self.names = choices.organisation_labels(session, (int(key) for key, _ in pairs))
        self.listing.clear()
        for key, role in pairs:
            self._append(int(key), str(role))

    def add(self, key: int, role: ActionRole | str) -> None:
        """Add the organisation in the role, unless it is there already in it."""
        if (key, str(role)) not in self.pairs():
            self._append(key, str(role))

    def add_chosen(self) -> None:
        key = self.organisation.value()
        if key is not None:
            self.names[key] = self.organisation.label()
            self.add(key, str(self.role.currentData()))

    def remove_selected(self) -> None:
        for item in self.listing.selectedItems():
            self.listing.takeItem(self.listing.row(item))

    def _append(self, key: int, role: str) -> None:
        name = self.names.get(key, f"#{key}")
        label = enum_label(ActionRole(role)) if role in set(ActionRole) else role
        item = QListWidgetItem(f"{name} — {label}")
        item.setData(Qt.ItemDataRole.UserRole, [key, role])
        self.listing.addItem(item)

    # a form's draft (ui/dialogs/snapshot.py)
    def draft_value(self) -> list[Pair]:
        return self.pairs()

    def set_draft_value(self, value: list[list[object]]) -> None:
        self.set_pairs([(int(str(key)), str(role)) for key, role in value])
