"""Other projects' test files, every one: the icalendar project's 197 calendars (broken ones,
Exchange's, non-UTF-8, fuzzer output) are imported whole or refused with a reason naming the file
and the place, never half and never with a traceback; the csv-spectrum files parse to the JSON
their authors expect. Provenance and licences: tests/data/peer-data/PROVENANCE.md."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from organiser import store
from organiser.errors import ValidationError
from organiser.formats.csv_affiliates import read_table
from organiser.formats.ics_read import read_calendar_file
from organiser.models import Action
from organiser.services.action_import import import_events

PEER = Path(__file__).parent / "data" / "peer-data"
CALENDARS = sorted(PEER.glob("ics/**/*.ics"))
SPREADSHEETS = sorted(PEER.glob("csv/csvs/*.csv"))
# Where a refusal points: a line, an event (named by its line), or the calendar itself.
PLACE = re.compile(r"\b[Ll]ine \d+|\bthe calendar\b")
OUTCOMES: dict[str, list[str]] = {"imported": [], "refused": []}


def test_all_the_peer_files_are_here() -> None:
    assert len(CALENDARS) == 197 and len(SPREADSHEETS) == 11
    assert (PEER / "PROVENANCE.md").is_file() and (PEER / "ics" / "LICENSE.rst").is_file()


def _actions(engine: Engine) -> int:
    with Session(engine) as session:
        return int(session.scalar(select(func.count()).select_from(Action)) or 0)


def _refused(path: Path, error: ValidationError) -> None:
    message = str(error)
    assert message.startswith(f"{path.name}: "), message  # names the file
    assert PLACE.search(message), message  # and the place
    OUTCOMES["refused"].append(path.name)


@pytest.mark.parametrize("path", CALENDARS, ids=lambda p: str(p.relative_to(PEER / "ics")))
def test_every_peer_calendar_is_imported_whole_or_refused(
    path: Path, module_campaign: tuple[Engine, int]
) -> None:
    engine, campaign = module_campaign
    try:
        read = read_calendar_file(path)
    except ValidationError as error:
        _refused(path, error)
        return
    assert _actions(engine) == 0
    try:
        with store.transaction(engine) as session:
            result = import_events(session, campaign, read.events, source=path.name)
            assert result.created == len({event.uid for event in read.events})
            assert result.created == len(read.events)  # one action per event, none merged
            again = import_events(session, campaign, read.events, source=path.name)
            assert (again.created, again.updated) == (0, len(read.events))  # told apart by UID
            raise _RollBack
    except _RollBack:
        OUTCOMES["imported"].append(path.name)
    except ValidationError as error:
        _refused(path, error)
    assert _actions(engine) == 0  # a refusal leaves nothing; the test's own import is undone


class _RollBack(Exception):
    """Leave the database as it was for the next file (the same UIDs recur among them)."""


@pytest.mark.parametrize("path", SPREADSHEETS, ids=lambda p: p.name)
def test_csv_spectrum_files_parse_to_their_expected_json(path: Path) -> None:
    expected = json.loads((PEER / "csv" / "json" / f"{path.stem}.json").read_text("utf-8"))
    table = read_table(path)
    assert [dict(zip(table.headers, row.cells, strict=True)) for row in table.rows] == expected


def test_the_peer_calendars_counted(capsys: pytest.CaptureFixture[str]) -> None:
    """Runs after the parametrised test (in file order): every calendar was one or the other."""
    imported, refused = len(OUTCOMES["imported"]), len(OUTCOMES["refused"])
    if imported + refused != len(CALENDARS):
        pytest.skip("the calendars were not all run in this session")
    with capsys.disabled():
        print(f"\npeer calendars: {imported} imported, {refused} refused")
