"""Cycles are collected on the GUI thread only: never by a background thread that allocates."""

from __future__ import annotations

import gc
import threading

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from organiser.ui.collector import collect_on_gui_thread


class Cycle:
    def __init__(self, freed: list[str]) -> None:
        self.me = self
        self.freed = freed

    def __del__(self) -> None:
        self.freed.append(threading.current_thread().name)


def test_a_cycle_made_anywhere_is_collected_on_the_gui_thread(
    qapp: QApplication, qtbot: QtBot
) -> None:
    collect_on_gui_thread(qapp)
    assert not gc.isenabled()
    freed: list[str] = []
    kept: list[list[int]] = []

    def churn() -> None:
        Cycle(freed)
        kept.extend([] for _ in range(5 * gc.get_threshold()[0]))  # gc would collect here

    worker = threading.Thread(target=churn, name="worker")
    worker.start()
    worker.join()
    assert freed == []  # not collected by the worker that allocated
    qtbot.waitUntil(lambda: freed == [threading.main_thread().name], timeout=5000)
    kept.clear()
