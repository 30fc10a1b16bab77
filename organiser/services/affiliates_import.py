"""Affiliates in bulk: a preview of a spreadsheet's rows with each bad row's reasons, then an
all-or-nothing write, and the export of organisations to the same spreadsheet shape.

Rules (documented in the user guide): a row is bad when it has no name, an unknown country, kind,
language or email, names an `affiliate_of` that is neither in the database nor in the file, or
repeats an organisation (the same name, case and spacing aside, in the same country) already in
the database or earlier in the file. A file with bad rows is refused as a whole unless the user
chooses to skip the bad rows.
"""

from __future__ import annotations

import os
import re
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from gettext import ngettext
from typing import Any

import pycountry
from sqlalchemy import Engine, insert, select, update
from sqlalchemy.orm import Session, aliased

from organiser import store
from organiser.errors import ValidationError
from organiser.formats.csv_affiliates import (
    FIELDS,
    CsvTable,
    read_table,
    suggest_mapping,
    write_rows,
)
from organiser.models import Organisation, OrganisationKind, utc_now
from organiser.services import backups
from organiser.services import validation as v
from organiser.services.organisations import OrganisationFields, clean_organisation

ProgressCallback = Callable[[int, int], None]

_BATCH = 5000
_SHOWN_ERRORS = 3


@dataclass(frozen=True)
class PreviewRow:
    """One row as it would be imported: its file line, the mapped text, and what is wrong."""

    line: int
    values: dict[str, str]
    errors: tuple[str, ...]
    clean: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass(frozen=True)
class ImportPreview:
    headers: list[str]
    mapping: dict[str, int]
    delimiter: str
    encoding: str
    rows: list[PreviewRow]

    @property
    def bad_rows(self) -> list[PreviewRow]:
        return [row for row in self.rows if not row.ok]

    @property
    def good_count(self) -> int:
        return sum(1 for row in self.rows if row.ok)


@dataclass(frozen=True)
class ImportResult:
    created: int
    skipped: int


def name_key(name: str, country: str) -> tuple[str, str]:
    """What makes two organisations the same: the name, case and spacing aside, and country."""
    return re.sub(r"\s+", " ", name).strip().casefold(), country.upper()


def _country(text: str) -> str:
    """An ISO code, or a country's name or alpha-3 code as spreadsheets often have it."""
    text = text.strip()
    if len(text) > 2:
        try:
            return str(pycountry.countries.lookup(text).alpha_2)
        except LookupError:
            pass
    return text


_KINDS = {
    **{kind.value: kind for kind in OrganisationKind},
    **{kind.label.lower(): kind for kind in OrganisationKind},
    "": OrganisationKind.UNION,
}


def _kind(text: str) -> OrganisationKind | str:
    """The kind as a member when it is one (fast for 50,000 rows), else the text to refuse."""
    key = text.strip().lower()
    return _KINDS.get(key) or _KINDS.get(re.sub(r"[\s_]+", "-", key)) or text


def _fields(values: dict[str, str]) -> OrganisationFields:
    return OrganisationFields(
        name=values.get("name", ""),
        acronym=values.get("acronym", ""),
        kind=_kind(values.get("kind", "")),
        country=_country(values.get("country", "")),
        address=values.get("address", ""),
        email=values.get("email", ""),
        phone=values.get("phone", ""),
        website=values.get("website", ""),
        language=values.get("language", ""),
        notes=values.get("notes", ""),
        members=values.get("members", ""),
        membership=values.get("membership", ""),
    )


