"""Property-based tests of every importer: whatever bytes or text it is given, it returns a
result or refuses with a ValidationError — never a traceback, never half an import."""

from __future__ import annotations

import copy
import json
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from organiser import config, store
from organiser.errors import ValidationError
from organiser.formats import ics_read
from organiser.formats.archive import Archive, read_archive, save_archive
from organiser.formats.csv_affiliates import read_table
from organiser.models import Action, Organisation
from organiser.pdf.images import image_size
from organiser.services import affiliates_import
from organiser.services.action_import import import_events
from organiser.services.archive import build_archive, import_archive
from tests.archive_world import make_campaign_world, snapshot

QUICK = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


class _Undo(Exception):
    """Raised inside a transaction to leave the database as it was."""


def _count(engine: Engine, model: Any) -> int:
    with Session(engine) as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def _temporary_file(data: bytes, suffix: str) -> Path:
    handle = tempfile.NamedTemporaryFile(suffix=suffix, delete=False)  # noqa: SIM115
    with handle:
        handle.write(data)
    return Path(handle.name)


# iCalendar: arbitrary bytes, and calendars built from hostile pieces.

YEAR = st.sampled_from([1, 1799, 1800, 1970, 2299, 2300, 9999]) | st.integers(0, 9999)
HOSTILE_DAY = st.builds(
    lambda y, m, d: f"{y:04d}{m:02d}{d:02d}", YEAR, st.integers(0, 13), st.integers(0, 32)
)
PLAIN_DAY = st.builds(
    lambda y, m, d: f"{y:04d}{m:02d}{d:02d}",
    st.sampled_from([2000, 2025, 2026, 2027]),
    st.integers(1, 12),
    st.integers(1, 28),
)
DAY = st.one_of(PLAIN_DAY, PLAIN_DAY, HOSTILE_DAY)
MOMENT = st.builds(
    lambda day, h, z: f"{day}T{h:02d}0000{z}", DAY, st.integers(0, 24), st.sampled_from(["", "Z"])
)
ZONE = st.sampled_from(
    ["", "", "Europe/Berlin", "W. Europe Standard Time", "Nowhere/Else", "Asia/Seoul", '"x"']
)


def _dated(name: str) -> st.SearchStrategy[str]:
    zoned = st.builds(lambda z: f";TZID={z}" if z else "", ZONE)
    value = st.one_of(
        MOMENT.map(lambda m: f":{m}"),
        DAY.map(lambda d: f";VALUE=DATE:{d}"),
        st.sampled_from([":", ":x", ";VALUE=TIME:083000", ";VALUE=PERIOD:20260101T000000Z/PT1H"]),
    )
    return st.builds(lambda tz, v: f"{name}{tz}{v}", zoned, value)


