"""`organiser campaign|org|person|demo`: ids on stdout, JSON, and bad input refused cleanly."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.helpers import run, snapshot


def test_campaign_add_prints_the_id_and_list_json_shows_it(
    capsys: pytest.CaptureFixture[str], db_path: Path
) -> None:
    org = run(
        capsys,
        db_path,
        "org",
        "add",
        "--name",
        "Public Services International",
        "--acronym",
        "PSI",
        "--kind",
        "global-union-federation",
        "--country",
        "FR",
    )
    assert org.code == 0 and org.out.strip().isdigit()
    added = run(
        capsys,
        db_path,
        "campaign",
        "add",
        "--title",
        "Regular jobs for NHIS call-centre workers",
        "--country",
        "KR",
        "--demand",
        "Direct employment",
        "--demand",
        "Lift the rally ban",
        "--status",
        "active",
        "--start",
        "2021-07-01",
        "--end",
        "2021-12-31",
        "--lead",
        org.out.strip(),
    )
    assert added.code == 0 and added.err == ""
    campaign_id = int(added.out)
    listed = run(capsys, db_path, "campaign", "list", "--json").json()
    assert [c["id"] for c in listed] == [campaign_id]
    record = listed[0]
    assert record["title"] == "Regular jobs for NHIS call-centre workers"
    assert record["demands"] == ["Direct employment", "Lift the rally ban"]
    assert record["start_date"] == "2021-07-01" and record["status"] == "active"
    assert record["lead_name"] == "Public Services International"
    assert len(record["uuid"]) == 36
    shown = run(capsys, db_path, "campaign", "show", str(campaign_id), "--json").json()
    assert shown == record


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["campaign", "add"], "--title"),
        (["campaign", "add", "--title", ""], "Title is required"),
        (["campaign", "add", "--title", "X", "--start", "2016-02-30"], "2016-02-30"),
        (
            ["campaign", "add", "--title", "X", "--start", "2016-03-01", "--end", "2016-01-01"],
            "before the start",
        ),
        (["campaign", "add", "--title", "X", "--country", "ZZ"], "ISO 3166"),
        (["campaign", "add", "--title", "X", "--status", "finished"], "finished"),
        (["campaign", "add", "--title", "X", "--lead", "404"], "404"),
        (["campaign", "add", "--title", "X", "--lead", "abc"], "abc"),
        (["campaign", "show", "77"], "no campaign with id 77"),
        (["org", "add", "--name", "X", "--kind", "party"], "party"),
        (["person", "add", "--name", "Y", "--org", "999"], "no organisation with id 999"),
    ],
)
def test_bad_input_exits_2_with_one_line_and_leaves_every_table_unchanged(
    capsys: pytest.CaptureFixture[str], db_path: Path, args: list[str], words: str
) -> None:
    assert run(capsys, db_path, "demo").code == 0
    before = snapshot(db_path)
    result = run(capsys, db_path, *args)
    assert result.code == 2
    assert result.out == ""
    lines = result.err.splitlines()
    assert len(lines) == 1 and words in lines[0]
    assert "Traceback" not in result.err
    assert snapshot(db_path) == before


def test_org_and_person_lists_show_what_was_added(
    capsys: pytest.CaptureFixture[str], db_path: Path
) -> None:
    kctu = run(
        capsys,
        db_path,
        "org",
        "add",
        "--name",
        "Korean Confederation of Trade Unions",
        "--acronym",
        "KCTU",
        "--kind",
        "national-centre",
        "--country",
        "KR",
        "--language",
        "ko",
    ).out.strip()
    run(
        capsys,
        db_path,
        "org",
        "add",
        "--name",
        "Korean Metal Workers' Union",
        "--affiliate-of",
        kctu,
    )
    person = run(
        capsys,
        db_path,
        "person",
        "add",
        "--name",
        "Han Sang-gyun",
        "--title",
        "President",
        "--org",
        kctu,
    )
    assert person.code == 0
    orgs = run(capsys, db_path, "org", "list", "--json").json()
    assert {o["name"]: o["affiliate_of_name"] for o in orgs} == {
        "Korean Confederation of Trade Unions": "",
        "Korean Metal Workers' Union": "Korean Confederation of Trade Unions",
    }
    people = run(capsys, db_path, "person", "list", "--json").json()
    assert [(p["name"], p["organisation_name"]) for p in people] == [
        ("Han Sang-gyun", "Korean Confederation of Trade Unions")
    ]
    table = run(capsys, db_path, "org", "list").out
    assert "KCTU" in table and "Korean Metal Workers' Union" in table


def test_demo_fills_an_empty_database_once(
    capsys: pytest.CaptureFixture[str], db_path: Path
) -> None:
    first = run(capsys, db_path, "demo")
    assert first.code == 0 and "4 campaigns" in first.out
    titles = [c["title"] for c in run(capsys, db_path, "campaign", "list", "--json").json()]
    assert "Stop the crackdown on Korean unions" in titles
    again = run(capsys, db_path, "demo")
    assert again.code == 2 and "empty database" in again.err


def test_the_installed_organiser_command_uses_organiser_db(tmp_path: Path) -> None:
    """The console script itself, as a user runs it, with the database chosen by $ORGANISER_DB."""
    db = tmp_path / "env.sqlite3"
    env = {**os.environ, "ORGANISER_DB": str(db)}
    script = Path(sys.executable).with_name("organiser")
    added = subprocess.run(
        [str(script), "campaign", "add", "--title", "From the shell"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert added.returncode == 0, added.stderr
    bad = subprocess.run(
        [str(script), "campaign", "add", "--title", "X", "--start", "2016-02-30"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert bad.returncode == 2 and len(bad.stderr.splitlines()) == 1
    listed = subprocess.run(
        [str(script), "campaign", "list"], capture_output=True, text=True, env=env, check=True
    )
    assert "From the shell" in listed.stdout
