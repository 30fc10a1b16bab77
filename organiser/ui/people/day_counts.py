"""A person's day counts in the user's language: "held 231 days of 5 years", "day 12 of hunger
strike" (plain Qt, no database: the Dashboard's first frame shows them)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

CONTEXT = "PeopleAtRisk"


def _tr(text: str, n: int = -1) -> str:
    return QCoreApplication.translate(CONTEXT, text, "", n)


def sentence_length(months: int) -> str:
    """5 years, 18 months: as the documents write a sentence."""
    if months % 12 == 0:
        return _tr("%n year(s)", months // 12)
    return _tr("%n month(s)", months)


def held_text(days: int, sentence_months: int | None) -> str:
    if sentence_months:
        return _tr("held %n day(s) of %1", days).replace("%1", sentence_length(sentence_months))
    return _tr("held %n day(s)", days)


def hunger_strike_text(day: int) -> str:
    return _tr("day %1 of hunger strike").replace("%1", str(day))
