"""A letter's language versions: listed with their state (up to date, out of date since the
original changed) and the languages still missing; added, replaced, removed, marked current."""

from __future__ import annotations

import enum
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from babel import Locale, UnknownLocaleError
from sqlalchemy import select
from sqlalchemy.orm import Session

from organiser.errors import ValidationError
from organiser.files import write_bytes_atomic
from organiser.models import Commitment, CommitmentStatus, Letter, LetterVersion, utc_now
from organiser.pdf.letter import letter_pdf as render_pdf
from organiser.services import letter_register, letters
from organiser.services import validation as v
from organiser.services.letter_languages import choose_version, preferred_language
from organiser.services.pdf_settings import pdf_options


class VersionState(enum.Enum):
    UP_TO_DATE = "up-to-date"
    OUT_OF_DATE = "out-of-date"  # the original changed since the version was written
    MISSING = "missing"  # a language the letter's readers want, with no version yet


@dataclass(frozen=True)
class VersionView:
    language: str
    subject: str
    body: str
    based_on: str
    state: VersionState


@dataclass(frozen=True)
class LetterVersions:
    """The original's language and hash, its versions, and the wanted languages missing."""

    letter_id: int
    language: str
    original_hash: str
    versions: tuple[VersionView, ...]
    missing: tuple[str, ...]
    frozen: bool

    def version(self, language: str) -> VersionView | None:
        return next((x for x in self.versions if x.language == language), None)


@dataclass(frozen=True)
class VersionFields:
    """A version as the editor holds it; `confirmed`: written or checked against the original
    as it is now (its hash is taken afresh), else it keeps the hash it had."""

    language: str
    subject: str
    body: str
    confirmed: bool = False


def original_hash(subject: str, body: str) -> str:
    """What a version is based on: the original's subject and body, hashed together."""
    return hashlib.sha256(f"{subject}\x00{body}".encode()).hexdigest()


def state_of(based_on: str, original: str) -> VersionState:
    return VersionState.UP_TO_DATE if based_on == original else VersionState.OUT_OF_DATE


def check_language(value: str, original: str) -> str:
    """An ISO 639-1 code Babel can print a date in, and not the original's own language."""
    code = v.check_language(value)
    if not code:
        raise ValidationError("language", "Say which language the version is in.")
    try:
        Locale.parse(code)
    except (UnknownLocaleError, ValueError):
        raise ValidationError("language", f"Language '{value}' is not one we can print.") from None
    if code == original:
        raise ValidationError("language", f"The original is already in '{code}'.")
    return code


def wanted_languages(session: Session, record: Letter) -> list[str]:
    """Languages the letter's readers want: each recipient's (or its organisation's), and those
    of the organisations committed to its campaign (a merge may go to them)."""
    found = [preferred_language(row.person, row.organisation) for row in record.recipients]
    committed = session.scalars(
        select(Commitment).where(
            Commitment.campaign_id == record.campaign_id,
            Commitment.status != CommitmentStatus.WITHDRAWN,
        )
    )
    found += [c.organisation.language for c in committed if c.organisation is not None]
    return sorted({code for code in found if code and code != record.language})


def _letter(session: Session, letter_id: int) -> Letter:
    return v.get_or_raise(session, Letter, letter_id, "letter")


def _frozen(session: Session, letter_id: int) -> bool:
    return letter_register.is_frozen(letters.get_letter(session, letter_id))


def _refuse_frozen(session: Session, letter_id: int) -> None:
    if _frozen(session, letter_id):
        raise ValidationError(
            "language", "This letter has gone out; its language versions stay as they were."
        )


def list_versions(session: Session, letter_id: int) -> LetterVersions:
    record = _letter(session, letter_id)
    original = original_hash(record.subject, record.body)
    versions = tuple(
        VersionView(x.language, x.subject, x.body, x.based_on, state_of(x.based_on, original))
        for x in sorted(record.versions, key=lambda x: x.language)
    )
    have = {x.language for x in versions}
    missing = tuple(code for code in wanted_languages(session, record) if code not in have)
    return LetterVersions(
        record.id, record.language, original, versions, missing, _frozen(session, letter_id)
    )


def _touch(session: Session, record: Letter) -> None:
    """A version is part of the letter: its version number moves, so an edit elsewhere shows."""
    record.updated_at = utc_now()
    session.flush()


