"""Organisations (affiliates, national centres, governments, employers...) and their people."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import case, func, or_, select
from sqlalchemy.orm import Session, aliased

from organiser.errors import ValidationError
from organiser.models import Organisation, OrganisationKind, Person
from organiser.models.organisations import person_label
from organiser.services import commitments, letters, trash
from organiser.services import validation as v
from organiser.services.listing import ordered, page, text_matches
from organiser.services.trash import TrashView

MOST_MEMBERS = 10_000_000_000  # more than the world's workers: a typing mistake


@dataclass
class OrganisationFields:
    """What a user types for an organisation; services validate it."""

    name: str = ""
    acronym: str = ""
    kind: OrganisationKind | str = OrganisationKind.UNION
    country: str = ""
    address: str = ""
    email: str = ""
    phone: str = ""
    website: str = ""
    language: str = ""
    notes: str = ""
    affiliate_of_id: int | None = None
    members: int | str | None = None  # how many members; None or '' when not known
    membership: str = ""  # the figure as written: "30 million workers"


@dataclass(frozen=True)
class OrganisationView:
    id: int
    uuid: str
    name: str
    acronym: str
    kind: OrganisationKind
    country: str
    address: str
    email: str
    phone: str
    website: str
    language: str
    notes: str
    affiliate_of_id: int | None
    affiliate_of_name: str
    members: int | None
    membership: str
    people_count: int
    version: int
    created_at: datetime
    updated_at: datetime

    @property
    def display_name(self) -> str:
        return f"{self.name} ({self.acronym})" if self.acronym else self.name


@dataclass
class PersonFields:
    name: str = ""
    role: str = ""
    title: str = ""
    organisation_id: int | None = None
    email: str = ""
    address: str = ""
    language: str = ""
    notes: str = ""


@dataclass(frozen=True)
class PersonView:
    id: int
    uuid: str
    name: str
    role: str
    title: str
    organisation_id: int | None
    organisation_name: str
    email: str
    address: str
    language: str
    notes: str
    version: int
    created_at: datetime = field(compare=False)
    updated_at: datetime = field(compare=False)

    @property
    def display_name(self) -> str:
        """The name, or for someone known only by role, the role."""
        return person_label(self.name, self.role)


def clean_organisation(data: OrganisationFields) -> dict[str, Any]:
    """The checked column values of an organisation, all but `affiliate_of_id` (which needs the
    database); the import of affiliates in bulk validates each row through this too."""
    return {
        "name": v.require_text(data.name, "name", "Name"),
        "acronym": v.optional_text(data.acronym, "acronym", "Acronym", 50),
        "kind": v.parse_enum(OrganisationKind, data.kind, "kind", "Kind"),
        "country": v.check_country(data.country),
        "address": v.optional_text(data.address, "address", "Address"),
        "email": v.check_email(data.email),
        "phone": v.optional_text(data.phone, "phone", "Phone", 50),
        "website": v.optional_text(data.website, "website", "Website", 500),
        "language": v.check_language(data.language),
        "notes": v.optional_text(data.notes, "notes", "Notes"),
        "members": v.whole_number(
            data.members, "members", "a number of members", MOST_MEMBERS, "30000000"
        ),
        "membership": v.optional_text(data.membership, "membership", "Membership", 300),
    }


def _apply_organisation(session: Session, record: Organisation, data: OrganisationFields) -> None:
    for name, value in clean_organisation(data).items():
        setattr(record, name, value)
    parent = v.reference(
        session, Organisation, data.affiliate_of_id, "affiliate_of_id", "organisation"
    )
    if parent is not None and record.id is not None and _is_affiliate_of(session, parent, record):
        raise ValidationError(
            "affiliate_of_id", f"{parent.name} is itself an affiliate of {record.name}."
        )
    record.affiliate_of_id = parent.id if parent else None


def _is_affiliate_of(session: Session, candidate: Organisation, record: Organisation) -> bool:
    """True if `candidate` is `record` or sits below it (a loop in affiliate-of)."""
    seen: set[int] = set()
    node: Organisation | None = candidate
    while node is not None and node.id not in seen:
        if node.id == record.id:
            return True
        seen.add(node.id)
        node = node.affiliate_of
    return False


def create_organisation(session: Session, data: OrganisationFields) -> OrganisationView:
    record = Organisation()
    with session.no_autoflush:
        _apply_organisation(session, record, data)
    session.add(record)
    session.flush()
    return get_organisation(session, record.id)


def update_organisation(
    session: Session,
    organisation_id: int,
    data: OrganisationFields,
    expected_version: int,
) -> OrganisationView:
    record = v.get_or_raise(session, Organisation, organisation_id, "organisation")
    v.check_version(record, expected_version, "organisation")
    with session.no_autoflush:
        _apply_organisation(session, record, data)
    commitments.keep_organisation_name(session, record.id, record.name)
    session.flush()
    return get_organisation(session, record.id)


def delete_organisation(session: Session, organisation_id: int) -> TrashView:
    """To the trash. Its people stay without it, its commitments under its name; letters
    approved or sent keep their copy of it; a restore gives them all their link back."""
    record = v.get_or_raise(session, Organisation, organisation_id, "organisation")

    def remove() -> None:
        letters.leave_drafts(session, ("org", organisation_id))
        commitments.keep_organisation_name(session, organisation_id, record.name)
        session.delete(record)

    return trash.discard(session, "organisation", organisation_id, remove)


def _organisation_query():  # type: ignore[no-untyped-def]
    parent = aliased(Organisation)
    people = (
        select(func.count(Person.id))
        .where(Person.organisation_id == Organisation.id)
        .correlate(Organisation)
        .scalar_subquery()
    )
    return select(Organisation, parent.name, people).outerjoin(
        parent, Organisation.affiliate_of_id == parent.id
    )


def _organisation_view(
    record: Organisation, parent_name: str | None, people: int
) -> OrganisationView:
    return OrganisationView(
        id=record.id,
        uuid=record.uuid,
        name=record.name,
        acronym=record.acronym,
        kind=record.kind,
        country=record.country,
        address=record.address,
        email=record.email,
        phone=record.phone,
        website=record.website,
        language=record.language,
        notes=record.notes,
        affiliate_of_id=record.affiliate_of_id,
        affiliate_of_name=parent_name or "",
        members=record.members,
        membership=record.membership,
        people_count=people,
        version=record.version,
        created_at=record.created_at,
        updated_at=record.updated_at,
    )


def get_organisation(session: Session, organisation_id: int) -> OrganisationView:
    row = session.execute(_organisation_query().where(Organisation.id == organisation_id)).first()
    if row is None:
        raise v.not_found("organisation", organisation_id)
    return _organisation_view(*row)


def list_organisations(
    session: Session, affiliates_of: int | None = None
) -> list[OrganisationView]:
    query = _organisation_query().order_by(func.lower(Organisation.name), Organisation.id)
    if affiliates_of is not None:
        query = query.where(Organisation.affiliate_of_id == affiliates_of)
    return [_organisation_view(*row) for row in session.execute(query)]


def organisation_names(session: Session) -> list[tuple[int, str]]:
    """(id, display name) of every organisation in `list_organisations`' order, the rows not
    read whole (no people counted, no parent joined): a form's choices, 50,000 in a second."""
    query = select(Organisation.id, Organisation.name, Organisation.acronym).order_by(
        func.lower(Organisation.name), Organisation.id
    )
    return [
        (key, f"{name} ({acronym})" if acronym else name)
        for key, name, acronym in session.execute(query)
    ]


