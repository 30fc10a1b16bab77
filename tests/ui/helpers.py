"""Driving modal forms in widget tests: `exec()` becomes filling the form and pressing Save."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox
from pytestqt.qtbot import QtBot


def drive_form(
    monkeypatch: pytest.MonkeyPatch,
    qtbot: QtBot,
    form_class: type[QDialog],
    fill: Callable[[Any], None],
) -> list[Any]:
    """Each time the page opens `form_class`, fill it and click Save; returns the forms opened."""
    opened: list[Any] = []

    def fake_exec(form: Any) -> int:
        opened.append(form)
        fill(form)
        save = form.buttons.button(QDialogButtonBox.StandardButton.Save)
        qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
        return int(form.result())

    monkeypatch.setattr(form_class, "exec", fake_exec)
    return opened


def dashboard_read(page: Any, seconds: float = 20.0) -> Any:
    """The Dashboard page once its sections have been read (off the GUI thread) and shown."""
    import time

    from PySide6.QtWidgets import QApplication

    deadline = time.monotonic() + seconds
    while page.loading or page.summary is None:
        if time.monotonic() > deadline:
            raise AssertionError("the Dashboard was not read in time")
        QApplication.processEvents()
        time.sleep(0.005)
    return page


def pick(picker: Any, row: int = 0, typed: str = "") -> int | None:
    """Choose in an organisation or person picker as a person would: type (or open the list
    of all), highlight the `row`-th choice ("(none)" is row 0 of the full list where allowed),
    Enter; the id chosen."""
    from PySide6.QtTest import QTest

    picker.setFocus()
    if typed:
        picker.setText(typed)
        picker.textEdited.emit(typed)
    else:
        picker.open_list()
    while picker.pages.rowCount() <= row and picker.pages.canFetchMore():
        picker.pages.fetchMore()
    picker.popup.setCurrentIndex(picker.pages.index(row))
    QTest.keyClick(picker.popup, Qt.Key.Key_Return)
    return picker.value()


def built(qtbot: QtBot | None, page: Any, timeout: int = 10_000) -> Any:
    """A page once the rows it reads as it is built (its first page and count, off the GUI
    thread) are shown; without a qtbot, by running the event loop until then."""
    if qtbot is not None:
        qtbot.waitUntil(page.settled, timeout=timeout)
        return page
    import time

    from PySide6.QtWidgets import QApplication

    deadline = time.monotonic() + timeout / 1000
    while not page.settled():
        if time.monotonic() > deadline:
            raise AssertionError("the page's first rows were not read in time")
        QApplication.processEvents()
        time.sleep(0.005)
    return page
