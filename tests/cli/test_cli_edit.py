"""`organiser KIND edit ID [--FIELD VALUE]... [--expect-version N]`, and `--expect-version` on
commitment status, letter sent and letter reply: a change over a record changed elsewhere
since version N is refused, exit 2, one line naming the newer version, nothing written."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.helpers import run, snapshot

ROOT = Path(__file__).parent.parent.parent


def _id(capsys: pytest.CaptureFixture[str], db: Path, *args: str) -> str:
    result = run(capsys, db, *args)
    assert result.code == 0, result.err
    return result.out.strip()


def test_edit_changes_only_the_options_given_and_prints_the_new_version(
    capsys: pytest.CaptureFixture[str], db_path: Path
) -> None:
    org = _id(capsys, db_path, "org", "add", "--name", "KCTU", "--country", "KR")
    edited = run(capsys, db_path, "org", "edit", org, "--acronym", "민주노총")
    assert (edited.code, edited.out, edited.err) == (0, "2\n", "")
    listed = run(capsys, db_path, "org", "list", "--json").json()
    assert (listed[0]["name"], listed[0]["acronym"], listed[0]["country"]) == (
        "KCTU",
        "민주노총",
        "KR",
    )
    campaign = _id(capsys, db_path, "campaign", "add", "--title", "T", "--demand", "a")
    assert (
        run(capsys, db_path, "campaign", "edit", campaign, "--demand", "b", "--demand", "c").out
        == "2\n"
    )
    assert run(capsys, db_path, "campaign", "show", campaign, "--json").json()["demands"] == [
        "b",
        "c",
    ]
    person = _id(capsys, db_path, "person", "add", "--name", "Han", "--org", org)
    assert run(capsys, db_path, "person", "edit", person, "--title", "President").code == 0
    action = _id(
        capsys, db_path, "action", "add", "--campaign", campaign, "--kind", "strike",
        "--title", "Walkout", "--start", "2026-11-11",
    )  # fmt: skip
    moved = run(capsys, db_path, "action", "edit", action, "--start", "2026-11-13")
    assert moved.code == 0, moved.err
    assert run(capsys, db_path, "action", "list", "--json").json()[0]["start_date"] == "2026-11-13"


def test_an_edit_from_an_older_version_is_refused_naming_the_newer(
    capsys: pytest.CaptureFixture[str], db_path: Path
) -> None:
    org = _id(capsys, db_path, "org", "add", "--name", "KCTU")
    assert (
        run(capsys, db_path, "org", "edit", org, "--country", "KR", "--expect-version", "1").code
        == 0
    )
    before = snapshot(db_path)
    refused = run(capsys, db_path, "org", "edit", org, "--name", "Mine", "--expect-version", "1")
    assert refused.code == 2 and refused.out == ""
    assert len(refused.err.splitlines()) == 1 and "now at version 2" in refused.err
    assert snapshot(db_path) == before


def test_status_sent_and_reply_take_the_expected_version(
    capsys: pytest.CaptureFixture[str], db_path: Path, tmp_path: Path
) -> None:
    org = _id(capsys, db_path, "org", "add", "--name", "IndustriALL")
    campaign = _id(capsys, db_path, "campaign", "add", "--title", "Free the strikers")
    pledge = _id(
        capsys, db_path, "commitment", "add", "--campaign", campaign, "--org", org,
        "--what", "A rally",
    )  # fmt: skip
    assert run(capsys, db_path, "commitment", "edit", pledge, "--what", "Two rallies").out == "2\n"
    stale = run(
        capsys, db_path, "commitment", "status", pledge, "fulfilled", "--expect-version", "1"
    )
    assert stale.code == 2 and "now at version 2" in stale.err
    assert (
        run(
            capsys, db_path, "commitment", "status", pledge, "fulfilled", "--expect-version", "2"
        ).code
        == 0
    )

    body = tmp_path / "body.md"
    body.write_text("We stand with you.", encoding="utf-8")
    letter = _id(
        capsys, db_path, "letter", "add", "--campaign", campaign, "--kind", "solidarity-letter",
        "--sender", org, "--subject", "Solidarity", "--body-file", str(body), "--to", f"org:{org}",
        "--date", "2026-03-01",
    )  # fmt: skip
    assert run(capsys, db_path, "letter", "edit", letter, "--subject", "Solidarity!").out == "2\n"
    args = ("letter", "sent", letter, "--on", "2026-03-03", "--channel", "email")
    assert run(capsys, db_path, *args, "--expect-version", "1").code == 2
    assert run(capsys, db_path, *args, "--expect-version", "2").code == 0
    reply = run(
        capsys, db_path, "letter", "reply", letter, "--on", "2026-03-09", "--expect-version", "2"
    )
    assert reply.code == 2 and "was changed elsewhere" in reply.err
    assert run(capsys, db_path, "letter", "reply", letter, "--on", "2026-03-09").code == 0


def test_the_command_refuses_a_stale_edit_with_exit_2(
    capsys: pytest.CaptureFixture[str], db_path: Path
) -> None:
    """The command as a script runs it, in its own process."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}

    def organiser(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "organiser", "--db", str(db_path), *args],
            capture_output=True, text=True, env=env, cwd=ROOT, check=False,
        )  # fmt: skip

    key = _id(capsys, db_path, "campaign", "add", "--title", "Free Han Sang-gyun")
    assert _id(capsys, db_path, "campaign", "edit", key, "--target", "Seoul court") == "2"
    stale = organiser("campaign", "edit", key, "--title", "Mine", "--expect-version", "1")
    assert stale.returncode == 2 and stale.stdout == ""
    assert stale.stderr.splitlines() == [
        "organiser: error: This campaign was changed elsewhere: it is now at version 2, and this "
        "change was made to version 1. Nothing was written; look at it again."
    ]
