"""Cycles are collected on the GUI thread only: never by a background thread that allocates."""

from __future__ import annotations

import gc
import threading

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from organiser.ui.collector import collect_on_gui_thread
from organiser.ui.main_window import MainWindow


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


def test_what_a_page_brings_is_kept_out_of_the_full_collections(
    qapp: QApplication, qtbot: QtBot
) -> None:
    """Once a page is built, what exists is frozen (a full collection no longer goes through
    the whole program); a cycle made after is still collected on the GUI thread."""
    from organiser.ui.collector import keep_as_long_lived

    collect_on_gui_thread(qapp)
    gc.unfreeze()
    keep_as_long_lived()
    frozen = gc.get_freeze_count()
    assert frozen > 0 and gc.get_count()[2] == 0
    freed: list[str] = []
    Cycle(freed)
    gc.collect()
    assert freed == [threading.current_thread().name]
    assert gc.get_freeze_count() == frozen


def test_the_window_freezes_what_each_page_it_builds_brings(window: MainWindow) -> None:
    gc.unfreeze()
    assert gc.get_freeze_count() == 0
    window.sidebar.setCurrentRow(1)  # Campaigns, built now
    assert gc.get_freeze_count() > 0
