"""The columns of the people at risk and of a person's history, and the day counts in the
user's language: "held 231 days of 5 years", "day 12 of hunger strike"."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication

from organiser.models import SituationKind
from organiser.models.dates import month_text
from organiser.services.situations import (
    HOLDING,
    AtRiskView,
    HearingView,
    SituationView,
)
from organiser.ui.labels import enum_label
from organiser.ui.people.day_counts import CONTEXT, held_text, hunger_strike_text
from organiser.ui.table_model import Column, column_text

HELD_COLOUR = "#b3261e"
PAST_COLOUR = "#6e7781"  # someone no longer held nor on hunger strike


def _tr(text: str, n: int = -1) -> str:
    return QCoreApplication.translate(CONTEXT, text, "", n)


def count_text(risk: AtRiskView) -> str:
    """The day counts of someone at risk now, '' for someone who is not."""
    parts = []
    if risk.held_days is not None:
        parts.append(held_text(risk.held_days, risk.sentence_months))
    if risk.hunger_strike_day is not None:
        parts.append(hunger_strike_text(risk.hunger_strike_day))
    return "; ".join(parts)


def situation_day_text(situation: SituationView, risk: AtRiskView | None) -> str:
    """A situation's count in the history: the custody's days for one that holds the person,
    the day of a hunger strike, else which day of it this is."""
    if not situation.current or situation.day is None:
        return ""
    if situation.kind in HOLDING and risk is not None and risk.held_days is not None:
        return held_text(risk.held_days, risk.sentence_months)
    if situation.kind is SituationKind.ON_HUNGER_STRIKE:
        return hunger_strike_text(situation.day)
    return _tr("day %1").replace("%1", str(situation.day))


def hearing_text(hearing: HearingView | None) -> str:
    if hearing is None:
        return ""
    if hearing.start_date is None:
        when = _tr("to be dated")
    elif hearing.month_only:
        when = month_text(hearing.start_date)
    else:
        when = hearing.start_date.isoformat()
    return f"{when} — {hearing.title}"


def now_text(risk: AtRiskView) -> str:
    """What is happening now; for someone no longer at risk, how their latest situation ended."""
    if risk.at_risk or risk.until is None:
        return enum_label(risk.kind)
    return (
        _tr("%1 until %2")
        .replace("%1", enum_label(risk.kind))
        .replace("%2", risk.until.isoformat())
    )


def _past(risk: AtRiskView) -> str | None:
    return None if risk.at_risk else PAST_COLOUR


def at_risk_columns() -> list[Column[AtRiskView]]:
    return [
        Column(column_text("Person"), lambda r: r.person_name, foreground=_past),
        Column(column_text("Now"), now_text, foreground=_past, sort=lambda r: r.kind),
        Column(
            column_text("Days"),
            count_text,
            foreground=lambda r: HELD_COLOUR if r.at_risk else None,
            sort=lambda r: r.held_days or r.hunger_strike_day or 0,
        ),
        Column(
            column_text("Since"),
            lambda r: r.held_since or r.hunger_strike_since or r.since,
            foreground=_past,
        ),
        Column(
            column_text("Next hearing"),
            lambda r: hearing_text(r.next_hearing),
            sort=lambda r: r.next_hearing.start_date if r.next_hearing else None,
        ),
        Column(column_text("Campaigns"), lambda r: r.campaign_titles),
        Column(column_text("Organisation"), lambda r: r.organisation_name),
    ]


def history_columns(risk: Callable[[], AtRiskView | None]) -> list[Column[SituationView]]:
    """`risk()`: the person's day counts now, for the custody's count on its situations."""
    return [
        Column(column_text("Situation"), lambda s: s.kind),
        Column(column_text("Since"), lambda s: s.since),
        Column(column_text("Until"), lambda s: s.until),
        Column(column_text("Now"), lambda s: situation_day_text(s, risk())),
        Column(column_text("Court"), lambda s: s.court),
        Column(column_text("Sentence"), lambda s: s.sentence),
        Column(column_text("Lawyer"), lambda s: s.lawyer),
        Column(
            column_text("Hearings"),
            lambda s: "; ".join(hearing_text(h) for h in s.hearings),
        ),
        Column(column_text("Notes"), lambda s: s.notes),
    ]