def _checked(record: Letter, fields: VersionFields) -> VersionFields:
    return VersionFields(
        check_language(fields.language, record.language),
        v.require_text(fields.subject, "subject", "Subject", 500),
        v.require_text(fields.body, "body", "Body", 200_000),
        fields.confirmed,
    )


def _checked_named(record: Letter, fields: VersionFields) -> VersionFields:
    """As `_checked`, the message naming the version among several."""
    try:
        return _checked(record, fields)
    except ValidationError as error:
        raise ValidationError(error.field, f"{fields.language or '?'}: {error}") from None


def set_version(
    session: Session, letter_id: int, language: str, subject: str, body: str
) -> LetterVersions:
    """Add the version in `language`, or replace it; it is based on the original as it is."""
    _refuse_frozen(session, letter_id)
    record = _letter(session, letter_id)
    fields = _checked(record, VersionFields(language, subject, body, confirmed=True))
    _put(record, fields, original_hash(record.subject, record.body))
    _touch(session, record)
    return list_versions(session, letter_id)


def _put(record: Letter, fields: VersionFields, original: str) -> None:
    found = next((x for x in record.versions if x.language == fields.language), None)
    if found is None:
        found = LetterVersion(language=fields.language, subject="", body="")
        record.versions.append(found)
    changed = (found.subject, found.body) != (fields.subject, fields.body)
    found.subject, found.body = fields.subject, fields.body
    if fields.confirmed or changed:
        found.based_on = original


def _existing(record: Letter, language: str) -> LetterVersion:
    code = (language or "").strip().lower()
    found = next((x for x in record.versions if x.language == code), None)
    if found is None:
        raise ValidationError("language", f"The letter has no version in '{language}'.")
    return found


def remove_version(session: Session, letter_id: int, language: str) -> LetterVersions:
    _refuse_frozen(session, letter_id)
    record = _letter(session, letter_id)
    record.versions.remove(_existing(record, language))
    _touch(session, record)
    return list_versions(session, letter_id)


def mark_current(session: Session, letter_id: int, language: str) -> LetterVersions:
    """The version still says what the original says: it is based on the original as it is."""
    _refuse_frozen(session, letter_id)
    record = _letter(session, letter_id)
    _existing(record, language).based_on = original_hash(record.subject, record.body)
    _touch(session, record)
    return list_versions(session, letter_id)


def save_versions(
    session: Session, letter_id: int, wanted: Sequence[VersionFields]
) -> LetterVersions:
    """The editor's versions saved with the letter: these and no others. A version whose text
    changed, or that was confirmed, is based on the original as saved now."""
    record = _letter(session, letter_id)
    checked = [_checked_named(record, fields) for fields in wanted]
    now = {(x.language, x.subject, x.body) for x in record.versions}
    if now == {(x.language, x.subject, x.body) for x in checked} and not any(
        x.confirmed for x in checked
    ):
        return list_versions(session, letter_id)
    _refuse_frozen(session, letter_id)
    languages = [x.language for x in checked]
    for code in languages:
        if languages.count(code) > 1:
            raise ValidationError("language", f"There are two versions in '{code}'.")
    for old in [x for x in record.versions if x.language not in languages]:
        record.versions.remove(old)
    original = original_hash(record.subject, record.body)
    for fields in checked:
        _put(record, fields, original)
    _touch(session, record)
    return list_versions(session, letter_id)


@dataclass(frozen=True)
class VersionPdf:
    """A letter's PDF in a language: that version's, or the original's when it has none."""

    data: bytes
    language: str
    fell_back: bool


def version_pdf(
    session: Session, letter_id: int, language: str, paper: str | None = None
) -> VersionPdf:
    """The letter in `language` (its words and date in that language), made now and not kept:
    the register keeps the original's PDF. Without such a version: the original, noted."""
    record = _letter(session, letter_id)
    code = v.check_language(language) or record.language
    chosen = choose_version(record, code)
    printable = replace(
        letter_register.printable_letter(session, letter_id),
        language=chosen.language,
        subject=chosen.subject,
        body=chosen.body,
    )
    return VersionPdf(render_pdf(printable, pdf_options(paper)), chosen.language, chosen.fell_back)


def write_version_pdf(
    session: Session, letter_id: int, language: str, path: str | Path, paper: str | None = None
) -> VersionPdf:
    made = version_pdf(session, letter_id, language, paper)
    write_bytes_atomic(path, made.data)
    return made
