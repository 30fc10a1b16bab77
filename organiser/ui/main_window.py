"""The main window: a navigation sidebar beside a stack of pages, menus and shortcuts.

It is built in two steps so that it is on screen before the database machinery is loaded: the
frame (sidebar, menus, the remembered layout, and the Dashboard kept from the last session when
there is one: `first_frame`) imports nothing of SQLAlchemy; `attach` then gives it the database
and builds the rest. The pages, the status bar's facts, backups and the watchers of other
writers come with `attach`, and the modules behind them are imported there or when used.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QSize, QTimer
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QWidget,
)

from organiser.errors import OrganiserError
from organiser.files import make_private_folder
from organiser.services.first_frame import KeptFrame
from organiser.ui import settings
from organiser.ui.collector import keep_as_long_lived
from organiser.ui.dashboard.board import DashboardBoard
from organiser.ui.dialogs.fit import fit_to_screen, free_area
from organiser.ui.dialogs.messages import show_error, show_info, show_notice
from organiser.ui.icons import icon
from organiser.ui.menus import MainMenus

if TYPE_CHECKING:  # imported with the database (`attach`), not before the first frame
    from PySide6.QtWidgets import QMessageBox
    from sqlalchemy import Engine

    from organiser.services.backups import BackupMade
    from organiser.ui.other_writers import OtherWriters
    from organiser.ui.pages.base import Page
    from organiser.ui.recovery import Recovery
    from organiser.ui.reminders.notifier import ReminderNotifier
    from organiser.ui.status import DatabaseStatus

DATABASE_FILTER = str(
    QT_TRANSLATE_NOOP(
        "FileFilters", "Campaign Organiser database (*.sqlite3 *.sqlite *.db);;All files (*)"
    )
)


@dataclass(frozen=True)
class PageEntry:
    """A page of the sidebar. Its module is imported when the page is first shown: the PDF,
    iCalendar and CSV machinery behind the pages would otherwise slow every start."""

    title: str
    icon_name: str
    module: str
    class_name: str

    def load(self) -> type[Page]:
        from organiser.ui.pages.base import Page

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
    PageEntry(
        "People at risk", "people_at_risk", "organiser.ui.pages.people_at_risk", "PeopleAtRiskPage"
    ),
)


AUTOMATIC_BACKUP_CHECK_MS = 5 * 60 * 1000
W = TypeVar("W", bound=QWidget)


class MainWindow(QMainWindow):
    recovery: Recovery
    status: DatabaseStatus
    other_writers: OtherWriters
    reminders: ReminderNotifier

    def __init__(
        self,
        engine: Engine | None,
        database_label: str = "",
        parent: QWidget | None = None,
        first_frame: KeptFrame | None = None,
    ) -> None:
        """The window on `engine`; with None, its frame only (with the Dashboard `first_frame`
        kept from the last session, when the Dashboard is the page to show), until `attach`."""
        super().__init__(parent)
        self._engine: Engine | None = None
        self.last_search = ""  # what the search box held when last closed
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

        # Side by side, and no argument: a parent given here would load the `Qt` namespace (for
        # the overload taking an orientation first) before the first frame. Parented below.
        self.splitter = QSplitter()
        self.splitter.addWidget(self.sidebar)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setCollapsible(1, False)
        self.splitter.setSizes([190, 1010])
        self.setCentralWidget(self.splitter)
        self.sidebar.currentRowChanged.connect(self._show_page)
        self.menus = MainMenus(self, PAGES)
        self.statusBar()
        title = self.tr("Campaign Organiser")
        self.setWindowTitle(f"{title} — {database_label}" if database_label else title)
        # Automatic backups while the window is open: checked every few minutes, made when data
        # changed and the newest backup is half an hour old (backups.backup_due), and at quit.
        self._backup_timer = QTimer(self)
        self._backup_timer.setInterval(AUTOMATIC_BACKUP_CHECK_MS)
        self._backup_timer.timeout.connect(self.back_up_if_due)
        self._restore_layout()
        if self.sidebar.currentRow() < 0:
            self.sidebar.setCurrentRow(0)
        if first_frame is not None and self.sidebar.currentRow() == self._row("Dashboard"):
            row = self._row("Dashboard")
            board = DashboardBoard()
            board.show_summary(first_frame.summary, first_frame.zone)
            stand_in, _board = self._replace_in_stack(row, lambda _stand_in: board)
            stand_in.deleteLater()
        if engine is not None:
            self.attach(engine, database_label)

    @property
    def engine(self) -> Engine:
        assert self._engine is not None, "the window has no database yet (attach)"
        return self._engine

    @engine.setter
    def engine(self, engine: Engine) -> None:
        self._engine = engine

    @property
    def attached(self) -> bool:
        return self._engine is not None

    def attach(self, engine: Engine, database_label: str = "") -> None:
        """The database for the frame: its pages, status, backups and watchers, then the page
        chosen shown (the Dashboard takes over the first frame's sections, then reads)."""
        from organiser.ui.other_writers import OtherWriters
        from organiser.ui.recovery import Recovery
        from organiser.ui.reminders.notifier import ReminderNotifier
        from organiser.ui.status import DatabaseStatus

        self._engine = engine
        self.menus.build()
        self.recovery = Recovery(self)
        self.status = DatabaseStatus(self.statusBar())
        self._backup_timer.start()
        # Another window or a script writing to the same database: the page on screen follows.
        self.other_writers = OtherWriters(self, engine)
        self.other_writers.changed.connect(self.refresh_pages)
        # Reminders due while the window is open, and at start those missed while it was closed.
        self.reminders = ReminderNotifier(self)
        self.reminders.changed.connect(self.refresh_pages)
        self.reminders.start()
        self._database_opened(database_label)
        self._show_page(self.sidebar.currentRow())

    def _replace_in_stack(self, row: int, build: Callable[[QWidget], W]) -> tuple[QWidget, W]:
        """The widget at `row` of the stack taken out and `build(it)` put in its place (the
        page shown stays shown): both handed back."""
        current = self.stack.currentIndex()
        old = self.stack.widget(row)
        assert old is not None, f"the stack has no page {row}"
        self.stack.removeWidget(old)
        new = build(old)
        self.stack.insertWidget(row, new)
        self.stack.setCurrentIndex(current)
        return old, new

    def _row(self, title: str) -> int:
        return next(row for row, entry in enumerate(PAGES) if entry.title == title)

    def _loaded(self, row: int) -> Page:
        """The page at `row`, built (in place of its empty stand-in) the first time it is needed."""
        page = self.pages[row]
        if page is None:
            from organiser.ui.pages.dashboard import DashboardPage

            def build(stand_in: QWidget) -> Page:
                if isinstance(stand_in, DashboardBoard):  # the first frame's: taken over
                    return DashboardPage(self.engine, self, board=stand_in)
                stand_in.deleteLater()
                return PAGES[row].load()(self.engine, self)

            _stand_in, page = self._replace_in_stack(row, build)
            self.pages[row] = page
            page.data_changed.connect(self.refresh_pages)
            if page.undo_stack is not None:
                self.menus.undo_group.addStack(page.undo_stack)
            self._follow_views(page)
            if isinstance(page, DashboardPage):
                page.new_campaign_requested.connect(lambda: self.start_new("Campaigns"))
                page.new_organisation_requested.connect(lambda: self.start_new("Organisations"))
                page.record_requested.connect(self.open_record)
            keep_as_long_lived()  # the page and the modules behind it stay
        return page

    def page(self, page_class: type[Page]) -> Page:
        return self._loaded(self._row(page_class.title))

    def show_page(self, page_class: type[Page]) -> None:
        self.sidebar.setCurrentRow(self._row(page_class.title))

    def start_new(self, title: str) -> None:
        """Open a page and its form for a new record (from the welcome page's buttons)."""
        self.sidebar.setCurrentRow(self._row(title))
        from organiser.ui.pages.records import RecordsPage

        page = self._loaded(self._row(title))
        assert isinstance(page, RecordsPage)
        page.create_record()

    def open_record(self, kind: str, record_id: int) -> None:
        """A record named by kind and id (a Dashboard item, a reminder), on its own page."""
        from organiser.ui.open_record import open_record

        if not open_record(self, kind, record_id):
            self.statusBar().showMessage(self.tr("That record is no longer there."), 5000)
            self.refresh_pages()

    def show_search(self) -> None:
        """The search box over every record; the one chosen opens on its page."""
        from organiser.ui.search.dialog import SearchDialog

        dialog = SearchDialog(self.engine, self.last_search, self)
        accepted = dialog.exec()
        self.last_search = dialog.query.text()
        if accepted and dialog.chosen is not None:
            self.open_record(*dialog.chosen)

    def filter_page(self) -> None:
        """Ctrl+F: to the shown page's filter, all of it chosen; a page without one: search."""
        from organiser.ui.pages.base import Page

        page = self.stack.currentWidget()
        field = page.filter_field() if isinstance(page, Page) else None
        if field is None or not field.isVisible():
            self.show_search()
            return
        from PySide6.QtCore import Qt

        field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        field.selectAll()

    def _show_page(self, row: int) -> None:
        if row >= 0 and not self.attached:  # the first frame: built once the database is here
            self.stack.setCurrentIndex(row)
        elif row >= 0:
            built_now = self.pages[row] is None
            page = self._loaded(row)
            self.stack.setCurrentIndex(row)
            if not (built_now and page.loads_when_built):
                page.refresh()
            self.menus.follow_page(row, page)

    def show_trash(self) -> None:
        """Edit › Trash: what was deleted; the pages reload when something came back."""
        from organiser.ui.dialogs.trash_dialog import TrashDialog

        dialog = TrashDialog(self.engine, self)
        dialog.exec()
        if dialog.changed:
            self.refresh_pages()

    def refresh_pages(self) -> None:
        """Data changed somewhere: the page on screen reloads now, the others when shown."""
        from organiser.ui.pages.base import Page

        current = self.stack.currentWidget()
        if isinstance(current, Page):
            current.refresh()

    def _follow_views(self, page: Page) -> None:
        """The calendar's month, week and agenda: the View menu shows the one chosen."""
        from PySide6.QtWidgets import QComboBox

        choice = getattr(page, "view_choice", None)
        if isinstance(choice, QComboBox):
            choice.currentIndexChanged.connect(self.menus.follow_calendar_view)
            self.menus.follow_calendar_view(choice.currentIndex())

    def show_calendar_view(self, index: int) -> None:
        from PySide6.QtWidgets import QComboBox

        row = self._row("Calendar")
        self.sidebar.setCurrentRow(row)
        choice = getattr(self._loaded(row), "view_choice", None)
        if isinstance(choice, QComboBox):
            choice.setCurrentIndex(index)

    # the database
    def _database_opened(self, label: str = "") -> None:
        from organiser.services.backups import database_location
        from organiser.ui.status import shorten_path

        location = database_location(self.engine)
        self.setWindowTitle(self.tr("Campaign Organiser") + f" — {label or shorten_path(location)}")
        settings.remember_database(location)
        self.menus.fill_recent_menu()
        self.status.show(self.engine)
        QTimer.singleShot(0, self.warn_if_shared)  # once the window is on screen

    def warn_if_shared(self) -> QMessageBox | None:
        """Once per database: a synchronised folder or a network share puts it, and the names
        of people at risk in it, beyond this computer."""
        from organiser.services import placement

        shared = placement.warn_once(self.engine)
        if shared is None:
            return None
        if shared.kind == placement.CLOUD:
            text = self.tr(
                "This database is in a folder that %s synchronises (%s): copies of it, with "
                "every name and letter in it, go to that service and to every computer linked "
                "to it. Keep it in a folder of this computer's own."
            )
        else:
            text = self.tr(
                "This database is on a network share (%s at %s): others who reach the share "
                "may read it, and a database shared over the network can be damaged. Keep it "
                "on this computer's own disk."
            )
        message = text % (shared.name, shared.folder)
        return show_notice(self, self.tr("Where the database is"), message)

    def new_database(self) -> None:
        """A new, empty database file, made and brought to the newest schema, shown here."""
        from PySide6.QtWidgets import QFileDialog

        path, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("New database"),
            str(Path.home() / "campaigns.sqlite3"),
            QCoreApplication.translate("FileFilters", DATABASE_FILTER),
            options=QFileDialog.Option.DontConfirmOverwrite,
        )
        if not path:
            return
        chosen = Path(path) if Path(path).suffix else Path(path).with_suffix(".sqlite3")
        if chosen.exists():
            show_error(
                self,
                self.tr("New database"),
                self.tr("%s already exists: open it with File › Open database….") % chosen,
            )
            return
        self.switch_database(str(chosen))

    def open_database_file(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        path, _filter = QFileDialog.getOpenFileName(
            self,
            self.tr("Open database"),
            str(Path.home()),
            QCoreApplication.translate("FileFilters", DATABASE_FILTER),
        )
        if path:
            self.switch_database(path)

    def switch_database(self, location: str) -> bool:
        """Show another database (created and migrated when new) in this window and close the
        one shown before. A file that is not ours, or from a newer program, is refused as is."""
        from organiser.services import backups
        from organiser.ui.encryption import passphrase_asker

        try:
            engine = backups.open_database(location, passphrase_asker(self))
        except OrganiserError as error:
            show_error(self, self.tr("Open database"), str(error))
            return False
        self.keep_first_frame()  # the one shown so far, for its next start
        old, self.engine = self.engine, engine
        self.other_writers.watch(engine)
        self._drop_pages()
        old.dispose()
        self._backup_timer.start()
        self._database_opened()
        self._show_page(self.sidebar.currentRow())
        return True

    def let_go_of_database(self) -> None:
        """Before the database file is rewritten: no page, no connection and no automatic
        backup holds it (switch_database opens it again and starts the backups again)."""
        self._backup_timer.stop()
        self._drop_pages()
        self.engine.dispose()

    def encrypt_database(self) -> None:
        from organiser.ui.encryption import encrypt_this_database

        encrypt_this_database(self)

    def _drop_pages(self) -> None:
        """Every page built on the old database goes; each is built again when shown."""
        for row, page in enumerate(self.pages):
            if page is None:
                continue
            if page.undo_stack is not None:
                self.menus.undo_group.removeStack(page.undo_stack)
            self.stack.insertWidget(row, QWidget(self.stack))
            self.stack.removeWidget(page)
            page.deleteLater()
            self.pages[row] = None

    def back_up(self) -> None:
        """Write a consistent copy of the database where the user chooses, off the GUI thread."""
        from PySide6.QtWidgets import QFileDialog

        from organiser.services.backups import back_up, backup_folder
        from organiser.ui.workers import run_in_background

        folder = backup_folder(self.engine)
        try:
            make_private_folder(folder)
        except OSError:
            folder = Path.home()
        suggested = folder / f"organiser-backup-{date.today().isoformat()}.sqlite3"
        path, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("Back up the database"),
            str(suggested),
            self.tr("SQLite database (*.sqlite3)"),
        )
        if not path:
            return
        engine = self.engine

        def done(made: BackupMade) -> None:
            self.status.show(self.engine)
            show_info(self, self.tr("Backup"), self.tr("Saved a copy to %s") % made.path)

        run_in_background(
            self,
            self.tr("Backing up"),
            lambda _progress: back_up(engine, Path(path)),
            done,
            database=engine,
            reads_only=True,
        )

    def export_archive(self) -> None:
        from organiser.ui.archive.file_actions import export_to_file

        export_to_file(self, self.engine)

    def import_archive(self) -> None:
        from organiser.ui.archive.file_actions import import_from_file

        import_from_file(self, self.engine, self._archive_imported)

    def _archive_imported(self) -> None:
        self.status.show(self.engine)  # the pages refresh themselves from the job's news

    def _restore_layout(self) -> None:
        geometry = settings.load_bytes("window/geometry")
        restored = geometry is not None and self.restoreGeometry(geometry)
        if not restored or not free_area(self).contains(self.frameGeometry()):
            # The first start (1200×760 where there is room, less on a laptop), or a layout
            # remembered from a larger screen than this one.
            fit_to_screen(self)
        state = settings.load_bytes("window/splitter")
        if state is not None:
            self.splitter.restoreState(state)
        last = settings.load_text("window/page")
        for row, entry in enumerate(PAGES):
            if entry.title == last:
                self.sidebar.setCurrentRow(row)

    def save_layout(self) -> None:
        from organiser.ui.pages.base import Page

        settings.save_bytes("window/geometry", self.saveGeometry())
        settings.save_bytes("window/splitter", self.splitter.saveState())
        current = self.stack.currentWidget()
        if isinstance(current, Page):
            settings.save_text("window/page", current.title)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.attached:  # the first frame alone (its database could not be opened)
            super().closeEvent(event)
            return
        from organiser.ui.dialogs.form import settle_open_forms

        if not settle_open_forms(self):  # an open form with changes: the user went back to it
            event.ignore()
            return
        self.save_layout()
        self._backup_timer.stop()
        self.other_writers.stop()
        self.reminders.stop()
        self.keep_first_frame()
        self.back_up_if_due(at_quit=True)
        super().closeEvent(event)

    def back_up_if_due(self, at_quit: bool = False) -> None:
        """An automatic backup into the backup folder; at quit on this thread (it is short and
        the window is going), otherwise in the background without a progress dialog."""
        from organiser.services.backups import backup_due, make_backup
        from organiser.ui.workers import run_in_background

        try:
            if not backup_due(self.engine):
                return
            if at_quit:
                make_backup(self.engine, "auto")
                return
        except OrganiserError as error:
            self.statusBar().showMessage(self.tr("Automatic backup failed: %s") % error)
            return
        engine = self.engine
        run_in_background(
            self,
            self.tr("Backing up"),
            lambda _progress: make_backup(engine, "auto"),
            lambda _made: self.status.show(self.engine),
            lambda error: self.statusBar().showMessage(
                self.tr("Automatic backup failed: %s") % error
            ),
            show_progress=False,
            database=engine,
            reads_only=True,
        )

    def keep_first_frame(self) -> None:
        """At close: the Dashboard as last read, for the next start's first frame (written only
        when it changed; a database that cannot take it now is simply not kept)."""
        from organiser.services import first_frame
        from organiser.ui.calendar.zones import organiser_zone
        from organiser.ui.pages.dashboard import DashboardPage

        page = self.pages[self._row("Dashboard")]
        if isinstance(page, DashboardPage) and page.summary is not None:
            try:
                first_frame.keep(self.engine, page.summary, organiser_zone())
            except OrganiserError as error:
                self.statusBar().showMessage(str(error))
