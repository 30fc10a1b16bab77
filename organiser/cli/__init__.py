"""The `organiser` command line: the same services as the window, for scripts and quick work."""

from __future__ import annotations

import argparse
import gc
import importlib
import sys
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType
from typing import NoReturn

from organiser import __version__
from organiser.errors import OrganiserError

# The database, the services and the sub-commands' modules are imported when a command runs,
# and only the one it needs: `organiser --version` and the window start without the others.
EXIT_BAD_INPUT = 2

# Each module adds its commands to the parser; the order is the order of `organiser --help`.
COMMAND_MODULES = (
    "demo",
    "organisations",
    "campaigns",
    "actions",
    "calendar",
    "commitments",
    "letters",
    "trash",
    "maintenance",
    "encryption",
    "archive",
    "dashboard",
    "reminders",
    "search",
)
# The commands each module adds (a test checks this against what they register), so that a
# command line imports only the module of the command it runs.
COMMANDS = {
    "demo": "demo",
    "org": "organisations",
    "person": "organisations",
    "campaign": "campaigns",
    "action": "actions",
    "calendar": "calendar",
    "commitment": "commitments",
    "letter": "letters",
    "trash": "trash",
    "backup": "maintenance",
    "backups": "maintenance",
    "restore": "maintenance",
    "check": "maintenance",
    "encrypt": "encryption",
    "decrypt": "encryption",
    "passphrase": "encryption",
    "recover": "encryption",
    "archive": "archive",
    "dashboard": "dashboard",
    "reminder": "reminders",
    "search": "search",
}


def command_module(name: str) -> ModuleType:
    return importlib.import_module(f"organiser.cli.{name}")


def modules_needed(argv: Sequence[str]) -> Sequence[str]:
    """The command modules the parser needs for `argv`: none to open the window or say the
    version, the command's own, or (for --help, a mistake, anything unusual) all of them, so
    that the help and the error messages are those of the whole parser."""
    tokens = iter(argv)
    for token in tokens:
        if token == "--db":
            next(tokens, None)
        elif token.startswith("--db=") or token == "--version":
            continue
        elif token.startswith("-") or token not in COMMANDS:
            return COMMAND_MODULES
        else:
            return (COMMANDS[token],)
    return ()


def database_files_state(args: argparse.Namespace) -> tuple[tuple[int, int], ...]:
    """Size and time of the database file and its WAL: they move only when a command writes."""
    from sqlalchemy.engine import make_url

    from organiser.config import database_url

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
    from organiser.services import backups

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


def settings_epilog() -> str:
    from organiser.config import settings_path

    return (
        "Settings (PDF paper and margins, extra fonts as pdf.extra_fonts, your time zone)\n"
        f"are kept in the settings file:\n  {settings_path()}"
    )


def build_parser(modules: Sequence[str] = COMMAND_MODULES) -> Parser:
    parser = Parser(
        prog="organiser",
        description="Campaign Organiser: union campaigns, actions, commitments and letters.",
        # Raw, so that the settings file's path stays whole on its own line for copying.
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=settings_epilog() if modules else None,  # only --help shows it
    )
    parser.add_argument(
        "--db", help="database file or SQLAlchemy URL (default: $ORGANISER_DB or your data folder)"
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    for module in modules:
        command_module(module).register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(modules_needed(arguments))
    args = parser.parse_args(arguments)
    if args.command is None:
        # Qt first: the window's frame is painted before the database machinery is loaded.
        from organiser.app import main as open_window

        return open_window(args.db)
    from sqlalchemy.exc import SQLAlchemyError

    from organiser import store

    if argv is None:
        # The process's own command, which it ends with: what is imported now lasts as long,
        # so the collector's full passes need not walk it (a merge of a thousand letters
        # makes several hundred of them).
        gc.freeze()
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
