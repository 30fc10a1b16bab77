"""The `organiser` command line: the same services as the window, for scripts and quick work."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from organiser import __version__, store
from organiser.cli import (
    actions,
    archive,
    calendar,
    campaigns,
    commitments,
    dashboard,
    demo,
    encryption,
    letters,
    maintenance,
    organisations,
    reminders,
    search,
    trash,
)
from organiser.config import database_url, settings_path
from organiser.errors import OrganiserError
from organiser.services import backups

EXIT_BAD_INPUT = 2

# Each module adds its commands to the parser; the order is the order of `organiser --help`.
COMMAND_MODULES = (
    demo,
    organisations,
    campaigns,
    actions,
    calendar,
    commitments,
    letters,
    trash,
    maintenance,
    encryption,
    archive,
    dashboard,
    reminders,
    search,
)


def database_files_state(args: argparse.Namespace) -> tuple[tuple[int, int], ...]:
    """Size and time of the database file and its WAL: they move only when a command writes."""
    database = make_url(database_url(args.db)).database or ""
    files = (Path(database), Path(f"{database}-wal")) if database else ()
    # Opening makes an empty WAL: no write yet, no backup due for reading.
    return tuple(
        (p.stat().st_size, p.stat().st_mtime_ns)
        for p in files
        if p.exists() and p.stat().st_size > 0
    )


def back_up_after_writing(args: argparse.Namespace) -> None:
    """After a command that changed the data, an automatic backup when the newest one is more
    than half an hour old. Its failure is said on stderr; the command's own work stands."""
    engine = getattr(args, "engine", None)
    if engine is None:
        return
    try:
        if backups.backup_due(engine):
            backups.make_backup(engine, "auto")
    except (OrganiserError, OSError) as error:
        sys.stderr.write(f"organiser: warning: the automatic backup failed: {error}\n")


class Parser(argparse.ArgumentParser):
    """argparse that reports bad usage in one line on stderr, exit status 2."""

    def error(self, message: str) -> NoReturn:
        sys.stderr.write(f"{self.prog}: error: {message}\n")
        raise SystemExit(EXIT_BAD_INPUT)


def build_parser() -> Parser:
    parser = Parser(
        prog="organiser",
        description="Campaign Organiser: union campaigns, actions, commitments and letters.",
        # Raw, so that the settings file's path stays whole on its own line for copying.
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="Settings (PDF paper and margins, extra fonts as pdf.extra_fonts, your time zone)\n"
        f"are kept in the settings file:\n  {settings_path()}",
    )
    parser.add_argument(
        "--db", help="database file or SQLAlchemy URL (default: $ORGANISER_DB or your data folder)"
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    for module in COMMAND_MODULES:
        module.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        from organiser.app import main as open_window

        return open_window(args.db)
    try:
        before = database_files_state(args)
        code = int(args.run(args) or 0)
        if code == 0 and database_files_state(args) != before:
            back_up_after_writing(args)
        return code
    except OrganiserError as error:
        sys.stderr.write(f"organiser: error: {error}\n")
        return EXIT_BAD_INPUT
    except (OSError, SQLAlchemyError) as error:  # a file or the database, not our input
        plain = store.plain_error(error)
        if plain is not None:
            sys.stderr.write(f"organiser: error: {plain}\n")
            return EXIT_BAD_INPUT
        first_line = (
            str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        )
        sys.stderr.write(f"organiser: error: {first_line}\n")
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        sys.stderr.write("organiser: interrupted; nothing was written\n")
        return 130
    finally:  # its connections closed, so that a rewrite after it finds the file free
        engine = getattr(args, "engine", None)
        if engine is not None:
            engine.dispose()
