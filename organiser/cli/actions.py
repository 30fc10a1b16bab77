"""`organiser action ...`: add, list, show and edit the actions of campaigns: dated to the day
or the month, ongoing, or not yet dated, and the organisations each involves."""

from __future__ import annotations

import argparse
import dataclasses
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
from organiser.models import ActionKind, ActionRole, ActionStatus, DatePrecision
from organiser.services import validation as v
from organiser.services.actions import (
    ActionFields,
    ActionView,
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


def _dating(given: dict[str, Any]) -> dict[str, Any]:
    """What the dating options say, as fields: `--month` is the start dated to the month;
    `--undated` clears the dates; a start or month given makes it dated again, an end given
    ends it (no longer ongoing)."""
    given = dict(given)
    month = given.pop("month", None)
    if month is not None:
        if given.get("start") is not None:
            raise ValidationError("month", "Give --start or --month, not both.")
        given.update(start=month, date_precision=DatePrecision.MONTH)
        given.setdefault("end", None)
        given.setdefault("ongoing", False)
    if given.get("undated"):
        if given.get("start") is not None:
            raise ValidationError("undated", "An action not yet dated has no --start or --month.")
        given.update(start=None, end=None, date_precision=DatePrecision.DAY)
        given.setdefault("ongoing", False)
    elif given.get("start") is not None:
        given.setdefault("date_precision", DatePrecision.DAY)
        given.setdefault("undated", False)
    if given.get("undated") is False:
        given.setdefault("target_month", None)
    if given.get("ongoing"):
        given.setdefault("end", None)
    elif given.get("end") is not None:
        given.setdefault("ongoing", False)
    return given


def _organisations(values: list[str] | None) -> list[tuple[int, str]] | None:
    """`--org ID:ROLE`, repeated: the organisations involved and their roles."""
    if values is None:
        return None
    found = []
    for value in values:
        key, colon, role = value.partition(":")
        if not (colon and key.strip().isdigit() and role.strip()):
            roles = ", ".join(r.value for r in ActionRole)
            raise ValidationError(
                "org", f"'{value}' is not ID:ROLE: give it as 12:striking-union (roles: {roles})."
            )
        found.append((int(key), role.strip()))
    return found


def _overlaid(fields: ActionFields, given: dict[str, Any]) -> ActionFields:
    return _moved(fields, _dating(given))


def _moved(fields: ActionFields, given: dict[str, Any]) -> ActionFields:
    """A new start without a new end moves the action, keeping its length (as a drag does)."""
    start, end = fields.start, fields.end
    if given.get("date_precision") is DatePrecision.MONTH or given.get("ongoing"):
        return replace(fields, **given)
    if given.get("start") is not None and "end" not in given and isinstance(start, date):
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
        "ongoing": "ongoing",
        "undated": "undated",
        "target_month": "target_month",
        "month": "month",
        "org": "organisations",
    },
    {"org": _organisations},
    _overlaid,
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
        "--start",
        type=given,
        default=None,
        metavar="DATE|TIME",
        help="YYYY-MM-DD[THH:MM]; required unless --month or --undated",
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
    add_action_dating(add)
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
    add_show(sub, "action", get_action, readable=readable_action)
    add_delete(sub, "action", delete_action)


def add_action_facts(parser: argparse.ArgumentParser) -> None:
    """The facts of an action beyond its dates: declared once, for `add` (and so `edit`)."""
    parser.add_argument("--workers", default=None, metavar="N", help="how many workers take part")
    parser.add_argument(
        "--outcome", default="", metavar="TEXT", help="what came of it (appeal rejected, ...)"
    )


def add_action_dating(parser: argparse.ArgumentParser) -> None:
    """How an action is dated beyond a start and an end, and whom it involves."""
    parser.add_argument(
        "--ongoing", action="store_true", help="started and not ended yet (give no --end)"
    )
    parser.add_argument(
        "--undated", action="store_true", help="not yet dated (give no --start): 'To be dated'"
    )
    parser.add_argument(
        "--target-month", type=given, default=None, metavar="YYYY-MM",
        help="with --undated: the month it is meant for",
    )  # fmt: skip
    parser.add_argument(
        "--month", type=given, default=None, metavar="YYYY-MM",
        help="dated to the month only ('July 2016'), instead of --start",
    )  # fmt: skip
    parser.add_argument(
        "--org", action="append", type=given, default=None, metavar="ID:ROLE",
        help="an organisation involved and its role ("
        + ", ".join(r.value for r in ActionRole) + "); repeat it; on edit, replaces them",
    )  # fmt: skip


def add_action(args: argparse.Namespace) -> int:
    fields = ActionFields(**_dating(EDITING.given(args)))
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
        actions = actions_between(session, first, last, chosen, with_organisations=True)
    return print_records(
        args.json, actions,
        ("ID", "When", "Campaign", "Kind", "Title", "Location", "Status", "Involves"),
        lambda a: (a.id, a.when_text(), a.campaign_title, a.kind, a.title, a.location, a.status,
                   involves_text(a)),
    )  # fmt: skip


def involves_text(action: ActionView) -> str:
    """'KPTU (striking union); NHIS (employer)'."""
    return "; ".join(f"{o.name} ({o.role.label.lower()})" for o in action.organisations)


def readable_action(action: ActionView) -> dict[str, object]:
    """`action show` without --json: every field, with when it is in words and whom it
    involves, in their roles, in place of the raw list."""
    fields = {f.name: getattr(action, f.name) for f in dataclasses.fields(action)}
    fields.pop("organisations", None)
    return {"when": action.when_text(), "involves": involves_text(action), **fields}
