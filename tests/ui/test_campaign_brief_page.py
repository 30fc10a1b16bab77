"""The Campaigns page's brief: Brief… (and Ctrl+E) saves the selected campaign's PDF where the
file dialog says, Print brief… (and File › Print) prints that PDF's pages; both wait for a
campaign to be chosen."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pypdfium2
import pytest
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from organiser.ui.main_window import MainWindow
from organiser.ui.pages import campaigns as campaigns_page
from organiser.ui.pages.campaigns import CampaignsPage, brief_file_name

KOREA = "Stop the crackdown on Korean unions"


@pytest.fixture
def page(qtbot: QtBot, demo: Engine) -> CampaignsPage:
    widget = CampaignsPage(demo)
    qtbot.addWidget(widget)
    widget.show()
    widget.table.select_where(lambda row: row.title == KOREA)
    return widget


@pytest.fixture
def told(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What the page says when it is done (the message boxes recorded, not shown)."""
    said: list[str] = []
    monkeypatch.setattr(campaigns_page, "show_info", lambda _p, _t, text: said.append(text))
    monkeypatch.setattr(campaigns_page, "show_error", lambda _p, _t, text: said.append(text))
    return said


def save_to(monkeypatch: pytest.MonkeyPatch, path: Path | None) -> list[str]:
    """The save dialog answered with `path` (None: cancelled); returns the names it offered."""
    offered: list[str] = []

    def answer(_parent: Any, _title: str, name: str, _filter: str) -> tuple[str, str]:
        offered.append(name)
        return (str(path) if path else "", "")

    monkeypatch.setattr(campaigns_page.QFileDialog, "getSaveFileName", answer)
    return offered


def pdf_text(path: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout


def test_brief_saves_the_selected_campaigns_pdf(
    page: CampaignsPage, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, told: list[str]
) -> None:
    target = tmp_path / "korea.pdf"
    offered = save_to(monkeypatch, target)
    assert page.brief_action.isEnabled() and page.brief_action.text() == "Brief…"
    page.brief_action.trigger()
    assert offered == ["brief-stop-the-crackdown-on-korean-unions.pdf"]
    assert KOREA in pdf_text(target) and told == [f"Saved {target}"]


def test_ctrl_e_on_the_table_makes_the_brief_and_a_cancelled_dialog_writes_nothing(
    page: CampaignsPage, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, qtbot: QtBot,
    told: list[str],
) -> None:  # fmt: skip
    out = tmp_path / "out"
    out.mkdir()
    save_to(monkeypatch, None)
    page.brief_action.trigger()
    assert list(out.iterdir()) == [] and told == []
    target = out / "keys.pdf"
    save_to(monkeypatch, target)
    page.activateWindow()
    page.table.view.setFocus()
    qtbot.waitUntil(page.table.view.hasFocus)
    qtbot.keyClick(page.table.view, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(target.exists)
    assert target.read_bytes().startswith(b"%PDF")


def test_print_brief_prints_the_pdfs_pages(
    page: CampaignsPage, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    printed = tmp_path / "printed.pdf"

    class PrintToFile:
        """The print dialog accepted, its printer writing a file instead of paper."""

        def __init__(self, printer: QPrinter, _parent: Any) -> None:
            self.printer = printer

        def exec(self) -> QDialog.DialogCode:
            self.printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            self.printer.setOutputFileName(str(printed))
            return QDialog.DialogCode.Accepted

    monkeypatch.setattr(campaigns_page, "QPrintDialog", PrintToFile)
    assert page.print_action.text() == "Print brief…"
    page.print_action.trigger()
    document = pypdfium2.PdfDocument(printed)
    try:
        assert len(document) == 2  # the brief's two pages, drawn from its own PDF
    finally:
        document.close()


def test_file_print_in_the_window_is_print_brief_on_the_campaigns_page(
    window: MainWindow, demo: Engine
) -> None:
    window.show_page(CampaignsPage)
    page = window.page(CampaignsPage)
    assert isinstance(page, CampaignsPage)
    page.refresh()
    assert window.menus.print_command.text() == "Print brief…"
    assert window.menus.print_command.isEnabled()


def test_without_a_campaign_there_is_no_brief_to_make(qtbot: QtBot, engine: Engine) -> None:
    empty = CampaignsPage(engine)
    qtbot.addWidget(empty)
    assert not empty.brief_action.isEnabled() and not empty.print_action.isEnabled()


def test_the_file_name_offered_is_safe_for_any_title() -> None:
    assert brief_file_name("Right to strike: Mangystau / Жаңаөзен") == (
        "brief-right-to-strike-mangystau-жаңаөзен.pdf"
    )
    assert brief_file_name("!!!") == "brief-campaign.pdf"


def test_a_file_that_cannot_be_written_is_said_and_nothing_is_left(
    page: CampaignsPage, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, told: list[str]
) -> None:
    folder = tmp_path / "taken"
    folder.mkdir()
    save_to(monkeypatch, folder)  # a folder where the file should go
    page.brief_action.trigger()
    assert len(told) == 1 and "taken" in told[0] and not told[0].startswith("Saved")
    assert list(folder.iterdir()) == []
