"""Background jobs: results and errors come back on the GUI thread, and whatever the work held —
a page, a dialog — is let go of on the GUI thread, never on the job's own thread (a widget
freed there was deleted outside the GUI thread and crashed the window later)."""

from __future__ import annotations

import threading
from typing import Any

import shiboken6
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from organiser.errors import ValidationError
from organiser.ui.workers import Progress, run_in_background


class Witness:
    """Remembers the thread it was freed on."""

    def __init__(self, freed_on: list[str]) -> None:
        self.freed_on = freed_on

    def __del__(self) -> None:
        self.freed_on.append(threading.current_thread().name)


def test_what_the_work_holds_is_let_go_of_on_the_gui_thread(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    freed_on: list[str] = []
    results: list[Any] = []
    for _ in range(20):
        held = Witness(freed_on)

        def work(progress: Progress, held: Witness = held) -> int:
            progress.report(1, 2)
            return id(held) and 7

        run_in_background(parent, "job", work, results.append, show_progress=False)
        del held, work  # from here on only the job holds it
    qtbot.waitUntil(lambda: len(results) == 20, timeout=10_000)
    qtbot.waitUntil(lambda: len(freed_on) == 20, timeout=10_000)
    assert results == [7] * 20
    assert set(freed_on) == {threading.main_thread().name}


def test_a_refusal_reaches_the_failure_callback_on_the_gui_thread(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    failures: list[tuple[str, str]] = []

    def work(_progress: Progress) -> None:
        raise ValidationError("file", "Cannot read x.csv: No such file.")

    run_in_background(
        parent,
        "job",
        work,
        lambda _result: None,
        lambda message: failures.append((message, threading.current_thread().name)),
        show_progress=False,
    )
    qtbot.waitUntil(lambda: bool(failures), timeout=5000)
    assert failures == [("Cannot read x.csv: No such file.", threading.main_thread().name)]


def test_cancel_ends_the_job_without_a_result(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    started, results = threading.Event(), []

    def work(progress: Progress) -> str:
        started.set()
        while True:
            progress.report(0, 0)  # raises once cancelled
            threading.Event().wait(0.01)

    progress = run_in_background(parent, "job", work, results.append, show_progress=False)
    assert started.wait(5)
    progress.cancel()
    qtbot.waitUntil(
        lambda: not any(t.name == "job: job" for t in threading.enumerate()), timeout=5000
    )
    qtbot.wait(50)  # the news of the cancel reaches the GUI thread
    assert results == [] and progress.cancelled()


def test_an_ended_job_keeps_nothing_of_its_callbacks(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    freed_on: list[str] = []
    results: list[Any] = []
    witness = Witness(freed_on)

    def on_success(result: Any, witness: Witness = witness) -> None:
        results.append(result)

    run_in_background(parent, "job", lambda _progress: 1, on_success, show_progress=False)
    del witness, on_success
    qtbot.waitUntil(lambda: results == [1], timeout=5000)
    qtbot.waitUntil(lambda: freed_on == [threading.main_thread().name], timeout=5000)


def test_a_job_whose_window_was_closed_ends_without_calling_back(qtbot: QtBot) -> None:
    parent = QWidget()
    release = threading.Event()
    results: list[Any] = []

    def work(_progress: Progress) -> int:
        release.wait(5)
        return 1

    run_in_background(parent, "job", work, results.append)
    shiboken6.delete(parent)  # the dialog closed and deleted while the job runs
    release.set()
    qtbot.waitUntil(
        lambda: not any(t.name == "job: job" for t in threading.enumerate()), timeout=5000
    )
    qtbot.wait(50)
    assert results == []
