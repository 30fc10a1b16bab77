"""`action add` without --tz: the campaign country's zone when it has one, else a refusal —
never a timed action stored as UTC by accident."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.helpers import run, snapshot


def _campaign(capsys: pytest.CaptureFixture[str], db: Path, country: str = "") -> str:
    extra = ("--country", country) if country else ()
    result = run(capsys, db, "campaign", "add", "--title", f"In {country or 'nowhere'}", *extra)
    assert result.code == 0, result.err
    return result.out.strip()


def _add(capsys: pytest.CaptureFixture[str], db: Path, campaign: str, *extra: str):  # type: ignore[no-untyped-def]
    return run(capsys, db, "action", "add", "--campaign", campaign, "--kind", "rally",
               "--title", "Rally", *extra)  # fmt: skip


def test_a_timed_action_in_korea_without_tz_is_stored_in_seoul_time(
    capsys: pytest.CaptureFixture[str], db_path: Path
) -> None:
    """KR has one zone: 14:00 typed is 14:00 in Seoul (05:00 UTC), not 14:00 UTC."""
    campaign = _campaign(capsys, db_path, "KR")
    added = _add(capsys, db_path, campaign, "--start", "2026-11-14T14:00")
    assert added.code == 0, added.err
    (action,) = run(capsys, db_path, "action", "list", "--json").json()
    assert action["timezone"] == "Asia/Seoul"
    assert action["starts_at"].startswith("2026-11-14T05:00")


@pytest.mark.parametrize("country", ["US", ""])
def test_a_timed_action_without_tz_where_the_zone_is_not_one_is_refused_writing_nothing(
    capsys: pytest.CaptureFixture[str], db_path: Path, country: str
) -> None:
    """The US has many zones, a campaign without a country none: one line, exit 2, no row."""
    campaign = _campaign(capsys, db_path, country)
    before = snapshot(db_path)
    refused = _add(capsys, db_path, campaign, "--start", "2026-11-14T14:00")
    assert refused.code == 2
    assert len(refused.err.strip().splitlines()) == 1 and "--tz" in refused.err
    assert ("29 time zones" in refused.err) == (country == "US")
    assert snapshot(db_path) == before


def test_with_tz_the_zone_given_wins_and_an_all_day_action_needs_none(
    capsys: pytest.CaptureFixture[str], db_path: Path
) -> None:
    """--tz is taken as given in a country of many zones; an all-day action there is kept in
    UTC (its days do not depend on the zone), as before."""
    campaign = _campaign(capsys, db_path, "US")
    assert _add(capsys, db_path, campaign, "--start", "2026-11-14T14:00",
                "--tz", "America/Chicago").code == 0  # fmt: skip
    assert _add(capsys, db_path, campaign, "--start", "2026-11-15").code == 0
    zones = [a["timezone"] for a in run(capsys, db_path, "action", "list", "--json").json()]
    assert zones == ["America/Chicago", "UTC"]


def test_edit_without_tz_keeps_the_actions_zone(
    capsys: pytest.CaptureFixture[str], db_path: Path
) -> None:
    """An edit that gives no --tz keeps the zone the action has, even in a country of many."""
    campaign = _campaign(capsys, db_path, "US")
    action = _add(capsys, db_path, campaign, "--start", "2026-11-14T14:00",
                  "--tz", "America/Denver").out.strip()  # fmt: skip
    assert run(capsys, db_path, "action", "edit", action, "--start", "2026-11-14T15:00").code == 0
    (listed,) = run(capsys, db_path, "action", "list", "--json").json()
    assert listed["timezone"] == "America/Denver"
    assert listed["starts_at"].startswith("2026-11-14T22:00")


def test_workers_and_outcome_are_set_listed_edited_and_refused_as_cli_md_says(
    capsys: pytest.CaptureFixture[str], db_path: Path
) -> None:
    """--workers and --outcome on add and edit, in `action list --json`; a bad number is one
    line, exit 2, nothing written."""
    campaign = _campaign(capsys, db_path, "KR")
    added = _add(capsys, db_path, campaign, "--start", "2021-07-01", "--kind", "strike",
                 "--workers", "1000", "--outcome", "Declared illegal")  # fmt: skip
    assert added.code == 0, added.err
    action = added.out.strip()
    assert run(capsys, db_path, "action", "edit", action, "--outcome", "Appeal rejected").code == 0
    (listed,) = run(capsys, db_path, "action", "list", "--json").json()
    assert (listed["workers"], listed["outcome"], listed["kind"]) == (
        1000,
        "Appeal rejected",
        "strike",
    )
    before = snapshot(db_path)
    refused = run(capsys, db_path, "action", "edit", action, "--workers", "lots")
    assert refused.code == 2 and len(refused.err.strip().splitlines()) == 1
    assert "workers" in refused.err and snapshot(db_path) == before
