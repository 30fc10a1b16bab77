"""`organiser dashboard [--json]` and `organiser reminder ...` run for real on the sample data:
the sections with kinds and ids, and reminders added, listed, done and refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from organiser.config import set_setting
from tests.cli.helpers import run, snapshot


def test_dashboard_json_has_every_section_with_kinds_ids_and_day_counts(
    demo_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    result = run(capsys, demo_db, "dashboard", "--json")
    assert result.code == 0, result.err
    summary = result.json()
    for name in (
        "upcoming", "due_this_week", "overdue", "unsent_letters", "awaiting_reply",
        "campaigns_without_action", "people_at_risk", "reminders",
    ):  # fmt: skip
        assert set(summary[name]) == {"items", "total"}, name
    assert summary["overdue"]["total"] == 2
    assert {i["kind"] for i in summary["overdue"]["items"]} == {"commitment"}
    assert all(isinstance(i["id"], int) for i in summary["upcoming"]["items"])
    assert {i["status"] for i in summary["unsent_letters"]["items"]} == {"draft", "approved"}
    days = {(p["held_days"], p["hunger_strike_day"]) for p in summary["people_at_risk"]["items"]}
    assert days == {(231, None), (None, 12)}
    # `demo` wrote, so the command line made its automatic checked backup after it.
    assert summary["backup"]["recent"] is True and summary["backup"]["last_at"]


def test_dashboard_text_names_the_sections_and_the_days(
    demo_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    result = run(capsys, demo_db, "dashboard")
    assert result.code == 0, result.err
    assert "Overdue commitments (2)" in result.out
    assert "held 231 days of 5 years" in result.out and "day 12 of hunger strike" in result.out
    assert "Backup: last checked backup" in result.out


def test_a_reminder_is_added_listed_as_due_and_done(
    demo_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    added = run(capsys, demo_db, "reminder", "add", "--letter", "1", "--at", "2026-01-05 09:00",
                "--tz", "Asia/Seoul", "--note", "chase the ministry")  # fmt: skip
    assert added.code == 0, added.err
    key = int(added.out)
    due = run(capsys, demo_db, "reminder", "list", "--due", "--json").json()
    assert [(r["id"], r["target_kind"], r["due_at"]) for r in due] == [
        (key, "letter", "2026-01-05T00:00:00+00:00")
    ]
    dashboard = run(capsys, demo_db, "dashboard", "--json").json()
    assert dashboard["reminders"]["total"] == 1
    assert run(capsys, demo_db, "reminder", "done", str(key)).code == 0
    assert run(capsys, demo_db, "reminder", "list", "--due", "--json").json() == []
    assert len(run(capsys, demo_db, "reminder", "list", "--all", "--json").json()) == 1
    assert run(capsys, demo_db, "reminder", "delete", str(key)).code == 0
    assert run(capsys, demo_db, "reminder", "list", "--all", "--json").json() == []


@pytest.mark.parametrize(
    "args",
    [
        ("--letter", "1", "--days-before", "3"),
        ("--action", "999", "--at", "2026-01-05 09:00"),
        ("--action", "1", "--at", "tomorrow"),
        ("--action", "1", "--letter", "1", "--at", "2026-01-05 09:00"),
        ("--action", "1"),
    ],
)
def test_a_bad_reminder_is_one_line_exit_2_and_nothing_written(
    demo_db: Path, capsys: pytest.CaptureFixture[str], args: tuple[str, ...]
) -> None:
    before = snapshot(demo_db)
    result = run(capsys, demo_db, "reminder", "add", *args)
    assert result.code == 2
    assert len(result.err.strip().splitlines()) == 1
    assert snapshot(demo_db) == before


def test_the_dashboard_text_says_a_reminder_time_in_the_organisers_zone(
    demo_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """09:00 in Seoul is 00:00 UTC: the text says 09:00 Asia/Seoul, as the organiser set it."""
    set_setting("ui.organiser_timezone", "Asia/Seoul")
    added = run(capsys, demo_db, "reminder", "add", "--letter", "1", "--at", "2026-01-05 09:00",
                "--tz", "Asia/Seoul")  # fmt: skip
    assert added.code == 0, added.err
    result = run(capsys, demo_db, "dashboard")
    assert result.code == 0, result.err
    section = result.out.split("Reminders due (1)", 1)[1].split("\n\n", 1)[0]
    assert "2026-01-05 09:00 Asia/Seoul" in section
    assert "UTC" not in section
    assert (
        "Backup: last checked backup" in result.out
        and "UTC" not in result.out.split("Backup:", 1)[1]
    )
