"""A full disk (here a file-size limit, as `ulimit -f` sets) gives one clear line and leaves the
database and the files the user named as they were."""

from __future__ import annotations

import csv
import hashlib
import resource
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from organiser import store
from organiser.services.demo import load_demo
from organiser.services.organisations import OrganisationFields, create_organisation

ORGANISER = [sys.executable, "-c", "import sys; from organiser.cli import main; sys.exit(main())"]


def limited_to(size: int) -> Callable[[], None]:
    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))

    return limit


def run_limited(db: Path, size: int, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*ORGANISER, "--db", str(db), *args], preexec_fn=limited_to(size),
                          capture_output=True, text=True, timeout=120)  # fmt: skip


def count(db: Path, table: str) -> int:
    with sqlite3.connect(db) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        return int(connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


@pytest.fixture
def demo_file(db_path: Path) -> Path:
    engine = store.open_database(str(db_path))
    with store.transaction(engine) as session:
        load_demo(session)
    engine.dispose()
    return db_path


def test_an_import_that_fills_the_disk_says_so_and_writes_nothing(
    demo_file: Path, tmp_path: Path
) -> None:
    big = tmp_path / "affiliates.csv"
    with big.open("w", newline="", encoding="utf-8") as handle:
        rows = csv.writer(handle)
        rows.writerow(["name", "country", "notes"])
        for number in range(20_000):
            rows.writerow([f"Union number {number}", "KR", "minutes of the meeting " * 8])
    before = count(demo_file, "organisation")
    limit = demo_file.stat().st_size + 200_000  # the backup fits, the import does not
    done = run_limited(demo_file, limit, "org", "import", str(big))
    assert done.returncode == 2, done.stderr
    (line,) = done.stderr.splitlines()
    assert "nothing of this change was written" in line and "Traceback" not in done.stderr
    assert count(demo_file, "organisation") == before


def test_an_export_that_fills_the_disk_names_the_file_and_leaves_the_old_one(
    demo_file: Path, tmp_path: Path
) -> None:
    engine = store.open_database(str(demo_file))
    with store.transaction(engine) as session:  # an export larger than the disk has room for
        for number in range(30):
            create_organisation(
                session, OrganisationFields(name=f"Union {number}", notes="minutes " * 1_100)
            )
    engine.dispose()
    target = tmp_path / "organisations.csv"
    target.write_bytes(b"the export of last week\n")
    old = hashlib.sha256(target.read_bytes()).hexdigest()
    done = run_limited(demo_file, 100_000, "org", "export", str(target))  # the database: read
    assert done.returncode == 2, done.stderr
    (line,) = done.stderr.splitlines()
    assert f"Cannot write {target}" in line and "nothing half-written remains" in line
    assert hashlib.sha256(target.read_bytes()).hexdigest() == old
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.endswith(".part")) == []
