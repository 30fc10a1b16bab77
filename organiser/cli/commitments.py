"""`organiser commitment ...`: affiliates' pledges, their status and the campaign's report."""

from __future__ import annotations

import argparse
from pathlib import Path

from sqlalchemy.orm import Session

from organiser import store
from organiser.cli.common import (
    Commands,
    add_and_print_id,
    add_json,
    check_named,
    engine_for,
    given,
    given_path,
    id_or_none,
    positive_id,
)
from organiser.cli.editing import Editing, add_edit, add_expect_version, add_show, change_record
from organiser.cli.output import print_records
from organiser.cli.trash import add_delete
from organiser.errors import ValidationError
from organiser.models import CommitmentStatus
from organiser.services import commitment_output, commitments
from organiser.services.attachments import read_upload
from organiser.services.editing import fields_from

STATUSES = ", ".join(s.value for s in CommitmentStatus)


def _evidence_file(path: str | None) -> commitments.EvidenceFile | None:
    if not path:
        return None
    name, data = read_upload(path, "evidence_file")
    return commitments.EvidenceFile(name, data)


def _text(value: str | None) -> str:
    return value or ""


EDITING = Editing(
    "commitment",
    lambda session, key: commitments.get_commitment(session, key),
    lambda view: fields_from(view, commitments.CommitmentFields),
    commitments.update_commitment,
    {
        "campaign": "campaign_id",
        "org": "organisation_id",
        "action": "action_id",
        "what": "what",
        "due": "due_date",
        "status": "status",
        "on": "fulfilled_on",
        "evidence": "evidence",
        "evidence_url": "evidence_url",
        "evidence_file": "evidence_file",
        "number": "number",
        "source_letter": "source_letter_id",
        "joint": "joint_pledgers",
    },
    {"evidence": _text, "evidence_url": _text, "evidence_file": _evidence_file},
)


def register(commands: Commands) -> None:
    parser = commands.add_parser("commitment", help="what affiliates pledged, and was it kept")
    actions = parser.add_subparsers(dest="commitment_command", metavar="ACTION", required=True)

    add = actions.add_parser("add", help="record a pledge; prints its id")
    add.add_argument("--campaign", type=positive_id, required=True, metavar="ID")
    add.add_argument("--org", type=positive_id, required=True, metavar="ID")
    add.add_argument("--what", required=True, help="what was promised")
    add.add_argument("--action", type=id_or_none, default=None, metavar="ID", help="none: none")
    add.add_argument("--due", type=given, default=None, metavar="DATE")
    add.add_argument("--status", type=given, default=CommitmentStatus.PLEDGED.value, help=STATUSES)
    add.add_argument("--on", type=given, default=None, metavar="DATE", help="date fulfilled")
    _evidence_options(add)
    add.add_argument(
        "--number", default=None, metavar="N", help="its number in the resolution that made it"
    )
    add.add_argument(
        "--source-letter", type=id_or_none, default=None, metavar="ID",
        help="the letter or resolution it came from",
    )  # fmt: skip
    add.add_argument(
        "--joint", default="", metavar="TEXT", help="pledged jointly with: 'its affiliates'"
    )
    add.set_defaults(run=add_commitment)

    listing = actions.add_parser("list", help="list commitments")
    listing.add_argument("--campaign", type=positive_id, default=None, metavar="ID")
    listing.add_argument("--org", type=positive_id, default=None, metavar="ID")
    listing.add_argument("--status", type=given, default=None, help=STATUSES)
    listing.add_argument("--overdue", action="store_true", help="only open pledges past due")
    listing.add_argument("--this-week", action="store_true", help="only those due this week")
    add_json(listing)
    listing.set_defaults(run=list_commitments)
    add_edit(actions, add, EDITING)
    add_show(actions, "commitment", commitments.get_commitment)
    add_delete(actions, "commitment", commitments.delete_commitment)

    status = actions.add_parser("status", help="change a commitment's status")
    status.add_argument("id", type=positive_id)
    status.add_argument("status", type=given, help=STATUSES)
    status.add_argument(
        "--on", type=given, default=None, metavar="DATE", help="date fulfilled (default today)"
    )
    _evidence_options(status)
    add_expect_version(status)
    status.set_defaults(run=change_status)

    report = actions.add_parser("report", help="a campaign's commitments as PDF or CSV")
    report.add_argument("--campaign", type=positive_id, required=True, metavar="ID")
    report.add_argument("file", type=given_path, metavar="FILE.pdf|FILE.csv")
    report.set_defaults(run=make_report)


def _evidence_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--evidence", default=None, help="a note on what shows it was kept")
    parser.add_argument("--evidence-url", default=None, metavar="URL")
    parser.add_argument(
        "--evidence-file", type=given_path, default=None, metavar="FILE", help="photo or document"
    )


def add_commitment(args: argparse.Namespace) -> int:
    fields = commitments.CommitmentFields(**EDITING.given(args))
    return add_and_print_id(args, commitments.create_commitment, fields)


def list_commitments(args: argparse.Namespace) -> int:
    criteria = commitments.CommitmentFilter(
        campaign_id=args.campaign,
        organisation_id=args.org,
        status=_status_or_none(args.status),
        overdue=args.overdue,
        due_this_week=args.this_week,
    )
    with store.transaction(engine_for(args)) as session:
        check_named(session, args.campaign, args.org)
        found = commitments.list_commitments(session, criteria)
    return print_records(
        args.json, found,
        ("ID", "Affiliate", "Campaign", "What", "Action", "Due", "Status", "Overdue"),
        lambda c: (c.id, c.organisation_name, c.campaign_title, c.what, c.action_title,
                   c.due_date, c.status, "overdue" if c.overdue else ""),
    )  # fmt: skip


def _status_or_none(text: str | None) -> CommitmentStatus | None:
    if text is None:
        return None
    try:
        return CommitmentStatus(text.strip().lower())
    except ValueError:
        raise ValidationError(
            "status", f"Status '{text}' is not known; choose one of: {STATUSES}."
        ) from None


def change_status(args: argparse.Namespace) -> int:
    evidence_file = _evidence_file(args.evidence_file)

    def change(session: Session, _read: object, version: int) -> commitments.CommitmentView:
        changed = commitments.set_status(
            session, args.id, args.status, on=args.on, evidence=args.evidence,
            expected_version=version,
        )  # fmt: skip
        if args.evidence_url is None and evidence_file is None:
            return changed
        return _attach_evidence(session, changed, args.evidence_url, evidence_file)

    changed = change_record(args, commitments.get_commitment, change)
    print(f"{changed.id} {changed.status.value}")
    return 0


def _attach_evidence(
    session: Session,
    changed: commitments.CommitmentView,
    url: str | None,
    file: commitments.EvidenceFile | None,
) -> commitments.CommitmentView:
    fields = fields_from(changed, commitments.CommitmentFields)
    fields.evidence_url = changed.evidence_url if url is None else url
    fields.evidence_file = file
    return commitments.update_commitment(session, changed.id, fields, changed.version)


def make_report(args: argparse.Namespace) -> int:
    kind = commitment_output.ReportFormat.of_file(args.file)  # refused before the database
    with store.transaction(engine_for(args)) as session:
        commitment_output.write_report(session, args.campaign, Path(args.file), kind)
    return 0
