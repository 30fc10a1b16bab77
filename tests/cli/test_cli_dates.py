"""Every date option of the command line refuses a day that does not exist, saying why, and
writes nothing: it is never turned into another day."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.helpers import run, snapshot

BAD = "2026-02-30"


@pytest.fixture
def demo_db(capsys: pytest.CaptureFixture[str], db_path: Path, tmp_path: Path) -> Path:
    assert run(capsys, db_path, "demo").code == 0
    (tmp_path / "body.md").write_text("Solidarity.", encoding="utf-8")
    return db_path


@pytest.mark.parametrize(
    "args",
    [
        ("campaign", "add", "--title", "T", "--start", BAD),
        ("campaign", "add", "--title", "T", "--end", BAD),
        ("action", "add", "--campaign", "1", "--title", "T", "--kind", "rally", "--start", BAD),
        ("action", "add", "--campaign", "1", "--title", "T", "--kind", "rally",
         "--start", "2026-02-01", "--end", BAD),
        ("action", "add", "--campaign", "1", "--title", "T", "--kind", "rally",
         "--start", f"{BAD}T10:00"),
        ("action", "list", "--from", BAD),
        ("action", "list", "--to", BAD),
        ("calendar", "export", "out.ics", "--from", BAD),
        ("calendar", "export", "out.ics", "--to", BAD),
        ("commitment", "add", "--campaign", "1", "--org", "1", "--what", "W", "--due", BAD),
        ("commitment", "add", "--campaign", "1", "--org", "1", "--what", "W",
         "--status", "fulfilled", "--on", BAD),
        ("commitment", "status", "1", "fulfilled", "--on", BAD),
        ("letter", "list", "--from", BAD),
        ("letter", "list", "--to", BAD),
        ("letter", "add", "--campaign", "1", "--kind", "solidarity_letter", "--sender", "1",
         "--subject", "S", "--body-file", "BODY", "--date", BAD),
        ("letter", "sent", "3", "--on", BAD, "--channel", "email"),
        ("letter", "reply", "1", "--on", BAD),
    ],
)  # fmt: skip
def test_a_date_option_that_is_no_day_is_refused_with_the_reason(
    capsys: pytest.CaptureFixture[str],
    demo_db: Path,
    tmp_path: Path,
    args: tuple[str, ...],
) -> None:
    before = snapshot(demo_db)
    typed = [str(tmp_path / "body.md") if a == "BODY" else a for a in args]
    typed = [str(tmp_path / a) if a.endswith(".ics") else a for a in typed]
    result = run(capsys, demo_db, *typed)
    assert result.code == 2, result.err
    assert "February 2026 has 28 days" in result.err and result.err.count("\n") == 1
    assert snapshot(demo_db) == before
    assert not (tmp_path / "out.ics").exists()
