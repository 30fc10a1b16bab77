"""Encryption in the window: the passphrase asked at start, and File › Encrypt this database…
(a new passphrase typed twice, and where the recovery sheet goes)."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from organiser import cipher, store
from organiser.errors import OrganiserError
from organiser.services import encryption
from organiser.services.encryption import EncryptionDone
from organiser.ui.dialogs.messages import show_error, show_info
from organiser.ui.workers import run_in_background

if TYPE_CHECKING:
    from organiser.ui.main_window import MainWindow


def _tr(text: str) -> str:
    return QCoreApplication.translate("Encryption", text)


def passphrase_asker(parent: QWidget | None) -> cipher.AskPassphrase:
    """ORGANISER_PASSPHRASE when a script set it (one try); else a dialog, told after a wrong
    try that the passphrase did not open the database."""

    def ask(path: Path, attempt: int) -> str | None:
        given = os.environ.get(cipher.PASSPHRASE_ENV)
        if given is not None:
            return given if attempt == 1 else None
        label = _tr("The database %s is encrypted. Its passphrase:") % path.name
        if attempt > 1:
            label = (
                _tr("That passphrase does not open %s (try %d of %d).")
                % (path.name, attempt, cipher.TRIES)
                + "\n"
                + label
            )
        text, accepted = QInputDialog.getText(
            parent, _tr("Passphrase"), label, QLineEdit.EchoMode.Password
        )
        return text if accepted else None

    return ask


class EncryptDialog(QDialog):
    """A new passphrase typed twice and the recovery sheet's file; explains what follows."""

    def __init__(self, database: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Encrypt this database"))
        explanation = QLabel(
            self.tr(
                "The database and its kept backups are rewritten encrypted: without the "
                "passphrase, nobody can read them, not even from a seized computer.\n\n"
                "A recovery sheet (a PDF) is written too. It holds a recovery key that opens "
                "the database if the passphrase is forgotten. Print it, keep the paper away "
                "from the computer, and delete the file."
            ),
            self,
        )
        explanation.setWordWrap(True)
        explanation.setTextFormat(Qt.TextFormat.PlainText)
        self.passphrase = QLineEdit(self)
        self.again = QLineEdit(self)
        for field in (self.passphrase, self.again):
            field.setEchoMode(QLineEdit.EchoMode.Password)
        self.sheet = QLineEdit(self)
        suggested = f"recovery-sheet-{database.stem}-{date.today().isoformat()}.pdf"
        self.sheet.setText(str(Path.home() / suggested))
        browse = QPushButton(self.tr("Choose…"), self)
        browse.clicked.connect(self._choose_sheet)
        sheet_row = QHBoxLayout()
        sheet_row.addWidget(self.sheet, 1)
        sheet_row.addWidget(browse)
        self.problem = QLabel(self)
        self.problem.setStyleSheet("color: #b3261e")
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        form = QFormLayout()
        form.addRow(self.tr("New passphrase:"), self.passphrase)
        form.addRow(self.tr("The passphrase again:"), self.again)
        form.addRow(self.tr("Recovery sheet:"), sheet_row)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Encrypt"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)

    def _choose_sheet(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Recovery sheet"), self.sheet.text(), self.tr("PDF (*.pdf)")
        )
        if path:
            self.sheet.setText(path)

    def accept(self) -> None:
        if self.passphrase.text() != self.again.text():
            self.problem.setText(self.tr("The two passphrases differ."))
        elif len(self.passphrase.text()) < cipher.MIN_PASSPHRASE:
            self.problem.setText(
                self.tr("A passphrase needs at least %d characters.") % cipher.MIN_PASSPHRASE
            )
        elif not self.sheet.text().strip():
            self.problem.setText(self.tr("Choose where the recovery sheet goes."))
        else:
            super().accept()


def encrypt_this_database(window: MainWindow) -> None:
    """File › Encrypt this database…: the dialog, the rewrite off the GUI thread, the database
    opened again with its new key, and what to do with the sheet."""
    engine = window.engine
    if store.engine_key(engine) is not None:
        show_info(window, _tr("Encrypt this database"), _tr("This database is encrypted."))
        return
    path = store.sqlite_path(engine.url.render_as_string(hide_password=False))
    if path is None:
        show_error(window, _tr("Encrypt this database"), _tr("Only a database file is encrypted."))
        return
    dialog = EncryptDialog(path, window)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return
    passphrase, sheet = dialog.passphrase.text(), Path(dialog.sheet.text().strip())
    window.let_go_of_database()

    def done(result: EncryptionDone) -> None:
        window.switch_database(str(path))
        show_info(
            window,
            _tr("Encrypt this database"),
            _tr(
                "The database is encrypted. Print the recovery sheet %s, keep the paper apart "
                "from the computer, then delete the file.\n\nCopies made before (backups "
                "saved to files you chose, archives) are not encrypted: delete them."
            )
            % result.recovery_sheet,
        )

    def failed(error: OrganiserError) -> None:
        window.switch_database(str(path))
        show_error(window, _tr("Encrypt this database"), str(error))

    run_in_background(
        window,
        _tr("Encrypting"),
        lambda _progress: encryption.encrypt_database(engine, passphrase, sheet),
        done,
        failed,
        database=engine,
    )
