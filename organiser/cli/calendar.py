"""`organiser calendar ...`: iCalendar export and import, and the printable month."""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from datetime import date
from gettext import ngettext

from organiser import store
from organiser.cli.actions import default_zone
from organiser.cli.common import Commands, engine_for, given, given_path, positive_id
from organiser.errors import ValidationError
from organiser.services import action_import, calendar_output
from organiser.services import validation as v
from organiser.services.calendar import ActionFilter, check_range
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
        count = calendar_output.write_ics(
            session, args.file, _campaign_filter(args.campaign), first, last
        )
    written = ngettext("{n} action written to {file}", "{n} actions written to {file}", count)
    print(written.format(n=count, file=args.file), file=sys.stderr)
    return 0


def _warn(warnings: Sequence[str]) -> None:
    for warning in warnings:
        sys.stderr.write(f"organiser: warning: {warning}\n")


def import_ics(args: argparse.Namespace) -> int:
    zone = check_zone(args.tz, "tz") if args.tz else default_zone()
    read = action_import.read_calendar(args.file, zone)
    _warn(read.warnings)
    if args.dry_run:
        with store.transaction(engine_for(args)) as session:
            preview = action_import.preview_read(session, read, args.campaign)
        noun = ngettext("action", "actions", len(preview.plan))  # of both counts together
        print(
            f"would create {preview.new_count} and update {preview.update_count} {noun} (dry run)"
        )
        return 0
    result = action_import.import_read(engine_for(args), args.campaign, read)
    _warn(result.warnings)
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
    month = parse_month(args.month)
    with store.transaction(engine_for(args)) as session:
        calendar_output.write_month_pdf(session, args.file, month, _campaign_filter(args.campaign))
    return 0
