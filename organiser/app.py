"""Starting the window: the QApplication, opening the database, showing the main window.

A database that opened before at the newest schema starts in two steps: the window's frame is
painted first with the Dashboard kept from the last session (`services.first_frame`, read
through sqlite3 alone), and only then are SQLAlchemy, the models and the services loaded, the
database opened and the window given it (`MainWindow.attach`); the Dashboard then shows what
the database holds now. Any other start (a new, encrypted, older or damaged file) opens the
database first, as the window cannot be shown without it.
"""

from __future__ import annotations

# First: PySide6 loaded with its per-import source check made cheap, before the few hundred
# modules that follow it here (see organiser/ui/pyside_imports.py).
import organiser.ui.pyside_imports  # noqa: F401

# isort: split
import sqlite3
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from organiser.config import database_url
from organiser.errors import OrganiserError, ValidationError
from organiser.ui.collector import collect_on_gui_thread
from organiser.ui.plurals import install_english_plurals

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from organiser.services.first_frame import FirstStart
    from organiser.ui.main_window import MainWindow


def report_unexpected(
    kind: type[BaseException], error: BaseException, trace: TracebackType | None
) -> None:
    """An error nobody foresaw: the details go to stderr, the user gets a sentence, the
    window stays open (Qt would otherwise just print it)."""
    from organiser import store

    plain = store.plain_error(error)
    if plain is not None:  # foreseen after all: the database busy or full, a record changed
        QMessageBox.warning(None, tr("Campaign Organiser"), str(plain))
        return
    traceback.print_exception(kind, error, trace)
    QMessageBox.critical(
        None,
        tr("Campaign Organiser"),
        tr(
            "Something went wrong that the program did not expect: %s\n\n"
            "Nothing was half-saved: each change is saved whole or not at all."
        )
        % error,
    )


def tr(text: str) -> str:
    return QCoreApplication.translate("app", text)


def open_or_recover(db_choice: str | None) -> Engine | None:
    """The database opened; one that cannot be (damaged, not a schema newer than ours) gets
    the offer of its newest sound backup instead of a traceback."""
    from sqlalchemy.exc import SQLAlchemyError

    from organiser.cipher import Locked
    from organiser.errors import DatabaseError, SchemaTooNew
    from organiser.services import backups
    from organiser.ui.encryption import passphrase_asker

    ask = passphrase_asker(None)
    try:
        return backups.open_database(db_choice, ask)
    except (SchemaTooNew, Locked) as error:  # too new, or no (right) passphrase: nothing to offer
        QMessageBox.critical(None, tr("Campaign Organiser"), str(error))
        return None
    except (OrganiserError, SQLAlchemyError, sqlite3.Error) as error:
        from organiser.ui.recovery import recover_at_start

        problem = DatabaseError(tr("The database cannot be opened: %s") % error)
        if not recover_at_start(db_choice, problem):
            QMessageBox.critical(None, tr("Campaign Organiser"), str(problem))
            return None
    try:
        return backups.open_database(db_choice, ask)
    except OrganiserError as error:
        QMessageBox.critical(None, tr("Campaign Organiser"), str(error))
        return None


def first_start(db_choice: str | None) -> FirstStart | None:
    """Whether the window may be painted before the chosen database is opened, with the
    Dashboard the last session kept in it (see the module's docstring); else None."""
    from organiser.services.first_frame import first_start as start_of

    try:
        url = database_url(db_choice)
    except ValidationError:
        return None  # said when the database is opened
    path = url.removeprefix("sqlite:///")
    if path == url or "?" in path or not path.strip():
        return None  # not a plain file path: opened first, as any other
    return start_of(Path(path))


# What opening the database and attaching the window import that makes no Qt object: imported
# on a thread of their own while the first frame is on screen (organiser/ui/warm_imports.py), so
# that the window is not held up by them (a third of a second).
DATABASE_SIDE = (
    "sqlalchemy.orm",
    "organiser.store",
    "organiser.models",
    "organiser.store_changes",
    "organiser.services.backups",
    "organiser.services.dashboard",
    "organiser.services.campaigns",
    "organiser.services.organisations",
    "organiser.services.reminders",
    "organiser.services.placement",
    "organiser.services.restore",
    "organiser.services.database_check",
    "organiser.services.encryption",
    "organiser.services.demo",
)


class _AfterFirstPaint(QObject):
    """Calls `then` once, after the event loop has handled `widget`'s first paint; or after
    `at_latest_ms` if no paint comes (a window the system does not show at once)."""

    def __init__(self, widget: QWidget, then: Callable[[], None], at_latest_ms: int = 1000) -> None:
        super().__init__(widget)
        self._then: Callable[[], None] | None = then
        widget.installEventFilter(self)
        QTimer.singleShot(at_latest_ms, self, self._go)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self._then is not None:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._go)  # after this paint pass, its children's included
        return False

    def _go(self) -> None:
        if self._then is not None:
            then, self._then = self._then, None
            then()


def main(db_choice: str | None = None) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Campaign Organiser")
    app.setOrganizationName("CampaignOrganiser")
    install_english_plurals(app)
    collect_on_gui_thread(app)
    sys.excepthook = report_unexpected
    window = show_window(db_choice)
    if window is None:
        return 2
    code = app.exec()
    if window.attached:
        window.engine.dispose()  # the one shown last: File › Open may have switched to another
    return int(code)


def show_window(db_choice: str | None) -> MainWindow | None:
    """The main window shown on the chosen database as a start shows it (see the module's
    docstring): at once, its database given to it from the event loop; or, when the database
    must be opened first, once it is (None when it cannot be: said already)."""
    from organiser.ui.main_window import MainWindow

    start = first_start(db_choice)
    if start is None:
        engine = open_or_recover(db_choice)
        if engine is None:
            return None
        window = MainWindow(engine, _label(db_choice))
        window.show()
        QTimer.singleShot(0, lambda: _offer_drafts(window))  # once the window is on screen
        return window
    window = MainWindow(None, _label(db_choice), first_frame=start.kept)
    window.show()
    _AfterFirstPaint(window, lambda: _load_then_open(window, db_choice))
    return window


def _label(db_choice: str | None) -> str:
    return database_url(db_choice).removeprefix("sqlite:///")


def _load_then_open(window: MainWindow, db_choice: str | None) -> None:
    """The database side imported off the GUI thread (the window answers meanwhile), then the
    database opened and given to the window."""
    from organiser.ui.warm_imports import import_soon

    loading = import_soon(*DATABASE_SIDE)
    if loading is None:  # imported already (a second window in this process)
        _open_in(window, db_choice)
        return

    def when_loaded() -> None:
        if loading.is_alive():
            QTimer.singleShot(LOAD_POLL_MS, when_loaded)
        else:
            _open_in(window, db_choice)

    QTimer.singleShot(LOAD_POLL_MS, when_loaded)


LOAD_POLL_MS = 10


def _open_in(window: MainWindow, db_choice: str | None) -> None:
    """The first frame is on screen: the database opened and given to the window."""
    engine: Engine | None = open_or_recover(db_choice)
    if engine is None:
        window.close()
        QCoreApplication.exit(2)
        return
    window.attach(engine, _label(db_choice))
    _offer_drafts(window)


def _offer_drafts(window: MainWindow) -> None:
    from organiser.ui.dialogs.drafts_dialog import offer_drafts

    offer_drafts(window)
