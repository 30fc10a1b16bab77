"""`organiser archive export|import`: counts printed, exit codes, and refusals in one line."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from sqlalchemy import Engine

from organiser import store
from organiser.models import Campaign
from tests.archive_world import make_campaign_world
from tests.cli.helpers import run, snapshot


@pytest.fixture
def filled(engine: Engine, db_path: Path) -> Path:
    make_campaign_world(engine, "one")
    make_campaign_world(engine, "two")
    engine.dispose()
    return db_path


def test_export_then_import_prints_counts(
    capsys: pytest.CaptureFixture[str], filled: Path, tmp_path: Path
) -> None:
    archive, other = tmp_path / "all.zip", tmp_path / "other.sqlite3"
    exported = run(capsys, filled, "archive", "export", str(archive))
    assert exported.code == 0 and exported.out == "" and "records written" in exported.err
    dry = run(capsys, other, "archive", "import", str(archive), "--dry-run")
    assert dry.code == 0
    assert dry.out.startswith("added 26, changed 0, unchanged 0, conflicts 0 (dry run")
    first = run(capsys, other, "archive", "import", str(archive))
    assert first.out == "added 26, changed 0, unchanged 0, conflicts 0\n"
    assert "before-archive-import" in first.err
    second = run(capsys, other, "archive", "import", str(archive))
    assert second.out == "added 0, changed 0, unchanged 26, conflicts 0\n"


def _retitle(db: Path, title: str) -> None:
    """An edit of campaign 1 (its version goes up by one)."""
    engine = store.open_database(str(db))
    with store.transaction(engine) as session:
        campaign = session.get(Campaign, 1)
        assert campaign is not None
        campaign.title = title
    engine.dispose()


def test_a_campaign_export_and_its_conflicts_listed(
    capsys: pytest.CaptureFixture[str], filled: Path, tmp_path: Path
) -> None:
    archive, other = tmp_path / "one.zip", tmp_path / "other.sqlite3"
    assert run(capsys, filled, "archive", "export", str(archive), "--campaign", "1").code == 0
    assert run(capsys, other, "archive", "import", str(archive)).code == 0
    _retitle(other, "Here")
    _retitle(filled, "There")
    assert run(capsys, filled, "archive", "export", str(archive), "--campaign", "1").code == 0
    result = run(capsys, other, "archive", "import", str(archive))
    lines = result.out.splitlines()
    assert lines[0] == "added 0, changed 0, unchanged 12, conflicts 1"
    assert lines[1].startswith("conflict: campaigns ") and "'There'" in lines[1]
    assert "kept as here" in lines[1]


def test_an_unknown_campaign_is_refused(
    capsys: pytest.CaptureFixture[str], filled: Path, tmp_path: Path
) -> None:
    result = run(capsys, filled, "archive", "export", str(tmp_path / "x.zip"), "--campaign", "9")
    assert result.code == 2 and len(result.err.splitlines()) == 1 and "campaign 9" in result.err
    assert not (tmp_path / "x.zip").exists()


@pytest.mark.parametrize("content", [b"not a zip at all", b""], ids=["text", "empty"])
def test_a_bad_archive_is_one_line_exit_2_and_nothing_written(
    capsys: pytest.CaptureFixture[str], filled: Path, tmp_path: Path, content: bytes
) -> None:
    bad = tmp_path / "bad.zip"
    bad.write_bytes(content)
    before = snapshot(filled)
    result = run(capsys, filled, "archive", "import", str(bad))
    assert result.code == 2 and result.out == ""
    assert len(result.err.splitlines()) == 1 and "bad.zip" in result.err
    assert "Traceback" not in result.err
    assert snapshot(filled) == before


def test_a_foreign_zip_and_a_missing_file_are_refused(
    capsys: pytest.CaptureFixture[str], filled: Path, tmp_path: Path
) -> None:
    foreign = tmp_path / "photos.zip"
    with zipfile.ZipFile(foreign, "w") as zf:
        zf.writestr("manifest.json", '{"format": "something-else"}')
    result = run(capsys, filled, "archive", "import", str(foreign))
    assert result.code == 2 and "not a Campaign Organiser archive" in result.err
    missing = run(capsys, filled, "archive", "import", str(tmp_path / "gone.zip"))
    assert missing.code == 2 and "gone.zip" in missing.err and len(missing.err.splitlines()) == 1
