"""Starting the window: the QApplication, opening the database, showing the main window."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication, QMessageBox

from organiser import store
from organiser.config import database_url
from organiser.errors import OrganiserError


def main(db_choice: str | None = None) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Campaign Organiser")
    app.setOrganizationName("CampaignOrganiser")
    try:
        engine = store.open_database(db_choice)
    except OrganiserError as error:
        QMessageBox.critical(None, "Campaign Organiser", str(error))
        return 2
    from organiser.ui.main_window import MainWindow

    window = MainWindow(engine, database_url(db_choice).removeprefix("sqlite:///"))
    window.show()
    code = app.exec()
    engine.dispose()
    return int(code)
