"""Choosing people and organisations for a letter: a checkable list that keeps the order."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import QAbstractItemView, QListView, QWidget

Ref = tuple[str, int]
Index = QModelIndex | QPersistentModelIndex


class _Choices(QAbstractListModel):
    """The choices as two Python lists and the set ticked: nothing per row is made until a row
    is drawn (a list of 70,000 organisations and people took 14 s as list items)."""

    def __init__(self, choices: Sequence[tuple[Ref, str]], picker: RefPicker) -> None:
        super().__init__(picker)
        self.picker = picker
        self.refs = [tuple(ref) for ref, _label in choices]
        self.labels = [label for _ref, label in choices]
        self.rows = {ref: row for row, ref in enumerate(self.refs)}
        self.ticked: set[tuple[Any, ...]] = set()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self.refs)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        ref = self.refs[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.labels[index.row()]
        if role == Qt.ItemDataRole.CheckStateRole:
            return Qt.CheckState.Checked if ref in self.ticked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.UserRole:
            return ref
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        return super().flags(index) | Qt.ItemFlag.ItemIsUserCheckable

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.CheckStateRole:
            return False
        checked = Qt.CheckState(value) == Qt.CheckState.Checked
        self.set_ticked(self.refs[index.row()], checked)
        return True

    def set_ticked(self, ref: tuple[Any, ...], checked: bool) -> None:
        row = self.rows.get(ref)
        if row is None or (ref in self.ticked) == checked:
            return
        if checked:
            self.ticked.add(ref)
        else:
            self.ticked.discard(ref)
        index = self.index(row)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        self.picker._ticked(ref, checked)


class PickerRow(QObject):
    """One row of a picker, as a list item would be: its text, its ref, its check box."""

    def __init__(self, model: _Choices, row: int) -> None:
        super().__init__()
        self.model, self.row = model, row

    def text(self) -> str:
        return self.model.labels[self.row]

    def data(self, role: int) -> Any:
        return self.model.data(self.model.index(self.row), role)

    def checkState(self) -> Qt.CheckState:
        return self.data(Qt.ItemDataRole.CheckStateRole)

    def setCheckState(self, state: Qt.CheckState) -> None:
        self.model.set_ticked(self.model.refs[self.row], state == Qt.CheckState.Checked)


class RefPicker(QListView):
    """Tick the signatories or recipients; checked items come back in the order they were
    ticked, so the first ticked is the first printed."""

    changed = Signal()

    def __init__(self, choices: Sequence[tuple[Ref, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._order: list[Ref] = []
        self._quiet = False
        self.choices = _Choices(choices, self)
        self.setModel(self.choices)
        self.setUniformItemSizes(True)  # no row measured until drawn
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setMaximumHeight(110)

    def refs(self) -> list[Ref]:
        return list(self._order)

    def set_refs(self, refs: Sequence[Ref]) -> None:
        self._quiet = True
        try:
            wanted = {tuple(ref) for ref in refs}
            for ref in list(self.choices.ticked - wanted):
                self.choices.set_ticked(ref, False)
            for ref in refs:
                self.choices.set_ticked(tuple(ref), True)
        finally:
            self._quiet = False
        self._order = [(str(r[0]), int(r[1])) for r in refs if tuple(r) in self.choices.rows]
        self.changed.emit()

    def draft_value(self) -> list[Ref]:
        """For a form's draft (see ui/dialogs/snapshot.py): the ticked, in their order."""
        return self.refs()

    def set_draft_value(self, value: list[list[object]]) -> None:
        self.set_refs([(str(kind), int(str(key))) for kind, key in value])

    def set_checked(self, ref: Ref, checked: bool = True) -> None:
        self.choices.set_ticked(tuple(ref), checked)

    # as a QListWidget: its rows, the current one
    def count(self) -> int:
        return self.choices.rowCount()

    def item(self, row: int) -> PickerRow:
        return PickerRow(self.choices, row)

    def currentItem(self) -> PickerRow | None:
        index = self.currentIndex()
        return PickerRow(self.choices, index.row()) if index.isValid() else None

    def setCurrentRow(self, row: int) -> None:
        self.setCurrentIndex(self.choices.index(row))

    def _ticked(self, ref: tuple[Any, ...], checked: bool) -> None:
        if self._quiet:
            return
        key: Ref = (str(ref[0]), int(ref[1]))
        if checked and key not in self._order:
            self._order.append(key)
        elif not checked and key in self._order:
            self._order.remove(key)
        self.changed.emit()
