"""Backing up through the service: a copy written, its time remembered for that database only,
and targets that cannot be a backup refused before anything is written."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import Engine

from organiser import store
from organiser.errors import ValidationError
from organiser.services.backups import back_up, database_location, last_backup


def test_a_backup_is_written_and_its_time_remembered_for_this_database(
    engine: Engine, tmp_path: Path
) -> None:
    other = store.open_database(str(tmp_path / "other.sqlite3"))
    try:
        assert last_backup(engine) is None
        made = back_up(engine, tmp_path / "copy.sqlite3")
        assert last_backup(engine) == made.at and made.at.tzinfo is not None
        assert last_backup(other) is None  # another database keeps its own record
        with sqlite3.connect(made.path) as copy:
            assert copy.execute("SELECT count(*) FROM alembic_version").fetchone() == (1,)
    finally:
        other.dispose()


@pytest.mark.parametrize("where", ["folder", "missing/copy.sqlite3", "itself"])
def test_a_target_that_cannot_be_a_backup_is_refused(
    engine: Engine, tmp_path: Path, db_path: Path, where: str
) -> None:
    (tmp_path / "folder").mkdir()
    target = db_path if where == "itself" else tmp_path / where
    with pytest.raises(ValidationError):
        back_up(engine, target)
    assert last_backup(engine) is None


def test_the_database_is_named_by_its_file(engine: Engine, db_path: Path) -> None:
    assert database_location(engine) == str(db_path.resolve())
