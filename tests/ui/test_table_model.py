"""The shared table model and table: a cut-off cell's whole text as its tooltip, long zone names
shortened in the agenda, and columns that start as wide as their contents but not wider."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from organiser import store
from organiser.services.actions import ActionFields, create_action
from organiser.services.campaigns import CampaignFields, create_campaign
from organiser.ui.calendar.agenda import agenda_model
from organiser.ui.table_model import Column, RecordTableModel
from organiser.ui.tables import MAX_COLUMN_WIDTH, RecordTable

TIP = Qt.ItemDataRole.ToolTipRole
NOTES = "Bring banners.\nMeet at the gate at nine, before the shift changes over."


@dataclass(frozen=True)
class Row:
    title: str
    notes: str
    day: date
    country: str


def columns() -> list[Column[Row]]:
    return [
        Column("Title", lambda r: r.title),
        Column("Notes", lambda r: r.notes),
        Column("Day", lambda r: r.day),
        Column("Country", lambda r: r.country, tooltip=lambda r: "Korea" if r.country else ""),
    ]


def model_with(*rows: Row) -> RecordTableModel[Row]:
    model: RecordTableModel[Row] = RecordTableModel(columns())
    model.set_rows(list(rows))
    return model


def test_a_text_cell_has_its_whole_text_as_tooltip_with_its_line_breaks() -> None:
    model = model_with(Row("Vigil", NOTES, date(2026, 11, 14), "KR"))
    assert model.index(0, 1).data() == NOTES.replace("\n", " ")  # one line in the cell
    assert model.index(0, 1).data(TIP) == NOTES
    assert model.index(0, 0).data(TIP) == "Vigil"


def test_dates_and_empty_cells_have_no_tooltip_and_a_column_tooltip_comes_first() -> None:
    model = model_with(Row("Vigil", "", date(2026, 11, 14), "KR"), Row("March", "", date.min, ""))
    assert model.index(0, 1).data(TIP) is None
    assert model.index(0, 2).data(TIP) is None
    assert model.index(0, 3).data(TIP) == "Korea"
    assert model.index(1, 3).data(TIP) is None  # an empty column tooltip: the (empty) text


def test_agenda_shows_the_place_of_a_long_zone_and_its_full_name_in_the_tooltip(
    engine: Engine,
) -> None:
    with store.transaction(engine) as session:
        campaign = create_campaign(session, CampaignFields(title="ANSES")).id
        fields = ActionFields(
            campaign_id=campaign, kind="rally", title="Rally at the ministry",
            start="2026-11-14T10:00", end="2026-11-14T12:00",
            timezone="America/Argentina/Buenos_Aires", notes="Bring banners.",
        )  # fmt: skip
        action = create_action(session, fields).action
    model = agenda_model(lambda: None)
    model.set_rows([action])
    assert model.index(0, 0).data() == "2026-11-14 10:00–12:00 Buenos Aires"
    assert model.index(0, 0).data(TIP) == "2026-11-14 10:00–12:00 America/Argentina/Buenos_Aires"
    assert model.index(0, 3).data(TIP) == "Rally at the ministry\nBring banners."
    in_berlin = agenda_model(lambda: "Europe/Berlin")
    in_berlin.set_rows([action])
    assert in_berlin.index(0, 0).data() == "2026-11-14 14:00–16:00 Berlin"
    assert in_berlin.index(0, 0).data(TIP).splitlines() == [
        "2026-11-14 14:00–16:00 Europe/Berlin",
        "2026-11-14 10:00–12:00 America/Argentina/Buenos_Aires",
    ]


def test_columns_start_fitted_but_capped_and_keep_the_users_widths(qtbot: QtBot) -> None:
    table: RecordTable[Row] = RecordTable(RecordTableModel(columns()))
    qtbot.addWidget(table)
    table.resize(1300, 400)
    table.show()
    long_title = "Solidarity with the dismissed workers of the " * 6
    table.set_rows([Row(long_title, "short", date(2026, 11, 14), "KR")])
    view = table.view
    assert view.columnWidth(0) == MAX_COLUMN_WIDTH
    assert view.columnWidth(1) < MAX_COLUMN_WIDTH
    assert view.horizontalHeader().stretchLastSection()
    view.setColumnWidth(1, 210)  # the user widens the notes
    table.set_rows([Row("Vigil", NOTES * 3, date(2026, 11, 15), "KR")])
    assert view.columnWidth(1) == 210