RULE_PART = st.one_of(
    st.integers(-1, 3_000_000).map(lambda n: f"COUNT={n}"),
    st.integers(-1, 500).map(lambda n: f"INTERVAL={n}"),
    MOMENT.map(lambda m: f"UNTIL={m}"),
    st.integers(-1, 13).map(lambda n: f"BYMONTH={n}"),
    st.integers(-32, 32).map(lambda n: f"BYMONTHDAY={n}"),
    st.sampled_from(["MO", "1SU", "-1FR", "5FR", "XX", "MO,TU,WE"]).map(lambda d: f"BYDAY={d}"),
    st.integers(-400, 400).map(lambda n: f"BYSETPOS={n}"),
    st.integers(-1, 25).map(lambda n: f"BYHOUR={n}"),
    st.integers(-367, 367).map(lambda n: f"BYYEARDAY={n}"),
)
FREQ = st.sampled_from(["SECONDLY", "MINUTELY", "HOURLY", "DAILY", "WEEKLY", "MONTHLY", "YEARLY"])
RRULE = st.builds(
    lambda freq, parts: ";".join([f"RRULE:FREQ={freq}", *parts]),
    FREQ,
    st.lists(RULE_PART, max_size=3),
)
PROPERTY = st.one_of(
    _dated("DTEND"),
    _dated("RECURRENCE-ID"),
    _dated("RDATE"),
    _dated("EXDATE"),
    RRULE,
    RRULE,
    st.sampled_from(["DURATION:PT1H", "DURATION:-P1D", "DURATION:P999999999W", "DURATION:x"]),
    st.sampled_from(["UID:a", "UID:b", "UID:", "UID:a@campaign-organiser"]),
    st.text(max_size=40).map(lambda t: "SUMMARY:" + " ".join(t.splitlines())),
    st.sampled_from(["CATEGORIES:strike", "STATUS:CANCELLED", "X-ORGANISER-KIND:rally"]),
    st.from_regex(r"X-[A-Z]{1,5}:[^\r\n]{0,20}", fullmatch=True),
)
EVENT = st.builds(
    lambda start, rest: ["BEGIN:VEVENT", *start, *rest, "END:VEVENT"],
    st.lists(_dated("DTSTART"), min_size=1, max_size=2) | st.just([]),
    st.lists(PROPERTY, max_size=6),
)
TODO = ["BEGIN:VTODO", "UID:t", "SUMMARY:todo", "END:VTODO"]
CALENDAR = st.builds(
    lambda events, extra, end: end.join(
        ["BEGIN:VCALENDAR", "VERSION:2.0", *[line for e in events for line in e], *extra,
         "END:VCALENDAR", ""]
    ).encode("utf-8", "surrogatepass"),
    st.lists(EVENT, max_size=4),
    st.sampled_from([[], TODO, ["X-WR-TIMEZONE:Asia/Aqtau"]]),
    st.sampled_from(["\r\n", "\n", "\r"]),
)  # fmt: skip


def _read_then_import(data: bytes, engine: Engine, campaign: int) -> None:
    started = time.monotonic()
    try:
        read = ics_read.read_calendar(data, "UTC", "given.ics")
    except ValidationError as error:
        assert str(error).startswith("given.ics: ")
        return
    finally:
        assert time.monotonic() - started < 10
    assert len(read.events) <= ics_read.MAX_EVENTS
    assert len({event.uid for event in read.events}) == len(read.events)
    try:
        with store.transaction(engine) as session:
            result = import_events(session, campaign, read.events, source="given.ics")
            assert result.created + result.updated == len(read.events)
            raise _Undo
    except _Undo:
        pass
    except ValidationError as error:
        assert str(error).startswith("given.ics: The event ")
    assert _count(engine, Action) == 0  # refused or undone: nothing half-written


OPENING = b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n"


@QUICK
@given(data=st.binary(max_size=3000))
def test_ics_any_bytes(data: bytes, module_campaign: tuple[Engine, int]) -> None:
    _read_then_import(data, *module_campaign)


@QUICK
@given(data=st.binary(max_size=500).map(lambda tail: OPENING + tail))
def test_ics_any_bytes_after_a_calendar_begins(
    data: bytes, module_campaign: tuple[Engine, int]
) -> None:
    _read_then_import(data, *module_campaign)


@settings(QUICK, max_examples=120)
@given(data=CALENDAR)
def test_ics_calendars_of_hostile_pieces(data: bytes, module_campaign: tuple[Engine, int]) -> None:
    _read_then_import(data, *module_campaign)


# Affiliates CSV: bytes and delimiter-heavy text, read, previewed and imported.

CSV_TEXT = st.text(alphabet=list(",;\t\"'\r\n=+-@ |ab é한\x00:"), max_size=300)
CSV_BYTES = st.one_of(
    st.binary(max_size=1000),
    st.builds(
        lambda head, text, encoding: (head + text).encode(encoding, "replace"),
        st.sampled_from(["", "name,country\n", "sep=;\n", 'sep="\n', "sep=|\n", "Name;Pays\r\n"]),
        CSV_TEXT,
        st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252"]),
    ),
)


