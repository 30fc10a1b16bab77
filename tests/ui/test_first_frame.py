"""The window's first frame: painted with the Dashboard the last session kept, before the
database machinery is loaded; then the database's own Dashboard, in the same sections."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from organiser import app as start
from organiser.services import first_frame
from organiser.services.dashboard import dashboard
from organiser.services.dashboard_view import Section
from organiser.ui import settings
from organiser.ui.calendar.zones import organiser_zone
from organiser.ui.dashboard.board import DashboardBoard
from organiser.ui.dashboard.section import ALERT_COLOUR
from organiser.ui.main_window import MainWindow
from organiser.ui.pages.dashboard import DashboardPage
from organiser.ui.pages.letters import LettersPage

ROOT = Path(__file__).resolve().parent.parent.parent


def test_the_frame_shows_the_kept_dashboard_then_the_databases_own(
    qtbot: QtBot, demo: Engine
) -> None:
    live = dashboard(demo)
    kept = replace(live, upcoming=Section((), 0))  # as it was at the last close
    window = MainWindow(None, "sample", first_frame=first_frame.KeptFrame(kept, "UTC"))
    qtbot.addWidget(window)
    window.show()
    board = window.stack.currentWidget()
    assert isinstance(board, DashboardBoard) and not window.attached
    assert board.upcoming.entries() == [] and board.people.entries()
    assert "Today" in board.heading.text()
    # set without the `Qt` namespace (section.py), still what they should be:
    lists = [section.list for section in board.sections()]
    off = Qt.ScrollBarPolicy.ScrollBarAlwaysOff
    assert {(v.horizontalScrollBarPolicy(), v.verticalScrollBarPolicy()) for v in lists} == {
        (off, off)
    }
    overdue = board.overdue.list.item(0)
    assert overdue.foreground().color().name() == ALERT_COLOUR
    window.attach(demo, "sample")
    page = window.stack.currentWidget()
    assert isinstance(page, DashboardPage) and page.overview is board  # taken over, not rebuilt
    qtbot.waitUntil(
        lambda: len(board.upcoming.entries()) == len(live.upcoming.items), timeout=30_000
    )
    assert page.summary is not None and page.summary.upcoming == live.upcoming


def test_closing_the_window_keeps_its_dashboard_for_the_next_start(
    qtbot: QtBot, demo: Engine, db_path: Path
) -> None:
    window = MainWindow(demo)
    qtbot.addWidget(window)
    window.show()
    page = window.page(DashboardPage)
    assert isinstance(page, DashboardPage)
    qtbot.waitUntil(lambda: page.summary is not None, timeout=30_000)
    assert first_frame.read_kept(db_path) is None
    window.close()
    assert first_frame.read_kept(db_path) == first_frame.KeptFrame(page.summary, organiser_zone())


def test_another_page_remembered_is_built_once_the_database_is_given(
    qtbot: QtBot, demo: Engine
) -> None:
    settings.save_text("window/page", "Letters")
    window = MainWindow(None, first_frame=first_frame.KeptFrame(dashboard(demo), "UTC"))
    qtbot.addWidget(window)
    window.show()
    assert window.sidebar.currentRow() == 4 and window.pages == [None] * 7
    assert not isinstance(window.stack.widget(0), DashboardBoard)  # not the page to be shown
    window.attach(demo)
    assert isinstance(window.stack.currentWidget(), LettersPage)


# Started as `organiser --db FILE` starts: reports the first paint, then the Dashboard read.
START = """
import json, os, sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

seen = []

def report(window):
    board = window.stack.widget(0)
    seen.append({
        "sqlalchemy": any(name.startswith("sqlalchemy") for name in sys.modules),
        "attached": window.attached,
        "heading": board.heading.text() if hasattr(board, "heading") else "",
        "upcoming": len(board.upcoming.entries()) if hasattr(board, "upcoming") else -1,
    })

class Watch(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and isinstance(watched, QMainWindow) and not seen:
            QTimer.singleShot(0, lambda: report(watched))
            QTimer.singleShot(0, lambda: poll(watched))
        return False

def poll(window):
    page = window.pages[0]
    if page is not None and page.summary is not None and not page.loading:
        report(window)
        print(json.dumps(seen), flush=True)
        window.close()
    else:
        QTimer.singleShot(50, lambda: poll(window))

app = QApplication(sys.argv[:1])
watch = Watch()
app.installEventFilter(watch)
from organiser.cli import main
main(["--db", sys.argv[1]])
"""


def started(db_path: Path) -> tuple[dict, dict]:
    """`organiser --db FILE` in a fresh process: what its first paint and its Dashboard read
    showed (START)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", START, str(db_path)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    first, after = json.loads(done.stdout.strip().splitlines()[-1])
    return first, after


def test_the_real_start_paints_the_kept_dashboard_before_loading_sqlalchemy(
    demo: Engine, db_path: Path
) -> None:
    live = dashboard(demo)
    first_frame.keep(demo, replace(live, upcoming=Section((), 0)), "UTC")
    demo.dispose()
    first, after = started(db_path)
    assert first == {
        "sqlalchemy": False,
        "attached": False,
        "heading": first["heading"],
        "upcoming": 0,
    }
    assert "Today" in first["heading"]
    assert after["attached"] and after["upcoming"] == len(live.upcoming.items) > 0
    # and the close kept what the database showed, for the next start
    kept = first_frame.read_kept(db_path)
    assert kept is not None and kept.summary.upcoming == live.upcoming


def test_a_database_that_then_fails_to_open_closes_the_frame_without_an_error(
    qtbot: QtBot, demo: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = MainWindow(None, first_frame=first_frame.KeptFrame(dashboard(demo), "UTC"))
    qtbot.addWidget(window)
    window.show()
    exits: list[int] = []
    monkeypatch.setattr(start.QCoreApplication, "exit", lambda code=0: exits.append(code))
    monkeypatch.setattr(start, "open_or_recover", lambda _choice: None)  # it said why
    start._open_in(window, "unused")
    assert not window.isVisible() and not window.attached and exits == [2]


def test_with_nothing_kept_the_frame_is_painted_first_and_the_dashboard_comes_after(
    demo: Engine, db_path: Path
) -> None:
    live = dashboard(demo)
    demo.dispose()
    first, after = started(db_path)
    assert first == {"sqlalchemy": False, "attached": False, "heading": "", "upcoming": -1}
    assert after["attached"] and after["upcoming"] == len(live.upcoming.items) > 0


def test_a_frame_never_painted_still_gets_its_database(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QWidget

    hidden = QWidget()  # never shown, so never painted
    qtbot.addWidget(hidden)
    called: list[str] = []
    start._AfterFirstPaint(hidden, lambda: called.append("opened"), at_latest_ms=50)
    qtbot.waitUntil(lambda: called == ["opened"], timeout=5000)
    qtbot.wait(100)
    assert called == ["opened"]  # once


def test_a_painted_frame_gets_it_once(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QWidget

    shown = QWidget()
    qtbot.addWidget(shown)
    called: list[str] = []
    start._AfterFirstPaint(shown, lambda: called.append("opened"), at_latest_ms=300)
    shown.show()
    qtbot.waitUntil(lambda: called == ["opened"], timeout=5000)
    shown.update()
    qtbot.wait(400)  # past the latest time too
    assert called == ["opened"]
