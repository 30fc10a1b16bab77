"""A Qt table model over a list of read models, declared by columns; sorting and filtering sit
in a QSortFilterProxyModel on top (see `tables.py`), or, for a table too long to hold whole, in
the database: `LazyRecordModel` fetches a page of rows at a time as the view scrolls."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from enum import Enum
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from organiser.models import LabelledEnum
from organiser.ui.labels import enum_label

T = TypeVar("T")
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole + 2

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column(Generic[T]):
    """One column: its header, the value shown, and optionally a colour, a tooltip (without
    one, or when it is empty, a text cell's tooltip is its whole text, for a cell cut short) and
    the value it sorts by, when the text shown would sort wrongly ("9 KB" after "12 KB")."""

    header: str
    value: Callable[[T], Any]
    foreground: Callable[[T], str | None] | None = None
    background: Callable[[T], str | None] | None = None
    tooltip: Callable[[T], str] | None = None
    sort: Callable[[T], Any] | None = None


def column_text(text: str) -> str:
    """A column's header, or a word its cells show, in the user's language; the tables share
    one context, "Columns"."""
    return QCoreApplication.translate("Columns", text)


def display(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, LabelledEnum):
        return enum_label(value)
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return ", ".join(display(item) for item in value)
    return str(value).replace("\n", " ")


def full_text(value: Any) -> str:
    """A text value whole, its line breaks kept; '' for dates, numbers, enums and the like."""
    if isinstance(value, Enum):  # a status is a str too: its label, not "in-progress", is shown
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, list | tuple):
        return display(value)
    return ""


def lines(*parts: str) -> str:
    """The non-empty parts one under another, for a tooltip such as a title and its notes."""
    return "\n".join(part for part in parts if part)


def sort_key(value: Any) -> Any:
    """Dates sort as ISO strings, moments by their UTC instant (whatever zone each is shown in),
    numbers as numbers, enums in their declared order (a status by its course, as the services
    sort it), the rest case-insensitively; empty values first."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int | float):
        return value
    if isinstance(value, Enum):
        return list(type(value)).index(value)
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.astimezone(UTC).isoformat()
    return display(value).casefold()


class RecordTableModel(QAbstractTableModel, Generic[T]):
    """Rows are plain read models from a service; `set_rows` replaces them all at once."""

    def __init__(self, columns: Sequence[Column[T]], parent: Any = None) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._rows: list[T] = []

    # Qt overrides
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._columns[section].header
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = self._columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return display(column.value(row))
        if role == SORT_ROLE:
            return sort_key(column.sort(row) if column.sort else column.value(row))
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.ForegroundRole and column.foreground:
            colour = column.foreground(row)
            return QBrush(QColor(colour)) if colour else None
        if role == Qt.ItemDataRole.BackgroundRole and column.background:
            colour = column.background(row)
            return QBrush(QColor(colour)) if colour else None
        if role == Qt.ItemDataRole.ToolTipRole:
            text = column.tooltip(row) if column.tooltip else ""
            return text or full_text(column.value(row)) or None
        return None

    # our own
    def set_rows(self, rows: Sequence[T]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> T:
        return self._rows[row]

    def rows(self) -> list[T]:
        return list(self._rows)


PAGE = 1000  # rows fetched at a time by a lazy model
Loader = Callable[[int, int], list[T]]
# Reads `count` rows from `offset` elsewhere (off the GUI thread) and hands them to the
# callback, on the GUI thread, when they come ([] if the read failed).
Fetcher = Callable[[int, int, Callable[[list[T]], None]], None]


class LazyRecordModel(RecordTableModel[T]):
    """Rows come from `loader(offset, limit)` a page at a time as the view scrolls; the loader
    filters and sorts in the database, so the model only ever holds the pages scrolled to.
    The total may be left unknown (None): counting every match of a filter can cost more than
    the page itself, and the view only needs to know whether there is more — a short page says
    there is not. `fetched` counts the rows loaded since the model was made (for the tests).
    With a `fetcher`, the pages after the first are read through it, off the GUI thread, as
    the view scrolls: the rows come a moment later, and no more are asked for meanwhile."""

    def __init__(
        self, columns: Sequence[Column[T]], parent: Any = None, page: int | None = None
    ) -> None:
        super().__init__(columns, parent)
        self._total: int | None = 0
        self._loader: Loader[T] | None = None
        self.page = page or PAGE
        self.fetched = 0
        self._fetcher: Fetcher[T] | None = None
        self._fetching = False
        self._sources = 0  # sources set: rows read for an earlier one are dropped

    def set_source(
        self,
        total: int | None,
        loader: Loader[T],
        first: list[T] | None = None,
        fetcher: Fetcher[T] | None = None,
    ) -> None:
        """Rows from `loader`; `first`: its first page, already read (off the GUI thread);
        `fetcher`: what reads the later pages as the view scrolls, off the GUI thread."""
        self.beginResetModel()
        self._total, self._loader, self._fetcher = total, loader, fetcher
        self._fetching = False
        self._sources += 1
        if first is not None:
            self._rows = self._loaded(first, 0, self.page)
        else:
            self._rows = self._load(0) if total != 0 else []
        self.endResetModel()

    def _load(self, offset: int, count: int | None = None) -> list[T]:
        assert self._loader is not None
        count = count or self.page
        return self._loaded(self._loader(offset, count), offset, count)

    def _loaded(self, rows: list[T], offset: int, count: int) -> list[T]:
        self.fetched += len(rows)
        if self._total is None and len(rows) < count:
            self._total = offset + len(rows)  # a short page: that was the last
        return rows

    def total(self) -> int:
        """How many rows there are in all; while unknown, how many are held so far."""
        return len(self._rows) if self._total is None else self._total

    def total_known(self) -> bool:
        return self._total is not None

    def canFetchMore(self, parent: Index) -> bool:
        if parent.isValid() or self._fetching:
            return False
        return self._total is None or len(self._rows) < self._total

    def fetchMore(self, parent: Index) -> None:
        if parent.isValid():
            return
        if self._fetcher is None:
            self.fetch_rows(self.page)
        elif not self._fetching:
            self._fetch_later(self._fetcher, self.page)

    def fetching(self) -> bool:
        """A later page is being read off the GUI thread (what tests wait for)."""
        return self._fetching

    def _fetch_later(self, fetcher: Fetcher[T], count: int) -> None:
        self._fetching = True
        source, offset = self._sources, len(self._rows)

        def deliver(rows: list[T]) -> None:
            if source != self._sources or offset != len(self._rows):
                return  # the rows were replaced, or fetched another way, meanwhile
            self._fetching = False
            self._append(self._loaded(rows, offset, count))

        fetcher(offset, count, deliver)

    def fetch_rows(self, count: int) -> None:
        """The next `count` rows (fewer at the end), in one query, here and now."""
        if self._loader is None:
            return
        self._fetching = False  # a page on its way is dropped: these rows are read now
        self._append(self._load(len(self._rows), count))

    def _append(self, more: list[T]) -> None:
        if not more:
            self._total = len(self._rows)
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(more) - 1)
        self._rows.extend(more)
        self.endInsertRows()

    def replace_row(self, view: T) -> None:
        """Show a record changed elsewhere on the page without reloading."""
        for number, row in enumerate(self._rows):
            if getattr(row, "id", None) == getattr(view, "id", object()):
                self._rows[number] = view
                self.dataChanged.emit(
                    self.index(number, 0), self.index(number, len(self._columns) - 1)
                )
                return
