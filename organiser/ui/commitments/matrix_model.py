"""The matrix of one campaign: affiliates down, actions across, each cell the pledge and its
status, changed in place through a combobox delegate."""

from __future__ import annotations

from collections.abc import Callable
from textwrap import fill
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from organiser.errors import OrganiserError
from organiser.models import CommitmentStatus
from organiser.services.commitment_summary import CommitmentMatrix
from organiser.services.commitments import CommitmentView
from organiser.ui.commitments.table_model import (
    OVERDUE_TEXT,
    status_background,
    status_text,
)
from organiser.ui.labels import enum_label

Index = QModelIndex | QPersistentModelIndex
StatusChanger = Callable[[CommitmentView, CommitmentStatus], CommitmentView]
CELL_ROLE = Qt.ItemDataRole.UserRole + 10
ROW_HEADER_WRAP = 32  # characters per line of an affiliate's name down the side


class CommitmentMatrixModel(QAbstractTableModel):
    """A cell holds the commitments of one affiliate for one action; its status edit applies to
    the first of them (a second pledge for the same action is rare and shown as '+1 more')."""

    failed = Signal(str)
    status_changed = Signal(object)

    def __init__(self, change_status: StatusChanger, parent: Any = None) -> None:
        super().__init__(parent)
        self._change_status = change_status
        self._matrix: CommitmentMatrix | None = None

    def set_matrix(self, matrix: CommitmentMatrix | None) -> None:
        self.beginResetModel()
        self._matrix = matrix
        self.endResetModel()

    def matrix(self) -> CommitmentMatrix | None:
        return self._matrix

    def cell(self, row: int, column: int) -> list[CommitmentView]:
        if self._matrix is None:
            return []
        organisation_id = self._matrix.affiliates[row][0]
        return self._matrix.cells.get((organisation_id, self._matrix.actions[column].id), [])

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self._matrix is None else len(self._matrix.affiliates)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self._matrix is None else len(self._matrix.actions)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        wanted = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole)
        if role not in wanted or self._matrix is None:
            return None
        if orientation == Qt.Orientation.Vertical:
            name = self._matrix.affiliates[section][1]
            # Wrapped rather than cut: the header grows to the longest line, the tooltip is whole.
            return name if role == Qt.ItemDataRole.ToolTipRole else fill(name, ROW_HEADER_WRAP)
        action = self._matrix.actions[section]
        when = action.start_date.isoformat() if action.start_date else ""
        title = action.title if role == Qt.ItemDataRole.ToolTipRole else fill(action.title, 26)
        return f"{title}\n{when}" if when else title

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.isValid() and self.cell(index.row(), index.column()):
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        items = self.cell(index.row(), index.column())
        if not items:
            return None
        first = items[0]
        if role == Qt.ItemDataRole.DisplayRole:
            more = "\n" + self.tr("+%n more", "", len(items) - 1) if len(items) > 1 else ""
            return f"{first.what}\n[{status_text(first)}]{more}"
        if role == Qt.ItemDataRole.EditRole:
            return first.status.value
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(QColor(status_background(first)))
        if role == Qt.ItemDataRole.ForegroundRole and first.overdue:
            return QBrush(QColor(OVERDUE_TEXT))
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join(f"{c.what} — {status_text(c)}" for c in items)
        if role == CELL_ROLE:
            return items
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        items = self.cell(index.row(), index.column()) if index.isValid() else []
        if role != Qt.ItemDataRole.EditRole or not items:
            return False
        try:
            status = CommitmentStatus(value)
            if status is items[0].status:
                return True
            items[0] = self._change_status(items[0], status)
        except (ValueError, OrganiserError) as error:
            self.failed.emit(str(error))
            return False
        self.dataChanged.emit(index, index)
        self.status_changed.emit(items[0])
        return True


class StatusDelegate(QStyledItemDelegate):
    """A combobox of the four statuses; choosing one changes the commitment at once."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        combo = QComboBox(parent)
        for status in CommitmentStatus:
            combo.addItem(enum_label(status), status.value)
        combo.activated.connect(lambda _row: self._commit(combo))
        return combo

    def _commit(self, combo: QComboBox) -> None:
        self.commitData.emit(combo)
        self.closeEditor.emit(combo, QStyledItemDelegate.EndEditHint.NoHint)

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.EditRole))))

    def setModelData(self, editor: QWidget, model: Any, index: Index) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
