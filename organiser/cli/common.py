"""Pieces every command module shares: opening the database, ids, references, --json."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeAlias, TypeVar

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from organiser import cipher, store
from organiser.config import database_url
from organiser.errors import ValidationError
from organiser.services import backups, campaigns, organisations, placement

F = TypeVar("F")
Commands: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"


def engine_for(args: argparse.Namespace) -> Engine:
    """The command's database, opened once per command (kept for the backup after a write);
    the first time it is found in a synchronised or network folder, a warning says so."""
    engine = getattr(args, "engine", None)
    if not isinstance(engine, Engine):
        engine = backups.open_database(getattr(args, "db", None), ask_passphrase)
        store.on_write_wait(engine, _say_waiting)
        args.engine = engine
        shared = placement.warn_once(engine)
        if shared is not None:
            sys.stderr.write(f"organiser: warning: {shared.text()}\n")
    return engine


def _say_waiting(waiting: bool) -> None:
    if waiting:
        sys.stderr.write(
            "organiser: waiting for another program's write to the database to finish "
            f"(at most {store.WRITE_WAIT_MS // 1000} seconds)…\n"
        )
        sys.stderr.flush()


def ask_passphrase(path: Path, attempt: int) -> str | None:
    """ORGANISER_PASSPHRASE for scripts (one try); a person at a terminal is asked."""
    given = os.environ.get(cipher.PASSPHRASE_ENV)
    if given is not None:
        return given if attempt == 1 else None
    if not sys.stdin.isatty():
        return None
    if attempt > 1:
        sys.stderr.write(f"organiser: that passphrase does not open {path.name}\n")
    return getpass.getpass(f"Passphrase of {path.name}: ")


def unlock_if_encrypted(args: argparse.Namespace) -> None:
    """For the commands that read the file without opening an engine (check, restore): an
    encrypted database's key, asked as for any command."""
    path = store.sqlite_path(database_url(getattr(args, "db", None)))
    if path is not None and cipher.is_encrypted(path) and cipher.known_key(path) is None:
        cipher.unlock(path, ask_passphrase)


def add_json(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")


SQLITE_MAX_INTEGER = 2**63 - 1


def positive_id(text: str) -> int:
    """An integer id option; argparse turns the ValueError into a one-line error."""
    value = int(text)
    if not 0 < value <= SQLITE_MAX_INTEGER:  # no record has an id SQLite cannot hold
        raise ValueError(text)
    return value


positive_id.__name__ = "id"


def id_or_none(text: str) -> int | None:
    """An id in a repeated option, or `none`: an edit given only `none` empties the list."""
    return None if text.strip().lower() == "none" else positive_id(text)


id_or_none.__name__ = "id"


def ids_given(values: list[int | None]) -> list[int]:
    """A repeated id option's ids, the `none` left out."""
    return [value for value in values if value is not None]


def given(text: str) -> str:
    """A value that an option must have once it is given: an empty one (most often a script's
    unset variable) is refused, never taken for the option left out."""
    if not text.strip():
        raise argparse.ArgumentTypeError("is empty; give a value, or leave the option out")
    return text


def given_path(text: str) -> Path:
    """A file or folder named on the command line; an empty name names none (not `.`)."""
    return Path(given(text))


def parse_ref(text: str, field: str) -> tuple[str, int]:
    """`org:ID` or `person:ID` -> ('org'|'person', id)."""
    kind, _, key = text.partition(":")
    try:
        if kind not in ("org", "person") or not key.isdigit():
            raise ValueError(text)
        return kind, positive_id(key)
    except ValueError:
        raise ValidationError(
            field, f"'{text}' is not a reference; write org:ID or person:ID."
        ) from None


def check_named(session: Session, campaign: int | None = None, org: int | None = None) -> None:
    """A filter naming a campaign or organisation that does not exist is a mistake (a typed
    id), refused as such rather than answered with an empty list."""
    if campaign is not None:
        campaigns.get_campaign(session, campaign)
    if org is not None:
        organisations.get_organisation(session, org)


def add_and_print_id(
    args: argparse.Namespace, create: Callable[[Session, F], Any], fields: F
) -> int:
    """An `add` command: one unit of work, then the new record's id alone on stdout."""
    with store.transaction(engine_for(args), write=True) as session:
        created = create(session, fields)
    print(created.id)
    return 0
