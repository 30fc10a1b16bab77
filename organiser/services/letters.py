"""Letters and statements: drafting, signatories and recipients, the register and its filters."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import case, delete, func, or_, select
from sqlalchemy.orm import Session, selectinload

from organiser.errors import ValidationError
from organiser.models import (
    Campaign,
    Channel,
    CosignedBy,
    CosignedOrder,
    Letter,
    LetterKind,
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
from organiser.services import record_rows, trash
from organiser.services import validation as v
from organiser.services.listing import page_ids, text_matches
from organiser.services.trash import TrashView

Ref = tuple[str, int]  # ("org" | "person", id): who a letter goes to


@dataclass
class LetterFields:
    """What a user types for a letter; services validate it."""

    kind: LetterKind | str = LetterKind.SOLIDARITY_LETTER
    campaign_id: int | None = None
    sender_id: int | None = None
    subject: str = ""
    letter_date: date | str | None = None
    language: str = "en"
    body: str = ""
    our_reference: str = ""
    their_reference: str = ""
    status: LetterStatus | str = LetterStatus.DRAFT
    signatory_ids: list[int] = field(default_factory=list)
    to: list[Ref] = field(default_factory=list)
    cc: list[Ref] = field(default_factory=list)


@dataclass(frozen=True)
class Party:
    """A signatory or recipient as the register shows it; `ref` is None once the person or
    organisation has been deleted (a letter that went out keeps their name)."""

    ref: Ref | None
    name: str
    detail: str = ""


@dataclass(frozen=True)
class PartyCopy:
    """A person or organisation as a letter shows and prints them: read from the live records
    while the letter is a draft, from its own copy once it is fixed (approved or sent)."""

    name: str
    title: str = ""
    organisation_name: str = ""
    address: str = ""
    country: str = ""
    signature_id: int | None = None

    @property
    def detail(self) -> str:
        return ", ".join(filter(None, [self.title, self.organisation_name]))


@dataclass(frozen=True)
class LetterView:
    id: int
    uuid: str
    kind: LetterKind
    campaign_id: int
    campaign_title: str
    sender_id: int | None
    sender_name: str
    subject: str
    letter_date: date | None
    language: str
    body: str
    status: LetterStatus
    sent_on: date | None
    channel: Channel | None
    tracking_number: str
    our_reference: str
    their_reference: str
    reply_received_on: date | None
    reply_note: str
    reply_file_id: int | None
    pdf_id: int | None
    signatories: list[Party]
    to: list[Party]
    cc: list[Party]
    version: int
    created_at: datetime
    updated_at: datetime
    merged_from_id: int | None = None  # the template letter this one was merged from
    # A statement's co-signers (services/statements.py): who, and in which order.
    cosigned_by: CosignedBy = CosignedBy.NONE
    cosigned_order: CosignedOrder = CosignedOrder.COUNTRY

    @property
    def awaiting_reply(self) -> bool:
        return self.status is LetterStatus.SENT

    @property
    def recipient_names(self) -> str:
        return "; ".join(party.name for party in self.to)

    def fields(self) -> LetterFields:
        """The letter as a form would hold it (to edit or duplicate it)."""
        return LetterFields(
            kind=self.kind,
            campaign_id=self.campaign_id,
            sender_id=self.sender_id,
            subject=self.subject,
            letter_date=self.letter_date,
            language=self.language,
            body=self.body,
            our_reference=self.our_reference,
            their_reference=self.their_reference,
            status=self.status,
            signatory_ids=[p.ref[1] for p in self.signatories if p.ref is not None],
            to=[p.ref for p in self.to if p.ref is not None],
            cc=[p.ref for p in self.cc if p.ref is not None],
        )


@dataclass(frozen=True)
class LetterFilter:
    """What the register is narrowed to; None or False means 'any'."""

    campaign_id: int | None = None
    kind: LetterKind | str | None = None
    status: LetterStatus | str | None = None
    date_from: date | str | None = None
    date_to: date | str | None = None
    awaiting_reply: bool = False


EDITABLE = (LetterStatus.DRAFT, LetterStatus.APPROVED)


def _apply(session: Session, record: Letter, data: LetterFields) -> None:
    record.kind = v.parse_enum(LetterKind, data.kind, "kind", "Kind")
    if data.campaign_id is None:
        raise ValidationError("campaign_id", "Choose the campaign the letter belongs to.")
    campaign = v.reference(session, Campaign, data.campaign_id, "campaign_id", "campaign")
    record.campaign_id = campaign.id if campaign else data.campaign_id
    sender = v.reference(session, Organisation, data.sender_id, "sender_id", "organisation")
    record.sender_id = sender.id if sender else None
    record.subject = v.require_text(data.subject, "subject", "Subject", 500)
    record.letter_date = v.parse_date(data.letter_date, "letter_date", "Date")
    record.language = v.check_language(data.language) or "en"
    record.body = v.optional_text(data.body, "body", "Body", 200_000)
    record.our_reference = v.optional_text(data.our_reference, "our_reference", "Our ref.", 100)
    record.their_reference = v.optional_text(
        data.their_reference, "their_reference", "Their ref.", 100
    )
    status = v.parse_enum(LetterStatus, data.status, "status", "Status")
    if status not in EDITABLE and status is not record.status:
        raise ValidationError(
            "status", "A letter becomes sent or answered by marking it sent or recording a reply."
        )
    record.status = status
    _set_people(session, record, data)


def _refuse_twice(names: list[str], field: str, role: str) -> None:
    """A party named twice would sign, or be written to, twice on the same letter."""
    seen: set[str] = set()
    for name in names:
        if name in seen:
            raise ValidationError(field, f"{name} is named twice as {role}.")
        seen.add(name)


def _set_people(session: Session, record: Letter, data: LetterFields) -> None:
    _refuse_twice([f"person:{key}" for key in data.signatory_ids], "signatory_ids", "a signatory")
    _refuse_twice([f"{kind}:{key}" for kind, key in [*data.to, *data.cc]], "to", "a recipient")
    for person_id in data.signatory_ids:
        v.reference(session, Person, person_id, "signatory_ids", "person")
    record.signatories[:] = [LetterSignatory(person_id=key) for key in data.signatory_ids]
    recipients = [_recipient(session, RecipientRole.TO, ref, "to") for ref in data.to]
    recipients += [_recipient(session, RecipientRole.CC, ref, "cc") for ref in data.cc]
    record.recipients[:] = recipients
    record.signatories.reorder()  # type: ignore[attr-defined]
    record.recipients.reorder()  # type: ignore[attr-defined]


def _recipient(session: Session, role: RecipientRole, ref: Ref, field: str) -> LetterRecipient:
    kind, key = ref
    if kind == "person":
        v.reference(session, Person, key, field, "person")
        return LetterRecipient(role=role, person_id=key)
    if kind == "org":
        v.reference(session, Organisation, key, field, "organisation")
        return LetterRecipient(role=role, organisation_id=key)
    raise ValidationError(field, f"'{kind}:{key}' is not a reference; write org:ID or person:ID.")


def read_party(person: Person | None, organisation: Organisation | None = None) -> PartyCopy | None:
    """A person (with their organisation) or an organisation as the records read now."""
    if person is not None:
        org = person.organisation
        return PartyCopy(
            person_label(person.name, person.role),
            person.title,
            org.name if org else "",
            person.address or (org.address if org else ""),
            org.country if org else "",
            person.signature_id,
        )
    if organisation is not None:
        return PartyCopy(
            organisation.name, address=organisation.address, country=organisation.country
        )
    return None


def party_copy(record: Letter, row: LetterRecipient | LetterSignatory) -> PartyCopy | None:
    """The party of one row: its own copy once the letter is fixed, else the live records (None
    when they are gone)."""
    if record.parties_fixed_at is None:
        return read_party(row.person, getattr(row, "organisation", None))
    if isinstance(row, LetterSignatory):
        # A signature is the person's image, like the sender's logo: the current one while
        # they exist, the copy's once they are gone.
        live = row.person.signature_id if row.person is not None else None
        signature = live or row.signature_id
        return PartyCopy(row.name, row.title, row.organisation_name, signature_id=signature)
    return PartyCopy(row.name, row.title, row.organisation_name, row.address, row.country)


def fix_parties(session: Session, record: Letter) -> None:
    """Copy the sender, signatories and recipients as they read now onto the letter: from now
    on it shows and prints this copy, whatever happens to the records."""
    with session.no_autoflush:
        sender = session.get(Organisation, record.sender_id) if record.sender_id else None
        record.sender_name = sender.name if sender else ""
        record.sender_address = sender.address if sender else ""
        rows: list[LetterSignatory | LetterRecipient] = [*record.signatories, *record.recipients]
        for row in rows:
            person = session.get(Person, row.person_id) if row.person_id else None
            org_id = getattr(row, "organisation_id", None)
            copy = read_party(person, session.get(Organisation, org_id) if org_id else None)
            if copy is None:
                continue  # deleted behind the services' back: nothing left to copy
            for name, value in asdict(copy).items():
                if hasattr(row, name):
                    setattr(row, name, value)
        record.parties_fixed_at = utc_now()


def _unfix_parties(record: Letter) -> None:
    """Back to a draft: the letter follows the live records again."""
    record.parties_fixed_at = None
    record.sender_name = record.sender_address = ""


def _ref(row: LetterRecipient | LetterSignatory) -> Ref | None:
    if row.person_id is not None:
        return ("person", row.person_id)
    org_id = getattr(row, "organisation_id", None)
    return ("org", org_id) if org_id is not None else None


def _parties(record: Letter, rows: list[Any], signatories: bool = False) -> list[Party]:
    parties = []
    for row in rows:
        copy = party_copy(record, row)
        if copy is not None:
            parties.append(Party(_ref(row), copy.name, copy.title if signatories else copy.detail))
    return parties


def _view(record: Letter) -> LetterView:
    signatories = _parties(record, list(record.signatories), signatories=True)
    to = _parties(record, [r for r in record.recipients if r.role is RecipientRole.TO])
    cc = _parties(record, [r for r in record.recipients if r.role is RecipientRole.CC])
    fixed = record.parties_fixed_at is not None
    sender_name = record.sender_name if fixed else (record.sender.name if record.sender else "")
    return LetterView(
        id=record.id,
        uuid=record.uuid,
        kind=record.kind,
        campaign_id=record.campaign_id,
        campaign_title=record.campaign.title,
        sender_id=record.sender_id,
        sender_name=sender_name,
        subject=record.subject,
        letter_date=record.letter_date,
        language=record.language,
        body=record.body,
        status=record.status,
        sent_on=record.sent_on,
        channel=record.channel,
        tracking_number=record.tracking_number,
        our_reference=record.our_reference,
        their_reference=record.their_reference,
        reply_received_on=record.reply_received_on,
        reply_note=record.reply_note,
        reply_file_id=record.reply_file_id,
        pdf_id=record.pdf_id,
        signatories=signatories,
        to=to,
        cc=cc,
        version=record.version,
        created_at=record.created_at,
        updated_at=record.updated_at,
        merged_from_id=record.merged_from_id,
        cosigned_by=record.cosigned_by or CosignedBy.NONE,
        cosigned_order=record.cosigned_order or CosignedOrder.COUNTRY,
    )


def _query():  # type: ignore[no-untyped-def]
    return select(Letter).options(
        selectinload(Letter.campaign),
        selectinload(Letter.sender),
        selectinload(Letter.signatories).selectinload(LetterSignatory.person),
        selectinload(Letter.recipients)
        .selectinload(LetterRecipient.person)
        .selectinload(Person.organisation),
        selectinload(Letter.recipients).selectinload(LetterRecipient.organisation),
    )


def create_letter(session: Session, data: LetterFields) -> LetterView:
    record = add_letter(session, data)
    session.flush()
    return get_letter(session, record.id)


def add_letter(session: Session, data: LetterFields) -> Letter:
    """The new letter added to the session, not yet flushed: for a use case that writes many
    (a merge), which reads none of them back."""
    record = new_letter(session, data)
    session.add(record)
    return record


def new_letter(session: Session, data: LetterFields) -> Letter:
    """A new letter, validated and (unless a draft) its parties fixed, in no session: for
    `add_letter`, or for `insert_letters` to write many at once."""
    record = Letter(tracking_number="", reply_note="")
    with session.no_autoflush:
        _apply(session, record, data)
    record.letter_date = record.letter_date or date.today()  # a letter always bears a date
    _fix_or_follow(session, record)
    return record


def insert_letters(session: Session, records: Sequence[Letter]) -> list[int]:
    """New letters (`new_letter`), their signatories and recipients written as the rows a
    flush would write, a few statements for them all (`record_rows`); their ids, in order.
    The session does not hold them: read them back by id."""
    for record in records:
        record.uuid = new_uuid()  # what the column's default gives; known here for the caller
    ids = record_rows.insert_rows(
        session, Letter, [record_rows.column_values(r) for r in records], ids=True
    )
    signatories: list[dict[str, Any]] = []
    recipients: list[dict[str, Any]] = []
    for record, key in zip(records, ids, strict=True):
        signatories += [_party_row(row, key) for row in record.signatories]
        recipients += [_party_row(row, key) for row in record.recipients]
    record_rows.insert_rows(session, LetterSignatory, signatories)
    record_rows.insert_rows(session, LetterRecipient, recipients)
    return ids


def _party_row(row: LetterSignatory | LetterRecipient, letter_id: int) -> dict[str, Any]:
    return {**record_rows.column_values(row), "letter_id": letter_id}


def _fix_or_follow(session: Session, record: Letter) -> None:
    """Saving an approved letter approves what the editor showed: the copy is taken afresh."""
    if record.status is LetterStatus.DRAFT:
        _unfix_parties(record)
    else:
        fix_parties(session, record)


def update_letter(
    session: Session, letter_id: int, data: LetterFields, expected_version: int
) -> LetterView:
    record = v.get_or_raise(session, Letter, letter_id, "letter")
    v.check_version(record, expected_version, "letter")
    if record.status not in EDITABLE:
        raise ValidationError(
            "status", "This letter has gone out; duplicate it to write a new one."
        )
    with session.no_autoflush:
        _apply(session, record, data)
    _fix_or_follow(session, record)
    record.updated_at = utc_now()  # people live in their own tables: still a new version
    session.flush()
    session.expire(record)
    return get_letter(session, record.id)


def duplicate_letter(session: Session, letter_id: int) -> LetterView:
    """A new draft with the same text, people and references, dated today, not yet sent."""
    original = get_letter(session, letter_id)
    fields = original.fields()
    fields.status = LetterStatus.DRAFT
    fields.letter_date = date.today()
    fields.subject = original.subject
    return create_letter(session, fields)


def delete_letter(session: Session, letter_id: int) -> TrashView:
    record = v.get_or_raise(session, Letter, letter_id, "letter")
    return trash.discard(session, "letter", letter_id, lambda: session.delete(record))


def get_letter(session: Session, letter_id: int) -> LetterView:
    record = session.scalars(_query().where(Letter.id == letter_id)).first()
    if record is None:
        raise v.not_found("letter", letter_id)
    return _view(record)


def _narrowed(query: Any, where: LetterFilter) -> Any:
    """`query` narrowed to the letters `where` asks for (a bad period: ValidationError)."""
    if where.campaign_id is not None:
        query = query.where(Letter.campaign_id == where.campaign_id)
    if where.kind:
        query = query.where(Letter.kind == v.parse_enum(LetterKind, where.kind, "kind", "Kind"))
    if where.status:
        status = v.parse_enum(LetterStatus, where.status, "status", "Status")
        query = query.where(Letter.status == status)
    if where.awaiting_reply:
        query = query.where(Letter.status == LetterStatus.SENT)
    start = v.parse_date(where.date_from, "date_from", "From")
    end = v.parse_date(where.date_to, "date_to", "To")
    v.check_order(start, end, "date_to", "The end of the period")
    if start is not None:
        query = query.where(Letter.letter_date >= start)
    if end is not None:
        query = query.where(Letter.letter_date <= end)
    return query


REGISTER_ORDER = (Letter.letter_date.desc().nulls_first(), Letter.id.desc())  # newest first
IDS_PER_QUERY = 500  # well under SQLite's limit of bound parameters


def list_letters(session: Session, where: LetterFilter | None = None) -> list[LetterView]:
    """The register, newest first, narrowed by `where`."""
    query = _narrowed(_query(), where or LetterFilter())
    return [_view(record) for record in session.scalars(query.order_by(*REGISTER_ORDER))]


def letter_ids(session: Session, where: LetterFilter | None = None) -> list[int]:
    """The ids of the letters `list_letters` gives, in its order, without reading the letters."""
    query = _narrowed(select(Letter.id), where or LetterFilter())
    return list(session.scalars(query.order_by(*REGISTER_ORDER)))


def letters_of(session: Session, ids: Sequence[int]) -> list[LetterView]:
    """The letters with these ids, in the order given; one deleted meanwhile is left out."""
    found: dict[int, LetterView] = {}
    for first in range(0, len(ids), IDS_PER_QUERY):
        chunk = ids[first : first + IDS_PER_QUERY]
        for record in session.scalars(_query().where(Letter.id.in_(chunk))):
            found[record.id] = _view(record)
    return [found[letter_id] for letter_id in ids if letter_id in found]


@dataclass(frozen=True)
class LetterRow:
    """One line of the register: the columns it shows, and the id."""

    id: int
    letter_date: date | None
    kind: LetterKind
    subject: str
    campaign_title: str
    status: LetterStatus
    sent_on: date | None
    channel: Channel | None
    reply_received_on: date | None
    our_reference: str
    pdf_id: int | None
    recipient_names: str

    @property
    def awaiting_reply(self) -> bool:
        return self.status is LetterStatus.SENT


@dataclass(frozen=True)
class LetterSearch:
    """The register's filter box: letters holding `text` in their subject, reference, campaign
    or a recipient's name, or of a kind, status or channel whose name (in the user's language)
    holds it."""

    text: str = ""
    kinds: tuple[LetterKind, ...] = ()
    statuses: tuple[LetterStatus, ...] = ()
    channels: tuple[Channel, ...] = ()


_TO_NAME = func.coalesce(
    func.nullif(LetterRecipient.name, ""), func.nullif(Person.name, ""), Organisation.name
)
# What each column of the register sorts by.
LETTER_SORTS: dict[str, Any] = {
    "date": Letter.letter_date,
    "kind": case({k.value: n for n, k in enumerate(LetterKind)}, value=Letter.kind),
    "subject": func.lower(Letter.subject),
    "campaign": func.lower(Campaign.title),
    "status": case({s.value: n for n, s in enumerate(LetterStatus)}, value=Letter.status),
    "sent_on": Letter.sent_on,
    "channel": case({c.value: n for n, c in enumerate(Channel)}, value=Letter.channel),
    "reply_on": Letter.reply_received_on,
    "our_reference": func.lower(Letter.our_reference),
    "pdf": func.nullif(Letter.pdf_id.is_not(None), 0),  # kept first when descending
}


def _searched(query: Any, search: LetterSearch) -> Any:
    if not search.text.strip():
        return query
    to_names = (
        select(LetterRecipient.id)
        .outerjoin(Person, LetterRecipient.person_id == Person.id)
        .outerjoin(Organisation, LetterRecipient.organisation_id == Organisation.id)
        .where(
            LetterRecipient.letter_id == Letter.id,
            LetterRecipient.role == RecipientRole.TO,
            text_matches([LetterRecipient.name, Person.name, Organisation.name], search.text),
        )
        .correlate(Letter)
        .exists()
    )
    return query.where(
        or_(
            text_matches([Letter.subject, Letter.our_reference, Campaign.title], search.text),
            Letter.kind.in_(search.kinds),
            Letter.status.in_(search.statuses),
            Letter.channel.in_(search.channels),
            to_names,
        )
    )


def _row_ids(where: LetterFilter, search: LetterSearch, *columns: Any, campaign: bool) -> Any:
    """The letters asked for; their campaign joined only when the search or `campaign` needs
    it (a join keeps SQLite from paging through the index of the letters' dates)."""
    query = select(*columns).select_from(Letter)
    if campaign or search.text.strip():
        query = query.join(Campaign, Letter.campaign_id == Campaign.id)
    return _searched(_narrowed(query, where), search)


def letter_rows(
    session: Session,
    where: LetterFilter | None = None,
    search: LetterSearch | None = None,
    offset: int = 0,
    limit: int | None = None,
    sort: str = "date",
    descending: bool = True,
) -> list[LetterRow]:
    """A page of the register, narrowed, searched and sorted in the database: by default newest
    first, the undated (drafts) before them. Only the page's letters and their recipients are
    read."""
    if sort not in LETTER_SORTS:
        raise ValidationError("sort", f"Letters cannot be sorted by '{sort}'.")
    key = LETTER_SORTS[sort]
    base = _row_ids(
        where or LetterFilter(), search or LetterSearch(), Letter.id, campaign=sort == "campaign"
    )
    ids = page_ids(session, base, key, descending, Letter.id, offset, limit)
    order = {key: number for number, key in enumerate(ids)}
    names: dict[int, list[str]] = {}
    recipients = (
        select(
            LetterRecipient.letter_id,
            Letter.parties_fixed_at,
            LetterRecipient.name,
            Person.name,
            Person.role,
            Organisation.name,
        )
        .join(Letter, LetterRecipient.letter_id == Letter.id)
        .outerjoin(Person, LetterRecipient.person_id == Person.id)
        .outerjoin(Organisation, LetterRecipient.organisation_id == Organisation.id)
        .where(LetterRecipient.letter_id.in_(order), LetterRecipient.role == RecipientRole.TO)
        .order_by(LetterRecipient.letter_id, LetterRecipient.position)
    )
    for letter_id, fixed, copy, person, role, organisation in session.execute(recipients):
        # As `party_copy` reads it: the letter's copy once fixed, else the live records.
        if fixed is not None:
            name = copy
        elif person is not None or role:
            name = person_label(person or "", role or "")
        else:
            name = organisation
        if name is not None:
            names.setdefault(letter_id, []).append(name)
    shown = (
        select(
            Letter.id,
            Letter.letter_date,
            Letter.kind,
            Letter.subject,
            Campaign.title,
            Letter.status,
            Letter.sent_on,
            Letter.channel,
            Letter.reply_received_on,
            Letter.our_reference,
            Letter.pdf_id,
        )
        .join(Campaign, Letter.campaign_id == Campaign.id)
        .where(Letter.id.in_(order))
    )
    rows = [LetterRow(*row, "; ".join(names.get(row[0], []))) for row in session.execute(shown)]
    return sorted(rows, key=lambda row: order[row.id])


def count_letter_rows(
    session: Session, where: LetterFilter | None = None, search: LetterSearch | None = None
) -> int:
    """How many rows `letter_rows` gives, over every page."""
    where, search = where or LetterFilter(), search or LetterSearch()
    query = _row_ids(where, search, func.count(Letter.id), campaign=False)
    return session.scalar(query) or 0


@dataclass(frozen=True)
class LettersNaming:
    """The approved or sent letters that name someone: the first few (subject, our reference),
    newest first, and how many there are in all."""

    first: list[tuple[str, str]]
    total: int


def _naming(ref: Ref) -> Any:
    kind, key = ref
    if kind == "org":
        to_it = select(LetterRecipient.letter_id).where(LetterRecipient.organisation_id == key)
        return or_(Letter.sender_id == key, Letter.id.in_(to_it))
    to_them = select(LetterRecipient.letter_id).where(LetterRecipient.person_id == key)
    signed = select(LetterSignatory.letter_id).where(LetterSignatory.person_id == key)
    return or_(Letter.id.in_(to_them), Letter.id.in_(signed))


def fixed_letters_naming(session: Session, ref: Ref, limit: int = 3) -> LettersNaming:
    """What deleting this person or organisation leaves alone: these letters keep their copy."""
    query = select(Letter.subject, Letter.our_reference).where(
        Letter.parties_fixed_at.is_not(None), _naming(ref)
    )
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    first = session.execute(
        query.order_by(Letter.letter_date.desc().nulls_last(), Letter.id.desc()).limit(limit)
    )
    return LettersNaming([(subject, reference) for subject, reference in first], total)


def leave_drafts(session: Session, ref: Ref) -> None:
    """Before a person or organisation is deleted: drafts follow the live records, so it leaves
    them as signatory or recipient; approved and sent letters keep their copy of it."""
    kind, key = ref
    drafts = select(Letter.id).where(Letter.parties_fixed_at.is_(None))
    rows: list[Any] = [LetterRecipient, LetterSignatory] if kind == "person" else [LetterRecipient]
    column = "person_id" if kind == "person" else "organisation_id"
    for row in rows:
        session.execute(
            delete(row).where(getattr(row, column) == key, row.letter_id.in_(drafts)),
            execution_options={"synchronize_session": "fetch"},
        )


def count_letters(session: Session) -> int:
    return session.scalar(select(func.count(Letter.id))) or 0
