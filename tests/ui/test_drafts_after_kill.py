"""After a crash or a kill the next start offers drafts back; quitting asks about open forms."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLabel
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from organiser import app, store
from organiser.models import utc_now
from organiser.services import campaigns, drafts
from organiser.ui.dialogs import drafts_dialog
from organiser.ui.dialogs import form as form_module
from organiser.ui.dialogs.campaign_form import CampaignForm
from organiser.ui.dialogs.drafts_dialog import DraftsDialog, typed_ago
from organiser.ui.dialogs.messages import Answer
from organiser.ui.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]
TITLE = "Solidarity with the Busan dockers"


def draft_payloads(db_path: Path) -> list[str]:
    """The drafts in the file on disk, read without creating or writing it."""
    try:
        with sqlite3.connect(f"{db_path.as_uri()}?mode=ro", uri=True) as raw:
            return [row[0] for row in raw.execute("SELECT payload FROM draft")]
    except sqlite3.Error:  # not made yet by the child
        return []


def start_child(db_path: Path, home: Path) -> subprocess.Popen[str]:
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        ORGANISER_DB=str(db_path),
        PYTHONPATH=str(ROOT),
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_DATA_HOME=str(home / "data"),
    )
    command = [sys.executable, "-m", "tests.draft_child", str(db_path), TITLE]
    return subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def test_a_form_typed_in_before_a_kill_is_offered_back_at_the_next_start(
    qtbot: QtBot, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    child = start_child(db_path, tmp_path / "child-home")
    try:
        qtbot.waitUntil(
            lambda: child.poll() is not None or any(TITLE in p for p in draft_payloads(db_path)),
            timeout=60000,
        )
        assert child.poll() is None, child.communicate()
    finally:
        child.send_signal(signal.SIGKILL)
        child.communicate()
    assert child.returncode == -signal.SIGKILL

    offered: list[str] = []
    restored: list[tuple[str, bool]] = []

    def choose_restore(dialog: DraftsDialog) -> int:
        offered.extend(label.text() for label in dialog.findChildren(QLabel))
        qtbot.mouseClick(dialog.row_button(0, 1), Qt.MouseButton.LeftButton)
        return 0

    def look_and_save(form: CampaignForm) -> int:
        restored.append((form.title_edit.text(), form.has_changes()))
        save = form.buttons.button(QDialogButtonBox.StandardButton.Save)
        qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
        return int(form.result())

    def run_until_restored(_app: Any) -> int:
        qtbot.waitUntil(lambda: bool(restored), timeout=20000)
        return 0

    monkeypatch.setattr(DraftsDialog, "exec", choose_restore)
    monkeypatch.setattr(CampaignForm, "exec", look_and_save)
    monkeypatch.setattr(QApplication, "exec", run_until_restored)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    assert app.main(str(db_path)) == 0

    assert any(f"New campaign “{TITLE}” — typed" in text for text in offered)
    assert restored == [(TITLE, True)]
    engine = store.open_database(str(db_path))
    with store.transaction(engine) as session:
        assert [c.title for c in campaigns.list_campaigns(session)] == [TITLE]
        assert drafts.list_drafts(session) == []
    engine.dispose()


def test_quitting_with_a_changed_open_form_asks_and_cancel_keeps_both_open(
    qtbot: QtBot, engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = [Answer.CANCEL, Answer.DISCARD]
    monkeypatch.setattr(form_module, "ask_discard_changes", lambda _p, _t: answers.pop(0))
    window = MainWindow(engine)
    qtbot.addWidget(window)
    window.show()
    form = CampaignForm(engine, parent=window)
    form.setModal(False)  # as a letter editor beside the window may be
    form.show()
    qtbot.keyClicks(form.title_edit, "Unsaved")
    window.close()
    assert window.isVisible() and form.isVisible()
    window.close()
    assert not window.isVisible() and not form.isVisible()
    assert answers == []


def keep(engine: Engine, key: str, label: str) -> None:
    with store.transaction(engine) as session:
        drafts.save_draft(session, key, key.split(":")[0], None, label, {"title": label})


def test_the_drafts_dialog_lists_each_draft_and_discards_one_or_all(
    qtbot: QtBot, engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    keep(engine, "campaign:new:a", "New campaign “A”")
    keep(engine, "campaign:new:b", "New campaign “B”")
    dialog = DraftsDialog(engine, lambda _draft: None)
    qtbot.addWidget(dialog)
    dialog.show()
    assert [d.label for d in dialog.drafts] == ["New campaign “B”", "New campaign “A”"]
    qtbot.mouseClick(dialog.row_button(0, 2), Qt.MouseButton.LeftButton)
    assert [d.label for d in dialog.drafts] == ["New campaign “A”"]
    monkeypatch.setattr(drafts_dialog, "confirm", lambda *_args: True)
    qtbot.mouseClick(dialog.discard_all, Qt.MouseButton.LeftButton)
    with store.transaction(engine) as session:
        assert drafts.list_drafts(session) == []
    assert not dialog.isVisible()


def test_the_age_of_a_draft_is_said_in_the_largest_unit() -> None:
    now = utc_now()
    assert typed_ago(now - timedelta(seconds=20), now) == "typed less than a minute ago"
    assert typed_ago(now - timedelta(minutes=5, seconds=9), now) == "typed 5 minutes ago"
    assert typed_ago(now - timedelta(minutes=1, seconds=9), now) == "typed 1 minute ago"
    assert typed_ago(now - timedelta(hours=3), now) == "typed 3 hours ago"
    assert typed_ago(now - timedelta(days=2, hours=1), now) == "typed 2 days ago"
