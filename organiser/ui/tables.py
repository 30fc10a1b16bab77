"""A filterable, sortable table: a search box over a QTableView, a proxy doing the work."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from math import ceil
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QModelIndex, QPoint, QSortFilterProxyModel, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QFontMetricsF
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLineEdit,
    QMenu,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from organiser.errors import OrganiserError
from organiser.ui.table_model import (
    ROW_ROLE,
    SORT_ROLE,
    Fetcher,
    LazyRecordModel,
    Loader,
    RecordTableModel,
)
from organiser.ui.workers import run_in_background

T = TypeVar("T")
MAX_COLUMN_WIDTH = 320  # px: longer text is cut, and shown whole in the cell's tooltip
FIT_SAMPLE_ROWS = 100  # rows a table's columns are fitted to (after its header)
FILTER_DELAY_MS = 200  # a filter asked of the database waits for the typing to pause


def fit_columns(
    view: QTableView, max_width: int = MAX_COLUMN_WIDTH, sample: int = FIT_SAMPLE_ROWS
) -> int:
    """Each column as wide as its header and its text in the first `sample` rows, none wider
    than max_width; returns how many rows were measured. The texts are measured here, once
    each: Qt's own fitting (`resizeColumnsToContents`) asks every cell for eight roles and
    lays each out through the style, 40–70 ms for a hundred rows of eleven columns."""
    model = view.model()
    header = view.horizontalHeader()
    metrics = QFontMetricsF(view.font())
    # As Qt's item views pad a text cell: the focus frame's margin and one pixel, each side.
    margin = view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view)
    padding = 2 * (margin + 1) + (1 if view.showGrid() else 0)
    rows = min(model.rowCount(), sample)
    for column in range(model.columnCount()):
        width = 0 if header.isHidden() else header.sectionSizeHint(column)
        for row in range(rows):
            text = model.index(row, column).data()
            for line in str(text).split("\n") if text else ():  # a cell's lines: its widest
                width = max(width, ceil(metrics.horizontalAdvance(line)) + padding)
        view.setColumnWidth(column, min(width, max_width))
    return rows


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
        self._asked = 0  # fills asked for: a background read answering an older one is dropped
        self._reading = False
        self._read_now: Callable[[], None] | None = None  # the first page being read, read here
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
        # Widths from the first rows, not from every row (Qt's default: 1,000 of them).
        self.view.horizontalHeader().setResizeContentsPrecision(FIT_SAMPLE_ROWS)
        self.view.doubleClicked.connect(self._on_activated)
        self.view.activated.connect(self._on_activated)
        self.view.selectionModel().currentRowChanged.connect(self._on_current)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.view)

    def sort_in_sql(
        self,
        keys: Sequence[str | None],
        first: str,
        on_change: Callable[[], object],
        descending: bool = False,
    ) -> None:
        """A header click sorts every row in the database (through `on_change`), not the rows
        fetched: `keys` names what each column sorts by in the service (None: not sortable),
        `first` (and `descending`) the order the table opens in."""
        self._sort_keys = list(keys)
        self.view.setSortingEnabled(False)
        self.proxy.sort(-1)
        header = self.view.horizontalHeader()
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        order = Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
        header.setSortIndicator(self._sort_keys.index(first), order)
        # Widths from the first rows, not from a whole fetched page (Qt's default: 1,000 rows).
        header.setResizeContentsPrecision(FIT_SAMPLE_ROWS)
        self._sorted = self._sort_keys.index(first), order

        def changed(section: int, order: Qt.SortOrder) -> None:
            if self._sort_keys[section] is None:  # not sortable: the indicator stays put
                header.blockSignals(True)
                header.setSortIndicator(*self._sorted)
                header.blockSignals(False)
                return
            self._sorted = section, order
            on_change()

        header.sortIndicatorChanged.connect(changed)

    def sql_sort(self) -> tuple[str, bool]:
        """The service's sort key the header shows, and whether it is descending."""
        header = self.view.horizontalHeader()
        key = self._sort_keys[header.sortIndicatorSection()]
        assert key is not None
        return key, header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder

    def filter_in_sql(self, on_change: Callable[[], object]) -> None:
        """The filter box asks the database (through `on_change`) once the typing pauses for
        FILTER_DELAY_MS, instead of filtering the rows fetched."""
        self.filter_edit.textChanged.disconnect(self.proxy.setFilterFixedString)
        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(FILTER_DELAY_MS)
        self._filter_timer.timeout.connect(on_change)
        self._filter_changed = on_change
        self.filter_edit.textChanged.connect(self._filter_typed)

    def _filter_typed(self, text: str) -> None:
        if text:
            self._filter_timer.start()
        else:  # cleared (the clear button, or a record opened from elsewhere): at once
            self._filter_timer.stop()
            self._filter_changed()

    def filter_text(self) -> str:
        return self.filter_edit.text().strip()

    def set_rows(self, rows: list[T]) -> None:
        self._asked += 1  # a first page still being read is not wanted any more
        self._reading, self._read_now = False, None
        self._refilled(lambda: self.model.set_rows(rows))

    def set_source(
        self,
        total: int | None,
        loader: Loader[T],
        later: tuple[Loader[T], Callable[[OrganiserError], object]] | None = None,
    ) -> None:
        """A lazy table's rows: `total` of them (None: not counted), fetched by
        `loader(offset, limit)` as needed; or, after the first page, by `later`'s loader off
        the GUI thread, a refusal said by its second part (see `set_source_in_background`)."""
        assert isinstance(self.model, LazyRecordModel)
        model = self.model
        self._asked += 1
        self._reading, self._read_now = False, None
        fetcher = self._fetcher(*later) if later is not None else None
        self._refilled(lambda: model.set_source(total, loader, fetcher=fetcher))

    def set_source_in_background(
        self,
        first: Loader[T],
        loader: Loader[T],
        shown: Callable[[], object],
        failed: Callable[[OrganiserError], object],
        count: Callable[[], int] | None = None,
        later_in_background: bool = False,
    ) -> None:
        """As `set_source`, the first page read off the GUI thread by `first` (which touches
        no widget): a filter that reads many rows to find a page's worth, or a page's first
        rows when it is built. The rows shown stay until it comes, then `shown()`, or
        `failed(error)`; a newer ask (another keystroke) supersedes it. `count` (read there
        too, before the page; none is read when it says 0) gives the total, else it stays
        unknown until a short page. `loader` reads the later pages as the view scrolls, on
        the GUI thread; or, `later_in_background` (a filter whose matches are far apart, a page
        of them a scan of many rows), `first` reads them off it, a failure said by `failed`.

        The read takes no turn with the database's jobs (`job_gate`), as a read on the GUI
        thread takes none: a filter typed while an export writes PDFs is answered at once."""
        assert isinstance(self.model, LazyRecordModel)
        model = self.model
        self._asked += 1
        asked, size = self._asked, model.page

        def read(_progress: object) -> tuple[int | None, list[T]]:
            total = count() if count is not None else None
            return total, first(0, size) if total != 0 else []

        fetcher = self._fetcher(first, failed) if later_in_background else None

        def show(got: tuple[int | None, list[T]]) -> None:
            total, rows = got
            self._reading, self._read_now = False, None
            self._refilled(lambda: model.set_source(total, loader, rows, fetcher))
            shown()

        def done(got: tuple[int | None, list[T]]) -> None:
            if asked == self._asked:
                show(got)

        def refused(error: OrganiserError) -> None:
            if asked == self._asked:
                self._reading, self._read_now = False, None
                failed(error)

        def now() -> None:
            self._asked += 1  # the background's answer is not wanted any more
            try:
                got = read(None)
            except OrganiserError as error:
                self._reading, self._read_now = False, None
                failed(error)
                return
            show(got)

        self._reading, self._read_now = True, now
        run_in_background(self, "", read, done, refused, show_progress=False)

    def settle_now(self) -> None:
        """The first page still being read in the background is read here and now instead
        (a record is to be selected on it, or the rows are needed at once); the background's
        answer is dropped. Nothing happens when none is being read."""
        if self._reading and self._read_now is not None:
            self._read_now()

    def _fetcher(self, read: Loader[T], failed: Callable[[OrganiserError], object]) -> Fetcher[T]:
        """Later pages read by `read` off the GUI thread, with no turn among the database's
        jobs (as `set_source_in_background`'s first page); a refusal said by `failed`."""

        def fetch(offset: int, count: int, deliver: Callable[[list[T]], None]) -> None:
            def refused(error: OrganiserError) -> None:
                deliver([])
                failed(error)

            run_in_background(
                self, "", lambda _progress: read(offset, count), deliver, refused,
                show_progress=False,
            )  # fmt: skip

        return fetch

    def settled(self) -> bool:
        """No first page is being read in the background (what tests wait for)."""
        return not self._reading

    def _refilled(self, fill: Callable[[], None]) -> None:
        """Fill the model, keeping the selected record selected (if it is among the rows)."""
        selected = self.selected()
        fill()
        if self.model.rowCount() and not self._columns_fitted:  # later fills keep the widths
            self._columns_fitted = True
            fit_columns(self.view)
        if selected is not None:  # among the rows fetched: a refresh fetches no more for it
            self.select_where(
                lambda row: getattr(row, "id", None) == getattr(selected, "id", object()),
                fetch=False,
            )

    def selected(self) -> T | None:
        index = self.view.currentIndex()
        return index.data(ROW_ROLE) if index.isValid() else None

    def select_where(self, predicate: Any, fetch: bool = True) -> bool:
        """Select (and scroll to) the first row `predicate` holds for; a lazy table fetches
        further pages (each twice the one before) until it finds it or has them all, unless
        not to `fetch`."""
        self.settle_now()  # a first page on its way: the record may be on it
        checked, chunk = 0, getattr(self.model, "page", 0)
        while True:
            for row in range(checked, self.proxy.rowCount()):
                index = self.proxy.index(row, 0)
                if predicate(index.data(ROW_ROLE)):
                    self.view.setCurrentIndex(index)
                    self.view.scrollTo(index)
                    return True
            checked = self.proxy.rowCount()
            model = self.model
            if not isinstance(model, LazyRecordModel) or not fetch:
                return False
            if not model.canFetchMore(QModelIndex()):
                return False
            model.fetch_rows(chunk)
            chunk *= 2

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
