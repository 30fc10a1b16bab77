"""The status bar: which database is open and when it was last backed up."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QStatusBar
from sqlalchemy import Engine

from organiser.services.backups import database_location, last_backup

SHORT_PATH_LENGTH = 60


def _tr(text: str) -> str:
    return QCoreApplication.translate("DatabaseStatus", text)


def shorten_path(location: str, length: int = SHORT_PATH_LENGTH) -> str:
    """The home folder as ~, and the middle folders left out when it is still too long."""
    home = str(Path.home())
    if location == home or location.startswith(home + "/"):
        location = "~" + location[len(home) :]
    parts = location.split("/")
    while len(location) > length and len(parts) > 3:
        del parts[1]
        location = "/".join([parts[0], "…", *parts[1:]])
    return location


def last_backup_text(when: datetime | None) -> str:
    if when is None:
        return _tr("Never backed up")
    return _tr("Last backed up %1").replace("%1", f"{when.astimezone():%Y-%m-%d %H:%M}")


class DatabaseStatus:
    """Two permanent labels on the window's status bar, brought up to date by `show`."""

    def __init__(self, bar: QStatusBar) -> None:
        self.database = QLabel(bar)
        self.backup = QLabel(bar)
        bar.addPermanentWidget(self.database)
        bar.addPermanentWidget(self.backup)

    def show(self, engine: Engine) -> None:
        location = database_location(engine)
        self.database.setText(shorten_path(location))
        self.database.setToolTip(location)
        self.backup.setText(last_backup_text(last_backup(engine)))
