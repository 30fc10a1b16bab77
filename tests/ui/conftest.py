"""Widget tests start from no remembered window layout; the main window and sample data."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from organiser import store
from organiser.services.demo import load_demo
from organiser.ui.collector import collect_on_gui_thread
from organiser.ui.main_window import MainWindow
from organiser.ui.plurals import install_english_plurals
from organiser.ui.settings import qsettings


@pytest.fixture(scope="session", autouse=True)
def _english_plurals(qapp: QApplication) -> None:
    """As the program does at start: "1 letter", not "1 letter(s)"."""
    install_english_plurals(qapp)
    collect_on_gui_thread(qapp)  # as the program does: cycles collected on the GUI thread only


@pytest.fixture(autouse=True)
def _forget_window_layout() -> None:
    qsettings().clear()


@pytest.fixture
def window(qtbot: QtBot, engine: Engine) -> MainWindow:
    """The main window on the test's database, shown and active (window shortcuts need it)."""
    main = MainWindow(engine)
    qtbot.addWidget(main)
    main.show()
    main.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is main)
    return main


@pytest.fixture
def demo(engine: Engine) -> Engine:
    """The test's database with the sample campaigns loaded."""
    with store.transaction(engine) as session:
        load_demo(session)
    return engine
