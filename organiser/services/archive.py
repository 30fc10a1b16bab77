"""The hand-over archive's two use cases: export everything or one campaign's world, and import
an archive merged by UUID (a plan first; the writing in one transaction after a backup)."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine

from organiser import __version__, cipher, store
from organiser.formats.archive import Archive, now_text, read_archive, save_archive
from organiser.models import Campaign
from organiser.services import archive_export as exporting
from organiser.services import archive_import as importing
from organiser.services.archive_import import ImportPlan, PlannedRecord
from organiser.services.backups import make_backup

BACKUP_REASON = "before-archive-import"

__all__ = ["ExportResult", "ImportPlan", "PlannedRecord", "export_archive", "import_archive"]


@dataclass(frozen=True)
class ExportResult:
    path: Path
    counts: dict[str, int]  # records of each kind written


def build_archive(engine: Engine, campaign_id: int | None = None) -> Archive:
    """Everything, or the campaign `campaign_id` with what its records refer to, as plain data."""
    with store.transaction(engine) as session:
        index = exporting.UuidIndex(session)
        ids = None if campaign_id is None else exporting.campaign_world(session, campaign_id)
        records = exporting.collect(session, ids, index)
        files = exporting.attachment_bytes(session, None if ids is None else ids["attachments"])
        scope = {"kind": "everything"}
        if campaign_id is not None:
            campaign = session.get(Campaign, campaign_id)
            assert campaign is not None  # campaign_world found it
            scope = {"kind": "campaign", "uuid": campaign.uuid, "title": campaign.title}
    return Archive(now_text(datetime.now(UTC)), __version__, scope, records, files)


def export_archive(
    engine: Engine, path: str | os.PathLike[str], campaign_id: int | None = None
) -> ExportResult:
    archive = build_archive(engine, campaign_id)
    key = store.engine_key(engine)
    # An encrypted database's archive is encrypted with a key made from the database's own.
    save_archive(path, archive, None if key is None else lambda data: cipher.seal(key, data))
    return ExportResult(Path(path), {kind: len(found) for kind, found in archive.records.items()})


def _unsealed(data: bytes, name: str) -> bytes:
    """The zip inside a sealed archive, opened with a key this process was given."""
    return cipher.unseal(data, name) if cipher.is_sealed(data) else data


def import_archive(
    engine: Engine,
    path: str | os.PathLike[str],
    dry_run: bool = False,
    report: Callable[[int, int], None] | None = None,
) -> ImportPlan:
    """The plan of merging the archive at `path`; unless `dry_run`, carried out: a backup
    first (of an SQLite database), then every addition and change in one transaction. A damaged
    or foreign archive, or one whose records do not fit, is refused with nothing written."""
    where = Path(path).name
    archive = read_archive(path, lambda data: _unsealed(data, where))
    with store.transaction(engine) as session:
        plan = importing.prepare(session, archive, where).plan
    if dry_run or not plan.writes:
        return plan
    backup = make_backup(engine, BACKUP_REASON) if engine.dialect.name == "sqlite" else None
    with store.transaction(engine, write=True) as session:
        prepared = importing.prepare(session, archive, where)  # as it is now, under the lock
        importing.apply(session, prepared, archive, report)
    return replace(prepared.plan, written=True, backup=str(backup.path) if backup else "")
