"""Restoring the database from a backup: the file examined as untrusted, the current data kept
first, the contents replaced whole, and the schema brought up to date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine

from organiser import store, store_files
from organiser.config import database_url
from organiser.errors import DatabaseError, ValidationError
from organiser.services.backups import BackupEntry, backup_folder, list_backups, make_backup

RESTORE_REASON = "before-restore"


@dataclass(frozen=True)
class RestoreReport:
    source: Path
    database: Path
    kept: Path | None  # the backup of the data replaced, when it was sound
    damaged_aside: Path | None  # where a damaged database was kept instead
    rows: dict[str, int]
    migrated_from: str | None  # the restored file's older schema, brought up to date


def database_file(target: Engine | Path | str | None) -> Path:
    """The SQLite file behind an engine, a path, or a --db choice (None: the default one)."""
    if isinstance(target, Path):
        return target.resolve()
    url = (
        target.url.render_as_string(hide_password=False)
        if isinstance(target, Engine)
        else database_url(target)
    )
    path = store.sqlite_path(url)
    if path is None:
        raise ValidationError(
            "database", "Only an SQLite database file can be restored, encrypted or decrypted."
        )
    return path.resolve()


def restore(
    target: Engine | Path | str | None, source: Path, now: datetime | None = None
) -> RestoreReport:
    """Replace the database's contents with `source`. A refused file leaves the database
    byte-identical; a sound database is backed up first (pinned, reason before-restore), a
    damaged one is kept aside under a dated name."""
    live = database_file(target)
    source = Path(source)
    if source.exists() and live.exists() and source.resolve() == live:
        raise ValidationError("file", f"{source} is the database itself; choose a backup.")
    examined = store_files.examine(source)
    if isinstance(target, Engine):
        target.dispose()  # its pooled connections would hold the old pages
    kept = aside = None
    if live.exists():
        if store_files.is_damaged(live):
            aside = store_files.replace_damaged(live, examined, now)
        else:
            engine = store.create_db_engine(f"sqlite:///{live}")
            try:
                kept = make_backup(engine, RESTORE_REASON, now or datetime.now(UTC)).path
            finally:
                engine.dispose()
            store_files.replace_contents(live, examined)
    else:
        store_files.replace_contents(live, examined)
    migrated_from = None
    if examined.revision not in store.head_revisions():
        migrated_from = examined.revision
        # The store's open, not the doors': the file just restored is itself a backup, and
        # the data it replaced was kept before-restore.
        store.open_database(str(live)).dispose()
    return RestoreReport(source, live, kept, aside, examined.rows, migrated_from)


def newest_good_backup(target: Engine | Path | str | None) -> BackupEntry | None:
    """The newest kept backup that passes every check a restore makes (the damaged skipped)."""
    for entry in list_backups(backup_folder(database_file(target))):
        try:
            store_files.examine(entry.path)
        except DatabaseError:
            continue
        return entry
    return None


@dataclass(frozen=True)
class BackupSummary:
    """A kept backup as the Backups list shows it: its records and what its check found."""

    entry: BackupEntry
    records: int | None  # rows of the campaigners' own tables; None when it cannot be read
    check: str  # "passed", or the reason a restore would refuse it

    @property
    def id(self) -> str:  # the table keeps the selection by it
        return str(self.entry.path)


RECORD_TABLES = ("organisation", "person", "campaign", "action", "commitment", "letter")


def describe_backups(target: Engine | Path | str | None) -> list[BackupSummary]:
    """Every kept backup, newest first, opened read-only and checked as a restore would."""
    summaries = []
    for entry in list_backups(backup_folder(database_file(target))):
        try:
            examined = store_files.examine(entry.path)
        except DatabaseError as error:
            summaries.append(BackupSummary(entry, None, str(error)))
            continue
        records = sum(examined.rows.get(table, 0) for table in RECORD_TABLES)
        summaries.append(BackupSummary(entry, records, "passed"))
    return summaries
