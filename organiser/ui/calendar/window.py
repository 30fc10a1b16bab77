"""What the Calendar page shows of a window of days: the read (on any thread, for a page turn
read off the GUI thread) and the legend of the campaigns shown."""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from PySide6.QtCore import QCoreApplication
from sqlalchemy.orm import Session

from organiser.services.actions import ActionView
from organiser.services.calendar import (
    ActionFilter,
    MarkedDay,
    actions_between,
    marked_days,
    to_be_dated,
)

LEGEND_MOST = 24  # campaigns named under the grid: a thousand would be a page of text to lay out


def legend_html(actions: Sequence[ActionView]) -> str:
    """Each campaign shown, in its colour, in the order of its first action; past LEGEND_MOST
    of them, how many more (laying out a thousand names took longer than the page turn)."""
    seen: dict[str, str] = {}
    for action in actions:
        seen.setdefault(action.campaign_title, action.campaign_colour)
    named = list(seen.items())
    shown = [
        f'<span style="color:{colour}">■</span> {html.escape(title)}'
        for title, colour in named[:LEGEND_MOST]
    ]
    if len(named) > LEGEND_MOST:
        more = QCoreApplication.translate(
            "CalendarPage", "and %n more campaign(s)", "", len(named) - LEGEND_MOST
        )
        shown.append(html.escape(more))
    return " &nbsp; ".join(shown)


@dataclass(frozen=True)
class WindowAsked:
    """What a page turn reads, taken from the widgets on the GUI thread."""

    first: date
    last: date
    zone: str | None  # the organiser's, when times are shown in it
    chosen: ActionFilter
    with_days: bool


@dataclass(frozen=True)
class WindowRead:
    actions: list[ActionView]  # those with a day in the window, in date order
    marks: list[MarkedDay]
    undated: list[ActionView]


def read_window(session: Session, asked: WindowAsked) -> WindowRead:
    """The window's actions, marked days and actions to be dated; on any thread (no widget)."""
    # In the organiser's zone an action may fall a day earlier or later than where it happens.
    margin = timedelta(days=1 if asked.zone else 0)
    found = actions_between(session, asked.first - margin, asked.last + margin, asked.chosen)
    return WindowRead(
        [a for a in found if _overlaps(a.days_in(asked.zone), asked.first, asked.last)],
        marked_days(session, asked.first, asked.last) if asked.with_days else [],
        to_be_dated(session, asked.chosen),
    )


def _overlaps(days: tuple[date, date], first: date, last: date) -> bool:
    return days[0] <= last and days[1] >= first
