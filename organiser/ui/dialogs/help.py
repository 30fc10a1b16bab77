"""The Help menu's dialogs: the keyboard shortcuts, About, and where the data lives."""

from __future__ import annotations

import platform

from PySide6.QtCore import QCoreApplication, qVersion
from PySide6.QtGui import QAction, QKeySequence, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialogButtonBox,
    QMenu,
    QMenuBar,
    QMessageBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Engine

from organiser import __version__
from organiser.config import settings_path
from organiser.services.backups import backup_folder, database_location, last_backup
from organiser.ui.dialogs.fit import FittedDialog
from organiser.ui.dialogs.messages import show_info
from organiser.ui.status import last_backup_text

LICENCE = "GPL-3.0-or-later"


def _tr(text: str) -> str:
    return QCoreApplication.translate("Help", text)


def plain(text: str) -> str:
    """A menu text as read: without its mnemonic ampersand."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def menu_shortcuts(bar: QMenuBar) -> list[tuple[str, str, str]]:
    """(menu, command, keys) for every command of the menus that has keys."""
    found = []
    for top in bar.actions():
        menu = top.menu()
        if not isinstance(menu, QMenu):
            continue
        for action in menu.actions():
            assert isinstance(action, QAction)
            keys = ", ".join(
                k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts()
            )
            if keys:
                text = getattr(action, "fallback_text", action.text())
                found.append((plain(top.text()), plain(text), keys))
    return found


class ShortcutsDialog(FittedDialog):
    """Every keyboard shortcut of the menus, and the keys the pages answer to themselves."""

    def __init__(self, bar: QMenuBar, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_tr("Keyboard shortcuts"))
        self.model = QStandardItemModel(0, 3, self)
        self.model.setHorizontalHeaderLabels([_tr("Menu"), _tr("Command"), _tr("Keys")])
        rows = [*menu_shortcuts(bar), ("", _tr("Reload the list shown"), "F5")]
        for row in rows:
            self.model.appendRow([QStandardItem(text) for text in row])
        view = QTableView(self)
        view.setModel(self.model)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.verticalHeader().hide()
        view.horizontalHeader().setStretchLastSection(True)
        view.resizeColumnsToContents()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(view)
        layout.addWidget(buttons)
        self.resize(560, 520)


def about_html() -> str:
    what = _tr("Campaigns, actions, commitments, letters and organisations for union campaigns.")
    licence = _tr("Licence: %1 (GNU General Public License, version 3 or later).")
    return (
        f"<h3>{_tr('Campaign Organiser')}</h3>"
        f"<p>{_tr('Version %1').replace('%1', __version__)}</p>"
        f"<p>{what}</p><p>{licence.replace('%1', LICENCE)}</p>"
        f"<p><small>Qt {qVersion()} · Python {platform.python_version()}</small></p>"
    )


def show_about(parent: QWidget) -> None:
    QMessageBox.about(parent, _tr("About Campaign Organiser"), about_html())


def data_places_text(engine: Engine) -> str:
    lines = [
        _tr("The database: %1").replace("%1", database_location(engine)),
        _tr("Backups: %1").replace("%1", str(backup_folder(engine))),
        last_backup_text(last_backup(engine)) + ".",
        _tr("Your settings: %1").replace("%1", str(settings_path())),
    ]
    return "\n\n".join(lines)


def show_data_places(parent: QWidget, engine: Engine) -> None:
    show_info(parent, _tr("Where my data lives"), data_places_text(engine))
