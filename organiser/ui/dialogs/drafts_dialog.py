"""At start, the drafts an earlier run left behind (a crash, a kill): restore or discard each."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Engine

from organiser import store
from organiser.models import utc_now
from organiser.services import drafts
from organiser.services.drafts import DraftView
from organiser.ui.dialogs.fit import FieldsArea, FittedDialog
from organiser.ui.dialogs.messages import confirm

if TYPE_CHECKING:
    from organiser.ui.main_window import MainWindow


def typed_ago(saved_at: datetime, now: datetime) -> str:
    """'typed 5 minutes ago', in the largest unit that fits."""
    seconds = max(0, int((now - saved_at).total_seconds()))
    for size, text in (
        (86400, "typed %n day(s) ago"),
        (3600, "typed %n hour(s) ago"),
        (60, "typed %n minute(s) ago"),
    ):
        if seconds >= size:
            return QCoreApplication.translate("drafts", text, "", seconds // size)
    return QCoreApplication.translate("drafts", "typed less than a minute ago")


class DraftsDialog(FittedDialog):
    """The kept drafts, each with Restore and Discard; read again after every choice, so a
    restored form that was saved or discarded leaves the list."""

    def __init__(
        self,
        engine: Engine,
        restore: Callable[[DraftView], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.engine, self._restore = engine, restore
        self.setWindowTitle(self.tr("Unsaved drafts"))
        intro = QLabel(self.tr("These were typed but not saved when the program last stopped."))
        intro.setWordWrap(True)
        rows_holder = QWidget(self)
        self.rows = QGridLayout(rows_holder)  # scrolls when many drafts were left behind
        self.buttons = QDialogButtonBox(self)
        self.restore_all = self.buttons.addButton(
            self.tr("Restore all"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.discard_all = self.buttons.addButton(
            self.tr("Discard all"), QDialogButtonBox.ButtonRole.DestructiveRole
        )
        later = self.buttons.addButton(self.tr("Later"), QDialogButtonBox.ButtonRole.RejectRole)
        self.restore_all.clicked.connect(lambda: self._each(self._restore))
        self.discard_all.clicked.connect(self._discard_all)
        later.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(FieldsArea(rows_holder, self), 1)
        layout.addWidget(self.buttons)
        self.drafts: list[DraftView] = []
        self.reload()

    def reload(self) -> None:
        with store.transaction(self.engine) as session:
            self.drafts = drafts.list_drafts(session)
        while self.rows.count():
            item = self.rows.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        now = utc_now()
        for row, draft in enumerate(self.drafts):
            self.rows.addWidget(QLabel(f"{draft.label} — {typed_ago(draft.saved_at, now)}"), row, 0)
            for column, (text, act) in enumerate(
                ((self.tr("Restore"), self._restore), (self.tr("Discard"), self._discard)), 1
            ):
                button = QPushButton(text, self)
                button.clicked.connect(lambda _=False, d=draft, a=act: self._one(a, d))
                self.rows.addWidget(button, row, column)
        if not self.drafts and self.isVisible():
            self.accept()

    def row_button(self, row: int, column: int) -> QPushButton:
        """The Restore (column 1) or Discard (column 2) button of a draft; for tests."""
        item = self.rows.itemAtPosition(row, column)
        button = item.widget() if item is not None else None
        assert isinstance(button, QPushButton)
        return button

    def _discard(self, draft: DraftView) -> None:
        with store.transaction(self.engine, write=True) as session:
            drafts.discard_draft(session, draft.key)

    def _one(self, act: Callable[[DraftView], None], draft: DraftView) -> None:
        act(draft)
        self.reload()

    def _discard_all(self) -> None:
        question = self.tr("Discard all %n draft(s)? What they hold is lost.", "", len(self.drafts))
        if confirm(self, self.windowTitle(), question, self.tr("Discard all")):
            self._each(self._discard)

    def _each(self, act: Callable[[DraftView], None]) -> None:
        for draft in list(self.drafts):
            act(draft)
        self.reload()


def offer_drafts(window: MainWindow) -> None:
    """Called once the window is up: when drafts were left behind, offer them back."""
    engine = window.engine
    with store.transaction(engine) as session:
        if not drafts.list_drafts(session):
            return

    def restore(draft: DraftView) -> None:
        from organiser.ui.draft_forms import reopen  # the forms load only when needed

        form = reopen(engine, draft, window)
        if form is not None and form.exec() == QDialog.DialogCode.Accepted:
            window.refresh_pages()

    DraftsDialog(engine, restore, window).exec()
