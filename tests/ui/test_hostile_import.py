"""Hostile files through the window: a cut series said in the preview and after the import, a
pipe refused at once with its name, a large spreadsheet read off the GUI thread."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from organiser import store
from organiser.services.calendar import actions_between
from organiser.services.campaigns import CampaignFields, create_campaign
from organiser.ui.calendar import file_actions
from organiser.ui.calendar.import_preview import ImportPreview
from organiser.ui.commitments import import_dialog
from organiser.ui.commitments.import_dialog import AffiliateImportDialog
from organiser.ui.pages.calendar import CalendarPage

HOURLY = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:vigil\r\n"
    "DTSTART:20261201T000000Z\r\nSUMMARY:<b>Vigil</b>\r\nRRULE:FREQ=HOURLY\r\n"
    "END:VEVENT\r\nEND:VCALENDAR\r\n"
)


@pytest.fixture
def page(qtbot: QtBot, engine: Engine) -> CalendarPage:
    with store.transaction(engine) as session:
        campaign = create_campaign(session, CampaignFields(title="Vigils")).id
    widget = CalendarPage(engine)
    qtbot.addWidget(widget)
    widget.refresh()  # fills the campaign filter
    widget.campaign_filter.setCurrentIndex(widget.campaign_filter.findData(campaign))
    assert widget.campaign_filter.currentData() == campaign
    return widget


def _choose(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args: (str(path), ""))


def test_a_series_cut_short_is_said_in_the_preview_and_after_the_import(
    page: CalendarPage,
    engine: Engine,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    path = tmp_path / "vigil.ics"
    path.write_text(HOURLY)
    _choose(monkeypatch, path)
    shown: list[Any] = []

    def accept(dialog: ImportPreview) -> int:
        shown.append(
            (dialog.warnings.text(), dialog.warnings.textFormat(), dialog.warnings.isHidden())
        )
        return 1

    monkeypatch.setattr(ImportPreview, "exec", accept)
    page.import_ics()
    qtbot.waitUntil(lambda: "400 new" in page.note.text(), timeout=10000)
    ((text, text_format, hidden),) = shown
    assert "The event '<b>Vigil</b>' at line 3 repeats more than 400 times" in text
    assert text_format == Qt.TextFormat.PlainText and not hidden
    assert "repeats more than 400 times" in page.note.text()
    assert page.note.textFormat() == Qt.TextFormat.PlainText
    with store.transaction(engine) as session:
        assert len(actions_between(session)) == 400


def test_a_pipe_chosen_as_a_calendar_is_refused_at_once(
    page: CalendarPage, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    path = tmp_path / "pipe.ics"
    os.mkfifo(path)
    _choose(monkeypatch, path)
    errors: list[str] = []
    monkeypatch.setattr(file_actions, "show_error", lambda _p, _t, message: errors.append(message))
    page.import_ics()
    qtbot.waitUntil(lambda: bool(errors), timeout=5000)
    assert errors == [f"{path} is a device, pipe or socket, not a file; choose a file."]


def test_a_large_spreadsheet_is_read_off_the_gui_thread_and_a_pipe_refused(
    qtbot: QtBot, engine: Engine, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(import_dialog, "BACKGROUND_BYTES", 10)
    path = tmp_path / "affiliates.csv"
    path.write_text("name,country\nUnion A,KR\n<b>Union B</b>,KZ\n", encoding="utf-8")
    dialog = AffiliateImportDialog(engine)
    qtbot.addWidget(dialog)
    dialog.load_file(str(path))
    assert dialog.table is None  # still being read in the background
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=5000)
    assert dialog.message.text() == "2 rows are ready to import; 0 have problems."
    pipe = tmp_path / "pipe.csv"
    os.mkfifo(pipe)
    dialog.load_file(str(pipe))
    qtbot.waitUntil(dialog.settled, timeout=5000)  # refused before a byte is read
    assert dialog.table is None and "not a file" in dialog.message.text()
    assert dialog.message.textFormat() == Qt.TextFormat.PlainText
