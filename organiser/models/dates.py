"""Dates as people write them, in their language (Babel, so the pdf layer may use it too)."""

from __future__ import annotations

from datetime import date

from babel import Locale, UnknownLocaleError
from babel.dates import format_skeleton


def month_text(day: date, language: str = "en") -> str:
    """The month alone, as an action dated only to its month is written: 'July 2016'."""
    try:
        locale = Locale.parse(language or "en")
    except (ValueError, UnknownLocaleError):
        locale = Locale.parse("en")
    return format_skeleton("yMMMM", day, locale=locale)


def month_of(text: str) -> date | None:
    """The 1st of the month 'YYYY-MM' names, else None."""
    head, dash, tail = text.strip().partition("-")
    if not (dash and len(head) == 4 and len(tail) == 2 and head.isdigit() and tail.isdigit()):
        return None
    year, month = int(head), int(tail)
    return date(year, month, 1) if 1 <= month <= 12 and year >= 1 else None
