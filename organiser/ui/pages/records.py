"""A page listing one kind of record: toolbar (new, edit, delete), a filterable table, an empty
state, and a detail panel of tabs under the table. Campaigns and Organisations build on it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from typing import Any, cast

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from organiser import store
from organiser.errors import NotFound, OrganiserError
from organiser.services.trash import TrashView
from organiser.ui import settings
from organiser.ui.detail_tabs import DetailTab
from organiser.ui.dialogs.messages import confirm, show_error
from organiser.ui.pages.base import Page
from organiser.ui.table_model import Column, LazyRecordModel, RecordTableModel
from organiser.ui.tables import RecordTable
from organiser.ui.undo import DeleteToTrash, push_edit

PageReader = Callable[[Session, int, int], list[Any]]  # (session, offset, limit): a page of rows


class RecordsPage(Page):
    """Subclasses set `noun`, `empty_text`, and implement the hooks below."""

    noun = str(QT_TRANSLATE_NOOP("RecordNoun", "record"))  # what one row is, in messages
    loads_when_built = True  # its __init__ refreshes: the first showing does not again
    empty_text = ""
    # (the Fields class, the update function) when an edit can be undone by writing the
    # previous values back through the service; None where that is not cheap.
    update_service: tuple[type[Any], Callable[[Session, int, Any, int], Any]] | None = None
    # Set for a list too long to hold whole: what each column sorts by in the service (None:
    # not sortable) and the order it opens in. Rows are then fetched a page at a time, the
    # filter box and a header click ask the database, and the page implements `count_rows`,
    # `page_rows` and `record` instead of `load_rows`.
    sort_keys: tuple[str | None, ...] = ()
    first_sort = ""
    first_descending = False
    # True: a detail tab reads its record only when it is shown (the selection moved while
    # another tab was in front costs nothing), for tabs that read much (a campaign's actions).
    details_when_shown = False
    new_action: QAction
    edit_action: QAction
    delete_action: QAction
    undo_stack: QUndoStack

    def noun_text(self) -> str:
        return QCoreApplication.translate("RecordNoun", self.noun)

    def __init__(self, engine: Engine, parent: QWidget | None = None) -> None:
        super().__init__(engine, parent)
        self.undo_stack = QUndoStack(self)  # Edit › Undo: deletes made on this page
        self.toolbar = QToolBar(self)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        # No shortcuts of their own: the window's Edit menu gives Ctrl+N, Return and Delete to
        # the page on screen (the same keys here as well would be ambiguous, and do nothing).
        self.new_action = self._action(
            "add", self.tr("New %s") % self.noun_text(), QKeySequence(), self.create_record
        )
        self.edit_action = self._action("edit", self.tr("Edit"), QKeySequence(), self.edit_selected)
        self.delete_action = self._action(
            "delete", self.tr("Delete"), QKeySequence(), self.delete_selected
        )
        self.refresh_action = self._action(
            "refresh", self.tr("Refresh"), QKeySequence.StandardKey.Refresh, self.refresh
        )

        model: RecordTableModel[Any] = (
            LazyRecordModel(self.columns()) if self.sort_keys else RecordTableModel(self.columns())
        )
        self.table: RecordTable[Any] = RecordTable(
            model, self.tr("Filter %ss…") % self.noun_text(), self
        )
        if self.sort_keys:
            self.table.sort_in_sql(
                self.sort_keys,
                self.first_sort,
                lambda: self.reload_rows(in_background=True),
                self.first_descending,
            )
            self.table.filter_in_sql(self.reload_rows)
        self.table.activated_row.connect(lambda _row: self.edit_selected())
        self.table.selection_changed.connect(lambda row: self.show_details(self.full_record(row)))
        self.table.offer_actions(self.toolbar.actions)
        self.empty = QLabel(QCoreApplication.translate("RecordNoun", self.empty_text), self)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setObjectName("empty_state")
        self.body = QStackedWidget(self)
        self.body.addWidget(self.table)
        self.body.addWidget(self.empty)

        self.details = QTabWidget(self)
        self.detail_tabs: list[DetailTab] = []
        self._stale_tabs: set[int] = set()  # id() of the tabs not showing the selection yet
        self._details_of: int | None = None
        self.details.currentChanged.connect(lambda _index: self._show_current_tab())
        self.build_details()
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.addWidget(self.body)
        self.splitter.addWidget(self.details)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([420, 300])
        state = settings.load_bytes(f"{self.title}/splitter")
        if state is not None:
            self.splitter.restoreState(state)
        self.splitter.splitterMoved.connect(
            lambda *_: settings.save_bytes(f"{self.title}/splitter", self.splitter.saveState())
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.splitter, 1)
        self.load_when_built()

    def _action(self, icon_name: str, text: str, shortcut: Any, slot: Any) -> QAction:
        action = self.page_action(icon_name, text, slot)
        action.setShortcut(shortcut)
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.toolbar.addAction(action)
        self.addAction(action)
        return action

    def add_detail_tabs(self, tab_classes: Sequence[type[DetailTab]]) -> None:
        for tab_class in tab_classes:
            tab = tab_class(self.engine, self.details)
            self.detail_tabs.append(tab)
            self.details.addTab(cast(QWidget, tab), tab.tab_title)

    # Hooks for subclasses
    def columns(self) -> list[Column[Any]]:
        raise NotImplementedError

    def load_rows(self, session: Session) -> list[Any]:
        raise NotImplementedError

    def count_rows(self, session: Session, text: str) -> int:
        """A lazy page: how many rows there are (asked on a refresh with the filter box empty:
        counting the matches of a text would read every row); 0 shows the empty state."""
        raise NotImplementedError

    def page_rows(
        self, session: Session, text: str, offset: int, limit: int, sort: str, descending: bool
    ) -> list[Any]:
        """A lazy page: one page of those rows, in the order asked."""
        raise NotImplementedError

    def row_counter(self, text: str) -> Callable[[Session], int]:
        """A lazy page: what counts the rows (`count_rows`), made on the GUI thread, run on any
        thread (it touches no widget)."""
        return lambda session: self.count_rows(session, text)

    def page_reader(self, text: str, sort: str, descending: bool) -> PageReader:
        """A lazy page: what reads a page of rows (session, offset, limit) for `text` and the
        sort; made on the GUI thread (where it may read the page's own filters), run on any
        thread — it touches no widget. By default, `page_rows`."""
        return lambda session, offset, limit: self.page_rows(
            session, text, offset, limit, sort, descending
        )

    def record(self, session: Session, row: Any) -> Any:
        """The whole record behind a row (what forms, details and deletes take); a lazy page's
        rows hold only the columns shown."""
        return row

    def build_details(self) -> None:
        """Add tabs to self.details."""

    def form(self, row: Any | None) -> QDialog:
        raise NotImplementedError

    def delete_question(self, session: Session, row: Any) -> str:
        return self.tr("Move %s to the trash?") % self.row_label(row)

    def row_label(self, row: Any) -> str:
        return str(getattr(row, "name", None) or getattr(row, "title", None) or row.subject)

    def delete_row(self, session: Session, row: Any) -> TrashView:
        raise NotImplementedError

    # Behaviour
    def refresh_choices(self) -> None:
        """Refill what the page's own filters offer (a refresh does, a keystroke does not)."""

    def refresh(self) -> None:
        self.refresh_choices()
        self.reload_rows(counted=True)

    def load_when_built(self) -> None:
        """The rows as the page is built: a lazy page counts them and reads its first page off
        the GUI thread (its table, empty meanwhile, shows them when they come: `settled()`
        says when); a page held whole reads them at once."""
        self.refresh_choices()
        if self.sort_keys:
            self.show_details(None)
        self.reload_rows(counted=True, in_background=bool(self.sort_keys))

    def settled(self) -> bool:
        """No first page is being read in the background (what tests wait for)."""
        return self.table.settled()

    def reload_rows(self, counted: bool = False, in_background: bool = False) -> None:
        """The rows again, as the filters and the sort now ask. A lazy page counts them only
        when `counted` (a refresh): after a keystroke or a sort the first page shows at once,
        and the view learns there is no more from a short page. A lazy page reads that first
        page (and the count) off the GUI thread after a keystroke, or `in_background` (a header
        click, the page built)."""
        if self.sort_keys:
            if not self._refresh_lazy(counted, in_background):
                return  # the rows come from the background: shown then
        else:
            with store.transaction(self.engine) as session:
                rows = self.load_rows(session)
            self.table.set_rows(rows)
        self._rows_shown()

    def _rows_shown(self) -> None:
        shown = self.table.model.rowCount() > 0
        # A filter that matches nothing keeps the table, and its filter box, on screen.
        self.body.setCurrentWidget(self.table if shown or self.table.filter_text() else self.empty)
        if self.table.selected() is None and shown:
            self.table.view.selectRow(0)
        self.show_details(self.selected_record())

    def _refresh_lazy(self, counted: bool, in_background: bool = False) -> bool:
        """The rows again; False when the first page is being read in the background (a
        keystroke, a sort, the page built: the rows shown stay until it comes). A refresh, and
        a cleared filter box, read it at once; a refresh counts the rows unless the filter box
        holds a text (the view learns the end from a short page)."""
        text = self.table.filter_text()
        sort, descending = self.table.sql_sort()
        read = self.page_reader(text, sort, descending)
        engine = self.engine

        def load(offset: int, limit: int) -> list[Any]:
            with store.transaction(engine) as session:
                return read(session, offset, limit)

        def quiet(offset: int, limit: int) -> list[Any]:
            """On the GUI thread, inside the view's fetch: a refusal is said, not raised."""
            try:
                return load(offset, limit)
            except OrganiserError as error:
                QTimer.singleShot(0, partial(self._refused, error))
                return []

        if in_background or (text and not counted):
            count: Callable[[], int] | None = None
            if counted and not text:  # counting a text's matches would read every row
                counter = self.row_counter(text)

                def counted_rows() -> int:
                    with store.transaction(engine) as session:
                        return counter(session)

                count = counted_rows
            self.table.set_source_in_background(
                load, quiet, self._rows_shown, self._refused, count, later_in_background=bool(text)
            )
            return False
        total = None
        if counted and not text:  # counting a text's matches would read every row
            with store.transaction(self.engine) as session:
                total = self.count_rows(session, text)
        # A text's matches may lie far apart: the later pages are read off the GUI thread.
        self.table.set_source(total, quiet, (load, self._refused) if text else None)
        return True

    def _refused(self, error: OrganiserError) -> None:
        """A filter the service refused (a period that ends before it starts): said where the
        rows would be."""
        self.table.set_source(0, lambda _offset, _limit: [])
        self.empty.setText(str(error))
        self.body.setCurrentWidget(self.empty)
        self.show_details(None)

    def full_record(self, row: Any) -> Any:
        """The record behind `row` as it is now; None for no row, or one deleted since."""
        if row is None or not self.sort_keys:
            return row
        try:
            with store.transaction(self.engine) as session:
                return self.record(session, row)
        except NotFound:
            return None

    def selected_record(self) -> Any:
        return self.full_record(self.table.selected())

    def show_details(self, row: Any) -> None:
        """Follow the selection: the detail tabs and the actions that need a row."""
        self.edit_action.setEnabled(row is not None)
        self.delete_action.setEnabled(row is not None)
        self._details_of = row.id if row is not None else None
        self._stale_tabs = {id(tab) for tab in self.detail_tabs}
        if self.details_when_shown:
            self._show_current_tab()
        else:
            for tab in self.detail_tabs:
                self._show_tab(tab)

    def _show_current_tab(self) -> None:
        current = self.details.currentWidget()
        for tab in self.detail_tabs:
            if tab is current:
                self._show_tab(tab)

    def _show_tab(self, tab: DetailTab) -> None:
        if id(tab) in self._stale_tabs:
            self._stale_tabs.discard(id(tab))
            tab.show_record(self._details_of)

    def create_record(self) -> None:
        self._run_form(self.form(None))

    def edit_selected(self) -> None:
        row = self.selected_record()
        if row is not None:
            self._run_form(self.form(row), row)

    def _run_form(self, dialog: QDialog, before: Any = None) -> None:
        if dialog.exec() == QDialog.DialogCode.Accepted:
            saved = getattr(dialog, "result_value", None)
            # Saved over a version made elsewhere: undo goes back to that one, not to the
            # version the form opened on.
            before = getattr(dialog, "replaced", None) or before
            if before is not None and saved is not None and self.update_service is not None:
                self._push_edit(before, saved)
            self.refresh()
            if saved is not None:
                self.table.select_where(lambda row: row.id == saved.id)
            self.data_changed.emit()

    def _push_edit(self, before: Any, saved: Any) -> None:
        assert self.update_service is not None
        title = self.tr("Edit %s") % self.noun_text()
        push_edit(
            self.undo_stack,
            self.engine,
            self.noun_text(),
            before,
            saved,
            self.update_service,
            lambda problems: self._after_undoable(title, problems),
            self.row_label(saved),
        )

    def delete_selected(self) -> None:
        row = self.selected_record()
        if row is None:
            return
        with store.transaction(self.engine) as session:
            question = self.delete_question(session, row)
        title = self.tr("Delete %s") % self.noun_text()
        if not confirm(self, title, question):
            return
        self.undo_stack.push(
            DeleteToTrash(
                self.engine,
                self.noun_text(),
                self.row_label(row),
                lambda session: self.delete_row(session, row),
                lambda problems: self._after_undoable(title, problems),
            )
        )

    def _after_undoable(self, title: str, problems: list[str]) -> None:
        """After a delete, its undo or its redo: the page shows the data as it is now."""
        if problems:
            show_error(self, title, "\n".join(problems))
        self.refresh()
        self.data_changed.emit()
