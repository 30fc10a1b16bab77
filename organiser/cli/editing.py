"""`KIND edit ID [--FIELD VALUE]... [--expect-version N]` and `KIND show ID [--json]` for every
kind of record, and the version a change of the command line is made to.

An edit takes the `add` command's options, each optional: what is given replaces the record's
value, the rest is kept as read in the same unit of work. A change is made to the version
given with `--expect-version N`; without it, to the version read in the same unit of work
(which holds the write lock, so nothing can come between the read and the write).
"""

from __future__ import annotations

import argparse
import copy
import dataclasses
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from organiser import store
from organiser.cli.common import Commands, add_json, engine_for, positive_id
from organiser.cli.output import print_json, print_record


def add_expect_version(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--expect-version",
        type=positive_id,
        default=None,
        metavar="N",
        help="refuse the change (exit 2) if the record is no longer at version N: "
        "it was changed elsewhere since you read it",
    )


def expected_version(args: argparse.Namespace, read_now: int) -> int:
    """The version the change is made to: `--expect-version N`, else the one read now."""
    given = getattr(args, "expect_version", None)
    return read_now if given is None else int(given)


def change_record(
    args: argparse.Namespace,
    read: Callable[[Session, int], Any],
    change: Callable[[Session, Any, int], Any],
) -> Any:
    """One unit of work changing record `args.id`: `change(session, record as read, version)`
    with the version given, else the one read here, under the write lock."""
    with store.transaction(engine_for(args), write=True) as session:
        current = read(session, args.id)
        return change(session, current, expected_version(args, int(current.version)))


@dataclass(frozen=True)
class Editing:
    """How one kind of record is edited: read it, turn it into fields, write them back.

    `options` maps each option's dest to the field it sets; `convert` turns an option's text
    into the field's value where the two differ (a file into its text, `org:ID` into a ref);
    `overlay` lays the given fields over the record's (where one given field moves another)."""

    noun: str
    get: Callable[[Session, int], Any]
    fields_of: Callable[[Any], Any]
    update: Callable[[Session, int, Any, int], Any]
    options: dict[str, str]
    convert: dict[str, Callable[[Any], Any]] = field(default_factory=dict)
    overlay: Callable[[Any, dict[str, Any]], Any] = lambda fields, given: dataclasses.replace(
        fields, **given
    )

    def given(self, args: argparse.Namespace) -> dict[str, Any]:
        """The fields the command's options set (an edit's missing options are absent)."""
        return {
            name: self.convert.get(dest, _same)(getattr(args, dest))
            for dest, name in self.options.items()
            if hasattr(args, dest)
        }


def _same(value: Any) -> Any:
    return value


def add_edit(actions: Commands, add: argparse.ArgumentParser, editing: Editing) -> None:
    """`KIND edit ID`, with `add`'s options made optional: a missing one keeps the value."""
    parser = actions.add_parser("edit", help=f"change a {editing.noun}; prints its new version")
    parser.add_argument("id", type=positive_id)
    for option in add._actions:
        if option.option_strings and option.dest != "help":
            optional = copy.copy(option)
            optional.default, optional.required = argparse.SUPPRESS, False
            parser._add_action(optional)
    add_expect_version(parser)
    parser.set_defaults(run=lambda args: edit(args, editing))


def edit(args: argparse.Namespace, editing: Editing) -> int:
    given = editing.given(args)  # files are read before the write lock is taken
    saved = change_record(
        args,
        editing.get,
        lambda session, current, version: editing.update(
            session, args.id, editing.overlay(editing.fields_of(current), given), version
        ),
    )
    for warning in getattr(saved, "warnings", ()):
        sys.stderr.write(f"organiser: warning: {warning}\n")
    print(_version_of(saved))
    return 0


def _version_of(saved: Any) -> int:
    """A saved read model's version (an action comes back inside its warnings)."""
    return int(getattr(saved, "version", None) or saved.action.version)


def add_show(
    actions: Commands,
    noun: str,
    get: Callable[[Session, int], Any],
    readable: Callable[[Any], Any] | None = None,
    as_json: Callable[[Any], Any] | None = None,
) -> None:
    """`KIND show ID [--json]`: every field of the record as its read model holds it (link
    lists included); `readable` shapes the table form where the JSON form is not readable,
    `as_json` the JSON form where `get` gives more than the record (a letter's versions)."""
    parser = actions.add_parser("show", help=f"show one {noun}, every field")
    parser.add_argument("id", type=positive_id)
    add_json(parser)
    parser.set_defaults(run=lambda args: show(args, get, readable, as_json))


def show(
    args: argparse.Namespace,
    get: Callable[[Session, int], Any],
    readable: Callable[[Any], Any] | None = None,
    as_json: Callable[[Any], Any] | None = None,
) -> int:
    with store.transaction(engine_for(args)) as session:
        record = get(session, args.id)
    if args.json:
        print_json(record if as_json is None else as_json(record))
    else:
        print_record(record if readable is None else readable(record))
    return 0
