"""`organiser trash list|restore|empty`, and the `delete` command of every kind of record."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from sqlalchemy.orm import Session

from organiser import store
from organiser.cli.common import Commands, add_json, engine_for, positive_id
from organiser.cli.output import print_records
from organiser.services import trash as service

# What goes with a record, as the trash counts it: (singular, plural) per table.
NOUNS = {
    "action": ("action", "actions"),
    "commitment": ("commitment", "commitments"),
    "letter": ("letter", "letters"),
    "situation": ("situation", "situations"),
    "campaign_demand": ("demand", "demands"),
    "attachment": ("file", "files"),
    service.LINKS: ("link", "links"),
}


def contents_text(contents: dict[str, int]) -> str:
    parts = []
    for table, (one, many) in NOUNS.items():
        count = contents.get(table, 0)
        if count:
            parts.append(f"{count} {one if count == 1 else many}")
    return ", ".join(parts)


def add_delete(
    actions: Commands, noun: str, delete: Callable[[Session, int], service.TrashView]
) -> None:
    """`KIND delete ID`: to the trash, saying so and how to get it back."""
    parser = actions.add_parser("delete", help=f"move a {noun} to the trash")
    parser.add_argument("id", type=positive_id)

    def run(args: argparse.Namespace) -> int:
        with store.transaction(engine_for(args), write=True) as session:
            entry = delete(session, args.id)
        with_it = contents_text(entry.contents)
        print(
            f"{noun} {entry.record_id} “{entry.label}” moved to the trash"
            + (f" with {with_it}" if with_it else "")
            + f"; `organiser trash restore {entry.id}` brings it back"
        )
        return 0

    parser.set_defaults(run=run)


def register(commands: Commands) -> None:
    parser = commands.add_parser("trash", help="what was deleted: list, restore, empty")
    actions = parser.add_subparsers(dest="trash_command", metavar="ACTION", required=True)
    listing = actions.add_parser("list", help="what is in the trash, newest first")
    add_json(listing)
    listing.set_defaults(run=list_trash)
    restore = actions.add_parser("restore", help="bring a delete back whole")
    restore.add_argument("id", type=positive_id, help="its id in `trash list`")
    restore.set_defaults(run=restore_entry)
    empty = actions.add_parser("empty", help="delete everything in the trash for good")
    empty.add_argument("--yes", action="store_true", help="do not ask (for scripts)")
    empty.set_defaults(run=empty_trash)


def list_trash(args: argparse.Namespace) -> int:
    with store.transaction(engine_for(args)) as session:
        entries = service.list_trash(session)
    return print_records(
        args.json, entries,
        ("ID", "Kind", "Record", "Label", "Deleted", "With it"),
        lambda e: (e.id, e.kind, e.record_id, e.label, e.deleted_at.strftime("%Y-%m-%d %H:%M"),
                   contents_text(e.contents)),
    )  # fmt: skip


def restore_entry(args: argparse.Namespace) -> int:
    with store.transaction(engine_for(args), write=True) as session:
        restored = service.restore(session, args.id)
    for entry in restored:
        print(f"restored {entry.kind} {entry.record_id} “{entry.label}”")
    return 0


def empty_trash(args: argparse.Namespace) -> int:
    engine = engine_for(args)
    with store.transaction(engine) as session:
        count = service.count_trash(session)
    if count == 0:
        print("the trash is empty")
        return 0
    if not args.yes:
        sys.stderr.write(f"Delete the {count} deletes in the trash for good? [y/N] ")
        sys.stderr.flush()
        answer = sys.stdin.readline().strip().lower()
        if answer not in ("y", "yes"):
            sys.stderr.write("organiser: the trash was left as it was\n")
            return 1
    with store.transaction(engine, write=True) as session:
        count = service.empty_trash(session)
    print(f"deleted {count} for good")
    return 0
