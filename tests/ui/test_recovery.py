"""Backups, Restore and Check Database in the window, and the offer of the newest sound backup
when the database is damaged: from Check Database, and at start."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from organiser import app, store
from organiser.services.backups import make_backup
from organiser.services.organisations import OrganisationFields, create_organisation
from organiser.ui import recovery
from organiser.ui.dialogs.backups_dialog import BackupsDialog, CheckReportDialog
from organiser.ui.main_window import MainWindow
from tests.restore_helpers import damage_a_page, every_row


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """Questions answered Restore, messages recorded instead of shown."""
    said: dict[str, Any] = {"asked": [], "shown": [], "reports": []}
    monkeypatch.setattr(
        recovery, "confirm", lambda _p, _t, text, _a: said["asked"].append(text) or True
    )
    for name in ("show_info", "show_error"):
        monkeypatch.setattr(recovery, name, lambda _p, _t, text: said["shown"].append(text))

    def report_exec(dialog: CheckReportDialog) -> int:
        said["reports"].append(dialog.problems.toPlainText())
        return 0

    monkeypatch.setattr(CheckReportDialog, "exec", report_exec)
    return said


def backup_then_more(engine: Engine) -> Path:
    made = make_backup(engine, "auto", datetime.now(UTC) - timedelta(hours=1))
    with store.transaction(engine) as session:
        create_organisation(session, OrganisationFields(name="Written after the backup"))
    return made.path


def test_restore_selected_in_the_backups_list_reopens_the_window_on_it(
    qtbot: QtBot, window: MainWindow, demo: Engine, db_path: Path, answers: dict[str, Any]
) -> None:
    source = backup_then_more(demo)
    dialog = BackupsDialog(window.engine, window.recovery.restore_from, window)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.table.model.rowCount() == 1)
    summary = dialog.table.model.row_at(0)
    assert summary.check == "passed" and summary.records and summary.records > 40
    dialog.table.view.selectRow(0)
    assert dialog.restore_selected.isEnabled()
    old_engine = window.engine
    dialog.restore_selected.click()
    assert str(db_path) in answers["asked"][0] and "backup of the data" in answers["asked"][0]
    qtbot.waitUntil(lambda: bool(answers["shown"]), timeout=20000)
    assert "Restored" in answers["shown"][0]
    assert window.engine is not old_engine  # reopened: every page is built again
    assert every_row(db_path)["organisation"] == every_row(source)["organisation"]


def test_check_database_on_a_damaged_file_offers_the_newest_backup(
    qtbot: QtBot, window: MainWindow, demo: Engine, db_path: Path, answers: dict[str, Any]
) -> None:
    source = backup_then_more(demo)
    window.engine.dispose()
    damage_a_page(db_path)
    window.recovery.check()
    qtbot.waitUntil(lambda: bool(answers["shown"]), timeout=20000)
    assert answers["reports"] and answers["reports"][0]  # the problems listed
    assert "kept aside as organiser.sqlite3.damaged-" in answers["asked"][0]
    assert "damaged database was kept" in answers["shown"][0]
    assert [p for p in db_path.parent.iterdir() if ".damaged-" in p.name]
    assert every_row(db_path) == every_row(source)


def test_check_database_on_a_sound_file_keeps_a_backup(
    qtbot: QtBot, window: MainWindow, demo: Engine, answers: dict[str, Any]
) -> None:
    window.recovery.check()
    qtbot.waitUntil(lambda: bool(answers["reports"]), timeout=20000)
    assert answers["reports"] == [""] and answers["asked"] == []


def test_at_start_a_database_that_cannot_be_opened_gets_the_offer(
    qtbot: QtBot, demo: Engine, db_path: Path, answers: dict[str, Any],
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    source = backup_then_more(demo)
    demo.dispose()
    with db_path.open("r+b") as handle:  # the first page's header and schema gone
        handle.write(b"\x00" * 4096)
    shown: list[MainWindow] = []
    monkeypatch.setattr(MainWindow, "show", lambda self: shown.append(self))
    monkeypatch.setattr(QApplication, "exec", lambda self: 0)
    assert app.main(str(db_path)) == 0
    assert shown and answers["asked"]
    assert every_row(db_path)["organisation"] == every_row(source)["organisation"]
    shown[0].engine.dispose()


def test_at_start_another_programs_database_is_not_offered_a_restore(
    qtbot: QtBot, demo: Engine, tmp_path: Path, answers: dict[str, Any],
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    make_backup(demo, "auto")
    foreign = tmp_path / "recipes.sqlite3"
    with sqlite3.connect(foreign) as connection:
        connection.execute("CREATE TABLE recipe (name TEXT)")
    before = foreign.read_bytes()
    shown: list[str] = []
    monkeypatch.setattr(app.QMessageBox, "critical", lambda _p, _t, text: shown.append(text))
    assert app.main(str(foreign)) == 2
    assert answers["asked"] == [] and "not a Campaign Organiser database" in shown[0]
    assert foreign.read_bytes() == before
