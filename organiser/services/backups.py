"""Backing up the open database, and remembering when each database was last backed up."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine

from organiser import store
from organiser.config import get_setting, set_setting
from organiser.errors import ValidationError


@dataclass(frozen=True)
class BackupMade:
    path: Path
    at: datetime  # UTC


def database_location(engine: Engine) -> str:
    """The database as a person would name it: the file's path, else its URL without password."""
    if engine.dialect.name == "sqlite" and engine.url.database not in (None, "", ":memory:"):
        return str(Path(str(engine.url.database)).resolve())
    return engine.url.render_as_string(hide_password=True)


def back_up(engine: Engine, target: Path) -> BackupMade:
    """A consistent copy of the database in `target`, its time remembered for the database
    (the window's status bar and the command line read the same record)."""
    target = Path(target)
    if target.is_dir() or not target.parent.is_dir():
        raise ValidationError(
            "file", f"Cannot write the backup to {target}: not a file in an existing folder."
        )
    if Path(engine.url.database or "").resolve() == target.resolve():
        raise ValidationError(
            "file", "The backup must go to another file than the database itself."
        )
    store.backup(engine, target)
    made = BackupMade(target, datetime.now(UTC).replace(microsecond=0))
    record = dict(get_setting("backup.last"))
    record[database_location(engine)] = made.at.isoformat(timespec="seconds")
    set_setting("backup.last", record)
    return made


def last_backup(engine: Engine) -> datetime | None:
    """When this database was last backed up from the window or the command line, if ever."""
    text = get_setting("backup.last").get(database_location(engine))
    try:
        return datetime.fromisoformat(text) if isinstance(text, str) else None
    except ValueError:
        return None