@settings(QUICK, max_examples=80)
@given(data=CSV_BYTES)
def test_csv_any_file_is_read_previewed_and_imported_or_refused(
    data: bytes, module_campaign: tuple[Engine, int]
) -> None:
    engine, _campaign = module_campaign
    path = _temporary_file(data, ".csv")
    try:
        table = read_table(path)
    except ValidationError as error:
        assert path.name in str(error)
        return
    finally:
        path.unlink()
    try:
        with store.transaction(engine) as session:
            preview = affiliates_import.preview_import(session, table)
            assert len(preview.rows) == len(table.rows)
            result = affiliates_import.import_affiliates(session, table, skip_bad=True)
            assert result.created == preview.good_count
            raise _Undo
    except _Undo:
        pass
    except ValidationError:
        pass
    assert _count(engine, Organisation) == 0


# The archive: any bytes, and a real archive with any field made hostile.


@QUICK
@given(data=st.binary(max_size=2000))
def test_archive_any_bytes_is_refused(data: bytes) -> None:
    path = _temporary_file(data, ".zip")
    try:
        with pytest.raises(ValidationError, match=path.name):
            read_archive(path)
    finally:
        path.unlink()


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Archive, Engine]]:
    folder = tmp_path_factory.mktemp("world")
    source = store.open_database(str(folder / "source.sqlite3"))
    make_campaign_world(source, "a")
    archive = build_archive(source)
    source.dispose()
    target = store.open_database(str(folder / "target.sqlite3"))
    yield archive, target
    target.dispose()


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3)
    | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=6,
)  # fmt: skip


@settings(QUICK, max_examples=25)
@given(data=st.data())
def test_archive_with_a_hostile_field_imports_or_refuses_whole(
    data: st.DataObject, world: tuple[Archive, Engine]
) -> None:
    archive, target = world
    records = copy.deepcopy(archive.records)
    kind = data.draw(st.sampled_from(sorted(k for k, rows in records.items() if rows)))
    key = data.draw(st.sampled_from(sorted(records[kind])))
    fields = records[kind][key]
    name = data.draw(st.sampled_from(sorted(fields)) | st.text(max_size=8))
    if data.draw(st.booleans()):
        fields[name] = data.draw(JSON)
    else:
        fields.pop(name, None)
    json.dumps(records)  # what the archive holds is JSON
    path = Path(tempfile.mkdtemp()) / "hostile.zip"
    save_archive(path, Archive(archive.created, archive.app_version, archive.scope, records,
                               archive.files))  # fmt: skip
    before = snapshot(target)
    try:
        import_archive(target, path)
    except ValidationError as error:
        assert "hostile.zip" in str(error) or str(error)
        assert snapshot(target) == before  # refused whole


# Images and the settings file.


@QUICK
@given(st.binary(max_size=2000).map(lambda tail: b"\x89PNG\r\n\x1a\n" + tail) | st.binary())
def test_an_image_is_sized_or_refused(data: bytes) -> None:
    try:
        width, height = image_size(data, "logo.png", "logo")
    except ValidationError as error:
        assert error.field == "logo" and "logo.png" in str(error)
    else:
        assert 0 < width * height <= 40_000_000


@QUICK
@given(
    st.binary(max_size=300)
    | JSON.map(lambda value: json.dumps({"pdf.extra_fonts": value, "backup.last": value}).encode())
)
def test_any_settings_file_reads_as_settings_of_the_declared_types(data: bytes) -> None:
    path = _temporary_file(data, ".json")
    try:
        for key, setting in config.SETTINGS.items():
            assert isinstance(config.get_setting(key, path), setting.type)
        assert all(isinstance(font, str) for font in config.get_setting("pdf.extra_fonts", path))
        config.set_setting("pdf.paper", "letter", path)
        assert config.get_setting("pdf.paper", path) == "letter"
    finally:
        path.unlink()
