"""Check Database: SQLite's own checks and the program's invariants, read without migrating or
writing, so that even a database too damaged to open gets a report."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from zoneinfo import available_timezones

from sqlalchemy import Engine

from organiser import store, store_files
from organiser.cipher import Locked


@dataclass(frozen=True)
class CheckReport:
    database: str
    problems: list[str]
    damaged: bool  # SQLite found damage, or the file could not be read at all

    @property
    def ok(self) -> bool:
        return not self.problems


def check_database(target: Engine | Path) -> CheckReport:
    """Every problem found: integrity, references, the schema revision and our invariants."""
    if isinstance(target, Engine):
        path = store.sqlite_path(target.url.render_as_string(hide_password=False))
        if path is None:  # another database server: its own checks are its own
            return CheckReport(target.url.render_as_string(), store.check(target), False)
    else:
        path = Path(target)
    if not path.is_file():
        return CheckReport(str(path), [f"{path} does not exist or is not a file"], True)
    damage = store_files.is_damaged(path)
    problems = list(damage)
    try:
        connection = store.open_read_only(path)
    except Locked:
        raise
    except store.OPEN_ERRORS as error:
        return CheckReport(str(path), problems or [str(error)], True)
    try:
        for invariant in INVARIANTS:
            try:
                problems.extend(invariant(connection))
            except store.SQLITE_ERRORS as error:
                problems.append(f"{invariant.__doc__}: could not be read ({error})")
    finally:
        connection.close()
    return CheckReport(str(path), problems, bool(damage))


def _schema(connection: sqlite3.Connection) -> Iterator[str]:
    """the schema revision"""
    try:
        revisions = {r[0] for r in connection.execute("SELECT version_num FROM alembic_version")}
    except store.SQLITE_ERRORS:
        yield "not a Campaign Organiser database (no schema revision)"
        return
    # An older schema is no problem: the next open brings it up to date.
    unknown = store.unknown_revisions(revisions)
    if unknown:
        yield f"schema {sorted(unknown)} is from a newer version of the program"
    elif len(revisions) != 1:
        yield f"schema {sorted(revisions)}: not one revision"


def _tables(connection: sqlite3.Connection) -> set[str]:
    return {r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")}


def _letter_pdfs(connection: sqlite3.Connection) -> Iterator[str]:
    """the letters' kept PDFs"""
    if not {"letter", "attachment"} <= _tables(connection):
        return
    rows = connection.execute(
        "SELECT letter.id, attachment.id, attachment.data FROM letter "
        "JOIN attachment ON attachment.id = letter.pdf_id"
    )
    for letter_id, attachment_id, data in rows:
        body = bytes(data or b"")
        if not body.startswith(b"%PDF") or b"%%EOF" not in body[-1024:]:
            yield f"letter {letter_id}: its kept PDF (attachment {attachment_id}) does not open"


def _attachments(connection: sqlite3.Connection) -> Iterator[str]:
    """the attachments"""
    if "attachment" not in _tables(connection):
        return
    rows = connection.execute("SELECT id, name, size, sha256, data FROM attachment")
    for attachment_id, name, size, sha256, data in rows:
        body = bytes(data or b"")
        if len(body) != size:
            yield f"attachment {attachment_id} ({name}): {len(body)} bytes, {size} recorded"
        elif sha256 and hashlib.sha256(body).hexdigest() != sha256:
            yield f"attachment {attachment_id} ({name}): its contents differ from their checksum"


def _versions(connection: sqlite3.Connection) -> Iterator[str]:
    """the record versions"""
    for table in sorted(_tables(connection)):
        columns = {row[1] for row in connection.execute(f'PRAGMA table_info("{table}")')}
        if "version" not in columns:
            continue
        bad = connection.execute(
            f'SELECT count(*), min(id) FROM "{table}" WHERE version IS NULL OR version < 1'
        ).fetchone()
        if bad[0]:
            yield f"{table}: {bad[0]} record(s) with a version below 1 (first: row {bad[1]})"


@cache
def _zones() -> frozenset[str]:
    return frozenset(available_timezones() | {"UTC"})


def _time_zones(connection: sqlite3.Connection) -> Iterator[str]:
    """the actions' time zones"""
    if "action" not in _tables(connection):
        return
    for action_id, zone in connection.execute("SELECT id, timezone FROM action"):
        if zone not in _zones():
            yield f"action {action_id}: time zone {zone!r} is not known"


INVARIANTS: tuple[Callable[[sqlite3.Connection], Iterator[str]], ...] = (
    _schema,
    _letter_pdfs,
    _attachments,
    _versions,
    _time_zones,
)
