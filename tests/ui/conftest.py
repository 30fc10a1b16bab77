"""Widget tests start from no remembered window layout."""

from __future__ import annotations

import pytest

from organiser.ui.settings import qsettings


@pytest.fixture(autouse=True)
def _forget_window_layout() -> None:
    qsettings().clear()
