"""The main window: a navigation sidebar beside a stack of pages, menus and shortcuts."""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QWidget,
)
from sqlalchemy import Engine

from organiser import store
from organiser.ui import settings
from organiser.ui.dialogs.form import settle_open_forms
from organiser.ui.dialogs.messages import show_info
from organiser.ui.icons import icon
from organiser.ui.pages.base import Page
from organiser.ui.pages.dashboard import DashboardPage
from organiser.ui.pages.records import RecordsPage
from organiser.ui.workers import run_in_background


@dataclass(frozen=True)
class PageEntry:
    """A page of the sidebar. Its module is imported when the page is first shown: the PDF,
    iCalendar and CSV machinery behind the pages would otherwise slow every start."""

    title: str
    icon_name: str
    module: str
    class_name: str

    def load(self) -> type[Page]:
        page_class = getattr(importlib.import_module(self.module), self.class_name)
        assert issubclass(page_class, Page) and page_class.title == self.title
        return page_class


PAGES: tuple[PageEntry, ...] = (
    PageEntry("Dashboard", "dashboard", "organiser.ui.pages.dashboard", "DashboardPage"),
    PageEntry("Campaigns", "campaigns", "organiser.ui.pages.campaigns", "CampaignsPage"),
    PageEntry("Calendar", "calendar", "organiser.ui.pages.calendar", "CalendarPage"),
    PageEntry("Commitments", "commitments", "organiser.ui.pages.commitments", "CommitmentsPage"),
    PageEntry("Letters", "letters", "organiser.ui.pages.letters", "LettersPage"),
    PageEntry(
        "Organisations", "organisations", "organiser.ui.pages.organisations", "OrganisationsPage"
    ),
)


class MainWindow(QMainWindow):
    def __init__(
        self, engine: Engine, database_label: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.engine = engine
        self.setWindowTitle(
            self.tr("Campaign Organiser") + (f" — {database_label}" if database_label else "")
        )
        self.resize(1200, 760)

        self.sidebar = QListWidget(self)
        self.sidebar.setIconSize(QSize(22, 22))
        self.sidebar.setMinimumWidth(170)
        self.sidebar.setMaximumWidth(260)
        self.stack = QStackedWidget(self)
        self.pages: list[Page | None] = [None] * len(PAGES)  # built when first shown
        for entry in PAGES:
            item = QListWidgetItem(icon(entry.icon_name), entry.title)
            item.setSizeHint(QSize(0, 36))
            self.sidebar.addItem(item)
            self.stack.addWidget(QWidget(self.stack))

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.sidebar)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setCollapsible(1, False)
        self.splitter.setSizes([190, 1010])
        self.setCentralWidget(self.splitter)
        self.sidebar.currentRowChanged.connect(self._show_page)
        self._build_menus()
        self._restore_layout()
        if self.sidebar.currentRow() < 0:
            self.sidebar.setCurrentRow(0)

    def _row(self, title: str) -> int:
        return next(row for row, entry in enumerate(PAGES) if entry.title == title)

    def _loaded(self, row: int) -> Page:
        """The page at `row`, built (in place of its empty stand-in) the first time it is needed."""
        page = self.pages[row]
        if page is None:
            page = self.pages[row] = PAGES[row].load()(self.engine, self)
            stand_in = self.stack.widget(row)
            self.stack.insertWidget(row, page)
            if stand_in is not None:
                self.stack.removeWidget(stand_in)
                stand_in.deleteLater()
            page.data_changed.connect(self.refresh_pages)
            if isinstance(page, DashboardPage):
                page.new_campaign_requested.connect(lambda: self.start_new("Campaigns"))
                page.new_organisation_requested.connect(lambda: self.start_new("Organisations"))
        return page

    def page(self, page_class: type[Page]) -> Page:
        return self._loaded(self._row(page_class.title))

    def show_page(self, page_class: type[Page]) -> None:
        self.sidebar.setCurrentRow(self._row(page_class.title))

    def start_new(self, title: str) -> None:
        """Open a page and its form for a new record (from the welcome page's buttons)."""
        self.sidebar.setCurrentRow(self._row(title))
        page = self._loaded(self._row(title))
        assert isinstance(page, RecordsPage)
        page.create_record()

    def _show_page(self, row: int) -> None:
        if row >= 0:
            page = self._loaded(row)
            self.stack.setCurrentIndex(row)
            page.refresh()

    def refresh_pages(self) -> None:
        """Data changed somewhere: the page on screen reloads now, the others when shown."""
        current = self.stack.currentWidget()
        if isinstance(current, Page):
            current.refresh()

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        backup_action = QAction(self.tr("&Back up the database…"), self)
        backup_action.triggered.connect(self.back_up)
        file_menu.addAction(backup_action)
        file_menu.addSeparator()
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        go_menu = self.menuBar().addMenu(self.tr("&Go"))
        for number, entry in enumerate(PAGES, 1):
            action = QAction(icon(entry.icon_name), entry.title, self)
            action.setShortcut(QKeySequence(f"Ctrl+{number}"))
            action.triggered.connect(
                lambda _checked=False, row=number - 1: self.sidebar.setCurrentRow(row)
            )
            go_menu.addAction(action)

    def back_up(self) -> None:
        """Write a consistent copy of the database where the user chooses, off the GUI thread."""
        suggested = f"organiser-backup-{date.today().isoformat()}.sqlite3"
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Back up the database"), suggested, self.tr("SQLite database (*.sqlite3)")
        )
        if not path:
            return
        run_in_background(
            self,
            self.tr("Backing up"),
            lambda _progress: store.backup(self.engine, Path(path)),
            lambda _result: show_info(
                self, self.tr("Backup"), self.tr("Saved a copy to %s") % path
            ),
        )

    def _restore_layout(self) -> None:
        geometry = settings.load_bytes("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        state = settings.load_bytes("window/splitter")
        if state is not None:
            self.splitter.restoreState(state)
        last = settings.load_text("window/page")
        for row, entry in enumerate(PAGES):
            if entry.title == last:
                self.sidebar.setCurrentRow(row)

    def save_layout(self) -> None:
        settings.save_bytes("window/geometry", self.saveGeometry())
        settings.save_bytes("window/splitter", self.splitter.saveState())
        current = self.stack.currentWidget()
        if isinstance(current, Page):
            settings.save_text("window/page", current.title)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not settle_open_forms(self):  # an open form with changes: the user went back to it
            event.ignore()
            return
        self.save_layout()
        super().closeEvent(event)
