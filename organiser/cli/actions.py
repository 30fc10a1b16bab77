"""`organiser action ...`: add and list the dated actions of campaigns."""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from organiser import store
from organiser.cli.common import Commands, add_json, check_named, engine_for, given, positive_id
from organiser.cli.editing import Editing, add_edit, add_show
from organiser.cli.output import print_records
from organiser.cli.trash import add_delete
from organiser.config import get_setting, settings_path
from organiser.errors import ValidationError
from organiser.models import ActionKind, ActionStatus
from organiser.services import validation as v
from organiser.services.actions import (
    ActionFields,
    create_action,
    delete_action,
    fields_of,
    get_action,
    update_action,
)
from organiser.services.calendar import ActionFilter, actions_between, check_range
from organiser.services.timezones import is_zone


def default_zone() -> str:
    """The organiser's own zone from the settings (UTC when unset), for a calendar import; one
    the settings file names but nobody knows is refused, saying where it came from. (An action
    added without --tz takes its campaign country's zone instead: services.actions.)"""
    chosen = str(get_setting("ui.organiser_timezone") or "UTC")
    if not is_zone(chosen):
        raise ValidationError(
            "tz",
            f"The time zone in the settings (ui.organiser_timezone = '{chosen}') is not known: "
            f"give --tz, or put an IANA name such as Asia/Almaty in {settings_path()}.",
        )
    return chosen


def _moved(fields: ActionFields, given: dict[str, Any]) -> ActionFields:
    """A new start without a new end moves the action, keeping its length (as a drag does)."""
    start, end = fields.start, fields.end
    if "start" in given and "end" not in given and isinstance(start, date):
        text = str(given["start"]).strip()
        new: date | None = (
            v.parse_datetime_local(text, "start", "--start")
            if "T" in text
            else v.parse_date(text, "start", "--start")
        )
        timed = isinstance(start, datetime)
        if isinstance(end, date) and new is not None and isinstance(new, datetime) == timed:
            given = {**given, "end": end + (new - start)}
    return replace(fields, **given)


EDITING = Editing(
    "action",
    get_action,
    fields_of,
    update_action,
    {
        "campaign": "campaign_id",
        "kind": "kind",
        "title": "title",
        "start": "start",
        "end": "end",
        "tz": "timezone",
        "location": "location",
        "status": "status",
        "notes": "notes",
        "workers": "workers",
        "outcome": "outcome",
    },
    {},
    _moved,
)


def register(commands: Commands) -> None:
    action = commands.add_parser("action", help="actions of campaigns: add, list, edit")
    sub = action.add_subparsers(dest="action_command", metavar="ACTION", required=True)

    add = sub.add_parser("add", help="add an action; prints its id")
    add.add_argument("--campaign", type=positive_id, required=True, metavar="ID")
    add.add_argument(
        "--kind", type=given, required=True, help=", ".join(k.value for k in ActionKind)
    )
    add.add_argument("--title", required=True)
    add.add_argument(
        "--start", type=given, required=True, metavar="DATE|TIME", help="YYYY-MM-DD[THH:MM]"
    )
    add.add_argument(
        "--end", type=given, default=None, metavar="DATE|TIME", help="last day, or end time"
    )
    add.add_argument(
        "--tz",
        type=given,
        default=None,
        metavar="ZONE",
        help="IANA zone where it happens; without it, the campaign country's zone when the "
        "country has one (a timed action elsewhere is refused)",
    )
    add.add_argument("--location", default="")
    add.add_argument(
        "--status", type=given, default="planned", help=", ".join(s.value for s in ActionStatus)
    )
    add.add_argument("--notes", default="")
    add_action_facts(add)
    add.set_defaults(run=add_action)

    listing = sub.add_parser("list", help="list actions, earliest first")
    listing.add_argument("--campaign", type=positive_id, default=None, metavar="ID")
    listing.add_argument("--from", type=given, dest="first", default=None, metavar="DATE")
    listing.add_argument("--to", type=given, dest="last", default=None, metavar="DATE")
    listing.add_argument("--kind", type=given, default=None)
    listing.add_argument("--status", type=given, default=None)
    add_json(listing)
    listing.set_defaults(run=list_actions)
    add_edit(sub, add, EDITING)
    add_show(sub, "action", get_action)
    add_delete(sub, "action", delete_action)


def add_action_facts(parser: argparse.ArgumentParser) -> None:
    """The facts of an action beyond its dates: declared once, for `add` (and so `edit`)."""
    parser.add_argument("--workers", default=None, metavar="N", help="how many workers take part")
    parser.add_argument(
        "--outcome", default="", metavar="TEXT", help="what came of it (appeal rejected, ...)"
    )


def add_action(args: argparse.Namespace) -> int:
    fields = ActionFields(**EDITING.given(args))
    with store.transaction(engine_for(args), write=True) as session:
        saved = create_action(session, fields)
    for warning in saved.warnings:
        sys.stderr.write(f"organiser: warning: {warning}\n")
    print(saved.action.id)
    return 0


def list_actions(args: argparse.Namespace) -> int:
    first = v.parse_date(args.first, "from", "--from")
    last = v.parse_date(args.last, "to", "--to")
    check_range(first, last)
    chosen = ActionFilter(
        campaign_ids=(args.campaign,) if args.campaign else (),
        kinds=(v.parse_enum(ActionKind, args.kind, "kind", "Kind"),) if args.kind else (),
        statuses=(v.parse_enum(ActionStatus, args.status, "status", "Status"),)
        if args.status
        else (),
    )
    with store.transaction(engine_for(args)) as session:
        check_named(session, args.campaign)
        actions = actions_between(session, first, last, chosen)
    return print_records(
        args.json, actions,
        ("ID", "When", "Campaign", "Kind", "Title", "Location", "Status"),
        lambda a: (a.id, a.when_text(), a.campaign_title, a.kind, a.title, a.location, a.status),
    )  # fmt: skip
