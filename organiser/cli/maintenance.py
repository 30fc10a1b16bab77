"""`organiser backup`, `organiser backups` and `organiser check`: keeping the database safe."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from organiser import store
from organiser.cli.common import Commands, add_json, engine_for
from organiser.cli.output import print_records
from organiser.services.backups import back_up, backup_folder, list_backups, make_backup

EXIT_PROBLEM_FOUND = 1


def register(commands: Commands) -> None:
    backup = commands.add_parser(
        "backup", help="a checked copy of the database: to FILE, or into the backup folder"
    )
    backup.add_argument("file", type=Path, metavar="FILE", nargs="?")
    backup.set_defaults(run=run_backup)
    listing = commands.add_parser("backups", help="the kept backups, newest first")
    add_json(listing)
    listing.set_defaults(run=run_backups)
    check = commands.add_parser("check", help="integrity and schema check; exit 1 on a problem")
    check.set_defaults(run=run_check)


def run_backup(args: argparse.Namespace) -> int:
    engine = engine_for(args)
    print(back_up(engine, args.file).path if args.file else make_backup(engine, "manual").path)
    return 0


def run_backups(args: argparse.Namespace) -> int:
    """Every kept backup passed its check (integrity, references, rows) before it was kept."""
    kept = list_backups(backup_folder(engine_for(args)))
    headers = ("Made (UTC)", "Reason", "Pinned", "Size", "Check", "File")
    return print_records(
        args.json,
        kept,
        headers,
        lambda b: (b.made_at.strftime("%Y-%m-%d %H:%M"), b.reason, "yes" if b.pinned else "",
                   b.size, "passed", b.path.name),
    )  # fmt: skip


def run_check(args: argparse.Namespace) -> int:
    problems = store.check(engine_for(args))
    for problem in problems:
        sys.stderr.write(f"organiser: problem: {problem}\n")
    if not problems:
        print("ok")
    return EXIT_PROBLEM_FOUND if problems else 0