class _Checker:
    """Validates rows one by one, remembering names seen in the database and the file."""

    def __init__(self, session: Session) -> None:
        rows = session.execute(select(Organisation.id, Organisation.name, Organisation.country))
        self.existing: dict[tuple[str, str], int] = {}
        self.parents: dict[str, int] = {}
        for key, name, country in rows:
            self.existing.setdefault(name_key(name, country), key)
            self.parents.setdefault(name_key(name, "")[0], key)
        self.in_file: dict[tuple[str, str], int] = {}
        self.file_names: set[str] = set()

    def check(self, line: int, values: dict[str, str]) -> PreviewRow:
        errors: list[str] = []
        clean: dict[str, Any] = {}
        try:
            clean = clean_organisation(_fields(values))
        except ValidationError as error:
            errors.append(str(error))
        if clean:
            errors.extend(self._duplicate(line, clean))
        return PreviewRow(line, values, tuple(errors), clean)

    def _duplicate(self, line: int, clean: dict[str, Any]) -> list[str]:
        key = name_key(clean["name"], clean["country"])
        if key in self.existing:
            return [
                f"Duplicate of the existing organisation '{clean['name']}' "
                f"(id {self.existing[key]})."
            ]
        if key in self.in_file:
            return [f"Duplicate of line {self.in_file[key]} of this file."]
        self.in_file[key] = line
        self.file_names.add(key[0])
        return []

    def check_parent(self, row: PreviewRow) -> PreviewRow:
        parent = row.values.get("affiliate_of", "").strip()
        if not parent or not row.ok:
            return row
        key = name_key(parent, "")[0]
        if key in self.parents or key in self.file_names:
            return row
        message = f"Affiliate of '{parent}': no organisation of that name, here or in the file."
        return PreviewRow(row.line, row.values, (*row.errors, message), row.clean)


__all__ = ["FIELDS", "CsvTable"]  # what the doors name: the fields to map, the file as read


def read_spreadsheet(path: str | os.PathLike[str]) -> CsvTable:
    """The file's columns and rows (its encoding and separator found); refused if unreadable."""
    return read_table(path)


def suggested_mapping(table: CsvTable) -> dict[str, int]:
    """Which column holds which field, as the headers suggest."""
    return suggest_mapping(table.headers)


def _cell(cells: list[str], column: int) -> str:
    """A cell as the organisation keeps it: Excel's CRLF inside a quoted cell as one line end."""
    return cells[column].replace("\r\n", "\n") if column < len(cells) else ""


def check_mapping(table: CsvTable, mapping: dict[str, int]) -> None:
    if "name" not in mapping:
        raise ValidationError(
            "name",
            "The file has no column of organisation names: choose which column holds the name "
            f"(columns found: {', '.join(h or '(blank)' for h in table.headers)}).",
        )
    for field_name, column in mapping.items():
        if field_name not in FIELDS or not 0 <= column < len(table.headers):
            raise ValidationError(field_name, f"Column {column + 1} does not exist in the file.")


def preview_import(
    session: Session,
    table: CsvTable,
    mapping: dict[str, int] | None = None,
    progress: ProgressCallback | None = None,
) -> ImportPreview:
    """Every row with its problems; nothing is written."""
    chosen = suggest_mapping(table.headers) if mapping is None else dict(mapping)
    check_mapping(table, chosen)
    checker = _Checker(session)
    rows: list[PreviewRow] = []
    for number, record in enumerate(table.rows):
        values = {f: _cell(record.cells, c) for f, c in chosen.items()}
        rows.append(checker.check(record.line, values))
        if progress is not None and number % _BATCH == 0:
            progress(number, len(table.rows))
    rows = [checker.check_parent(row) for row in rows]
    return ImportPreview(table.headers, chosen, table.delimiter, table.encoding, rows)


def describe_bad_rows(preview: ImportPreview, shown: int = _SHOWN_ERRORS) -> str:
    """One line naming how many rows are bad and the first few reasons."""
    bad = preview.bad_rows
    first = "; ".join(f"line {row.line}: {' '.join(row.errors).rstrip('.')}" for row in bad[:shown])
    more = f"; and {len(bad) - shown} more" if len(bad) > shown else ""
    counted = ngettext(
        "{n} of {all} rows has problems", "{n} of {all} rows have problems", len(bad)
    )
    return f"{counted.format(n=len(bad), all=len(preview.rows))} — {first}{more}"


