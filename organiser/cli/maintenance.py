"""`organiser backup` and `organiser check`: keeping the database safe."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from organiser import store
from organiser.cli.common import Commands, engine_for
from organiser.services.backups import back_up

EXIT_PROBLEM_FOUND = 1


def register(commands: Commands) -> None:
    backup = commands.add_parser("backup", help="write a consistent copy of the open database")
    backup.add_argument("file", type=Path, metavar="FILE")
    backup.set_defaults(run=run_backup)
    check = commands.add_parser("check", help="integrity and schema check; exit 1 on a problem")
    check.set_defaults(run=run_check)


def run_backup(args: argparse.Namespace) -> int:
    made = back_up(engine_for(args), args.file)
    print(made.path)
    return 0


def run_check(args: argparse.Namespace) -> int:
    problems = store.check(engine_for(args))
    for problem in problems:
        sys.stderr.write(f"organiser: problem: {problem}\n")
    if not problems:
        print("ok")
    return EXIT_PROBLEM_FOUND if problems else 0
