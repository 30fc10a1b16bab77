"""Slow reads leave the GUI thread free: Export all's planning and the Dashboard's sections run
in the background helper, and the window answers (its progress dialog shows, the page says it
is reading) while they are still going. A planner held back on purpose stands for a large
database; nothing here is timed."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QFileDialog, QProgressDialog
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from organiser.services import letter_register
from organiser.ui.pages import dashboard as dashboard_page
from organiser.ui.pages import letters as letters_page
from organiser.ui.pages.dashboard import DashboardPage
from organiser.ui.pages.letters import LettersPage
from tests.ui.helpers import built


class HeldBack:
    """Wraps a slow function: it waits until released, and says on which thread it ran."""

    def __init__(self, function: Any) -> None:
        self.function = function
        self.release = threading.Event()
        self.entered = threading.Event()
        self.threads: list[threading.Thread] = []

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        self.threads.append(threading.current_thread())
        self.entered.set()
        assert self.release.wait(30), "never released"
        return self.function(*args, **kwargs)


def test_export_all_plans_off_the_gui_thread_behind_its_progress_dialog(
    qtbot: QtBot, demo: Engine, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    page = LettersPage(demo)
    qtbot.addWidget(page)
    built(qtbot, page)
    page.show()
    planner = HeldBack(letter_register.plan_export)
    monkeypatch.setattr(letter_register, "plan_export", planner)
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *_a, **_k: str(tmp_path))
    told: list[str] = []
    monkeypatch.setattr(letters_page, "show_info", lambda _p, _t, message: told.append(message))
    page.export_all_action.trigger()  # returns at once: the plan is not made here
    assert not told
    qtbot.waitUntil(planner.entered.is_set)
    assert planner.threads[0] is not threading.main_thread()
    progress = page.findChildren(QProgressDialog)
    assert len(progress) == 1
    qtbot.waitUntil(progress[0].isVisible, timeout=5000)  # shown while the plan is not done
    assert not planner.release.is_set() and not told
    planner.release.set()
    qtbot.waitUntil(lambda: bool(told), timeout=30000)
    assert told[0].endswith(f"written to {tmp_path}.")
    assert len(list(tmp_path.glob("*.pdf"))) == int(told[0].split()[0])


def test_the_dashboard_reads_its_sections_off_the_gui_thread(
    qtbot: QtBot, demo: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    reader = HeldBack(dashboard_page.dashboard)
    monkeypatch.setattr(dashboard_page, "dashboard", reader)
    page = DashboardPage(demo)  # it refreshes as it is made: that returns at once
    qtbot.addWidget(page)
    assert page.loading and page.summary is None
    assert "Reading the database" in page.heading.text()
    qtbot.waitUntil(reader.entered.is_set)
    assert reader.threads[0] is not threading.main_thread()
    page.refresh()  # asked again meanwhile: read once more after, not twice at once
    assert len(reader.threads) == 1
    reader.release.set()
    qtbot.waitUntil(lambda: len(reader.threads) == 2 and not page.loading, timeout=10000)
    assert page.summary is not None and "Today" in page.heading.text()
    assert "(2)" in page.people.heading.text()  # the sample data's people at risk
