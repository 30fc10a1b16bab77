"""A filterable, sortable table: a search box over a QTableView, a proxy doing the work."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QModelIndex, QPoint, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLineEdit,
    QMenu,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from organiser.ui.table_model import ROW_ROLE, SORT_ROLE, RecordTableModel

T = TypeVar("T")
MAX_COLUMN_WIDTH = 320  # px: longer text is cut, and shown whole in the cell's tooltip


def fit_columns(view: QTableView, max_width: int = MAX_COLUMN_WIDTH) -> None:
    """Each column as wide as its contents (in the rows Qt samples), none wider than max_width."""
    view.resizeColumnsToContents()
    for column in range(view.model().columnCount()):
        view.setColumnWidth(column, min(view.columnWidth(column), max_width))


def show_context_menu(parent: QWidget, actions: Sequence[QAction], at: QPoint) -> None:
    """A right-click menu of a page's own actions (the toolbar's), at a global position."""
    menu = QMenu(parent)
    menu.addActions(list(actions))
    menu.exec(at)
    menu.deleteLater()


def sorting_proxy(model: RecordTableModel[Any], parent: Any = None) -> QSortFilterProxyModel:
    """What a table sorts and filters through: by each column's sort key, over every column."""
    proxy = QSortFilterProxyModel(parent)
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    proxy.setFilterKeyColumn(-1)
    proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    return proxy


class RecordTable(QWidget, Generic[T]):
    """A table of read models with a filter box; emits `activated_row` on double-click/Enter."""

    activated_row = Signal(object)
    selection_changed = Signal(object)

    def __init__(
        self, model: RecordTableModel[T], placeholder: str = "", parent: Any = None
    ) -> None:
        super().__init__(parent)
        self.model = model
        self._columns_fitted = False
        self.proxy = sorting_proxy(model, self)

        self.filter_edit = QLineEdit(self)
        self.filter_edit.setPlaceholderText(placeholder or self.tr("Filter…"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self.proxy.setFilterFixedString)

        self.view = QTableView(self)
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        # Rows come in the service's order until the user clicks a header.
        self.view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(26)
        self.view.setWordWrap(False)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.doubleClicked.connect(self._on_activated)
        self.view.activated.connect(self._on_activated)
        self.view.selectionModel().currentRowChanged.connect(self._on_current)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.view)

    def set_rows(self, rows: list[T]) -> None:
        selected = self.selected()
        self.model.set_rows(rows)
        if rows and not self._columns_fitted:  # later fills keep the widths the user chose
            self._columns_fitted = True
            fit_columns(self.view)
        if selected is not None:
            self.select_where(
                lambda row: getattr(row, "id", None) == getattr(selected, "id", object())
            )

    def selected(self) -> T | None:
        index = self.view.currentIndex()
        return index.data(ROW_ROLE) if index.isValid() else None

    def select_where(self, predicate: Any) -> bool:
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if predicate(index.data(ROW_ROLE)):
                self.view.setCurrentIndex(index)
                self.view.scrollTo(index)
                return True
        return False

    def offer_actions(self, actions: Callable[[], Sequence[QAction]]) -> None:
        """Right-click on a row selects it and offers `actions()` (what the toolbar offers)."""
        self._context_actions = actions
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)

    def _context_menu(self, at: QPoint) -> None:
        index = self.view.indexAt(at)  # in the viewport's coordinates
        if index.isValid():
            self.view.setCurrentIndex(index)
        show_context_menu(self, self._context_actions(), self.view.viewport().mapToGlobal(at))

    def _on_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.activated_row.emit(index.data(ROW_ROLE))

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.selection_changed.emit(current.data(ROW_ROLE) if current.isValid() else None)