def count_organisations(session: Session) -> int:
    return session.scalar(select(func.count(Organisation.id))) or 0


@dataclass(frozen=True)
class OrganisationRow:
    """One line of the organisations table: the columns it shows, and the id."""

    id: int
    name: str
    acronym: str
    kind: OrganisationKind
    country: str
    affiliate_of_name: str
    people_count: int
    email: str


@dataclass(frozen=True)
class OrganisationQuery:
    """Which organisations a table shows: those holding `text` in a column shown (or of one of
    `kinds`, whose names in the user's language hold it), the affiliates of one."""

    text: str = ""
    kinds: tuple[OrganisationKind, ...] = ()
    affiliates_of: int | None = None


_PARENT = aliased(Organisation)
_PEOPLE = (
    select(func.count(Person.id))
    .where(Person.organisation_id == Organisation.id)
    .correlate(Organisation)
    .scalar_subquery()
)
_PARENT_NAME = func.coalesce(_PARENT.name, "")
# What each column of the table sorts by, as the table showed it sorted before it was lazy.
ORGANISATION_SORTS: dict[str, Any] = {
    "name": func.lower(Organisation.name),
    "acronym": func.lower(Organisation.acronym),
    "kind": case({k.value: n for n, k in enumerate(OrganisationKind)}, value=Organisation.kind),
    "country": Organisation.country,
    "affiliate_of": func.lower(_PARENT_NAME),
    "people": _PEOPLE,
    "email": func.lower(Organisation.email),
}


def _row_query(query: OrganisationQuery, *columns: Any, parent: bool = False) -> Any:
    """The organisations `query` asks for; their parent joined when the filter or `parent`
    needs it (the join alone triples the time of a sort of 50,000 organisations)."""
    shown = select(*columns).select_from(Organisation)
    if parent or query.text.strip():
        shown = shown.outerjoin(_PARENT, Organisation.affiliate_of_id == _PARENT.id)
    if query.affiliates_of is not None:
        shown = shown.where(Organisation.affiliate_of_id == query.affiliates_of)
    if query.text.strip():
        matches = text_matches(
            [Organisation.name, Organisation.acronym, Organisation.country, _PARENT.name,
             Organisation.email],
            query.text,
        )  # fmt: skip
        if query.kinds:
            matches = or_(matches, Organisation.kind.in_(query.kinds))
        shown = shown.where(matches)
    return shown


