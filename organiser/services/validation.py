"""Checks shared by every service; each failure is a ValidationError written for the user."""

from __future__ import annotations

import calendar
import enum
import re
from datetime import date, datetime
from typing import TypeVar

import pycountry
from sqlalchemy.orm import Session

from organiser.errors import ConflictError, NotFound, ValidationError
from organiser.models.base import Base, Record

E = TypeVar("E", bound=enum.Enum)
M = TypeVar("M", bound=Base)

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def require_text(value: str | None, field: str, label: str, max_length: int = 300) -> str:
    text = (value or "").strip()
    if not text:
        raise ValidationError(field, f"{label} is required.")
    return optional_text(text, field, label, max_length)


def check_characters(text: str, field: str, label: str) -> str:
    """Text that can be stored and shown: no NUL (C code — Qt, PDF, other programs reading the
    file — cuts the text there) and no bytes that were not UTF-8 (a command line in another
    encoding arrives as lone surrogates, which cannot be stored)."""
    if "\x00" in text:
        raise ValidationError(field, f"{label} holds a NUL character, which text may not hold.")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise ValidationError(
            field, f"{label} holds bytes that are not UTF-8 text (another encoding?)."
        ) from None
    return text


def optional_text(value: str | None, field: str, label: str, max_length: int = 10_000) -> str:
    text = check_characters((value or "").strip(), field, label)
    if len(text) > max_length:
        raise ValidationError(
            field, f"{label} is too long ({len(text)} characters, at most {max_length})."
        )
    return text


def date_problem(year: int, month: int, day: int) -> str:
    """Why year-month-day is not a date ("February 2026 has 28 days"); '' when it is one."""
    if year < 1:
        return "years start at 0001"
    if not 1 <= month <= 12:
        return f"there is no month {month:02d}; months go from 01 to 12"
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        return f"{MONTHS[month - 1]} {year} has {days} days"
    return ""


def _checked_date(text: str, field: str, label: str) -> date:
    """`YYYY-MM-DD` known to have that shape: the date, or an error saying why it is none."""
    year, month, day = (int(part) for part in text.split("-"))
    problem = date_problem(year, month, day)
    if problem:
        raise ValidationError(field, f"{label} '{text}' is not a date that exists: {problem}.")
    return date(year, month, day)


def parse_date(value: str | date | None, field: str, label: str) -> date | None:
    """A date from `YYYY-MM-DD` text (or a date); None for empty; a clear error otherwise."""
    if value is None or isinstance(value, date):
        return value
    text = value.strip()
    if not text:
        return None
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise ValidationError(field, f"{label} '{text}' is not a date; write it as YYYY-MM-DD.")
    return _checked_date(text, field, label)


def parse_datetime_local(value: str, field: str, label: str) -> datetime:
    """A naive local time from `YYYY-MM-DDTHH:MM`."""
    text = value.strip()
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}", text):
        raise ValidationError(
            field, f"{label} '{text}' is not a time; write it as YYYY-MM-DDTHH:MM."
        )
    day_text, clock = text.split("T")
    day = _checked_date(day_text, field, label)
    hour, minute = (int(part) for part in clock.split(":"))
    if hour > 23 or minute > 59:
        raise ValidationError(
            field,
            f"{label} '{text}' is not a time that exists: hours go from 00 to 23, "
            "minutes from 00 to 59.",
        )
    return datetime(day.year, day.month, day.day, hour, minute)


def day_of_year_problem(month: int, day: int) -> str:
    """Why month/day is no day of any year ("April has 30 days"); '' when it is one."""
    if not 1 <= month <= 12:
        return f"there is no month {month:02d}; months go from 01 to 12"
    days = calendar.monthrange(2024, month)[1]  # a leap year: 29 February is a day of the year
    if not 1 <= day <= days:
        most = "at most 29" if month == 2 else str(days)
        return f"{MONTHS[month - 1]} has {most} days"
    return ""


def parse_day_of_year(value: str, field: str, label: str) -> tuple[int, int]:
    """(month, day) from `MM-DD` text, e.g. 12-18 for 18 December; 02-29 is allowed."""
    text = value.strip()
    if not re.fullmatch(r"\d{2}-\d{2}", text):
        raise ValidationError(
            field, f"{label} '{text}' is not a day of the year; write it as MM-DD (12-18 for "
            "18 December)."
        )  # fmt: skip
    month, day = (int(part) for part in text.split("-"))
    problem = day_of_year_problem(month, day)
    if problem:
        raise ValidationError(field, f"{label} '{text}' is not a day of the year: {problem}.")
    return month, day


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
    text = check_characters((value or "").strip(), field, "The email address")
    if text and not _EMAIL.match(text):
        raise ValidationError(field, f"'{text}' is not an email address.")
    return text


def check_colour(value: str | None, field: str = "colour") -> str:
    text = (value or "").strip()
    if not _COLOUR.match(text):
        raise ValidationError(field, f"Colour '{text}' is not a colour like #1f6feb.")
    return text.lower()


def whole_number(
    value: int | str | None, field: str, label: str, most: int, example: str
) -> int | None:
    """A whole number from 0 to `most` typed in a form or option; None when left empty."""
    text = str(value).strip() if value is not None else ""
    if not text:
        return None
    digits = text.replace(",", "").replace("_", "")
    number = int(digits) if digits.isascii() and digits.isdigit() and len(digits) <= 12 else -1
    if not 0 <= number <= most:
        raise ValidationError(
            field, f"'{text}' is not {label}: give a whole number such as {example}."
        )
    return number


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


def check_version(record: Record, expected: int, label: str) -> None:
    """Refuse to overwrite an edit made elsewhere since the edit's version was read."""
    current = record.version
    if current != expected:
        raise ConflictError(
            f"This {label} was changed elsewhere: it is now at version {current}, and this "
            f"change was made to version {expected}. Nothing was written; look at it again.",
            current_version=current,
            expected_version=expected,
        )
