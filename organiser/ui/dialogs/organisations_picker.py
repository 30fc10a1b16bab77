"""An ordered choice of organisations (a campaign's targets or allies): picked from a combo,
listed in the order picked, removed with a button; compact enough for two on one form."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from organiser.ui.icons import icon


class OrganisationsPicker(QWidget):
    def __init__(
        self, choices: Iterable[tuple[int, str]], add_label: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.names = dict(choices)
        self.list = QListWidget(self)
        self.list.setFixedHeight(52)
        # A long name keeps its start and its acronym: "Korean Confederation…Unions (KCTU)".
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.choose = QComboBox(self)
        self.choose.setMaximumWidth(260)  # the names get the room, the chooser what it needs
        self.choose.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.choose.setMinimumContentsLength(18)
        self.choose.addItem(add_label, None)
        for key, name in self.names.items():
            self.choose.addItem(name, key)
        self.choose.activated.connect(self._add_chosen)
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
        self.list.clear()
        for key in ids:
            self.add(key)

    def add(self, key: int) -> None:
        """Add one organisation at the end; one already chosen, or unknown here, is left."""
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

    def _add_chosen(self, index: int) -> None:
        key = self.choose.itemData(index)
        if key is not None:
            self.add(int(key))
        self.choose.setCurrentIndex(0)

    # For a form's draft (see ui/dialogs/snapshot.py): the chooser combo is not a value.
    draft_value = ids

    def set_draft_value(self, value: list[int]) -> None:
        self.set_ids(int(key) for key in value)

    def display_text(self) -> str:
        """The names, as the conflict dialog sets two versions side by side."""
        return "; ".join(self.names.get(key, "") for key in self.ids())
