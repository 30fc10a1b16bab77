"""Choosing people and organisations for a letter: a checkable list that keeps the order."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

Ref = tuple[str, int]


class RefPicker(QListWidget):
    """Tick the signatories or recipients; checked items come back in the order they were
    ticked, so the first ticked is the first printed."""

    changed = Signal()

    def __init__(self, choices: Sequence[tuple[Ref, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._order: list[Ref] = []
        for ref, label in choices:
            item = QListWidgetItem(label, self)
            item.setData(Qt.ItemDataRole.UserRole, ref)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
        self.setMaximumHeight(110)
        self.itemChanged.connect(self._on_item_changed)

    def refs(self) -> list[Ref]:
        return list(self._order)

    def set_refs(self, refs: Sequence[Ref]) -> None:
        self.blockSignals(True)
        self._order = []
        for row in range(self.count()):
            item = self.item(row)
            checked = tuple(item.data(Qt.ItemDataRole.UserRole)) in refs
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self._order = [ref for ref in refs if self._item_for(ref) is not None]
        self.blockSignals(False)
        self.changed.emit()

    def draft_value(self) -> list[Ref]:
        """For a form's draft (see ui/dialogs/snapshot.py): the ticked, in their order."""
        return self.refs()

    def set_draft_value(self, value: list[list[object]]) -> None:
        self.set_refs([(str(kind), int(str(key))) for kind, key in value])

    def set_checked(self, ref: Ref, checked: bool = True) -> None:
        item = self._item_for(ref)
        if item is not None:
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def _item_for(self, ref: Ref) -> QListWidgetItem | None:
        for row in range(self.count()):
            if tuple(self.item(row).data(Qt.ItemDataRole.UserRole)) == tuple(ref):
                return self.item(row)
        return None

    def _on_item_changed(self, item: QListWidgetItem) -> None:
        ref = tuple(item.data(Qt.ItemDataRole.UserRole))
        checked = item.checkState() == Qt.CheckState.Checked
        if checked and ref not in self._order:
            self._order.append(ref)
        elif not checked and ref in self._order:
            self._order.remove(ref)
        self.changed.emit()
