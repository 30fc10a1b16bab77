"""`organiser org import` and `org export`: affiliates in bulk, from and to spreadsheets.

A file with bad rows is refused as a whole (exit 2, the first bad rows named on one line) unless
`--skip-bad` is given; `--dry-run` prints every row with its problems and writes nothing.
"""

from __future__ import annotations

import argparse
from gettext import ngettext

from organiser import store
from organiser.cli.common import Commands, engine_for, given_path, positive_id
from organiser.cli.output import print_table
from organiser.formats.csv_affiliates import read_table
from organiser.services import affiliates_import as service


def register_org_commands(org_commands: Commands) -> None:
    importing = org_commands.add_parser(
        "import", help="affiliates from a CSV exported by Excel or LibreOffice"
    )
    importing.add_argument("file", type=given_path, metavar="FILE.csv")
    importing.add_argument(
        "--dry-run", action="store_true", help="show every row and its problems; write nothing"
    )
    importing.add_argument(
        "--skip-bad", action="store_true", help="import the good rows, leave out the bad ones"
    )
    importing.set_defaults(run=import_organisations)

    exporting = org_commands.add_parser("export", help="organisations to a CSV spreadsheet")
    exporting.add_argument("file", type=given_path, metavar="FILE.csv")
    exporting.add_argument(
        "--affiliates-of", type=positive_id, default=None, metavar="ID",
        help="only the affiliates of this organisation",
    )  # fmt: skip
    exporting.set_defaults(run=export_organisations)


def import_organisations(args: argparse.Namespace) -> int:
    table = read_table(args.file)
    engine = engine_for(args)
    if args.dry_run:
        with store.transaction(engine) as session:
            preview = service.preview_import(session, table)
        _print_preview(preview)
        return 0
    result = service.import_affiliates_into(engine, table, skip_bad=args.skip_bad)
    imported = ngettext("{n} organisation imported", "{n} organisations imported", result.created)
    skipped = ngettext(", {n} bad row left out", ", {n} bad rows left out", result.skipped)
    print(
        imported.format(n=result.created)
        + (skipped if result.skipped else "").format(n=result.skipped)
    )
    return 0


def _print_preview(preview: service.ImportPreview) -> None:
    mapped = ", ".join(f"{f}={preview.headers[c]!r}" for f, c in preview.mapping.items())
    print(f"columns: {mapped}")
    print_table(
        ("Line", "Name", "Country", "Problems"),
        (
            (row.line, row.values.get("name", ""), row.values.get("country", ""),
             " ".join(row.errors) or "ok")
            for row in preview.rows
        ),
        max_width=80,
    )  # fmt: skip
    bad = len(preview.bad_rows)
    good = ngettext("{n} row would be imported", "{n} rows would be imported", preview.good_count)
    problems = ngettext("{n} has problems", "{n} have problems", bad)
    print(f"{good.format(n=preview.good_count)}, {problems.format(n=bad)}; nothing was written")


def export_organisations(args: argparse.Namespace) -> int:
    with store.transaction(engine_for(args)) as session:
        count = service.export_affiliates(session, args.file, args.affiliates_of)
    print(
        ngettext("{n} organisation exported", "{n} organisations exported", count).format(n=count)
    )
    return 0
