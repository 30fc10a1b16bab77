"""`organiser backup`, `backups`, `restore` and `check`: keeping the database safe."""

from __future__ import annotations

import argparse
import sys

from organiser import store
from organiser.cli.common import Commands, add_json, engine_for, given_path, unlock_if_encrypted
from organiser.cli.output import print_records
from organiser.config import database_url
from organiser.errors import ValidationError
from organiser.services.backups import back_up, backup_folder, list_backups, make_backup
from organiser.services.database_check import check_database
from organiser.services.restore import database_file, newest_good_backup, restore

EXIT_PROBLEM_FOUND = 1


def register(commands: Commands) -> None:
    backup = commands.add_parser(
        "backup", help="a checked copy of the database: to FILE, or into the backup folder"
    )
    backup.add_argument("file", type=given_path, metavar="FILE", nargs="?")
    backup.set_defaults(run=run_backup)
    listing = commands.add_parser("backups", help="the kept backups, newest first")
    add_json(listing)
    listing.set_defaults(run=run_backups)
    restoring = commands.add_parser(
        "restore", help="replace the database with a backup, after keeping a backup of it"
    )
    which = restoring.add_mutually_exclusive_group(required=True)
    which.add_argument("file", type=given_path, metavar="FILE", nargs="?")
    which.add_argument("--latest", action="store_true", help="the newest kept backup that is sound")
    restoring.set_defaults(run=run_restore)
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


def run_restore(args: argparse.Namespace) -> int:
    """Never through engine_for: the database may be too damaged to open."""
    unlock_if_encrypted(args)
    source = args.file
    if args.latest:
        newest = newest_good_backup(args.db)
        if newest is None:
            folder = backup_folder(database_file(args.db))
            raise ValidationError("--latest", f"No sound backup is kept in {folder}.")
        source = newest.path
    report = restore(args.db, source)
    if report.kept is not None:
        print(f"kept the data replaced in {report.kept}")
    if report.damaged_aside is not None:
        print(f"kept the damaged database aside as {report.damaged_aside}")
    print(f"restored {report.source}")
    return 0


def run_check(args: argparse.Namespace) -> int:
    """Read-only and without migrating: a database too damaged to open still gets a report."""
    unlock_if_encrypted(args)
    path = store.sqlite_path(database_url(args.db))
    report = check_database(path if path is not None else engine_for(args))
    problems = report.problems
    for problem in problems:
        sys.stderr.write(f"organiser: problem: {problem}\n")
    if not problems:
        print("ok")
    return EXIT_PROBLEM_FOUND if problems else 0
