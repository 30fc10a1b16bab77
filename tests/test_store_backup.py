"""Checked backups: a damaged database is never backed up over a good backup, a copy that fails
its check is kept aside, and a good copy holds every row of the live database."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import Engine

from organiser import store
from organiser.errors import DatabaseError
from organiser.services.demo import load_demo
from tests.restore_helpers import damage_a_page


@pytest.fixture
def filled(engine: Engine) -> Engine:
    with store.transaction(engine) as session:
        load_demo(session)
    return engine


def live_counts(path: Path) -> dict[str, int]:
    with sqlite3.connect(path) as connection:
        return store.row_counts(connection)


def test_a_backup_holds_every_row_and_reports_them(
    filled: Engine, db_path: Path, tmp_path: Path
) -> None:
    target = tmp_path / "backups" / "monday.sqlite3"
    target.parent.mkdir()
    report = store.backup(filled, target)
    assert report.path == target and report.size == target.stat().st_size
    assert report.rows == live_counts(db_path) == live_counts(target)
    assert report.rows["campaign"] == 4
    assert [p.name for p in target.parent.iterdir()] == ["monday.sqlite3"]  # no temporary left


def test_a_damaged_database_is_never_backed_up_over_a_good_backup(
    filled: Engine, db_path: Path, tmp_path: Path
) -> None:
    good = tmp_path / "good.sqlite3"
    store.backup(filled, good)
    before = good.read_bytes()
    filled.dispose()
    damage_a_page(db_path)
    with pytest.raises(DatabaseError, match="damaged"):
        store.backup(filled, good)
    assert good.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".good")) == []


def test_a_copy_that_fails_its_check_is_kept_aside_and_the_target_left_alone(
    filled: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    good = tmp_path / "good.sqlite3"
    store.backup(filled, good)
    before = good.read_bytes()
    real_counts = store.row_counts
    calls: list[int] = []

    def counts_that_change(connection: sqlite3.Connection) -> dict[str, int]:
        calls.append(1)
        counts = real_counts(connection)
        if len(calls) == 2:  # the copy's counts: as if a row went missing on the way
            counts["campaign"] -= 1
        return counts

    monkeypatch.setattr(store, "row_counts", counts_that_change)
    with pytest.raises(DatabaseError, match=r"kept aside as good\.failed-check-") as refused:
        store.backup(filled, good)
    assert good.read_bytes() == before
    aside = [p for p in tmp_path.iterdir() if ".failed-check-" in p.name]
    assert len(aside) == 1 and aside[0].name in str(refused.value)
