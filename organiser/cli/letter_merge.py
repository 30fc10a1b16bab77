"""`organiser letter merge`: one letter to many recipients, its pre-flight printed first."""

from __future__ import annotations

import argparse
import sys
from gettext import ngettext

from organiser.cli.common import (
    Commands,
    add_json,
    engine_for,
    given,
    given_path,
    parse_ref,
    positive_id,
)
from organiser.cli.output import plain, print_json, print_table
from organiser.errors import ValidationError
from organiser.services import letter_merge
from organiser.services.letter_merge import Preflight


def register(actions: Commands) -> None:
    merge = actions.add_parser(
        "merge",
        help="one letter to many recipients: one PDF each, or one combined file",
        description="The letter's subject and body are templates ({{ recipient.name }}, ...). "
        "Every letter is checked first (the pre-flight, printed); nothing is written when any "
        "letter cannot be made. Each letter made goes into the register with its own reference.",
    )
    merge.add_argument("id", type=positive_id, help="the letter to merge")
    who = merge.add_mutually_exclusive_group(required=True)
    who.add_argument("--to", action="append", default=[], metavar="REF", help="org:ID|person:ID")
    who.add_argument("--affiliates-of", type=positive_id, metavar="ID", help="a federation")
    who.add_argument(
        "--committed",
        action="store_true",
        help="every organisation whose commitment to the campaign is pledged or fulfilled",
    )
    merge.add_argument(
        "--out", type=given_path, required=True, metavar="DIR|FILE.pdf",
        help="a folder for one PDF per recipient, or FILE.pdf for one combined file",
    )  # fmt: skip
    merge.add_argument(
        "--name-pattern", type=given, default=letter_merge.DEFAULT_NAME_PATTERN, metavar="P",
        help="file names in the folder, from "
        + ", ".join("{" + name + "}" for name in letter_merge.NAME_FIELDS)
        + " (default: %(default)s)",
    )  # fmt: skip
    merge.add_argument(
        "--odd-pages", action="store_true",
        help="in a combined file, start each letter on an odd page (double-sided printing)",
    )  # fmt: skip
    merge.add_argument(
        "--expect-pages", type=positive_id, metavar="N",
        help="note the letters that run past N pages",
    )  # fmt: skip
    merge.add_argument("--paper", choices=("a4", "letter"), default=None)
    merge.add_argument("--dry-run", action="store_true", help="the pre-flight only; write nothing")
    add_json(merge)
    merge.set_defaults(run=merge_letter)


def merge_letter(args: argparse.Namespace) -> int:
    recipients = letter_merge.Recipients(
        refs=tuple(parse_ref(text, "to") for text in args.to),
        affiliates_of=args.affiliates_of,
        committed=args.committed,
    )
    if args.name_pattern != letter_merge.DEFAULT_NAME_PATTERN and args.out.suffix.lower() == ".pdf":
        raise ValidationError("name_pattern", "--name-pattern names the files in a folder, "
                              "not one combined file.")  # fmt: skip
    if args.odd_pages and args.out.suffix.lower() != ".pdf":
        raise ValidationError("odd_pages", "--odd-pages is for one combined FILE.pdf.")
    output = letter_merge.MergeOutput.at(args.out, args.name_pattern, args.odd_pages)
    engine = engine_for(args)

    def show(preflight: Preflight) -> None:
        if args.json:
            data = plain(preflight)
            for row, shown in zip(preflight.rows, data["rows"], strict=True):
                shown["warnings"] = list(row.warnings)
            print_json(data)
        else:
            print_preflight(preflight)

    result = letter_merge.merge(
        engine, args.id, recipients, output, args.expect_pages, args.dry_run, args.paper,
        checked=show,
    )  # fmt: skip
    preflight = result.preflight
    if preflight.refused:  # a dry run's (the run itself refuses before it writes)
        raise ValidationError("recipients", preflight.refusal_line())
    if args.dry_run:
        return 0
    if not args.json:
        told = ngettext(
            "{n} letter written to {out}; in the register as {first}",
            "{n} letters written to {out}; in the register as {first} to {last}",
            len(result.letter_ids),
        )
        rows = preflight.rows
        print(told.format(n=len(rows), out=args.out, first=rows[0].reference,
                          last=rows[-1].reference))  # fmt: skip
    return 0


def print_preflight(preflight: Preflight) -> None:
    """The table of letters, then each letter's warnings and refusal on lines of their own."""
    combined = preflight.output.combined is not None
    headers = ["#", "Recipient", "Reference", "Language", "Pages"]
    if not combined:
        headers.insert(3, "File")
    rows = []
    for row in preflight.rows:
        language = (
            f"{row.language} (wanted {row.wanted_language})" if row.fell_back else row.language
        )
        cells: list[object] = [row.number, row.name, row.reference, language, row.pages or ""]
        if not combined:
            cells.insert(3, row.file_name)
        rows.append(cells)
    print_table(headers, rows)
    for row in preflight.rows:
        if row.refusal:
            print(f"{row.number}. {row.name}: REFUSED: {row.refusal}")
        for warning in row.warnings:
            print(f"{row.number}. {row.name}: {warning}")
    count, warned = len(preflight.rows), len(preflight.warned)
    summary = ngettext("{n} letter, {pages} pages", "{n} letters, {pages} pages", count)
    text = summary.format(n=count, pages=preflight.total_pages)
    if preflight.blank_pages:
        text += f" (with {preflight.blank_pages} blank for odd-page starts)"
    text += f"; {warned} with warnings" if warned else "; no warnings"
    if preflight.refused:
        text += f"; {len(preflight.refused)} cannot be made"
    print(text, file=sys.stdout)
