"""Encryption in the window: the passphrase dialog at start (three wrong tries end the start,
nothing changed), and File › Encrypt this database… on a real SQLCipher file."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from organiser import app, cipher, store
from organiser.services import encryption
from organiser.ui import encryption as window_encryption
from organiser.ui.encryption import EncryptDialog
from organiser.ui.main_window import MainWindow
from tests.cipher_helpers import quick_keys

pytestmark = pytest.mark.usefixtures(quick_keys.__name__)
PASSPHRASE = "a long passphrase"


def encrypted_file(db_path: Path, tmp_path: Path) -> str:
    encryption.encrypt_database(db_path, PASSPHRASE, tmp_path / "sheet.pdf")
    cipher.forget_all()
    return hashlib.sha256(db_path.read_bytes()).hexdigest()


def typed(monkeypatch: pytest.MonkeyPatch, answers: list[str]) -> list[str]:
    """The passphrase dialog answers in turn; returns the labels it showed."""
    labels: list[str] = []

    def get_text(_parent: object, _title: str, label: str, _echo: object) -> tuple[str, bool]:
        labels.append(label)
        return answers.pop(0), True

    monkeypatch.setattr(window_encryption.QInputDialog, "getText", get_text)
    return labels


def test_three_wrong_passphrases_end_the_start_and_change_nothing(
    qtbot: QtBot, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = encrypted_file(db_path, tmp_path)
    labels = typed(monkeypatch, ["wrong one", "wrong two", "wrong three"])
    shown: list[str] = []
    monkeypatch.setattr(app.QMessageBox, "critical", lambda _p, _t, text: shown.append(text))
    assert app.main(str(db_path)) == 2
    assert len(labels) == 3 and "does not open" in labels[1] and "try 3 of 3" in labels[2]
    assert "3 wrong passphrases" in shown[0]
    assert hashlib.sha256(db_path.read_bytes()).hexdigest() == before


def test_the_right_passphrase_at_the_second_try_opens_it(
    qtbot: QtBot, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    encrypted_file(db_path, tmp_path)
    typed(monkeypatch, ["wrong one", PASSPHRASE])
    engine = app.open_or_recover(str(db_path))
    assert engine is not None and store.engine_key(engine) is not None
    engine.dispose()


def test_encrypt_dialog_refuses_passphrases_that_differ(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = EncryptDialog(tmp_path / "db.sqlite3")
    qtbot.addWidget(dialog)
    dialog.passphrase.setText("one long passphrase")
    dialog.again.setText("another long passphrase")
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "differ" in dialog.problem.text()


def test_file_encrypt_rewrites_the_open_database_and_shows_it_again(
    qtbot: QtBot, window: MainWindow, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sheet = tmp_path / "sheet.pdf"

    def fill_and_accept(dialog: EncryptDialog) -> int:
        dialog.passphrase.setText(PASSPHRASE)
        dialog.again.setText(PASSPHRASE)
        dialog.sheet.setText(str(sheet))
        dialog.accept()
        return int(dialog.result())

    monkeypatch.setattr(EncryptDialog, "exec", fill_and_accept)
    told: list[str] = []
    monkeypatch.setattr(window_encryption, "show_info", lambda _w, _t, text: told.append(text))
    monkeypatch.setattr(window_encryption, "show_error", lambda _w, _t, text: told.append(text))
    window.menus.encrypt_action.trigger()
    qtbot.waitUntil(lambda: bool(told), timeout=20000)
    assert "Print the recovery sheet" in told[0]
    assert cipher.is_encrypted(db_path) and sheet.exists()
    assert store.engine_key(window.engine) is not None
    window.menus.encrypt_action.trigger()  # once more: it says so, and changes nothing
    assert told[-1] == "This database is encrypted."