def organisation_rows(
    session: Session,
    query: OrganisationQuery | None = None,
    offset: int = 0,
    limit: int | None = None,
    sort: str = "name",
    descending: bool = False,
) -> list[OrganisationRow]:
    """A page of the organisations table, filtered and sorted in the database. The page's ids
    are found first (the order needs no more), then only their columns are read: SQLite would
    otherwise count the people of every organisation before sorting them."""
    if sort not in ORGANISATION_SORTS:
        raise ValidationError("sort", f"Organisations cannot be sorted by '{sort}'.")
    ids = _row_query(query or OrganisationQuery(), Organisation.id, parent=sort == "affiliate_of")
    key = ORGANISATION_SORTS[sort]  # none is ever NULL
    ids = page(ordered(ids, key, descending, Organisation.id, nullable=False), offset, limit)
    order = {key: number for number, key in enumerate(session.scalars(ids))}
    shown = select(
        Organisation.id, Organisation.name, Organisation.acronym, Organisation.kind,
        Organisation.country, _PARENT_NAME, _PEOPLE, Organisation.email,
    ).outerjoin(_PARENT, Organisation.affiliate_of_id == _PARENT.id)  # fmt: skip
    rows = [
        OrganisationRow(*row) for row in session.execute(shown.where(Organisation.id.in_(order)))
    ]
    return sorted(rows, key=lambda row: order[row.id])


def count_organisation_rows(session: Session, query: OrganisationQuery | None = None) -> int:
    """How many rows `organisation_rows` gives for `query`, over every page."""
    return (
        session.scalar(_row_query(query or OrganisationQuery(), func.count(Organisation.id))) or 0
    )


def _apply_person(session: Session, record: Person, data: PersonFields) -> None:
    record.role = v.optional_text(data.role, "role", "Role", 300)
    record.name = v.optional_text(data.name, "name", "Name", 300)
    if not record.name and not record.role:
        raise ValidationError(
            "name", "Name is required (or, for someone not known by name yet, a role)."
        )
    record.title = v.optional_text(data.title, "title", "Title", 300)
    organisation = v.reference(
        session, Organisation, data.organisation_id, "organisation_id", "organisation"
    )
    record.organisation_id = organisation.id if organisation else None
    record.email = v.check_email(data.email)
    record.address = v.optional_text(data.address, "address", "Address")
    record.language = v.check_language(data.language)
    record.notes = v.optional_text(data.notes, "notes", "Notes")


def _person_view(record: Person, organisation_name: str | None) -> PersonView:
    return PersonView(
        id=record.id,
        uuid=record.uuid,
        name=record.name,
        role=record.role,
        title=record.title,
        organisation_id=record.organisation_id,
        organisation_name=organisation_name or "",
        email=record.email,
        address=record.address,
        language=record.language,
        notes=record.notes,
        version=record.version,
        created_at=record.created_at,
        updated_at=record.updated_at,
    )


def create_person(session: Session, data: PersonFields) -> PersonView:
    record = Person()
    with session.no_autoflush:
        _apply_person(session, record, data)
    session.add(record)
    session.flush()
    return get_person(session, record.id)


def update_person(
    session: Session, person_id: int, data: PersonFields, expected_version: int
) -> PersonView:
    record = v.get_or_raise(session, Person, person_id, "person")
    v.check_version(record, expected_version, "person")
    with session.no_autoflush:
        _apply_person(session, record, data)
    session.flush()
    return get_person(session, record.id)


def delete_person(session: Session, person_id: int) -> TrashView:
    """To the trash. Letters approved or sent keep their copy of the person; drafts lose them
    (until a restore)."""
    record = v.get_or_raise(session, Person, person_id, "person")

    def remove() -> None:
        letters.leave_drafts(session, ("person", person_id))
        session.delete(record)

    label = person_label(record.name, record.role)
    return trash.discard(session, "person", person_id, remove, label=label)


def _person_query():  # type: ignore[no-untyped-def]
    return select(Person, Organisation.name).outerjoin(
        Organisation, Person.organisation_id == Organisation.id
    )


def get_person(session: Session, person_id: int) -> PersonView:
    row = session.execute(_person_query().where(Person.id == person_id)).first()
    if row is None:
        raise v.not_found("person", person_id)
    return _person_view(*row)


def list_people(session: Session, organisation_id: int | None = None) -> list[PersonView]:
    shown = func.coalesce(func.nullif(Person.name, ""), Person.role)
    query = _person_query().order_by(func.lower(shown), Person.id)
    if organisation_id is not None:
        query = query.where(Person.organisation_id == organisation_id)
    return [_person_view(*row) for row in session.execute(query)]
