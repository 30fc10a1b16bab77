"""Hostile and broken files given to every reader: pipes, devices, folders and oversized files
refused before reading, and the measured failures of the calendar import kept fixed (a rule
repeating every second, year 1, lone CRs, one UID for two events, an end before the start)."""

from __future__ import annotations

import os
import signal
import struct
import time
import tracemalloc
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine

from organiser import config, store
from organiser.errors import ValidationError
from organiser.formats import csv_affiliates, ics_read
from organiser.formats.archive import read_archive
from organiser.formats.ics_read import read_calendar, read_calendar_file
from organiser.pdf.images import image_size
from organiser.services import attachments, letter_register
from organiser.services.action_import import import_events
from organiser.services.campaigns import CampaignFields, create_campaign
from organiser.services.organisations import OrganisationFields, create_organisation
from tests.cli.helpers import run, snapshot


@pytest.fixture(autouse=True)
def _never_hang() -> Iterator[None]:
    """A reader that blocks on a pipe fails the test instead of hanging the run."""

    def stop(_signum: int, _frame: Any) -> None:
        raise TimeoutError("the reader blocked")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(20)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


def _fifo(tmp_path: Path) -> Path:
    path = tmp_path / "pipe.ics"
    os.mkfifo(path)
    return path


def _device_link(tmp_path: Path) -> Path:
    path = tmp_path / "zero.csv"
    path.symlink_to("/dev/zero")
    return path


SPECIAL: dict[str, Callable[[Path], Path]] = {
    "named pipe": _fifo,
    "/dev/zero": lambda _tmp: Path("/dev/zero"),
    "a link to /dev/zero": _device_link,
    "a folder": lambda tmp: tmp,
}
READERS: dict[str, Callable[[Path], object]] = {
    "evidence or reply file": lambda p: attachments.read_upload(p, "evidence_file"),
    "logo": lambda p: letter_register.read_image(p, "logo"),
    "affiliates CSV": csv_affiliates.read_table,
    "calendar": read_calendar_file,
    "archive": read_archive,
}


@pytest.mark.parametrize("special", SPECIAL)
@pytest.mark.parametrize("reader", READERS)
def test_a_pipe_device_or_folder_is_refused_before_reading(
    reader: str, special: str, tmp_path: Path
) -> None:
    path = SPECIAL[special](tmp_path)
    started = time.monotonic()
    with pytest.raises(ValidationError, match="not a file") as refused:
        READERS[reader](path)
    assert str(path) in str(refused.value)
    assert time.monotonic() - started < 2


