"""Checked backups: to a file the user chooses, or automatically into the backup folder thinned
to a rotation; and when each database was last backed up."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import Engine, func, select

from organiser import store
from organiser.cipher import AskPassphrase, remove_key_file
from organiser.config import get_setting, set_setting
from organiser.errors import DatabaseError, ValidationError
from organiser.files import keep_private, make_private_folder, remove_stale_temporaries
from organiser.models import Campaign, Organisation, Person

NAME = re.compile(
    r"^(?P<stem>.+)-(?P<stamp>\d{8}T\d{6}\d{0,6}Z)-(?P<reason>[a-z-]+?)(?P<pin>-pinned)?\.sqlite3$"
)
STAMP = "%Y%m%dT%H%M%S%fZ"
AUTOMATIC_EVERY = timedelta(minutes=30)
UNPROTECTED_AFTER = timedelta(days=7)  # changes this old with no backup: the Dashboard says so
PINNED_REASONS = frozenset({"before-migration", "before-restore"})


@dataclass(frozen=True)
class RotationPolicy:
    """How many backups are kept: the newest few, then one per day, per week and per month."""

    last: int = 10
    daily: int = 14
    weekly: int = 8
    monthly: int = 12


@dataclass(frozen=True)
class BackupEntry:
    path: Path
    made_at: datetime
    reason: str
    pinned: bool
    size: int


def backup_folder(engine: Engine | Path) -> Path:
    """The folder set in the settings, else one beside the database named after it."""
    chosen = str(get_setting("backup.folder"))
    name = engine.url.database if isinstance(engine, Engine) else str(engine)
    database = Path(name or "organiser.sqlite3")
    return Path(chosen).expanduser() if chosen else database.parent / f"{database.stem}-backups"


def back_up_before_bulk_write(engine: Engine, reason: str = "before-import") -> None:
    """The backup taken before an import writes many records at once (an SQLite database that
    holds anything); when it cannot be made, the import does not start."""
    if engine.dialect.name != "sqlite" or not _holds_records(engine):
        return
    try:
        make_backup(engine, reason)
    except DatabaseError as error:
        raise DatabaseError(
            f"Nothing was imported: no backup could be made first ({error})"
        ) from error


def open_database(choice: str | None = None, ask: AskPassphrase | None = None) -> Engine:
    """The doors' way to open a database: as the store does (an encrypted one unlocked with a
    passphrase from `ask`), and an existing database that a migration is about to change is
    backed up first (pinned, kept out of the rotation); when that backup cannot be made, the
    database is left as it was and not opened."""
    return store.open_database(choice, before_upgrade=_back_up_before_migration, ask=ask)


def _back_up_before_migration(engine: Engine) -> None:
    try:
        make_backup(engine, "before-migration")
    except DatabaseError as error:
        raise DatabaseError(
            f"The database needs a newer schema, but no backup of it could be made first, so it "
            f"was left as it was: {error}"
        ) from error


def make_backup(
    engine: Engine,
    reason: str = "manual",
    now: datetime | None = None,
    policy: RotationPolicy | None = None,
) -> BackupEntry:
    """A checked backup into the backup folder, then the rotation thinned (pinned ones stay)."""
    now = now or datetime.now(UTC)
    folder = backup_folder(engine)
    try:
        make_private_folder(folder)
    except OSError as error:
        raise DatabaseError(f"Cannot create the backup folder {folder}: {error}") from error
    remove_stale_temporaries([folder])  # a backup cut short by a kill left its copy here
    # Backups made by an older version were readable by everyone on the computer.
    keep_private([folder, *(entry.path for entry in list_backups(folder))])
    pin = "-pinned" if reason in PINNED_REASONS else ""
    stem = Path(engine.url.database or "organiser").stem
    target = folder / f"{stem}-{now.strftime(STAMP)}-{reason}{pin}.sqlite3"
    report = store.backup(engine, target)
    prune(folder, now, policy or RotationPolicy())
    return BackupEntry(target, now, reason, bool(pin), report.size)


def list_backups(folder: Path) -> list[BackupEntry]:
    """The kept backups, newest first (files of other names in the folder are left alone)."""
    entries = []
    for path in folder.glob("*.sqlite3") if folder.is_dir() else ():
        match = NAME.match(path.name)
        if match is None:
            continue
        made_at = datetime.strptime(match["stamp"], STAMP).replace(tzinfo=UTC)
        pinned = bool(match["pin"])
        entries.append(BackupEntry(path, made_at, match["reason"], pinned, path.stat().st_size))
    return sorted(entries, key=lambda entry: entry.made_at, reverse=True)


def backups_to_keep(entries: list[BackupEntry], now: datetime, policy: RotationPolicy) -> set[Path]:
    """The rotation: every pinned backup, the newest `last`, and the newest of each of the
    last `daily` days, `weekly` ISO weeks and `monthly` months (Anki's thinning, with more
    generations than KeePassXC's one)."""
    newest_first = sorted(entries, key=lambda entry: entry.made_at, reverse=True)
    keep = {entry.path for entry in newest_first if entry.pinned}
    # A pinned backup takes no one's place: a restore never pushes an older backup out.
    newest_first = [entry for entry in newest_first if not entry.pinned]
    keep |= {entry.path for entry in newest_first[: policy.last]}
    periods = (
        (policy.daily, lambda d: d.date(), timedelta(days=policy.daily)),
        (policy.weekly, lambda d: d.isocalendar()[:2], timedelta(weeks=policy.weekly)),
        (policy.monthly, lambda d: (d.year, d.month), timedelta(days=31 * policy.monthly)),
    )
    for count, period_of, span in periods:
        seen: set[object] = set()
        for entry in newest_first:
            period = period_of(entry.made_at)
            if now - entry.made_at <= span and period not in seen and len(seen) < count:
                seen.add(period)
                keep.add(entry.path)
    return keep


def prune(folder: Path, now: datetime, policy: RotationPolicy) -> list[Path]:
    """Delete the backups the rotation does not keep; returns what was deleted."""
    entries = list_backups(folder)
    keep = backups_to_keep(entries, now, policy)
    removed = [entry.path for entry in entries if entry.path not in keep]
    for path in removed:
        path.unlink(missing_ok=True)
        remove_key_file(path)
    return removed


def newest_backup(engine: Engine) -> BackupEntry | None:
    entries = list_backups(backup_folder(engine))
    return entries[0] if entries else None


def backup_due(engine: Engine, now: datetime | None = None) -> bool:
    """Data changed since the newest backup, and that backup is older than half an hour (an
    SQLite database only; one never backed up is due once it holds anything)."""
    if engine.dialect.name != "sqlite":
        return False
    newest = newest_backup(engine)
    now = now or datetime.now(UTC)
    if newest is None:
        return _holds_records(engine)
    if now - newest.made_at < AUTOMATIC_EVERY:
        return False
    return _last_change(engine) > newest.made_at.timestamp()


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
    """When this database was last backed up, if ever: to a chosen file (from the window or the
    command line) or automatically into its backup folder, whichever is newer."""
    text = get_setting("backup.last").get(database_location(engine))
    try:
        chosen = datetime.fromisoformat(text) if isinstance(text, str) else None
    except ValueError:
        chosen = None
    if chosen is not None and chosen.tzinfo is None:  # a hand-edited settings file
        chosen = chosen.replace(tzinfo=UTC)
    newest = newest_backup(engine)
    times = [t for t in (chosen, newest.made_at if newest else None) if t is not None]
    return max(times) if times else None


def days_without_backup(engine: Engine, now: datetime | None = None) -> int | None:
    """How many days the database has held changes that no checked backup has, when that is a
    week or more (None otherwise, and for a database that is not an SQLite file)."""
    if engine.dialect.name != "sqlite":
        return None
    now = now or datetime.now(UTC)
    last = last_backup(engine)
    since = last if last is not None else _first_record_made(engine)
    if since is None or _last_change(engine) <= since.timestamp():
        return None
    unprotected = now - since
    return unprotected.days if unprotected >= UNPROTECTED_AFTER else None


def _last_change(engine: Engine) -> float:
    database = Path(engine.url.database or "")
    return max(
        (p.stat().st_mtime for p in (database, Path(f"{database}-wal")) if p.exists()),
        default=0.0,
    )


def _first_record_made(engine: Engine) -> datetime | None:
    with store.transaction(engine) as session:
        made = [
            session.scalar(select(func.min(model.created_at)))
            for model in (Organisation, Campaign, Person)
        ]
    known = [when for when in made if when is not None]
    return min(known) if known else None


def _holds_records(engine: Engine) -> bool:
    with store.transaction(engine) as session:
        return any(
            session.scalar(select(model.id).limit(1)) is not None
            for model in (Organisation, Campaign, Person)
        )
