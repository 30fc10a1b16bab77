"""The trash's table model, over deletes made through the services: headers, cells (what went
with each record, counted), sorting by every column (the moment of deletion as a moment, across
a change of the clocks) and tooltips."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from PySide6.QtWidgets import QApplication
from sqlalchemy import Engine

from organiser import store
from organiser.models import TrashEntry
from organiser.services import campaigns, letters, trash
from organiser.services import organisations as orgs
from organiser.services.trash import TrashView
from organiser.ui.dialogs.trash_dialog import trash_columns
from organiser.ui.table_model import RecordTableModel
from tests.trash_world import make_trash_world
from tests.ui import model_probe as probe

# Berlin's clocks go back at 01:00 UTC on 25 October 2026: 02:30 summer time comes before 02:15.
DELETED_AT = {
    "Other": datetime(2026, 10, 25, 0, 30, tzinfo=UTC),  # 02:30 in Berlin
    "Kim Jin-ho": datetime(2026, 10, 25, 1, 15, tzinfo=UTC),  # 02:15 in Berlin, later
    "Draft letter": datetime(2026, 10, 26, 9, 0, tzinfo=UTC),
}


@pytest.fixture
def model(engine: Engine) -> RecordTableModel[TrashView]:
    world = make_trash_world(engine)
    with store.transaction(engine) as session:
        campaigns.delete_campaign(session, world.other_campaign_id)
        orgs.delete_person(session, world.person_id)
        letters.delete_letter(session, world.draft_id)
        for entry in session.query(TrashEntry):
            entry.deleted_at = DELETED_AT[entry.label]
    with store.transaction(engine) as session:
        views = trash.list_trash(session)
    made: RecordTableModel[TrashView] = RecordTableModel(trash_columns())
    made.set_rows(views)
    return made


@pytest.fixture(autouse=True)
def _in_berlin() -> Iterator[None]:
    with probe.local_zone("Europe/Berlin"):
        yield


def test_headers_and_cells_newest_first(model: RecordTableModel[TrashView]) -> None:
    assert probe.headers(model) == ["Kind", "Name", "Deleted", "Went with it"]
    assert [row[:3] for row in probe.rows(model)] == [
        ["Letter", "Draft letter", "2026-10-26 10:00"],
        ["Person", "Kim Jin-ho", "2026-10-25 02:15"],
        ["Campaign", "Other", "2026-10-25 02:30"],
    ]
    went = [row[3] for row in probe.rows(model)]
    assert went[2] == "1 commitment"
    assert "1 situation" in went[1]


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("Kind", ["Campaign", "Letter", "Person"]),
        ("Name", ["Draft letter", "Kim Jin-ho", "Other"]),
        # by the moment, not the text: 02:30 summer time was before 02:15 winter time
        ("Deleted", ["2026-10-25 02:30", "2026-10-25 02:15", "2026-10-26 10:00"]),
    ],
)
def test_sorting_by_each_column(
    model: RecordTableModel[TrashView], header: str, expected: list[str]
) -> None:
    probe.sorts_both_ways(model, header, expected)


def test_tooltips_and_no_colours(model: RecordTableModel[TrashView]) -> None:
    tips = probe.rows(model, probe.TIP)
    assert [row[:3] for row in tips] == [
        ["Letter", "Draft letter", None],
        ["Person", "Kim Jin-ho", None],
        ["Campaign", "Other", None],
    ]
    assert tips[2][3] == "1 commitment"
    for header in probe.headers(model):
        assert probe.colours(model, header, probe.FOREGROUND) == [None] * 3
        assert probe.colours(model, header, probe.BACKGROUND) == [None] * 3


def test_headers_are_translated(qapp: QApplication) -> None:
    probe.assert_headers_translated(lambda: RecordTableModel(trash_columns()))