@pytest.mark.parametrize("reader", READERS)
def test_a_file_over_its_readers_limit_is_refused_naming_it(
    reader: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "big.bin"
    path.write_bytes(b"x" * 2000)
    for module, name in (
        (attachments, "MAX_SIZE"),
        (letter_register, "MAX_IMAGE_BYTES"),
        (csv_affiliates, "_MAX_BYTES"),
        (ics_read, "MAX_BYTES"),
    ):
        monkeypatch.setattr(module, name, 1000)
    monkeypatch.setattr("organiser.formats.archive.MAX_FILE_BYTES", 1000)
    monkeypatch.setattr(attachments.read_upload, "__defaults__", ("file", 1000))
    with pytest.raises(ValidationError, match=r"big\.bin is 1\.95 KB; at most 1000 bytes"):
        READERS[reader](path)


def test_the_settings_file_as_a_pipe_a_device_or_damaged_reads_as_defaults(
    tmp_path: Path,
) -> None:
    damaged = tmp_path / "deep.json"
    damaged.write_text("[" * 100_000)
    for path in (_fifo(tmp_path), _device_link(tmp_path), damaged, tmp_path / "none.json"):
        assert config.get_setting("pdf.paper", path) == "a4"
    wrong = tmp_path / "wrong.json"
    wrong.write_text('{"pdf.extra_fonts": [1, {"a": 2}], "backup.last": {"x": 3}}')
    assert config.get_setting("pdf.extra_fonts", wrong) == []


@pytest.mark.parametrize(
    "args",
    [
        ["calendar", "import", "{file}", "--campaign", "1"],
        ["org", "import", "{file}"],
        ["archive", "import", "{file}"],
        [
            "letter",
            "add",
            "--campaign",
            "1",
            "--kind",
            "solidarity-letter",
            "--sender",
            "1",
            "--subject",
            "S",
            "--body-file",
            "{file}",
        ],
        ["letter", "logo", "1", "{file}"],
        [
            "commitment",
            "add",
            "--campaign",
            "1",
            "--org",
            "1",
            "--what",
            "W",
            "--evidence-file",
            "{file}",
        ],
    ],
    ids=lambda args: " ".join(args[:2]),
)
@pytest.mark.parametrize("special", ["named pipe", "/dev/zero"])
def test_the_command_line_refuses_a_pipe_or_device_in_one_line(
    args: list[str],
    special: str,
    capsys: pytest.CaptureFixture[str],
    db_path: Path,
    engine: Engine,
    tmp_path: Path,
) -> None:
    with store.transaction(engine) as session:
        create_campaign(session, CampaignFields(title="Campaign"))
        create_organisation(session, OrganisationFields(name="Union"))
    before = snapshot(db_path)
    path = SPECIAL[special](tmp_path)
    result = run(capsys, db_path, *[a.replace("{file}", str(path)) for a in args])
    assert result.code == 2, result.err
    assert str(path) in result.err and "not a file" in result.err
    assert "Traceback" not in result.err and len(result.err.strip().splitlines()) == 1
    assert snapshot(db_path) == before


def _png_header(width: int, height: int) -> bytes:
    """A PNG that declares its size and holds no pixels: 80 bytes that claim gigapixels."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    chunk = b"IHDR" + ihdr
    return (
        b"\x89PNG\r\n\x1a\n"
        + struct.pack(">I", len(ihdr))
        + chunk
        + struct.pack(">I", zlib.crc32(chunk))
        + struct.pack(">I", 0)
        + b"IEND"
        + struct.pack(">I", zlib.crc32(b"IEND"))
    )


def test_an_image_too_large_in_pixels_is_refused_from_its_header() -> None:
    started = time.monotonic()
    with pytest.raises(ValidationError, match=r"logo\.png is too many pixels; a letter takes"):
        image_size(_png_header(60000, 60000), "logo.png", "logo")
    with pytest.raises(ValidationError, match=r"is 12000 × 10 pixels"):
        image_size(_png_header(12000, 10), "wide.png", "logo")
    assert time.monotonic() - started < 1


def test_a_logo_that_is_not_an_image_or_too_large_is_not_kept(engine: Engine) -> None:
    with store.transaction(engine) as session:
        org = create_organisation(session, OrganisationFields(name="Union")).id
    for data, reason in ((b"not an image", "not an image"), (_png_header(9000, 9000), "pixels")):
        with pytest.raises(ValidationError, match=reason), store.transaction(engine) as session:
            letter_register.set_logo(session, org, ("logo.png", data))


def test_attachments_have_a_size_limit(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(attachments, "MAX_SIZE", 100)
    with (
        pytest.raises(ValidationError, match=r"scan\.pdf is larger than 100 bytes"),
        store.transaction(engine) as session,
    ):
        attachments.store_attachment(session, "scan.pdf", b"x" * 101)


def test_csv_rows_columns_and_cells_are_bounded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(csv_affiliates, "MAX_ROWS", 3)
    monkeypatch.setattr(csv_affiliates, "MAX_COLUMNS", 4)
    cases = {
        "rows.csv": ("name\n" + "".join(f"U{n}\n" for n in range(10)), "more than 3 rows"),
        "wide.csv": ("name\na,b,c,d,e\n", "line 2 has 5 columns, over 4"),
        "long.csv": ("name\n" + "x" * (csv_affiliates.MAX_CELL + 1) + "\n", "line 2"),
    }
    for name, (text, reason) in cases.items():
        path = tmp_path / name
        path.write_text(text)
        with pytest.raises(ValidationError, match=reason):
            csv_affiliates.read_table(path)


# The calendar import, as measured before these fixes.


def _calendar(*lines: str, end: str = "\r\n") -> bytes:
    head = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//EN"]
    return end.join([*head, *lines, "END:VCALENDAR", ""]).encode()


def _event(*lines: str) -> list[str]:
    return ["BEGIN:VEVENT", *lines, "END:VEVENT"]


SECONDLY = _calendar(
    *_event(
        "UID:every-second@example.org",
        "DTSTART:20260101T000000Z",
        "SUMMARY:Every second",
        "RRULE:FREQ=SECONDLY",
    )
)


def test_a_rule_repeating_every_second_is_cut_while_expanding() -> None:
    """Once 4½ minutes and 5.8 GB before a MemoryError; now the rule is walked lazily."""
    assert len(SECONDLY) < 200
    tracemalloc.start()
    started = time.monotonic()
    read = read_calendar(SECONDLY)
    elapsed = time.monotonic() - started
    _now, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert len(read.events) == ics_read.MAX_OCCURRENCES
    assert elapsed < 5 and peak < 50_000_000
    assert "repeats more than 400 times: only the first 400" in read.warnings[0]


def test_an_old_rule_repeating_every_second_is_read_from_its_first_year_quickly() -> None:
    data = SECONDLY.replace(b"20260101T000000Z", b"20000101T000000Z")
    started = time.monotonic()
    read = read_calendar(data)
    assert time.monotonic() - started < 5
    assert len(read.events) == 400 and read.events[0].start.year == 2000


@pytest.mark.parametrize(
    "rule", ["FREQ=HOURLY", "FREQ=HOURLY;COUNT=2000000", "FREQ=MINUTELY;INTERVAL=5"]
)
def test_a_series_cut_to_400_says_so(
    rule: str, capsys: pytest.CaptureFixture[str], db_path: Path, engine: Engine, tmp_path: Path
) -> None:
    path = tmp_path / "hourly.ics"
    path.write_bytes(
        _calendar(*_event("UID:h", "DTSTART:20261201T000000Z", "SUMMARY:Vigil", f"RRULE:{rule}"))
    )
    read = read_calendar_file(path)
    assert len(read.events) == 400
    assert read.warnings == (
        f"The event 'Vigil' at line 4 repeats more than 400 times: only the first 400 "
        f"({read.events[0].start:%Y-%m-%d} to {read.events[-1].start:%Y-%m-%d}) were read.",
    )
    with store.transaction(engine) as session:
        campaign = create_campaign(session, CampaignFields(title="Vigils")).id
    result = run(capsys, db_path, "calendar", "import", str(path), "--campaign", str(campaign))
    assert result.code == 0 and "created 400" in result.out
    assert "warning: The event 'Vigil' at line 4 repeats more than 400 times" in result.err


@pytest.mark.parametrize(
    ("lines", "reason"),
    [
        (["DTSTART;TZID=America/New_York:00010101T000000"], "dated in the year 1;"),
        (
            ["DTSTART;TZID=Asia/Tokyo:20260101T090000", "DTEND;TZID=Asia/Tokyo:99991231T230000"],
            "dated in the year 9999;",
        ),
        (["DTSTART;VALUE=DATE:00010101"], "dated in the year 1;"),
        (["DTSTART;VALUE=DATE:20261205", "DTEND;VALUE=DATE:20261201"], "ends .* before it starts"),
        (["DTSTART:20261205T100000Z", "DTEND:20261205T090000Z"], "ends .* before it starts"),
        (["DTSTART:20261205T100000Z", "RRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=31"], "never gives"),
        (["DTSTART:20261205T100000Z", "RRULE:FREQ=DAILY;BYSETPOS=2"], "BYSETPOS"),
        (["DTSTART:20261205T100000Z", "SUMMARY:" + "x" * 301], "SUMMARY is 301 characters"),
    ],
)
def test_an_event_out_of_bounds_is_refused_naming_the_file_and_event(
    lines: list[str], reason: str
) -> None:
    started = time.monotonic()
    with pytest.raises(ValidationError, match=rf"^party\.ics: The event .*at line 4.*{reason}"):
        read_calendar(_calendar(*_event("UID:x", *lines)), "UTC", "party.ics")
    assert time.monotonic() - started < 3


@pytest.fixture
def campaign(engine: Engine) -> int:
    with store.transaction(engine) as session:
        return create_campaign(session, CampaignFields(title="Strikes")).id


def test_a_file_with_lone_cr_line_ends_is_imported(engine: Engine, campaign: int) -> None:
    data = _calendar(*_event("UID:cr", "DTSTART:20261201T100000Z", "SUMMARY:Rally"), end="\r")
    read = read_calendar(data)
    with store.transaction(engine) as session:
        assert import_events(session, campaign, read.events).created == 1


def test_two_different_events_with_one_uid_are_refused_naming_both(
    engine: Engine, campaign: int
) -> None:
    data = _calendar(
        *_event("UID:same", "DTSTART:20261201T100000Z", "SUMMARY:Rally"),
        *_event("UID:same", "DTSTART:20261202T100000Z", "SUMMARY:March"),
    )
    with pytest.raises(
        ValidationError, match=r"The event 'March' at line 9 and the event at line 4 have the same"
    ):
        read_calendar(data)


def test_the_same_event_twice_is_read_once_and_a_reimport_updates_it(
    engine: Engine, campaign: int
) -> None:
    twice = _event("UID:same", "DTSTART:20261201T100000Z", "SUMMARY:Rally")
    read = read_calendar(_calendar(*twice, *twice))
    assert len(read.events) == 1 and "repeats the event at line 4" in read.warnings[0]
    with store.transaction(engine) as session:
        assert import_events(session, campaign, read.events).created == 1
    with store.transaction(engine) as session:
        again = import_events(session, campaign, read.events)
    assert (again.created, again.updated) == (0, 1)


def test_errors_icalendar_records_in_any_component_are_surfaced() -> None:
    data = _calendar(
        *_event("UID:ok", "DTSTART:20261201T100000Z"),
        *_event("UID:broken", "DTSTART:20261201T100000Z", "EXDATE:notadate"),
    )
    with pytest.raises(ValidationError, match=r"^f\.ics: Cannot read the event at line 8 in EX"):
        read_calendar(data, "UTC", "f.ics")


def test_too_many_events_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ics_read, "MAX_EVENTS", 2)
    events = [line for n in range(3) for line in _event(f"UID:{n}", "DTSTART:20261201")]
    with pytest.raises(ValidationError, match="3 events; at most 2"):
        read_calendar(_calendar(*events))
    series = _event("UID:s", "DTSTART:20261201", "RRULE:FREQ=DAILY;COUNT=3")
    with pytest.raises(ValidationError, match="repetitions come to 3; at most 2"):
        read_calendar(_calendar(*series))


def test_a_font_named_in_the_settings_that_is_a_pipe_is_skipped(tmp_path: Path) -> None:
    from organiser.pdf.fonts import load_fonts

    fonts = load_fonts([str(_fifo(tmp_path)), "/dev/zero"])
    assert not any(name.startswith("Extra-") for name in fonts.names)


@pytest.mark.parametrize(
    ("name", "data", "said"),
    [
        (
            "year-one.ics",
            _calendar(*_event("UID:y", "DTSTART;TZID=America/New_York:00010101T000000")),
            "year-one.ics: The event at line 4 is dated in the year 1",
        ),
        (
            "far.ics",
            _calendar(
                *_event(
                    "UID:f",
                    "DTSTART;TZID=Asia/Tokyo:20260101T090000",
                    "DTEND;TZID=Asia/Tokyo:99991231T230000",
                )
            ),
            "far.ics: The event at line 4 is dated in the year 9999",
        ),
        (
            "twice.ics",
            _calendar(
                *_event("UID:t", "DTSTART:20261201T100000Z", "SUMMARY:A"),
                *_event("UID:t", "DTSTART:20261202T100000Z", "SUMMARY:B"),
            ),
            "twice.ics: The event 'B' at line 9 and the event at line 4 have the same UID (t)",
        ),
        (
            "backwards.ics",
            _calendar(*_event("UID:b", "DTSTART;VALUE=DATE:20261205", "DTEND;VALUE=DATE:20261201")),
            "backwards.ics: The event at line 4 ends (2026-12-01) before it starts (2026-12-05)",
        ),
    ],
    ids=lambda value: value if isinstance(value, str) and value.endswith(".ics") else "",
)
def test_the_command_line_refuses_a_measured_bad_calendar_in_one_line(
    name: str,
    data: bytes,
    said: str,
    capsys: pytest.CaptureFixture[str],
    db_path: Path,
    campaign: int,
    tmp_path: Path,
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    before = snapshot(db_path)
    result = run(capsys, db_path, "calendar", "import", str(path), "--campaign", str(campaign))
    assert result.code == 2 and result.err.startswith(f"organiser: error: {said}"), result.err
    assert len(result.err.strip().splitlines()) == 1
    assert snapshot(db_path) == before


def test_the_command_line_imports_a_lone_cr_file(
    capsys: pytest.CaptureFixture[str], db_path: Path, campaign: int, tmp_path: Path
) -> None:
    path = tmp_path / "mac.ics"
    path.write_bytes(_calendar(*_event("UID:m", "DTSTART:20261201T100000Z"), end="\r"))
    result = run(capsys, db_path, "calendar", "import", str(path), "--campaign", str(campaign))
    assert result.code == 0 and "created 1" in result.out


def test_occurrences_of_a_series_with_the_longest_uid_stay_apart(
    engine: Engine, campaign: int
) -> None:
    uid = "u" * ics_read.MAX_LENGTHS["UID"]
    series = _event(f"UID:{uid}", "DTSTART:20261201T100000Z", "RRULE:FREQ=DAILY;COUNT=3")
    read = read_calendar(_calendar(*series))
    with store.transaction(engine) as session:
        assert import_events(session, campaign, read.events).created == 3
    with store.transaction(engine) as session:
        assert import_events(session, campaign, read.events).updated == 3
    with pytest.raises(ValidationError, match="its UID is 461 characters long"):
        read_calendar(_calendar(*_event(f"UID:{uid}u", "DTSTART:20261201T100000Z")))


@pytest.mark.parametrize(
    ("start", "rule", "reason"),
    [
        ("DTSTART;VALUE=DATE:20000101", "FREQ=SECONDLY", "lasts whole days but repeats more"),
        ("DTSTART:20100101T000000Z", "FREQ=MONTHLY;BYSETPOS=-121", "picks a position no month"),
        ("DTSTART:20100101T000000Z", "FREQ=MONTHLY;BYSETPOS=2", "picks a position no month"),
        ("DTSTART:20100101T000000Z", "FREQ=MONTHLY;BYDAY=MO;BYSETPOS=6", "no month has"),
        ("DTSTART:20100101T000000Z", "FREQ=YEARLY;BYMONTHDAY=17;BYSETPOS=-121", "no year has"),
    ],
)
def test_a_rule_dateutil_would_walk_to_the_year_9999_is_refused_at_once(
    start: str, rule: str, reason: str
) -> None:
    """Found by the property tests: each took seconds (or ran for ever) before a refusal."""
    started = time.monotonic()
    with pytest.raises(ValidationError, match=reason):
        read_calendar(_calendar(*_event("UID:r", start, f"RRULE:{rule}")))
    assert time.monotonic() - started < 1


def test_the_last_weekday_of_each_month_still_repeats() -> None:
    rule = "RRULE:FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1;COUNT=3"
    read = read_calendar(_calendar(*_event("UID:w", "DTSTART:20261130T090000Z", rule)))
    assert [e.start.day for e in read.events] == [30, 31, 29]  # type: ignore[union-attr]
