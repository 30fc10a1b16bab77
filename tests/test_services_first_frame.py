"""The Dashboard kept for the window's first frame: written at close, read back through sqlite3
alone at the next start, and not read from a file it cannot trust to be ours and current."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import Engine

from organiser import cipher, store
from organiser.services import first_frame, trash
from organiser.services.dashboard import dashboard
from organiser.services.dashboard_view import Section
from organiser.services.demo import load_demo
from organiser.services.encryption import encrypt_database
from tests.cipher_helpers import quick_keys  # noqa: F401  (a fixture)
from tests.migration_samples import sample_at

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def demo(engine: Engine) -> Engine:
    with store.transaction(engine, write=True) as session:
        load_demo(session)
    return engine


def test_the_dashboard_kept_is_read_back_whole_without_a_trace(demo: Engine, db_path: Path) -> None:
    summary = dashboard(demo)
    assert summary.upcoming.items and summary.people_at_risk.items and summary.backup is not None
    assert first_frame.keep(demo, summary, "Europe/Paris") is True
    assert first_frame.keep(demo, summary, "Europe/Paris") is False  # the same: nothing written
    demo.dispose()
    assert not Path(f"{db_path}-wal").exists() and not Path(f"{db_path}-shm").exists()
    before = db_path.read_bytes()
    assert first_frame.read_kept(db_path) == first_frame.KeptFrame(summary, "Europe/Paris")
    assert db_path.read_bytes() == before
    assert not Path(f"{db_path}-wal").exists() and not Path(f"{db_path}-shm").exists()


def test_a_changed_dashboard_replaces_the_one_kept(demo: Engine, db_path: Path) -> None:
    summary = dashboard(demo)
    first_frame.keep(demo, summary, "Europe/Paris")
    emptier = replace(summary, upcoming=Section((), 0), active_campaigns=0)
    assert first_frame.keep(demo, emptier, "UTC") is True
    assert first_frame.read_kept(db_path) == first_frame.KeptFrame(emptier, "UTC")


def test_nothing_is_read_from_a_file_that_is_not_ours_or_not_current(
    demo: Engine, db_path: Path, tmp_path: Path
) -> None:
    assert first_frame.read_kept(tmp_path / "missing.sqlite3") is None
    assert first_frame.read_kept(db_path) is None  # nothing kept yet
    foreign = tmp_path / "foreign.sqlite3"
    with sqlite3.connect(foreign) as raw:
        raw.execute("CREATE TABLE first_frame (page TEXT, payload TEXT)")
        raw.execute("INSERT INTO first_frame VALUES ('dashboard', '{}')")
    assert first_frame.read_kept(foreign) is None
    text = tmp_path / "notes.sqlite3"
    text.write_text("not a database")
    assert first_frame.read_kept(text) is None
    older = sample_at(tmp_path, "0010")  # opened, it would be migrated first
    assert first_frame.read_kept(older) is None


@pytest.mark.parametrize(
    "payload",
    [
        "{not json",
        "[]",
        json.dumps({"zone": "UTC", "summary": {"today": 5}}),
        json.dumps({"zone": "UTC", "summary": {"today": "2026-12-04", "upcoming": {"items": "x"}}}),
        json.dumps({"zone": 5, "summary": {}}),
    ],
)
def test_a_kept_copy_that_does_not_decode_whole_is_not_shown(
    demo: Engine, db_path: Path, payload: str
) -> None:
    first_frame.keep(demo, dashboard(demo), "UTC")
    demo.dispose()
    with sqlite3.connect(db_path) as raw:
        raw.execute("UPDATE first_frame SET payload = ?", (payload,))
    raw.close()
    assert first_frame.read_kept(db_path) is None


def test_reading_the_kept_dashboard_loads_no_sqlalchemy(demo: Engine, db_path: Path) -> None:
    first_frame.keep(demo, dashboard(demo), "UTC")
    demo.dispose()
    probe = (
        "import sys\nfrom pathlib import Path\n"
        "from organiser.services.first_frame import read_kept\n"
        "assert read_kept(Path(sys.argv[1])) is not None\n"
        "print(sorted(m for m in sys.modules if m.startswith('sqlalchemy')))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, str(db_path)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    assert done.stdout.strip() == "[]"


@pytest.mark.usefixtures("quick_keys")
def test_an_encrypted_database_is_not_read_before_it_is_unlocked(
    demo: Engine, db_path: Path, tmp_path: Path
) -> None:
    first_frame.keep(demo, dashboard(demo), "UTC")
    encrypt_database(demo, "a long passphrase for the test", tmp_path / "sheet.pdf")
    assert cipher.is_encrypted(db_path)
    assert first_frame.read_kept(db_path) is None


def test_emptying_the_trash_lets_go_of_the_dashboard_kept(demo: Engine, db_path: Path) -> None:
    first_frame.keep(demo, dashboard(demo), "UTC")
    with store.transaction(demo, write=True) as session:
        trash.empty_trash(session)
    assert first_frame.read_kept(db_path) is None
