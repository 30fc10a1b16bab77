"""The keyboard shortcuts' table model, over a menu bar of its own: translated headers, one row
per command with keys (menu and command without their mnemonics), and the keys pages answer to."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMenuBar
from pytestqt.qtbot import QtBot

from organiser.ui.dialogs.help import ShortcutsDialog
from tests.ui import model_probe as probe


def menu_bar(qtbot: QtBot) -> QMenuBar:
    bar = QMenuBar()
    qtbot.addWidget(bar)
    menu = bar.addMenu("&File")
    menu.addAction("&New campaign").setShortcuts([QKeySequence("Ctrl+N")])
    menu.addAction("Export &archive…")  # no keys: not listed
    bar.addMenu("&Edit").addAction("&Undo").setShortcut(QKeySequence("Ctrl+Z"))
    return bar


def native(keys: str) -> str:
    return QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText)


def test_the_shortcuts_model_lists_each_command_with_keys(qtbot: QtBot) -> None:
    dialog = ShortcutsDialog(menu_bar(qtbot))
    qtbot.addWidget(dialog)
    assert probe.headers(dialog.model) == ["Menu", "Command", "Keys"]
    assert probe.rows(dialog.model) == [
        ["File", "New campaign", native("Ctrl+N")],
        ["Edit", "Undo", native("Ctrl+Z")],
        ["", "Reload the list shown", "F5"],
    ]
    assert probe.rows(dialog.model, probe.TIP) == [[None] * 3] * 3
    assert probe.colours(dialog.model, "Keys", probe.BACKGROUND) == [None] * 3


def test_headers_are_translated(qtbot: QtBot) -> None:
    bar = menu_bar(qtbot)
    dialogs: list[ShortcutsDialog] = []  # the model lives as long as its dialog

    def model() -> object:
        dialogs.append(ShortcutsDialog(bar))
        qtbot.addWidget(dialogs[-1])
        return dialogs[-1].model

    probe.assert_headers_translated(model)
