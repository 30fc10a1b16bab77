"""Edit › Trash: what was deleted, newest first, with what went with each; restore or empty."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QSize
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QPushButton, QVBoxLayout, QWidget
from sqlalchemy import Engine

from organiser import store
from organiser.errors import OrganiserError
from organiser.services import trash
from organiser.services.trash import TrashView
from organiser.ui.dialogs.fit import FittedDialog
from organiser.ui.dialogs.messages import confirm, show_error
from organiser.ui.table_model import Column, RecordTableModel
from organiser.ui.tables import RecordTable


def _tr(text: str, count: int = -1) -> str:
    return QCoreApplication.translate("Trash", text, "", count)


def kind_text(kind: str) -> str:
    names = {
        "campaign": _tr("Campaign"),
        "organisation": _tr("Organisation"),
        "person": _tr("Person"),
        "action": _tr("Action"),
        "commitment": _tr("Commitment"),
        "letter": _tr("Letter"),
        "situation": _tr("Situation"),
    }
    return names.get(kind, kind)


def contents_text(contents: dict[str, int]) -> str:
    """What went with a record: "2 actions, 1 letter, 3 links"."""
    texts = {
        "action": "%n action(s)",
        "commitment": "%n commitment(s)",
        "letter": "%n letter(s)",
        "situation": "%n situation(s)",
        "campaign_demand": "%n demand(s)",
        "attachment": "%n file(s)",
        trash.LINKS: "%n link(s)",
    }
    return ", ".join(
        _tr(text, contents[table]) for table, text in texts.items() if contents.get(table)
    )


def trash_columns() -> list[Column[TrashView]]:
    return [
        Column(_tr("Kind"), lambda e: kind_text(e.kind)),
        Column(_tr("Name"), lambda e: e.label),
        Column(_tr("Deleted"), lambda e: e.deleted_at.astimezone()),
        Column(_tr("Went with it"), lambda e: contents_text(e.contents)),
    ]


class TrashDialog(FittedDialog):
    """`changed` tells, once closed, whether data changed (the pages then reload)."""

    def __init__(self, engine: Engine, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.engine = engine
        self.changed = False
        self.setWindowTitle(self.tr("Trash"))
        intro = QLabel(
            self.tr(
                "What was deleted stays here, with what went with it, until the trash is "
                "emptied. Restoring brings it back as it was, its links included."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.table: RecordTable[TrashView] = RecordTable(
            RecordTableModel(trash_columns()), self.tr("Filter the trash…"), self
        )
        self.table.activated_row.connect(lambda _row: self.restore_selected())
        self.table.selection_changed.connect(lambda _row: self._follow())
        self.buttons = QDialogButtonBox(self)
        self.restore_button = QPushButton(self.tr("&Restore"), self)
        self.empty_button = QPushButton(self.tr("&Empty trash…"), self)
        self.buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.empty_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.restore_button.clicked.connect(self.restore_selected)
        self.empty_button.clicked.connect(self.empty)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)
        self.reload()

    def sizeHint(self) -> QSize:
        return QSize(760, 420)

    def reload(self) -> None:
        with store.transaction(self.engine) as session:
            entries = trash.list_trash(session)
        self.table.set_rows(entries)
        if self.table.selected() is None and entries:
            self.table.view.selectRow(0)
        self._follow()

    def _follow(self) -> None:
        self.restore_button.setEnabled(self.table.selected() is not None)
        self.empty_button.setEnabled(self.table.model.rowCount() > 0)

    def restore_selected(self) -> None:
        entry = self.table.selected()
        if entry is None:
            return
        try:
            with store.transaction(self.engine, write=True) as session:
                trash.restore(session, entry.id)
        except OrganiserError as error:
            show_error(self, self.tr("Restore"), str(error))
            return
        self.changed = True
        self.reload()

    def empty(self) -> None:
        count = self.table.model.rowCount()
        question = self.tr(
            "Delete the %n record(s) in the trash for good? This cannot be undone.", "", count
        )
        if not confirm(self, self.tr("Empty trash"), question, self.tr("Empty trash")):
            return
        with store.transaction(self.engine, write=True) as session:
            trash.empty_trash(session)
        self.changed = True
        self.reload()
