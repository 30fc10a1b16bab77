"""`organiser person situation ...`: situations added, listed with their day counts, edited and
deleted; a person known by role; bad input is one line on stderr, exit 2, nothing written."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.cli.helpers import run, snapshot


def _ago(days: int) -> str:
    return (date.today() - timedelta(days=days)).isoformat()


@pytest.fixture
def people(capsys: pytest.CaptureFixture[str], db_path: Path) -> Path:
    assert run(capsys, db_path, "person", "add", "--name", "Han Sang-gyun").out == "1\n"
    role = run(capsys, db_path, "person", "add", "--role", "the branch's first vice-chair")
    assert (role.code, role.out) == (0, "2\n")
    assert run(capsys, db_path, "campaign", "add", "--title", "Free them").out == "1\n"
    return db_path


def test_add_and_list_with_the_day_counts(capsys: pytest.CaptureFixture[str], people: Path) -> None:
    added = run(capsys, people, "person", "situation", "add", "1", "--kind", "arrested",
                "--since", _ago(230), "--campaign", "1")  # fmt: skip
    assert (added.code, added.out, added.err) == (0, "1\n", "")
    run(capsys, people, "person", "situation", "add", "1", "--kind", "sentenced", "--since",
        _ago(20), "--sentence", "5 years", "--sentence-months", "60", "--court",
        "Seoul Central District Court", "--lawyer", "Kim")  # fmt: skip
    assert run(capsys, people, "person", "situation", "add", "2", "--kind", "on-hunger-strike",
               "--since", _ago(0)).out == "3\n"  # fmt: skip
    table = run(capsys, people, "person", "situation", "list")
    assert table.code == 0
    lines = table.out.splitlines()
    assert "held 231 days of 5 years" in lines[2] and "Free them" in lines[2]
    assert "the branch's first vice-chair" in lines[4]
    assert "day 1 of hunger strike" in lines[4]
    listed = run(capsys, people, "person", "situation", "list", "--current", "--json").json()
    assert [(s["id"], s["kind"], s["current"], s["day"], s["now"]) for s in listed] == [
        (1, "arrested", True, 231, "held 231 days of 5 years"),
        (2, "sentenced", True, 21, "held 231 days of 5 years"),
        (3, "on-hunger-strike", True, 1, "day 1 of hunger strike"),
    ]
    assert listed[1]["sentence_months"] == 60 and listed[1]["lawyer"] == "Kim"
    assert listed[0]["campaign_ids"] == [1] and listed[0]["since"] == _ago(230)
    only = run(capsys, people, "person", "situation", "list", "--person", "2", "--json").json()
    assert [s["id"] for s in only] == [3]


def test_a_release_leaves_the_history_and_not_the_current(
    capsys: pytest.CaptureFixture[str], people: Path
) -> None:
    for kind, since in (("arrested", _ago(900)), ("released", _ago(10))):
        assert run(capsys, people, "person", "situation", "add", "1", "--kind", kind,
                   "--since", since).code == 0  # fmt: skip
    history = run(capsys, people, "person", "situation", "list", "--json").json()
    assert [(s["kind"], s["current"], s["now"]) for s in history] == [
        ("arrested", False, ""), ("released", False, "")
    ]  # fmt: skip
    assert run(capsys, people, "person", "situation", "list", "--current", "--json").json() == []


def test_edit_and_delete(capsys: pytest.CaptureFixture[str], people: Path) -> None:
    run(capsys, people, "person", "situation", "add", "1", "--kind", "detained", "--since",
        "2015-12-10")  # fmt: skip
    edited = run(capsys, people, "person", "situation", "edit", "1", "--kind", "sentenced",
                 "--sentence-months", "36", "--campaign", "1")  # fmt: skip
    assert (edited.code, edited.out) == (0, "2\n")
    [saved] = run(capsys, people, "person", "situation", "list", "--json").json()
    assert (saved["kind"], saved["since"], saved["sentence_months"], saved["campaign_ids"]) == (
        "sentenced", "2015-12-10", 36, [1]
    )  # fmt: skip
    stale = run(capsys, people, "person", "situation", "edit", "1", "--notes", "x",
                "--expect-version", "1")  # fmt: skip
    assert stale.code == 2 and len(stale.err.splitlines()) == 1
    gone = run(capsys, people, "person", "situation", "delete", "1")
    assert gone.code == 0 and "Han Sang-gyun: sentenced" in gone.out
    assert run(capsys, people, "person", "situation", "list", "--json").json() == []


@pytest.mark.parametrize(
    "args",
    [
        ("add", "1", "--kind", "abducted", "--since", "2020-01-01"),
        ("add", "1", "--kind", "arrested", "--since", "2020-02-30"),
        ("add", "1", "--kind", "arrested", "--since", "yesterday"),
        ("add", "1", "--kind", "arrested"),
        ("add", "9", "--kind", "arrested", "--since", "2020-01-01"),
        ("add", "1", "--kind", "arrested", "--since", "2020-01-01", "--campaign", "9"),
        ("add", "1", "--kind", "arrested", "--since", "2020-01-01", "--action", "9"),
        ("add", "1", "--kind", "sentenced", "--since", "2020-01-01", "--sentence-months", "x"),
        ("add", "1", "--kind", "arrested", "--since", "2020-01-01", "--until", "2019-01-01"),
        ("edit", "9", "--notes", "x"),
        ("delete", "9"),
        ("list", "--person", "9"),
    ],
)
def test_bad_input_is_one_line_exit_2_and_nothing_written(
    capsys: pytest.CaptureFixture[str], people: Path, args: tuple[str, ...]
) -> None:
    before = snapshot(people)
    result = run(capsys, people, "person", "situation", *args)
    assert result.code == 2
    assert len(result.err.strip().splitlines()) == 1 and result.out == ""
    assert snapshot(people) == before


def test_a_person_needs_a_name_or_a_role(capsys: pytest.CaptureFixture[str], db_path: Path) -> None:
    refused = run(capsys, db_path, "person", "add", "--title", "President")
    assert refused.code == 2 and "role" in refused.err
    listed = run(capsys, db_path, "person", "list", "--json")
    assert listed.json() == []


def test_a_person_known_by_role_is_named_once_known(
    capsys: pytest.CaptureFixture[str], people: Path
) -> None:
    edited = run(capsys, people, "person", "edit", "2", "--name", "Kim Mi-young")
    assert edited.code == 0
    [_han, named] = run(capsys, people, "person", "list", "--json").json()
    assert (named["name"], named["role"]) == ("Kim Mi-young", "the branch's first vice-chair")
    emptied = run(capsys, people, "person", "edit", "2", "--name", "", "--role", "")
    assert emptied.code == 2 and emptied.err.count("\n") == 1
