"""The window says once, without blocking it, that the database lies in a synchronised folder
or on a network share."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from organiser import store
from organiser.services import placement
from organiser.ui.main_window import MainWindow


def test_a_database_in_a_dropbox_folder_is_warned_about_once(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(placement, "MOUNTS", tmp_path / "no-mount-table")
    engine = store.open_database(str(tmp_path / "Dropbox" / "organiser.sqlite3"))
    window = MainWindow(engine)
    qtbot.addWidget(window)
    try:
        box = window.warn_if_shared()
        assert box is not None and not box.isModal() and box.isVisible()
        assert "Dropbox" in box.text() and str(tmp_path / "Dropbox") in box.text()
        box.close()
        assert window.warn_if_shared() is None  # remembered: not said again
    finally:
        engine.dispose()


def test_a_database_on_this_computers_disk_gets_no_warning(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "mounts").write_text("/dev/vda1 / ext4 rw 0 0\n")
    monkeypatch.setattr(placement, "MOUNTS", tmp_path / "mounts")
    assert window.warn_if_shared() is None
