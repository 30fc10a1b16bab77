"""Starting the window on a database it must not touch: a message, exit status 2, no window."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from organiser import app, store


def test_a_database_from_a_newer_program_is_refused_with_a_message(
    qtbot: QtBot, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.open_database(str(db_path)).dispose()
    with sqlite3.connect(db_path) as raw:
        raw.execute("PRAGMA journal_mode=DELETE")
        raw.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    before = hashlib.sha256(db_path.read_bytes()).hexdigest()
    shown: list[str] = []
    monkeypatch.setattr(app.QMessageBox, "critical", lambda _p, _t, text: shown.append(text))
    assert app.main(str(db_path)) == 2
    assert "newer version" in shown[0]
    assert hashlib.sha256(db_path.read_bytes()).hexdigest() == before
