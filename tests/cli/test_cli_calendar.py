"""`organiser action|calendar`: ids, lists, .ics export/import, the PDF, bad input refused."""

from __future__ import annotations

import subprocess
from pathlib import Path

import icalendar
import pytest

from tests.cli.helpers import run, snapshot

DATA = Path(__file__).parent.parent / "data" / "ics"


@pytest.fixture
def campaign(capsys: pytest.CaptureFixture[str], db_path: Path) -> str:
    added = run(
        capsys,
        db_path,
        "campaign",
        "add",
        "--title",
        "Mangystau oil workers",
        "--country",
        "KZ",
        "--status",
        "closed",
        "--start",
        "2026-01-01",
        "--end",
        "2026-11-30",
    )
    return added.out.strip()


def test_action_add_and_list(
    capsys: pytest.CaptureFixture[str], db_path: Path, campaign: str
) -> None:
    timed = run(
        capsys,
        db_path,
        "action",
        "add",
        "--campaign",
        campaign,
        "--kind",
        "rally",
        "--title",
        "Rally in Seoul",
        "--start",
        "2026-11-14T14:00",
        "--end",
        "2026-11-14T17:00",
        "--tz",
        "Asia/Seoul",
        "--location",
        "Seoul",
    )
    assert timed.code == 0 and timed.out.strip().isdigit() and timed.err == ""
    late = run(
        capsys,
        db_path,
        "action",
        "add",
        "--campaign",
        campaign,
        "--kind",
        "strike",
        "--title",
        "Strike",
        "--start",
        "2026-12-11",
        "--end",
        "2026-12-13",
        "--tz",
        "Asia/Aqtau",
    )
    assert late.code == 0 and "warning" in late.err and "closed" in late.err
    listed = run(capsys, db_path, "action", "list", "--from", "2026-12-01", "--json").json()
    assert [a["title"] for a in listed] == ["Strike"]
    assert listed[0]["start_date"] == "2026-12-11" and listed[0]["timezone"] == "Asia/Aqtau"
    table = run(capsys, db_path, "action", "list", "--kind", "rally")
    assert "14:00–17:00 Asia/Seoul" in table.out and "Strike" not in table.out


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("--start", "2026-11-14", "--end", "2026-11-13"), "before the start"),
        (("--start", "2026-02-30"), "not a date that exists"),
        (("--start", "2026-11-14", "--tz", "Asia/Atlantis"), "Time zone"),
        (("--start", "2026-11-14", "--kind", "riot"), "Kind 'riot'"),
    ],
)
def test_bad_action_input_is_one_line_exit_2_and_writes_nothing(
    capsys: pytest.CaptureFixture[str],
    db_path: Path,
    campaign: str,
    args: tuple[str, ...],
    words: str,
) -> None:
    before = snapshot(db_path)
    base = ["action", "add", "--campaign", campaign, "--title", "T"]
    if "--kind" not in args:
        base += ["--kind", "rally"]
    result = run(capsys, db_path, *base, *args)
    assert result.code == 2 and words in result.err and result.err.count("\n") == 1
    assert snapshot(db_path) == before


def test_export_import_and_dry_run(
    capsys: pytest.CaptureFixture[str], db_path: Path, campaign: str, tmp_path: Path
) -> None:
    run(
        capsys,
        db_path,
        "action",
        "add",
        "--campaign",
        campaign,
        "--kind",
        "vigil",
        "--title",
        "Vigil",
        "--start",
        "2026-11-18T12:00",
        "--tz",
        "Europe/Berlin",
    )
    out = tmp_path / "actions.ics"
    assert run(capsys, db_path, "calendar", "export", str(out)).code == 0
    (event,) = icalendar.Calendar.from_ical(out.read_bytes()).walk("VEVENT")
    assert str(event["summary"]) == "Vigil"
    dry = run(
        capsys,
        db_path,
        "calendar",
        "import",
        str(DATA / "outlook_weekly.ics"),
        "--campaign",
        campaign,
        "--dry-run",
    )
    assert "would create 6" in dry.out
    assert len(run(capsys, db_path, "action", "list", "--json").json()) == 1
    done = run(
        capsys,
        db_path,
        "calendar",
        "import",
        str(DATA / "outlook_weekly.ics"),
        "--campaign",
        campaign,
    )
    assert "created 6" in done.out
    again = run(capsys, db_path, "calendar", "import", str(out), "--campaign", campaign)
    assert "created 0, updated 1" in again.out


def test_a_broken_file_is_refused_and_nothing_imported(
    capsys: pytest.CaptureFixture[str], db_path: Path, campaign: str
) -> None:
    before = snapshot(db_path)
    result = run(
        capsys, db_path, "calendar", "import", str(DATA / "broken_ical.ics"), "--campaign", campaign
    )
    assert result.code == 2 and "Line 4" in result.err
    assert snapshot(db_path) == before


def test_calendar_pdf_has_the_month_its_actions_and_the_legend(
    capsys: pytest.CaptureFixture[str], db_path: Path, campaign: str, tmp_path: Path
) -> None:
    run(
        capsys,
        db_path,
        "action",
        "add",
        "--campaign",
        campaign,
        "--kind",
        "strike",
        "--title",
        "Жаңаөзен strike",
        "--start",
        "2026-11-11",
        "--tz",
        "Asia/Aqtau",
    )
    out = tmp_path / "november.pdf"
    assert run(capsys, db_path, "calendar", "pdf", str(out), "--month", "2026-11").code == 0
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
    assert "November 2026" in text and "Жаңаөзен strike" in text
    assert "Mangystau oil workers" in text and "Agenda" in text
    bad = run(capsys, db_path, "calendar", "pdf", str(tmp_path / "x.pdf"), "--month", "2026-13")
    assert bad.code == 2 and not (tmp_path / "x.pdf").exists()
