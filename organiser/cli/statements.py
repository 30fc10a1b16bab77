"""`organiser letter statement|issue|issues`: a statement co-signed by the organisations that
committed to its campaign, issued and re-issued with who joined and withdrew since."""

from __future__ import annotations

import argparse
from typing import Any

from organiser import store
from organiser.cli.common import add_json, engine_for, given, given_path, positive_id
from organiser.cli.editing import add_expect_version, change_record
from organiser.cli.output import print_json, print_records
from organiser.services import letters, statement_issues, statements
from organiser.services.statement_issues import IssueView


def register(actions: Any) -> None:
    statement = actions.add_parser(
        "statement", help="sign a statement by the organisations that committed to its campaign"
    )
    statement.add_argument("id", type=positive_id)
    statement.add_argument("--cosigned", type=given, required=True, help="committed or none")
    statement.add_argument("--order", type=given, default=None, help="country or name")
    add_expect_version(statement)
    statement.set_defaults(run=set_cosigned)

    issue = actions.add_parser("issue", help="issue the statement now; keeps it, says who changed")
    issue.add_argument("id", type=positive_id)
    issue.add_argument("file", type=given_path, metavar="FILE.pdf")
    issue.add_argument(
        "--say-changes", action="store_true", help="print who joined and withdrew in the PDF"
    )
    issue.set_defaults(run=issue_statement)

    issues = actions.add_parser("issues", help="the issues of a statement")
    issues.add_argument("id", type=positive_id)
    add_json(issues)
    issues.set_defaults(run=list_issues)


def set_cosigned(args: argparse.Namespace) -> int:
    change_record(
        args,
        letters.get_letter,
        lambda session, _letter, version: statements.set_cosigned(
            session, args.id, args.cosigned, args.order, expected_version=version
        ),
    )
    return 0


def _names(rows: tuple[statements.CosignerRow, ...]) -> str:
    return "; ".join(row.name for row in rows) or "none"


def issue_statement(args: argparse.Namespace) -> int:
    # One unit of work: if the file cannot be written, the issue is not kept either.
    with store.transaction(engine_for(args), write=True) as session:
        made = statement_issues.write_issue(session, args.id, args.file, args.say_changes)
    issue = made.issue
    print(f"Issue {issue.number} of letter {issue.letter_id}: {len(issue.signatories)} co-signers")
    if issue.previous_issued_at is not None:
        since = issue.previous_issued_at.date().isoformat()
        print(f"Added since {since}: {_names(issue.added)}")
        print(f"Withdrawn since {since}: {_names(issue.withdrawn)}")
    return 0


def _json(issue: IssueView) -> dict[str, Any]:
    def rows(found: tuple[statements.CosignerRow, ...]) -> list[dict[str, Any]]:
        return [row.as_json() for row in found]

    return {
        "letter_id": issue.letter_id,
        "number": issue.number,
        "issued_at": issue.issued_at.isoformat(),
        "signatories": rows(issue.signatories),
        "added": rows(issue.added),
        "withdrawn": rows(issue.withdrawn),
    }


def list_issues(args: argparse.Namespace) -> int:
    with store.transaction(engine_for(args)) as session:
        found = statement_issues.list_issues(session, args.id)
    if args.json:
        print_json([_json(issue) for issue in found])
        return 0
    return print_records(
        False, found,
        ("Issue", "Issued at", "Co-signers", "Added", "Withdrawn"),
        lambda x: (x.number, x.issued_at, len(x.signatories), _names(x.added),
                   _names(x.withdrawn)),
    )  # fmt: skip
