"""What happens to a letter once written: the page to print, the PDF kept, sending, the reply."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from sqlalchemy import bindparam, select, update
from sqlalchemy.orm import Session

from organiser.errors import ValidationError
from organiser.models import (
    Attachment,
    Channel,
    Letter,
    LetterRecipient,
    LetterSignatory,
    LetterStatus,
    Organisation,
    Person,
    RecipientRole,
    utc_now,
)
from organiser.models.base import new_uuid
from organiser.models.organisations import person_label
from organiser.pdf.cosigned import CosignedBlock
from organiser.pdf.images import MAX_IMAGE_BYTES, image_size
from organiser.pdf.printable import PrintableLetter, PrintParty, PrintSigner
from organiser.services import attachments, record_rows, statements
from organiser.services import validation as v
from organiser.services.letters import (
    LetterFields,
    LetterFilter,
    LetterView,
    PartyCopy,
    _apply,
    _query,
    fix_parties,
    get_letter,
    letters_of,
    list_letters,
    party_copy,
)


def _lines(text: str) -> tuple[str, ...]:
    return tuple(line.strip() for line in text.splitlines() if line.strip())


def _addressee(party: PartyCopy) -> PrintParty:
    head = tuple(filter(None, [party.title, party.organisation_name]))
    return PrintParty(party.name, head + _lines(party.address))


def _cc_name(party: PartyCopy) -> str:
    return f"{party.name} ({party.organisation_name})" if party.organisation_name else party.name


def _signer(session: Session, party: PartyCopy) -> PrintSigner:
    signature = (
        attachments.attachment_data(session, party.signature_id) if party.signature_id else None
    )
    return PrintSigner(party.name, party.title, party.organisation_name, signature)


def _printable(
    session: Session, record: Letter, cosigned: CosignedBlock | None = None
) -> PrintableLetter:
    """The page of a letter whose parties are fixed: from its copy, not the live records (but
    the letterhead's logo and the signatures are the current ones while their owners exist)."""
    sender = session.get(Organisation, record.sender_id) if record.sender_id else None
    logo = (
        attachments.attachment_data(session, sender.logo_id) if sender and sender.logo_id else None
    )

    def parties(rows: Sequence[LetterRecipient | LetterSignatory]) -> list[PartyCopy]:
        return [party for party in (party_copy(record, row) for row in rows) if party is not None]

    def role(wanted: RecipientRole) -> list[LetterRecipient]:
        return [row for row in record.recipients if row.role is wanted]

    return PrintableLetter(
        sender_name=record.sender_name,
        sender_address=record.sender_address,
        logo=logo,
        letter_date=record.letter_date,
        language=record.language,
        our_reference=record.our_reference,
        their_reference=record.their_reference,
        addressees=tuple(_addressee(party) for party in parties(role(RecipientRole.TO))),
        subject=record.subject,
        body=record.body,
        signatories=tuple(_signer(session, party) for party in parties(record.signatories)),
        cc=tuple(_cc_name(party) for party in parties(role(RecipientRole.CC))),
        cosigned=cosigned,
    )


def printable_from_fields(
    session: Session,
    data: LetterFields,
    saved_status: LetterStatus = LetterStatus.DRAFT,
    cosigned: statements.CosignedSetting | None = None,
) -> PrintableLetter:
    """The page for a letter as typed in a form (validated, nothing saved): the live preview.

    `saved_status` is the stored letter's status, so a sent letter's own status is no change;
    `cosigned` the co-signers' setting, whose block is read from the campaign's commitments."""
    with session.no_autoflush:
        check = Letter(status=saved_status)
        _apply(session, check, data)  # validates; `check` is never added to the session
    fix_parties(session, check)  # its people as the records read now
    block = (
        statements.block_for_campaign(session, check.campaign_id, cosigned, check.language)
        if cosigned
        else None
    )
    return _printable(session, check, block)


def printable_of_new(session: Session, letter: Letter) -> PrintableLetter:
    """The page of a new letter (`letters.new_letter`, in no session), as `printable_from_fields`
    gives it for the same fields."""
    return _printable(session, letter)


def printable_letter(
    session: Session, letter_id: int, view: LetterView | None = None
) -> PrintableLetter:
    """A draft as its people read now; an approved or sent letter as it was fixed. `view`,
    the letter's view when the caller has just read it (an export of many), saves reading it
    again."""
    record = v.get_or_raise(session, Letter, letter_id, "letter")
    block = statements.block_for_letter(session, record)
    if record.parties_fixed_at is not None:
        return _printable(session, record, block)
    view = view if view is not None else get_letter(session, letter_id)
    return replace(printable_from_fields(session, view.fields(), view.status), cosigned=block)


def keep_pdf(session: Session, letter_id: int, data: bytes) -> LetterView:
    """Keep `data` as the letter's PDF (replacing an earlier one): the register shows it."""
    keep_pdf_of(session, v.get_or_raise(session, Letter, letter_id, "letter"), data)
    return get_letter(session, letter_id)


def keep_pdf_of(session: Session, record: Letter, data: bytes) -> None:
    """`keep_pdf` for a letter already at hand (and flushed), without reading it back."""
    keep_pdfs_of(session, [(record, data)])


def keep_pdfs_of(session: Session, kept: Sequence[tuple[Letter, bytes]]) -> None:
    """`keep_pdf_of` for many letters at once (flushed), in one flush; the files are then let
    go by the session, so that a run keeping thousands does not hold them all in memory."""
    files = [
        attachments.new_attachment(
            _pdf_name(record.id, record.our_reference, record.uuid), data, "application/pdf"
        )
        for record, data in kept
    ]
    session.add_all(files)
    session.flush()
    for (record, _data), file in zip(kept, files, strict=True):
        record.pdf_id = file.id
    session.flush()
    for file in files:
        session.expunge(file)


def keep_pdfs_of_new(session: Session, kept: Sequence[tuple[Letter, int, bytes]]) -> None:
    """`keep_pdfs_of` for letters written as rows (`letters.insert_letters`): (the letter,
    its id, its PDF). The same rows: each PDF kept as an attachment, the letter naming it
    and its version one more, as a flush of `keep_pdfs_of` leaves them."""
    files = [
        attachments.new_attachment(
            _pdf_name(key, record.our_reference, record.uuid), data, "application/pdf"
        )
        for record, key, data in kept
    ]
    for file in files:
        file.uuid = new_uuid()
    values = [record_rows.column_values(file) for file in files]
    del files
    ids = record_rows.insert_rows(session, Attachment, values, ids=True)
    del values
    table = record_rows.table_of(Letter)
    session.execute(
        update(table)
        .where(table.c.id == bindparam("letter"))
        .values(
            pdf_id=bindparam("pdf"),
            version=table.c.version + 1,
            updated_at=bindparam("at", type_=table.c.updated_at.type),
        ),
        [
            {"letter": key, "pdf": file_id, "at": utc_now()}
            for (_record, key, _data), file_id in zip(kept, ids, strict=True)
        ],
    )


def _pdf_name(letter_id: int, our_reference: str, uuid: str) -> str:
    return f"letter-{letter_id}-{our_reference or uuid[:8]}.pdf".replace("/", "-")


def kept_pdf(session: Session, letter_id: int) -> bytes | None:
    """The PDF kept with the letter (what went out, once sent), or None."""
    record = v.get_or_raise(session, Letter, letter_id, "letter")
    return attachments.attachment_data(session, record.pdf_id) if record.pdf_id else None


def is_frozen(view: LetterView) -> bool:
    """A sent letter prints as it went out: from its kept PDF, never regenerated."""
    return (
        view.status not in (LetterStatus.DRAFT, LetterStatus.APPROVED) and view.pdf_id is not None
    )


def mark_sent(
    session: Session,
    letter_id: int,
    sent_on: date | str | None,
    channel: Channel | str | None,
    tracking_number: str = "",
    *,
    expected_version: int,
    keep_pdf_first: Callable[[Session, int], object] | None = None,
) -> LetterView:
    """The letter went out. `keep_pdf_first` (letter_sending passes letter_output's) keeps the
    PDF that went out, made from the letter as it is, once the version is known to be the one
    edited."""
    record = v.get_or_raise(session, Letter, letter_id, "letter")
    v.check_version(record, expected_version, "letter")
    if keep_pdf_first is not None:
        keep_pdf_first(session, letter_id)
    when = v.parse_date(sent_on, "sent_on", "Sent on")
    if when is None:
        raise ValidationError("sent_on", "Say on which day the letter was sent.")
    if record.letter_date is not None and when < record.letter_date:
        raise ValidationError(
            "sent_on",
            f"Sent on {when.isoformat()} is before the letter's date "
            f"({record.letter_date.isoformat()}).",
        )
    if channel is None or channel == "":
        raise ValidationError("channel", "Say how the letter was sent.")
    record.channel = v.parse_enum(Channel, channel, "channel", "Channel")
    tracking = v.optional_text(tracking_number, "tracking_number", "Tracking number", 100)
    if tracking and record.channel is not Channel.REGISTERED_POST:
        raise ValidationError("tracking_number", "Only registered post has a tracking number.")
    record.tracking_number = tracking
    record.sent_on = when
    if record.parties_fixed_at is None:  # sent straight from a draft
        fix_parties(session, record)
    if record.status is not LetterStatus.ANSWERED:
        record.status = LetterStatus.SENT
    session.flush()
    return get_letter(session, letter_id)


def record_reply(
    session: Session,
    letter_id: int,
    received_on: date | str | None,
    note: str = "",
    file: tuple[str, bytes] | None = None,
    *,
    expected_version: int,
) -> LetterView:
    """The answer came: when, a note, and optionally the reply's file kept with the letter."""
    record = v.get_or_raise(session, Letter, letter_id, "letter")
    v.check_version(record, expected_version, "letter")
    if record.status not in (LetterStatus.SENT, LetterStatus.ANSWERED) or record.sent_on is None:
        raise ValidationError("received_on", "Mark the letter as sent before recording a reply.")
    when = v.parse_date(received_on, "received_on", "Received on")
    if when is None:
        raise ValidationError("received_on", "Say on which day the reply came.")
    if when < record.sent_on:
        raise ValidationError(
            "received_on",
            f"The reply ({when.isoformat()}) cannot come before the letter was "
            f"sent ({record.sent_on.isoformat()}).",
        )
    record.reply_note = v.optional_text(note, "reply_note", "Note")
    if file is not None:
        record.reply_file_id = attachments.store_attachment(session, *file, field="reply_file").id
    record.reply_received_on = when
    record.status = LetterStatus.ANSWERED
    session.flush()
    return get_letter(session, letter_id)


def choices(session: Session) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    """(organisations, people) as (id, name) pairs for the editor's pickers."""
    orgs = session.execute(select(Organisation.id, Organisation.name).order_by(Organisation.name))
    people = session.execute(select(Person.id, Person.name, Person.role).order_by(Person.name))
    named = sorted(
        ((row[0], person_label(row[1], row[2])) for row in people), key=lambda p: p[1].lower()
    )
    return [(row[0], row[1]) for row in orgs], named


def read_image(path: str | Path, field: str) -> tuple[str, bytes]:
    """A logo or signature file the user named, refused above MAX_IMAGE_BYTES before reading."""
    return attachments.read_upload(path, field, MAX_IMAGE_BYTES)


def _check_image(upload: tuple[str, bytes], field: str) -> None:
    """Refuse a file that is not an image, or one too large in pixels (read from its header),
    before it reaches a letterhead or signature."""
    name, data = upload
    image_size(data, name, field)


def set_logo(session: Session, organisation_id: int, upload: tuple[str, bytes]) -> None:
    """The logo printed in the letterhead of letters this organisation sends."""
    organisation = v.get_or_raise(session, Organisation, organisation_id, "organisation")
    _check_image(upload, "logo")
    organisation.logo_id = attachments.store_attachment(session, *upload, field="logo").id
    session.flush()


def set_signature(session: Session, person_id: int, upload: tuple[str, bytes]) -> None:
    """The scanned signature printed above this person's name when they sign."""
    person = v.get_or_raise(session, Person, person_id, "person")
    _check_image(upload, "signature")
    person.signature_id = attachments.store_attachment(session, *upload, field="signature").id
    session.flush()


@dataclass(frozen=True)
class LetterExport:
    """What exporting letters to a folder writes: a sent letter's kept PDF as it went out, the
    others rendered from their fields. Names are file names inside the folder."""

    kept: list[tuple[str, bytes]]
    to_render: list[tuple[str, PrintableLetter]]


def export_file_name(view: LetterView) -> str:
    """The file name a letter's PDF gets, safe on every system."""
    name = f"letter-{view.id}-{view.our_reference or view.uuid[:8]}"
    return re.sub(r"[^\w.-]+", "-", name) + ".pdf"


def plan_export(
    session: Session, where: LetterFilter | None = None, ids: Sequence[int] | None = None
) -> LetterExport:
    """Read everything an export needs in one go, so the files are written after the session:
    of the letters `where` finds, or (`ids`) of those letters, a part of a larger export."""
    kept: list[tuple[str, bytes]] = []
    to_render: list[tuple[str, PrintableLetter]] = []
    views = list_letters(session, where) if ids is None else letters_of(session, ids)
    held = _held(session, [view.id for view in views])  # noqa: F841 (kept alive on purpose)
    for view in views:
        data = kept_pdf(session, view.id) if is_frozen(view) else None
        if data is not None:
            kept.append((export_file_name(view), data))
        else:
            to_render.append((export_file_name(view), printable_letter(session, view.id, view)))
    return LetterExport(kept, to_render)


HELD_PER_QUERY = 500  # well under SQLite's limit of bound parameters


def _held(session: Session, ids: Sequence[int]) -> list[Letter]:
    """The letters and their people, held while their pages are made: the session remembers
    what it read only weakly, and without these each letter and each of its people would be
    read again, one query at a time (a thousand letters took seconds more)."""
    held: list[Letter] = []
    for first in range(0, len(ids), HELD_PER_QUERY):
        chunk = ids[first : first + HELD_PER_QUERY]
        held += session.scalars(_query().where(Letter.id.in_(chunk))).all()
    return held
