"""`organiser archive export|import`: the hand-over archive, records kept under their UUIDs."""

from __future__ import annotations

import argparse
import sys

from organiser.cli.common import Commands, engine_for, given_path, positive_id
from organiser.services.archive import ImportPlan, export_archive, import_archive

CONFLICT = "conflict"


def register(commands: Commands) -> None:
    archive = commands.add_parser("archive", help="archive for hand-over: export, import (merge)")
    sub = archive.add_subparsers(dest="archive_command", metavar="ACTION", required=True)
    export = sub.add_parser("export", help="write everything, or one campaign's world, to FILE")
    export.add_argument("file", type=given_path, metavar="FILE")
    export.add_argument("--campaign", type=positive_id, default=None, metavar="ID")
    export.set_defaults(run=run_export)
    imp = sub.add_parser("import", help="merge an archive by UUID; the newer version wins")
    imp.add_argument("file", type=given_path, metavar="FILE")
    imp.add_argument("--dry-run", action="store_true", help="show the plan; write nothing")
    imp.set_defaults(run=run_import)


def run_export(args: argparse.Namespace) -> int:
    result = export_archive(engine_for(args), args.file, args.campaign)
    total = sum(result.counts.values())
    print(f"{total} records written to {result.path}", file=sys.stderr)
    return 0


def print_plan(plan: ImportPlan, dry_run: bool) -> None:
    counts = plan.counts
    print(
        f"added {counts['add']}, changed {counts['change']}, unchanged {counts['unchanged']}, "
        f"conflicts {counts[CONFLICT]}" + (" (dry run: nothing written)" if dry_run else "")
    )
    for record in plan.having(CONFLICT):
        print(
            f"conflict: {record.kind} {record.uuid} '{record.label}': here version "
            f"{record.local_version}, archive version {record.incoming_version}; kept as here"
        )


def run_import(args: argparse.Namespace) -> int:
    plan = import_archive(engine_for(args), args.file, dry_run=args.dry_run)
    print_plan(plan, args.dry_run)
    if plan.backup:
        print(f"backup before the import: {plan.backup}", file=sys.stderr)
    return 0
