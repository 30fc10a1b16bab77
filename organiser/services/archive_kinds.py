"""What an archive holds of each kind of record, and records turned to JSON values and back.

A record's plain fields are its table's columns (less the key and the references), so a column
added later travels without a change here; references travel as the UUID of what they name.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Boolean, Column, Date, Enum, Integer, String
from sqlalchemy.orm import DeclarativeBase

from organiser.errors import ValidationError
from organiser.models import (
    Action,
    ActionOrganisation,
    Attachment,
    Campaign,
    CampaignDemand,
    CampaignOrganisation,
    Commitment,
    InternationalDay,
    Letter,
    LetterRecipient,
    LetterSignatory,
    LetterVersion,
    Organisation,
    Person,
    Situation,
    StatementIssue,
    Template,
    UTCDateTime,
)

# Left out of the comparison of two copies of a record: they move with every save.
BOOKKEEPING = frozenset({"version", "updated_at"})


@dataclass(frozen=True)
class Ref:
    """A reference: the JSON key, the model's id column, and the kind it names."""

    key: str
    column: str
    kind: str


@dataclass(frozen=True)
class Children:
    """Rows belonging to one record (demands, signatories...), carried inside it as a list."""

    key: str
    relationship: str
    model: type[DeclarativeBase]
    parent_column: str
    refs: tuple[Ref, ...] = ()


@dataclass(frozen=True)
class Link:
    """A many-to-many link carried as the list of the UUIDs it names."""

    key: str
    relationship: str
    kind: str


@dataclass(frozen=True)
class Kind:
    name: str
    model: type[Any]
    refs: tuple[Ref, ...] = ()
    children: tuple[Children, ...] = ()
    links: tuple[Link, ...] = ()
    skip: frozenset[str] = frozenset()

    def columns(self) -> list[Column[Any]]:
        return plain_columns(self.model, {r.column for r in self.refs} | self.skip | {"uuid"})


def plain_columns(model: type[Any], skip: set[str] | frozenset[str]) -> list[Column[Any]]:
    table = model.__table__
    return [c for c in table.columns if c.key != "id" and c.key not in skip]


def _party_refs() -> tuple[Ref, ...]:
    return (Ref("person", "person_id", "people"),)


KINDS: tuple[Kind, ...] = (
    Kind("attachments", Attachment, skip=frozenset({"data"})),
    Kind(
        "organisations",
        Organisation,
        refs=(
            Ref("affiliate_of", "affiliate_of_id", "organisations"),
            Ref("logo", "logo_id", "attachments"),
        ),
    ),
    Kind(
        "people",
        Person,
        refs=(
            Ref("organisation", "organisation_id", "organisations"),
            Ref("signature", "signature_id", "attachments"),
        ),
    ),
    Kind(
        "campaigns",
        Campaign,
        refs=(Ref("lead", "lead_id", "organisations"),),
        children=(
            Children("demands", "demands", CampaignDemand, "campaign_id"),
            # Its target organisations and allies: the role travels, the order is the list's.
            Children(
                "organisations",
                "organisations",
                CampaignOrganisation,
                "campaign_id",
                (Ref("organisation", "organisation_id", "organisations"),),
            ),
        ),
    ),
    Kind(
        "actions",
        Action,
        refs=(Ref("campaign", "campaign_id", "campaigns"),),
        children=(
            Children(
                "organisations",
                "organisations",
                ActionOrganisation,
                "action_id",
                (Ref("organisation", "organisation_id", "organisations"),),
            ),
        ),
    ),
    Kind(
        "letters",
        Letter,
        refs=(
            Ref("campaign", "campaign_id", "campaigns"),
            Ref("sender", "sender_id", "organisations"),
            Ref("reply_file", "reply_file_id", "attachments"),
            Ref("pdf", "pdf_id", "attachments"),
            Ref("merged_from", "merged_from_id", "letters"),
        ),
        children=(
            Children(
                "signatories",
                "signatories",
                LetterSignatory,
                "letter_id",
                (*_party_refs(), Ref("signature", "signature_id", "attachments")),
            ),
            Children(
                "recipients",
                "recipients",
                LetterRecipient,
                "letter_id",
                (*_party_refs(), Ref("organisation", "organisation_id", "organisations")),
            ),
            Children("versions", "versions", LetterVersion, "letter_id"),
            # A statement's issues, each with its PDF and its co-signers as they were.
            Children(
                "issues",
                "issues",
                StatementIssue,
                "letter_id",
                (Ref("pdf", "pdf_id", "attachments"),),
            ),
        ),
    ),
    # After the letters: a commitment names the letter or resolution it came from.
    Kind(
        "commitments",
        Commitment,
        refs=(
            Ref("campaign", "campaign_id", "campaigns"),
            Ref("organisation", "organisation_id", "organisations"),
            Ref("action", "action_id", "actions"),
            Ref("evidence_file", "evidence_file_id", "attachments"),
            Ref("source_letter", "source_letter_id", "letters"),
        ),
    ),
    Kind(
        "situations",
        Situation,
        refs=(Ref("person", "person_id", "people"),),
        links=(
            Link("campaigns", "campaigns", "campaigns"),
            Link("actions", "actions", "actions"),
        ),
    ),
    Kind("templates", Template, refs=(Ref("campaign", "campaign_id", "campaigns"),)),
    Kind("international_days", InternationalDay),
)
BY_NAME = {kind.name: kind for kind in KINDS}


def child_columns(children: Children) -> list[Column[Any]]:
    skip = {r.column for r in children.refs} | {children.parent_column, "position"}
    return plain_columns(children.model, skip)


def to_json(column: Column[Any], value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def _bad(place: str, why: str) -> ValidationError:
    return ValidationError("file", f"{place}: {why}.")


def _of_type(expected: type | tuple[type, ...], label: str) -> Callable[[Any, str], Any]:
    def check(value: Any, place: str) -> Any:
        if not isinstance(value, expected) or (isinstance(value, bool) and expected is int):
            raise _bad(place, f"{value!r} is not {label}")
        return value

    return check


def _date(value: Any, place: str) -> date:
    try:
        return date.fromisoformat(_of_type(str, "a date")(value, place))
    except ValueError:
        raise _bad(place, f"{value!r} is not a date") from None


def _instant(value: Any, place: str) -> datetime:
    try:
        moment = datetime.fromisoformat(_of_type(str, "a time")(value, place))
    except ValueError:
        raise _bad(place, f"{value!r} is not a time") from None
    if moment.tzinfo is None:
        raise _bad(place, f"{value!r} has no time zone")
    return moment


def from_json(column: Column[Any], value: Any, place: str) -> Any:
    """The Python value of a JSON value for `column`, or a refusal naming `place`."""
    if value is None:
        if not column.nullable:
            raise _bad(place, "a value is required")
        return None
    kind = column.type
    if isinstance(kind, UTCDateTime):
        return _instant(value, place)
    if isinstance(kind, Date):
        return _date(value, place)
    if isinstance(kind, Enum) and kind.enum_class is not None:
        try:
            return kind.enum_class(_of_type(str, "a word")(value, place))
        except ValueError:
            raise _bad(place, f"{value!r} is not one of its words") from None
    if isinstance(kind, Boolean):
        return _of_type(bool, "yes or no")(value, place)
    if isinstance(kind, Integer):
        return _of_type(int, "a whole number")(value, place)
    if isinstance(kind, String):
        text = _of_type(str, "text")(value, place)
        if kind.length is not None and len(text) > kind.length:
            raise _bad(place, f"longer than {kind.length} characters")
        return text
    return value
