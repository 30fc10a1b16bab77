"""An ordered choice of organisations (a campaign's targets or allies): picked by name with the
shared picker (`record_picker.py`), listed in the order picked, removed with a button; compact
enough for two on one form."""

from __future__ import annotations

from collections.abc import Iterable

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
from organiser.services import choices
from organiser.ui.dialogs.record_picker import organisation_picker
from organiser.ui.icons import icon


class OrganisationsPicker(QWidget):
    def __init__(self, engine: Engine, add_label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.engine = engine
        self.names: dict[int, str] = {}  # of the organisations listed
        self.list = QListWidget(self)
        self.list.setFixedHeight(52)
        # A long name keeps its start and its acronym: "Korean Confederation…Unions (KCTU)".
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.choose = organisation_picker(engine, add_label, allow_none=False, parent=self)
        self.choose.setMaximumWidth(260)  # the names get the room, the chooser what it needs
        self.choose.chosen.connect(self._add_chosen)
        self.remove_button = QPushButton(icon("delete"), self.tr("Remove"), self)
        self.remove_button.clicked.connect(self.remove_current)
        side = QVBoxLayout()
        side.setSpacing(2)
        side.addWidget(self.choose)
        side.addWidget(self.remove_button)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list, 1)
        layout.addLayout(side)
        self.setFixedHeight(56)

    def ids(self) -> list[int]:
        return [int(self.list.item(row).data(Qt.ItemDataRole.UserRole))
                for row in range(self.list.count())]  # fmt: skip

    def set_ids(self, ids: Iterable[int]) -> None:
        """List these organisations, their names read in one query (one gone is left out)."""
        wanted = list(ids)
        with store.transaction(self.engine) as session:
            self.names = choices.organisation_labels(session, wanted)
        self.list.clear()
        for key in wanted:
            self.add(key)

    def add(self, key: int, name: str = "") -> None:
        """Add one organisation at the end; one already chosen, or unknown, is left."""
        if name:
            self.names[key] = name
        elif key not in self.names:
            with store.transaction(self.engine) as session:
                self.names.update(choices.organisation_labels(session, [key]))
        if key in self.ids() or key not in self.names:
            return
        item = QListWidgetItem(self.names[key])
        item.setData(Qt.ItemDataRole.UserRole, key)
        item.setToolTip(self.names[key])
        self.list.addItem(item)

    def remove_current(self) -> None:
        row = self.list.currentRow()
        if row >= 0:
            self.list.takeItem(row)

    def _add_chosen(self) -> None:
        key = self.choose.value()
        if key is not None:
            self.add(key, self.choose.label())
            self.choose.set_choice(None, "")

    # For a form's draft (see ui/dialogs/snapshot.py): the chooser is not a value.
    draft_value = ids

    def set_draft_value(self, value: list[int]) -> None:
        self.set_ids(int(key) for key in value)

    def display_text(self) -> str:
        """The names, as the conflict dialog sets two versions side by side."""
        return "; ".join(self.names.get(key, "") for key in self.ids())
