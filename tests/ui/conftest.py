"""Widget tests start from no remembered window layout."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from organiser.ui.plurals import install_english_plurals
from organiser.ui.settings import qsettings


@pytest.fixture(scope="session", autouse=True)
def _english_plurals(qapp: QApplication) -> None:
    """As the program does at start: "1 letter", not "1 letter(s)"."""
    install_english_plurals(qapp)


@pytest.fixture(autouse=True)
def _forget_window_layout() -> None:
    qsettings().clear()
