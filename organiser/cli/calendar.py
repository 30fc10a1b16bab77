"""`organiser calendar ...`: iCalendar export and import, and the printable month."""

from __future__ import annotations

import argparse
import re
import sys
from datetime import date, timedelta
from gettext import ngettext

from organiser import store
from organiser.cli.actions import default_zone
from organiser.cli.common import Commands, engine_for, given, given_path, positive_id
from organiser.config import get_setting
from organiser.errors import ValidationError
from organiser.files import write_bytes_atomic
from organiser.formats.ics import export_calendar
from organiser.formats.ics_read import read_calendar_file
from organiser.pdf.calendar import MarkedDayText, month_pdf
from organiser.pdf.fonts import load_fonts
from organiser.services import validation as v
from organiser.services.action_import import import_events_into, plan_import
from organiser.services.calendar import ActionFilter, actions_between, check_range, marked_days
from organiser.services.campaigns import get_campaign
from organiser.services.timezones import check_zone


def register(commands: Commands) -> None:
    calendar = commands.add_parser("calendar", help="calendar: export, import, pdf")
    sub = calendar.add_subparsers(dest="calendar_command", metavar="ACTION", required=True)

    export = sub.add_parser("export", help="write actions to an .ics file")
    export.add_argument("file", type=given_path, metavar="FILE.ics")
    export.add_argument("--campaign", type=positive_id, default=None, metavar="ID")
    export.add_argument("--from", type=given, dest="first", default=None, metavar="DATE")
    export.add_argument("--to", type=given, dest="last", default=None, metavar="DATE")
    export.set_defaults(run=export_ics)

    imp = sub.add_parser("import", help="read events from an .ics file into a campaign")
    imp.add_argument("file", type=given_path, metavar="FILE.ics")
    imp.add_argument("--campaign", type=positive_id, required=True, metavar="ID")
    imp.add_argument(
        "--tz", type=given, default=None, metavar="ZONE", help="zone for floating times"
    )
    imp.add_argument("--dry-run", action="store_true", help="say what would change; write nothing")
    imp.set_defaults(run=import_ics)

    pdf = sub.add_parser("pdf", help="a printable month (A4 landscape) with its agenda")
    pdf.add_argument("file", type=given_path, metavar="FILE.pdf")
    pdf.add_argument("--month", type=given, required=True, metavar="YYYY-MM")
    pdf.add_argument("--campaign", type=positive_id, default=None, metavar="ID")
    pdf.set_defaults(run=calendar_pdf)


def _campaign_filter(campaign: int | None) -> ActionFilter:
    return ActionFilter(campaign_ids=(campaign,) if campaign else ())


def export_ics(args: argparse.Namespace) -> int:
    first = v.parse_date(args.first, "from", "--from")
    last = v.parse_date(args.last, "to", "--to")
    check_range(first, last)
    with store.transaction(engine_for(args)) as session:
        name = get_campaign(session, args.campaign).title if args.campaign else "Campaign actions"
        actions = actions_between(session, first, last, _campaign_filter(args.campaign))
    write_bytes_atomic(args.file, export_calendar(actions, name))
    written = ngettext(
        "{n} action written to {file}", "{n} actions written to {file}", len(actions)
    )
    print(written.format(n=len(actions), file=args.file), file=sys.stderr)
    return 0


def import_ics(args: argparse.Namespace) -> int:
    zone = check_zone(args.tz, "tz") if args.tz else default_zone()
    read = read_calendar_file(args.file, zone)
    events = read.events
    for warning in read.warnings:
        sys.stderr.write(f"organiser: warning: {warning}\n")
    with store.transaction(engine_for(args)) as session:
        get_campaign(session, args.campaign)
        if args.dry_run:
            plan = plan_import(session, events)
            new = sum(1 for p in plan if p.change == "new")
            noun = ngettext("action", "actions", len(plan))  # of both counts together
            print(f"would create {new} and update {len(plan) - new} {noun} (dry run)")
            return 0
    result = import_events_into(engine_for(args), args.campaign, events, source=args.file.name)
    for warning in result.warnings:
        sys.stderr.write(f"organiser: warning: {warning}\n")
    noun = ngettext("action", "actions", result.created + result.updated)
    print(f"created {result.created}, updated {result.updated} {noun}")
    return 0


def parse_month(text: str) -> date:
    if not re.fullmatch(r"\d{4}-\d{2}", text.strip()):
        raise ValidationError("month", f"Month '{text}' is not a month; write it as YYYY-MM.")
    year, month = (int(part) for part in text.strip().split("-"))
    problem = v.date_problem(year, month, 1)
    if problem:
        raise ValidationError("month", f"Month '{text}' does not exist: {problem}.")
    if (year, month) == (9999, 12):  # its page runs into January 10000
        raise ValidationError("month", "The calendar can be printed up to November 9999.")
    return date(year, month, 1)


def calendar_pdf(args: argparse.Namespace) -> int:
    first = parse_month(args.month)
    grid_first = first - timedelta(days=first.weekday())
    grid_last = grid_first + timedelta(days=41)
    with store.transaction(engine_for(args)) as session:
        heading = get_campaign(session, args.campaign).title if args.campaign else ""
        actions = actions_between(session, grid_first, grid_last, _campaign_filter(args.campaign))
        marks = [MarkedDayText(m.day, m.name) for m in marked_days(session, grid_first, grid_last)]
    fonts = load_fonts(get_setting("pdf.extra_fonts"))
    write_bytes_atomic(
        args.file, month_pdf(first.year, first.month, actions, marks, heading, fonts)
    )
    return 0
