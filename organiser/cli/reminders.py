"""`organiser reminder add|list|done|delete`: reminders of an action, a commitment or a letter."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from organiser import store
from organiser.cli.actions import default_zone
from organiser.cli.common import Commands, add_json, engine_for, given, positive_id
from organiser.cli.output import print_records
from organiser.services import reminders as service


def register(commands: Commands) -> None:
    parser = commands.add_parser(
        "reminder", help="be reminded of an action, a commitment or a letter awaiting a reply"
    )
    actions = parser.add_subparsers(dest="reminder_command", metavar="ACTION", required=True)

    add = actions.add_parser("add", help="a reminder of one record; prints its id")
    target = add.add_mutually_exclusive_group(required=True)
    target.add_argument("--action", type=positive_id, metavar="ID", help="an action or hearing")
    target.add_argument("--commitment", type=positive_id, metavar="ID")
    target.add_argument("--letter", type=positive_id, metavar="ID", help="one awaiting a reply")
    when = add.add_mutually_exclusive_group(required=True)
    when.add_argument("--at", type=given, metavar='"YYYY-MM-DD HH:MM"', help="in --tz")
    when.add_argument(
        "--days-before", type=given, metavar="N",
        help="N days before the action's start or the commitment's due date (09:00 on a day)",
    )  # fmt: skip
    add.add_argument("--tz", type=given, default=None, metavar="ZONE", help="default: yours")
    add.add_argument("--note", default="")
    add.set_defaults(run=add_reminder)

    listing = actions.add_parser("list", help="the reminders not done, the soonest first")
    listing.add_argument("--due", action="store_true", help="only those whose time has come")
    listing.add_argument("--all", action="store_true", help="those done too")
    add_json(listing)
    listing.set_defaults(run=list_reminders)

    done = actions.add_parser("done", help="mark a reminder dealt with")
    done.add_argument("id", type=positive_id)
    done.set_defaults(run=mark_done)

    delete = actions.add_parser("delete", help="delete a reminder")
    delete.add_argument("id", type=positive_id)
    delete.set_defaults(run=delete_reminder)


def add_reminder(args: argparse.Namespace) -> int:
    fields = service.ReminderFields(
        action_id=args.action,
        commitment_id=args.commitment,
        letter_id=args.letter,
        at=args.at,
        days_before=args.days_before,
        zone=args.tz or default_zone(),
        note=args.note,
    )
    with store.transaction(engine_for(args), write=True) as session:
        created = service.add_reminder(session, fields)
    print(created.id)
    return 0


def list_reminders(args: argparse.Namespace) -> int:
    zone, now = default_zone(), datetime.now(UTC)
    with store.transaction(engine_for(args)) as session:
        if args.due:
            found = service.due(session, now, zone)
        else:
            found = service.list_reminders(session, zone, include_done=args.all)
    return print_records(
        args.json,
        found,
        ("id", "due", "of", "title", "note", "done"),
        lambda r: (
            r.id,
            f"{r.due_at.astimezone(ZoneInfo(zone)):%Y-%m-%d %H:%M} {zone}"
            if r.due_at
            else "(no date)",
            f"{r.target_kind} {r.target_id}",
            r.target_title,
            r.note,
            r.done_at.date() if r.done_at else "",
        ),
    )


def mark_done(args: argparse.Namespace) -> int:
    with store.transaction(engine_for(args), write=True) as session:
        service.mark_done(session, args.id, datetime.now(UTC))
    return 0


def delete_reminder(args: argparse.Namespace) -> int:
    with store.transaction(engine_for(args), write=True) as session:
        service.delete_reminder(session, args.id)
    return 0
