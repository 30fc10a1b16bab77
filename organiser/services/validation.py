"""Checks shared by every service; each failure is a ValidationError written for the user."""

from __future__ import annotations

import enum
import re
from datetime import date, datetime
from typing import TypeVar

import pycountry
from sqlalchemy.orm import Session

from organiser.errors import ConflictError, NotFound, ValidationError
from organiser.models.base import Base

E = TypeVar("E", bound=enum.Enum)
M = TypeVar("M", bound=Base)

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


def require_text(value: str | None, field: str, label: str, max_length: int = 300) -> str:
    text = (value or "").strip()
    if not text:
        raise ValidationError(field, f"{label} is required.")
    return optional_text(text, field, label, max_length)


def optional_text(value: str | None, field: str, label: str, max_length: int = 10_000) -> str:
    text = (value or "").strip()
    if len(text) > max_length:
        raise ValidationError(
            field, f"{label} is too long ({len(text)} characters, at most {max_length})."
        )
    return text


def parse_date(value: str | date | None, field: str, label: str) -> date | None:
    """A date from `YYYY-MM-DD` text (or a date); None for empty; a clear error otherwise."""
    if value is None or isinstance(value, date):
        return value
    text = value.strip()
    if not text:
        return None
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise ValidationError(field, f"{label} '{text}' is not a date; write it as YYYY-MM-DD.")
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValidationError(field, f"{label} '{text}' is not a date that exists.") from None


def parse_datetime_local(value: str, field: str, label: str) -> datetime:
    """A naive local time from `YYYY-MM-DDTHH:MM`."""
    text = value.strip()
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}", text):
        raise ValidationError(
            field, f"{label} '{text}' is not a time; write it as YYYY-MM-DDTHH:MM."
        )
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        raise ValidationError(field, f"{label} '{text}' is not a time that exists.") from None


def check_order(start: date | None, end: date | None, field: str, label: str) -> None:
    if start is not None and end is not None and end < start:
        raise ValidationError(
            field, f"{label} ({end.isoformat()}) is before the start ({start.isoformat()})."
        )


def parse_enum(enum_class: type[E], value: str | E | None, field: str, label: str) -> E:
    if isinstance(value, enum_class):
        return value
    text = (str(value) if value is not None else "").strip().lower()
    for member in enum_class:
        if text in (str(member.value), member.name.lower()):
            return member
    choices = ", ".join(str(m.value) for m in enum_class)
    raise ValidationError(field, f"{label} '{value}' is not known; choose one of: {choices}.")


def check_country(value: str | None, field: str = "country") -> str:
    """An ISO 3166-1 alpha-2 code, upper case, or '' when not given."""
    code = (value or "").strip().upper()
    if not code:
        return ""
    if len(code) != 2 or pycountry.countries.get(alpha_2=code) is None:
        raise ValidationError(
            field, f"Country '{value}' is not an ISO 3166 country code (e.g. KR, KZ, CH)."
        )
    return code


def country_name(code: str) -> str:
    country = pycountry.countries.get(alpha_2=code) if code else None
    return str(getattr(country, "common_name", None) or country.name) if country else code


def check_language(value: str | None, field: str = "language") -> str:
    """An ISO 639-1 language code, lower case, or '' when not given."""
    code = (value or "").strip().lower()
    if not code:
        return ""
    if len(code) != 2 or pycountry.languages.get(alpha_2=code) is None:
        raise ValidationError(
            field, f"Language '{value}' is not an ISO 639-1 code (e.g. en, ko, ru)."
        )
    return code


def check_email(value: str | None, field: str = "email") -> str:
    text = (value or "").strip()
    if text and not _EMAIL.match(text):
        raise ValidationError(field, f"'{text}' is not an email address.")
    return text


def check_colour(value: str | None, field: str = "colour") -> str:
    text = (value or "").strip()
    if not _COLOUR.match(text):
        raise ValidationError(field, f"Colour '{text}' is not a colour like #1f6feb.")
    return text.lower()


def not_found(label: str, key: int) -> NotFound:
    return NotFound(f"There is no {label} with id {key}.")


def get_or_raise(session: Session, model: type[M], key: int, label: str) -> M:
    record = session.get(model, key)
    if record is None:
        raise not_found(label, key)
    return record


def reference(
    session: Session, model: type[M], key: int | None, field: str, label: str
) -> M | None:
    """A referenced record named in a form or option, or a ValidationError at that field."""
    if key is None:
        return None
    record = session.get(model, key)
    if record is None:
        raise ValidationError(field, f"There is no {label} with id {key}.")
    return record


def check_version(record: object, expected: int | None, label: str) -> None:
    """Refuse to overwrite an edit made elsewhere since the user opened the form."""
    if expected is not None and getattr(record, "version", expected) != expected:
        raise ConflictError(
            f"This {label} was changed elsewhere while you edited it; reopen it to see the changes."
        )
