"""Starting the window: the QApplication, opening the database, showing the main window."""

from __future__ import annotations

# First: PySide6 loaded with its per-import source check made cheap, before the few hundred
# modules that follow it here (see organiser/ui/pyside_imports.py).
import organiser.ui.pyside_imports  # noqa: F401

# isort: split
import sqlite3
import sys
import traceback
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from organiser import store
from organiser.cipher import Locked
from organiser.config import database_url
from organiser.errors import DatabaseError, OrganiserError, SchemaTooNew
from organiser.services import backups
from organiser.ui.collector import collect_on_gui_thread
from organiser.ui.encryption import passphrase_asker
from organiser.ui.plurals import install_english_plurals


def report_unexpected(
    kind: type[BaseException], error: BaseException, trace: TracebackType | None
) -> None:
    """An error nobody foresaw: the details go to stderr, the user gets a sentence, the
    window stays open (Qt would otherwise just print it)."""
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


def main(db_choice: str | None = None) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Campaign Organiser")
    app.setOrganizationName("CampaignOrganiser")
    install_english_plurals(app)
    collect_on_gui_thread(app)
    engine = open_or_recover(db_choice)
    if engine is None:
        return 2
    from organiser.ui.dialogs.drafts_dialog import offer_drafts
    from organiser.ui.main_window import MainWindow

    sys.excepthook = report_unexpected

    window = MainWindow(engine, database_url(db_choice).removeprefix("sqlite:///"))
    window.show()
    QTimer.singleShot(0, lambda: offer_drafts(window))  # once the window is on screen
    code = app.exec()
    window.engine.dispose()  # the one shown last: File › Open may have switched to another
    return int(code)
