"""The calendar's table models, over actions made and .ics events read through the services:
the agenda and the preview of an import — headers, cells, sorting by every column (the times in
the order things happen, whatever zone each is shown in), campaign colours and tooltips."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from PySide6.QtWidgets import QApplication
from sqlalchemy import Engine

from organiser import store
from organiser.formats.ics_read import parse_calendar
from organiser.services import action_import, actions, campaigns
from organiser.services.action_import import PlannedImport
from organiser.services.actions import ActionView
from organiser.services.calendar import actions_between
from organiser.ui.calendar.agenda import agenda_columns, agenda_model
from organiser.ui.calendar.import_preview import preview_columns
from organiser.ui.table_model import RecordTableModel
from tests.ui import model_probe as probe

ICS = b"""BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//test//EN\r
BEGIN:VEVENT\r
UID:rally@example.org\r
DTSTAMP:20260101T000000Z\r
SUMMARY:Rally at the ministry\r
DTSTART;TZID=America/Argentina/Buenos_Aires:20261114T100000\r
DTEND;TZID=America/Argentina/Buenos_Aires:20261114T120000\r
LOCATION:Plaza de Mayo\r
DESCRIPTION:Bring banners.\r
CATEGORIES:Rally\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:strike@example.org\r
DTSTAMP:20260101T000000Z\r
SUMMARY:General strike\r
DTSTART;TZID=Asia/Seoul:20261114T200000\r
CATEGORIES:Strike\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:day@example.org\r
DTSTAMP:20260101T000000Z\r
SUMMARY:global day of action\r
DTSTART;VALUE=DATE:20261113\r
CATEGORIES:Global day of action\r
END:VEVENT\r
END:VCALENDAR\r
"""
# In the order they happen: the day (13 Nov), the strike (11:00 UTC), the rally (13:00 UTC);
# in their own zones' times as text the strike (20:00) would come last.
IN_ORDER = ["global day of action", "General strike", "Rally at the ministry"]


@pytest.fixture
def agenda_rows(engine: Engine) -> list[ActionView]:
    with store.transaction(engine) as session:
        anses = campaigns.create_campaign(
            session, campaigns.CampaignFields(title="ANSES", colour="#aa0000")
        ).id
        free = campaigns.create_campaign(
            session, campaigns.CampaignFields(title="Free them", colour="#00aa00")
        ).id
        for fields in [
            actions.ActionFields(
                campaign_id=anses, kind="rally", title="Rally at the ministry",
                start="2026-11-14T10:00", end="2026-11-14T12:00",
                timezone="America/Argentina/Buenos_Aires", location="Plaza de Mayo",
                status="confirmed", notes="Bring banners.",
            ),
            actions.ActionFields(
                campaign_id=free, kind="strike", title="General strike",
                start="2026-11-14T20:00", timezone="Asia/Seoul", location="Seoul",
            ),
            actions.ActionFields(
                campaign_id=free, kind="global-day-of-action", title="global day of action",
                start="2026-11-13", status="happened",
            ),
        ]:  # fmt: skip
            actions.create_action(session, fields)
        return actions_between(session, date(2026, 11, 1), date(2026, 11, 30))


def agenda_of(views: list[ActionView], zone: str | None = None) -> RecordTableModel[ActionView]:
    model = agenda_model(lambda: zone)
    model.set_rows(views)
    return model


def test_agenda_headers_and_cells(agenda_rows: list[ActionView]) -> None:
    model = agenda_of(agenda_rows)
    assert probe.headers(model) == [
        "When", "Campaign", "Kind", "Action", "Where", "Status", "Outcome"
    ]  # fmt: skip
    assert sorted(probe.rows(model)) == [
        ["2026-11-13", "Free them", "Global day of action", "global day of action", "",
         "Happened", ""],
        ["2026-11-14 10:00–12:00 Buenos Aires", "ANSES", "Rally", "Rally at the ministry",
         "Plaza de Mayo", "Confirmed", ""],
        ["2026-11-14 20:00 Seoul", "Free them", "Strike", "General strike", "Seoul", "Planned",
         ""],
    ]  # fmt: skip


def test_the_agenda_shows_an_actions_outcome(agenda_rows: list[ActionView]) -> None:
    ruled = dataclasses.replace(agenda_rows[0], outcome="Appeal rejected")
    model = agenda_of([ruled])
    assert probe.rows(model)[0][-1] == "Appeal rejected"


@pytest.mark.parametrize("zone", [None, "Europe/Berlin"])
def test_agenda_sorts_by_when_they_happen_in_any_zone(
    agenda_rows: list[ActionView], zone: str | None
) -> None:
    probe.sorts_both_ways(agenda_of(agenda_rows, zone), "When", IN_ORDER, show="Action")


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("Kind", ["Rally", "Strike", "Global day of action"]),  # declared order
        ("Action", ["General strike", "global day of action", "Rally at the ministry"]),
        ("Where", ["", "Plaza de Mayo", "Seoul"]),
        ("Status", ["Planned", "Confirmed", "Happened"]),  # by their course
    ],
)
def test_agenda_sorts_by_each_column(
    agenda_rows: list[ActionView], header: str, expected: list[str]
) -> None:
    probe.sorts_both_ways(agenda_of(agenda_rows), header, expected)
    assert probe.sorted_by(agenda_of(agenda_rows), "Campaign")[0] == "ANSES"


def test_agenda_campaigns_in_their_colours_and_tooltips(agenda_rows: list[ActionView]) -> None:
    model = agenda_of(agenda_rows, "Europe/Berlin")
    in_colour = probe.colours(model, "Campaign", probe.FOREGROUND)
    assert probe.keyed(model, "Action", in_colour) == {
        "Rally at the ministry": "#aa0000", "General strike": "#00aa00",
        "global day of action": "#00aa00",
    }  # fmt: skip
    for header in probe.headers(model):
        assert probe.colours(model, header, probe.BACKGROUND) == [None] * 3
    tips = probe.keyed(model, "Action", probe.rows(model, probe.TIP))
    assert tips["General strike"] == [
        "2026-11-14 12:00 Europe/Berlin\n2026-11-14 20:00 Asia/Seoul", "Free them", None,
        "General strike", "Seoul", None, None,
    ]  # fmt: skip
    assert tips["Rally at the ministry"][3] == "Rally at the ministry\nBring banners."
    assert tips["global day of action"][0] == "2026-11-13"


@pytest.fixture
def plan(engine: Engine) -> list[PlannedImport]:
    with store.transaction(engine) as session:
        campaign = campaigns.create_campaign(session, campaigns.CampaignFields(title="ANSES")).id
        actions.create_action(
            session,
            actions.ActionFields(
                campaign_id=campaign, title="Strike", start="2026-11-14T20:00",
                timezone="Asia/Seoul", ical_uid="strike@example.org",
            ),
        )  # fmt: skip
        return action_import.plan_import(session, parse_calendar(ICS))


def preview_of(plan: list[PlannedImport]) -> RecordTableModel[PlannedImport]:
    model: RecordTableModel[PlannedImport] = RecordTableModel(preview_columns())
    model.set_rows(plan)
    return model


def test_preview_headers_and_cells(plan: list[PlannedImport]) -> None:
    model = preview_of(plan)
    assert probe.headers(model) == ["Change", "When", "Title", "Kind", "Where", "Line"]
    assert probe.rows(model) == [
        ["new", "2026-11-14 10:00 (Buenos Aires)", "Rally at the ministry", "Rally",
         "Plaza de Mayo", "4"],
        ["update", "2026-11-14 20:00 (Seoul)", "General strike", "Strike", "", "14"],
        ["new", "2026-11-13", "global day of action", "Global day of action", "", "21"],
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("header", "expected", "show"),
    [
        ("When", IN_ORDER, "Title"),  # as they happen, whatever their zones
        ("Title", ["General strike", "global day of action", "Rally at the ministry"], None),
        ("Kind", ["Rally", "Strike", "Global day of action"], None),
        ("Line", ["4", "14", "21"], None),  # as numbers
    ],
)
def test_preview_sorts_by_each_column(
    plan: list[PlannedImport], header: str, expected: list[str], show: str | None
) -> None:
    probe.sorts_both_ways(preview_of(plan), header, expected, show=show)
    assert probe.sorted_by(preview_of(plan), "Change", descending=True)[0] == "update"


def test_preview_tooltips_give_the_zone_whole_and_the_notes(plan: list[PlannedImport]) -> None:
    tips = probe.rows(preview_of(plan), probe.TIP)
    assert tips[0][:3] == [
        "new", "2026-11-14 10:00 (America/Argentina/Buenos_Aires)",
        "Rally at the ministry\nBring banners.",
    ]  # fmt: skip
    assert tips[1][1] == "2026-11-14 20:00 (Asia/Seoul)"
    assert [row[5] for row in tips] == [None] * 3  # a line number needs none


def test_headers_are_translated(qapp: QApplication) -> None:
    probe.assert_headers_translated(lambda: RecordTableModel(agenda_columns(lambda: None)))
    probe.assert_headers_translated(lambda: RecordTableModel(preview_columns()))
