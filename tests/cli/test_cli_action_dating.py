"""`action add/edit --ongoing | --undated [--target-month] | --month | --org ID:ROLE`, shown by
`action list` and `action show --json`; bad input is one line on stderr, exit 2, nothing
written."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.cli.helpers import Result, run, snapshot


@pytest.fixture
def db(capsys: pytest.CaptureFixture[str], db_path: Path) -> Path:
    for args in (
        ("campaign", "add", "--title", "NHIS", "--country", "KR"),
        ("org", "add", "--name", "KPTU"),
        ("org", "add", "--name", "NHIS"),
    ):
        assert run(capsys, db_path, *args).code == 0
    return db_path


def _add(capsys: pytest.CaptureFixture[str], db: Path, *extra: str) -> Result:
    return run(capsys, db, "action", "add", "--campaign", "1", "--kind", "strike",
               "--title", "Strike", *extra)  # fmt: skip


def test_ongoing_undated_month_and_roles_are_stored_listed_and_shown(
    capsys: pytest.CaptureFixture[str], db: Path
) -> None:
    since = date.today() - timedelta(days=11)
    ongoing = _add(capsys, db, "--start", since.isoformat(), "--ongoing",
                   "--org", "1:striking-union", "--org", "2:employer")  # fmt: skip
    assert ongoing.code == 0, ongoing.err
    assert _add(capsys, db, "--undated", "--target-month", "2027-03").code == 0
    assert _add(capsys, db, "--month", "2016-07").code == 0
    listed = run(capsys, db, "action", "list")
    assert f"since {since.isoformat()} (day 12)" in listed.out
    assert "to be dated (2027-03)" in listed.out and "July 2016" in listed.out
    assert "KPTU (striking union); NHIS (employer)" in listed.out
    shown = run(capsys, db, "action", "show", ongoing.out.strip(), "--json").json()
    assert (shown["ongoing"], shown["start_date"], shown["end_date"]) == (
        True, since.isoformat(), date.today().isoformat()
    )  # fmt: skip
    assert [(o["name"], o["role"]) for o in shown["organisations"]] == [
        ("KPTU", "striking-union"),
        ("NHIS", "employer"),
    ]
    undated = run(capsys, db, "action", "show", "2", "--json").json()
    assert (undated["undated"], undated["start_date"], undated["target_month"]) == (
        True, None, "2027-03"
    )  # fmt: skip
    month = run(capsys, db, "action", "show", "3", "--json").json()
    assert (month["date_precision"], month["start_date"]) == ("month", "2016-07-01")


def test_edit_dates_an_undated_action_ends_an_ongoing_one_and_replaces_roles(
    capsys: pytest.CaptureFixture[str], db: Path
) -> None:
    assert _add(capsys, db, "--start", "2026-07-01", "--ongoing", "--org", "1:organiser").code == 0
    assert _add(capsys, db, "--undated", "--target-month", "2027-03").code == 0
    assert (
        run(capsys, db, "action", "edit", "1", "--end", "2026-07-20", "--org", "2:target").code == 0
    )
    assert run(capsys, db, "action", "edit", "2", "--start", "2027-03-15").code == 0
    ended = run(capsys, db, "action", "show", "1", "--json").json()
    assert (ended["ongoing"], ended["end_date"]) == (False, "2026-07-20")
    assert [(o["name"], o["role"]) for o in ended["organisations"]] == [("NHIS", "target")]
    dated = run(capsys, db, "action", "show", "2", "--json").json()
    assert (dated["undated"], dated["start_date"], dated["target_month"]) == (
        False, "2027-03-15", None
    )  # fmt: skip
    assert run(capsys, db, "action", "edit", "2", "--undated").code == 0
    assert run(capsys, db, "action", "show", "2", "--json").json()["start_date"] is None


@pytest.mark.parametrize(
    "extra",
    [
        ("--start", "2026-07-01", "--end", "2026-07-05", "--ongoing"),
        ("--undated", "--start", "2026-07-01"),
        ("--undated", "--target-month", "2027-13"),
        ("--start", "2026-07-01", "--target-month", "2027-01"),
        ("--month", "2016-07", "--start", "2016-07-01"),
        ("--month", "July"),
        ("--start", "2026-07-01", "--org", "1"),
        ("--start", "2026-07-01", "--org", "1:bystander"),
        ("--start", "2026-07-01", "--org", "99:target"),
        ("--start", "2026-02-30"),
        (),
    ],
)
def test_bad_dating_or_roles_are_one_line_exit_2_and_nothing_written(
    capsys: pytest.CaptureFixture[str], db: Path, extra: tuple[str, ...]
) -> None:
    before = snapshot(db)
    result = _add(capsys, db, *extra)
    assert result.code == 2
    assert result.out == "" and result.err.count("\n") == 1 and result.err.startswith("organiser:")
    assert snapshot(db) == before
