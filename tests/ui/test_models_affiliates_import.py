"""The preview of an affiliates import, over a spreadsheet read and checked by the services:
headers (the mapped fields only), cells, the rows with problems tinted, and tooltips giving a
cut-off cell whole and what is wrong."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from sqlalchemy import Engine

from organiser import store
from organiser.formats.csv_affiliates import read_table
from organiser.services import affiliates_import
from organiser.services import organisations as orgs
from organiser.ui.commitments.import_dialog import BAD_BACKGROUND, PreviewModel
from tests.ui import model_probe as probe

ADDRESS = "Sindang-dong 12\n04595 Seoul"
CSV = f"""Name,Acronym,Country,Address,Affiliate of
Korean Metal Workers' Union,KMWU,KR,"{ADDRESS}",IndustriALL
,X,KR,,
cgt,CGT,FR,,Nobody
"""


@pytest.fixture
def preview(engine: Engine, tmp_path: Path) -> affiliates_import.ImportPreview:
    path = tmp_path / "affiliates.csv"
    path.write_text(CSV, encoding="utf-8")
    with store.transaction(engine) as session:
        orgs.create_organisation(session, orgs.OrganisationFields(name="IndustriALL"))
        return affiliates_import.preview_import(session, read_table(path))


def model_of(
    preview: affiliates_import.ImportPreview | None, only_bad: bool = False
) -> PreviewModel:
    model = PreviewModel()
    model.set_preview(preview, only_bad)
    return model


def test_headers_are_the_line_the_problems_and_the_mapped_fields(
    preview: affiliates_import.ImportPreview,
) -> None:
    assert probe.headers(model_of(preview)) == [
        "Line", "Problems", "Name", "Acronym", "Country", "Address", "Affiliate of",
    ]  # fmt: skip
    assert probe.headers(model_of(None)) == ["Line", "Problems"]


def test_cells_and_only_the_bad_rows(preview: affiliates_import.ImportPreview) -> None:
    shown = probe.rows(model_of(preview))
    assert shown[0] == [
        "2", "OK", "Korean Metal Workers' Union", "KMWU", "KR", "Sindang-dong 12 04595 Seoul",
        "IndustriALL",
    ]  # fmt: skip
    assert [row[0] for row in shown] == ["2", "4", "5"]  # the file's lines (the address has two)
    assert shown[1][1] != "OK" and shown[1][2:4] == ["", "X"]
    assert "Nobody" in shown[2][1]
    assert [row[0] for row in probe.rows(model_of(preview, only_bad=True))] == ["4", "5"]


def test_a_row_with_problems_is_tinted_and_its_tooltips_say_why(
    preview: affiliates_import.ImportPreview,
) -> None:
    model = model_of(preview)
    for header in probe.headers(model):
        assert probe.colours(model, header, probe.BACKGROUND) == [
            None,
            BAD_BACKGROUND,
            BAD_BACKGROUND,
        ]
        assert probe.colours(model, header, probe.FOREGROUND) == [None] * 3
    tips = probe.rows(model, probe.TIP)
    problems = probe.rows(model)[2][1]
    assert tips[2][:3] == [problems, problems, f"cgt\n{problems}"]


def test_a_cut_off_cell_has_its_whole_text_as_tooltip(
    preview: affiliates_import.ImportPreview,
) -> None:
    tips = probe.rows(model_of(preview), probe.TIP)
    assert tips[0] == [
        None, None, "Korean Metal Workers' Union", "KMWU", "KR", "Sindang-dong 12\n04595 Seoul",
        "IndustriALL",
    ]  # fmt: skip


def test_headers_are_translated(
    qapp: QApplication, preview: affiliates_import.ImportPreview
) -> None:
    probe.assert_headers_translated(lambda: model_of(preview))
