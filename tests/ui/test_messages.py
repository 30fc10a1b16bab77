"""Message boxes show what they are given as plain text: a name that looks like markup is shown
as typed, never rendered."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from organiser.ui.dialogs.messages import confirm, show_error


def _answer_first_box(seen: list[tuple[str, Qt.TextFormat]], button: str | None = None) -> None:
    def answer() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen.append((box.text(), box.textFormat()))
        if button is None:
            box.accept()
        else:
            (chosen,) = [b for b in box.buttons() if b.text() == button]
            chosen.click()

    QTimer.singleShot(0, answer)


def test_an_error_naming_markup_shows_it_as_typed(qtbot: QtBot) -> None:
    seen: list[tuple[str, Qt.TextFormat]] = []
    _answer_first_box(seen)
    show_error(None, "Import", "Cannot read <img src=x> <b>KCTU</b>.csv")
    assert seen == [("Cannot read <img src=x> <b>KCTU</b>.csv", Qt.TextFormat.PlainText)]


def test_a_confirmation_is_plain_and_its_button_translatable(qtbot: QtBot) -> None:
    seen: list[tuple[str, Qt.TextFormat]] = []
    _answer_first_box(seen, "Delete")
    assert confirm(None, "Delete", "Delete <i>Unite</i>?")
    assert seen == [("Delete <i>Unite</i>?", Qt.TextFormat.PlainText)]