def import_affiliates_into(
    engine: Engine,
    table: CsvTable,
    mapping: dict[str, int] | None = None,
    skip_bad: bool = False,
    progress: ProgressCallback | None = None,
) -> ImportResult:
    """The import as one unit of work, after a backup of the database as it was (none for a
    file refused whole: one without a column of names)."""
    check_mapping(table, suggest_mapping(table.headers) if mapping is None else dict(mapping))
    backups.back_up_before_bulk_write(engine)
    with store.transaction(engine, write=True) as session:
        return import_affiliates(session, table, mapping, skip_bad, progress)


def import_affiliates(
    session: Session,
    table: CsvTable,
    mapping: dict[str, int] | None = None,
    skip_bad: bool = False,
    progress: ProgressCallback | None = None,
) -> ImportResult:
    """Write every good row in one go, or nothing: a bad row refuses the whole file unless
    `skip_bad`. Validation runs again here, in the same transaction as the write."""
    preview = preview_import(session, table, mapping, progress)
    if preview.bad_rows and not skip_bad:
        raise ValidationError(
            "file", f"Nothing was imported: {describe_bad_rows(preview)}. Fix them and try again."
        )
    good = [row for row in preview.rows if row.ok]
    _insert(session, good, progress)
    return ImportResult(len(good), len(preview.rows) - len(good))


def _insert(
    session: Session, rows: Sequence[PreviewRow], progress: ProgressCallback | None
) -> None:
    """Core executemany in batches, every value given (no per-row defaults to compute): the
    ORM's per-row path took 3 s for 50,000 rows, this about 0.7 s."""
    now = utc_now()
    common = {"created_at": now, "updated_at": now, "version": 1, "affiliate_of_id": None}
    values = [{**row.clean, **common, "uuid": str(uuid.uuid4())} for row in rows]
    connection = session.connection()
    for start in range(0, len(values), _BATCH):
        connection.execute(insert(Organisation), values[start : start + _BATCH])
        if progress is not None:
            progress(min(start + _BATCH, len(values)), len(values))
    _link_parents(session, rows, [value["uuid"] for value in values])


def _link_parents(session: Session, rows: Sequence[PreviewRow], uuids: list[str]) -> None:
    """Set `affiliate_of` by name once every row is in (a parent may come later in the file)."""
    wanted = {
        uuids[i]: row.values.get("affiliate_of", "").strip()
        for i, row in enumerate(rows)
        if row.values.get("affiliate_of", "").strip()
    }
    if not wanted:
        return
    by_name: dict[str, int] = {}
    by_uuid: dict[str, int] = {}
    query = select(Organisation.id, Organisation.name, Organisation.uuid)
    for key, name, record_uuid in session.execute(query):
        by_name.setdefault(name_key(name, "")[0], key)
        if record_uuid in wanted:
            by_uuid[record_uuid] = key
    changes = [
        {"id": by_uuid[child], "version": 1, "affiliate_of_id": by_name[name_key(parent, "")[0]]}
        for child, parent in wanted.items()
    ]
    session.execute(update(Organisation), changes)


def export_affiliates(session: Session, path: str, affiliates_of: int | None = None) -> int:
    """Write organisations as a CSV the import reads back; returns how many were written."""
    parent = aliased(Organisation)
    query = (
        select(Organisation, parent.name)
        .outerjoin(parent, Organisation.affiliate_of_id == parent.id)
        .order_by(Organisation.name, Organisation.id)
    )
    if affiliates_of is not None:
        v.get_or_raise(session, Organisation, affiliates_of, "organisation")
        query = query.where(Organisation.affiliate_of_id == affiliates_of)
    rows = [_export_row(record, parent_name) for record, parent_name in session.execute(query)]
    write_rows(path, FIELDS, rows)
    return len(rows)


def _export_row(record: Organisation, parent_name: str | None) -> list[str]:
    values = {name: getattr(record, name, "") for name in FIELDS if name != "affiliate_of"}
    values["kind"] = record.kind.value
    values["affiliate_of"] = parent_name or ""
    return [str(values[name]) if values[name] is not None else "" for name in FIELDS]
