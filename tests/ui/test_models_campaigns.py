"""The campaigns page's table model, over campaigns made through the service: its headers, each
cell's text, sorting by every column (dates as dates, statuses by their course), the campaign's
colour on its title and the country's name as the country's tooltip."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication
from sqlalchemy import Engine

from organiser import store
from organiser.services import campaigns
from organiser.services import organisations as orgs
from organiser.ui.pages.campaigns import campaign_columns
from organiser.ui.table_model import RecordTableModel
from tests.ui import model_probe as probe

TARGET = "The Ministry of Employment\nand the National Pension Service"


@pytest.fixture
def model(engine: Engine) -> RecordTableModel[campaigns.CampaignView]:
    with store.transaction(engine) as session:
        kctu = orgs.create_organisation(session, orgs.OrganisationFields(name="KCTU")).id
        ituc = orgs.create_organisation(session, orgs.OrganisationFields(name="ITUC")).id
        fields = [
            campaigns.CampaignFields(
                title="free the strikers", country="KR", status="active", lead_id=kctu,
                start_date="2026-11-02", end_date="2027-01-10", target=TARGET, colour="#aa0000",
            ),
            campaigns.CampaignFields(
                title="ANSES", country="AR", status="won", lead_id=ituc,
                start_date="2026-03-01", end_date="2026-12-31", colour="#00aa00",
            ),
            campaigns.CampaignFields(title="Bread and roses", colour="#0000aa"),
        ]  # fmt: skip
        for data in fields:
            campaigns.create_campaign(session, data)
        views = campaigns.list_campaigns(session)
    made: RecordTableModel[campaigns.CampaignView] = RecordTableModel(campaign_columns())
    made.set_rows(views)
    return made


def by_title(model: RecordTableModel[campaigns.CampaignView]) -> dict[str, list[str]]:
    return {row[0]: row for row in probe.rows(model)}


def test_headers_and_cells(model: RecordTableModel[campaigns.CampaignView]) -> None:
    assert probe.headers(model) == ["Title", "Country", "Status", "Start", "End", "Lead", "Target"]
    assert by_title(model) == {
        "free the strikers": [
            "free the strikers", "KR", "Active", "2026-11-02", "2027-01-10", "KCTU",
            TARGET.replace("\n", " "),
        ],
        "ANSES": ["ANSES", "AR", "Won", "2026-03-01", "2026-12-31", "ITUC", ""],
        "Bread and roses": ["Bread and roses", "", "Planned", "", "", "", ""],
    }  # fmt: skip


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("Title", ["ANSES", "Bread and roses", "free the strikers"]),  # case-insensitive
        ("Country", ["", "AR", "KR"]),
        ("Status", ["Planned", "Active", "Won"]),  # by their course, not alphabetically
        ("Start", ["", "2026-03-01", "2026-11-02"]),  # empty first, then by date
        ("End", ["", "2026-12-31", "2027-01-10"]),
        ("Lead", ["", "ITUC", "KCTU"]),
    ],
)
def test_sorting_by_each_column(
    model: RecordTableModel[campaigns.CampaignView], header: str, expected: list[str]
) -> None:
    probe.sorts_both_ways(model, header, expected)


def test_the_title_is_in_the_campaigns_colour_and_nothing_has_a_background(
    model: RecordTableModel[campaigns.CampaignView],
) -> None:
    shown = probe.keyed(model, "Title", probe.colours(model, "Title", probe.FOREGROUND))
    assert shown == {
        "free the strikers": "#aa0000", "ANSES": "#00aa00", "Bread and roses": "#0000aa",
    }  # fmt: skip
    for header in probe.headers(model):
        assert probe.colours(model, header, probe.BACKGROUND) == [None] * 3
        if header != "Title":
            assert probe.colours(model, header, probe.FOREGROUND) == [None] * 3


def test_tooltips_name_the_country_and_show_a_long_target_whole(
    model: RecordTableModel[campaigns.CampaignView],
) -> None:
    by_row = probe.keyed(model, "Title", probe.rows(model, probe.TIP))
    assert by_row["free the strikers"] == [
        "free the strikers", "South Korea", None, None, None, "KCTU", TARGET,
    ]  # fmt: skip
    assert by_row["ANSES"][1] == "Argentina"
    assert by_row["Bread and roses"] == ["Bread and roses", None, None, None, None, None, None]


def test_headers_are_translated(qapp: QApplication) -> None:
    probe.assert_headers_translated(lambda: RecordTableModel(campaign_columns()))
