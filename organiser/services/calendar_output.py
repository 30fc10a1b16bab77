"""The calendar on paper and for other calendars: a month's sheet (what it prints), its PDF,
and the .ics export."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy.orm import Session

from organiser.files import write_bytes_atomic
from organiser.services.actions import ActionView
from organiser.services.calendar import (
    ActionFilter,
    MarkedDay,
    actions_between,
    check_range,
    marked_days,
    to_be_dated,
    visible_range,
)
from organiser.services.campaigns import get_campaign
from organiser.services.paper_options import PaperOptions

ALL_CAMPAIGNS = "Campaign actions"  # the calendar's name when no one campaign is chosen


@dataclass(frozen=True)
class MonthSheet:
    """A printable month: the six weeks of its grid, the actions and marked days in them, and
    the chosen campaign's title as its heading (empty for all campaigns)."""

    month: date  # its first day
    first: date
    last: date
    actions: list[ActionView]
    marks: list[MarkedDay]
    heading: str
    to_be_dated: list[ActionView] = field(default_factory=list)


def _one_campaign(chosen: ActionFilter) -> int | None:
    return chosen.campaign_ids[0] if len(chosen.campaign_ids) == 1 else None


def month_sheet(session: Session, month: date, chosen: ActionFilter | None = None) -> MonthSheet:
    chosen = chosen or ActionFilter()
    first, last = visible_range(month, 6)
    campaign = _one_campaign(chosen)
    heading = get_campaign(session, campaign).title if campaign is not None else ""
    actions = actions_between(session, first, last, chosen)
    marks = marked_days(session, first, last)
    undated = to_be_dated(session, chosen)
    return MonthSheet(month.replace(day=1), first, last, actions, marks, heading, undated)


def month_pdf_bytes(sheet: MonthSheet, options: PaperOptions | None = None) -> bytes:
    """The sheet as PDF; raises FontCoverageError naming characters no font has."""
    # Imported on use: ReportLab costs a tenth of a second at the window's start-up.
    from organiser.pdf.calendar import MarkedDayText, month_pdf

    fonts = (options or PaperOptions.from_settings()).fonts()
    marks = [MarkedDayText(mark.day, mark.name) for mark in sheet.marks]
    month = sheet.month
    return month_pdf(
        month.year, month.month, sheet.actions, marks, sheet.heading, fonts, sheet.to_be_dated
    )


def write_month_pdf(
    session: Session,
    path: str | os.PathLike[str],
    month: date,
    chosen: ActionFilter | None = None,
    options: PaperOptions | None = None,
) -> MonthSheet:
    """The month around `month` (A4 landscape, then its agenda) written to `path`."""
    sheet = month_sheet(session, month, chosen)
    write_bytes_atomic(path, month_pdf_bytes(sheet, options))
    return sheet


def write_ics(
    session: Session,
    path: str | os.PathLike[str],
    chosen: ActionFilter | None = None,
    first: date | None = None,
    last: date | None = None,
    name: str | None = None,
) -> int:
    """The chosen actions with a day in [first, last] (all dates when not given) as an .ics
    file; the calendar is named `name`, else the one chosen campaign's title. Returns how many
    actions were written."""
    from organiser.formats.ics import export_calendar  # on use, as ReportLab above

    check_range(first, last)
    chosen = chosen or ActionFilter()
    if name is None:
        campaign = _one_campaign(chosen)
        name = get_campaign(session, campaign).title if campaign is not None else ALL_CAMPAIGNS
    actions = [a for a in actions_between(session, first, last, chosen) if not a.undated]
    write_bytes_atomic(path, export_calendar(actions, name))  # a refusal names the file
    return len(actions)
