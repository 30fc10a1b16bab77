"""The Organisations page's Import and Export: the import dialog opens, the export writes a CSV
that names every organisation."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QFileDialog
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from organiser.ui.commitments.import_dialog import AffiliateImportDialog
from organiser.ui.pages import organisations
from organiser.ui.pages.organisations import OrganisationsPage
from tests.ui.helpers import built


@pytest.fixture
def page(qtbot: QtBot, demo: Engine) -> OrganisationsPage:
    widget = OrganisationsPage(demo)
    qtbot.addWidget(widget)
    built(qtbot, widget)
    widget.show()
    return widget


def test_import_opens_the_affiliate_import_dialog(
    page: OrganisationsPage, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[QDialog] = []

    def fake_exec(dialog: QDialog) -> int:
        opened.append(dialog)
        return int(QDialog.DialogCode.Rejected)

    monkeypatch.setattr(AffiliateImportDialog, "exec", fake_exec)
    page.import_action.trigger()
    assert len(opened) == 1


def test_export_writes_every_organisation_to_the_chosen_csv(
    page: OrganisationsPage, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    target = tmp_path / "affiliates.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(target), ""))
    told: list[str] = []
    monkeypatch.setattr(organisations, "show_info", lambda _p, _t, message: told.append(message))
    page.export_action.trigger()
    with target.open(encoding="utf-8-sig", newline="") as handle:
        names = {row["name"] for row in csv.DictReader(handle)}
    assert "Korean Confederation of Trade Unions" in names
    assert "Мұнайшылар кәсіподағы «Ақжайық»" in names
    assert len(names) == page.table.model.rowCount()
    assert told == [f"{len(names)} organisations written."]
