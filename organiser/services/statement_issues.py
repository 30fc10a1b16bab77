"""The issued versions of a co-signed statement: each kept with its co-signers as they were and
its PDF, so that a re-issue can say who joined and who withdrew since the previous one."""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from organiser.errors import ValidationError
from organiser.files import write_bytes_atomic
from organiser.models import CosignedBy, Letter, StatementIssue, utc_now
from organiser.pdf.cosigned import CosignedChanges
from organiser.pdf.letter import letter_pdf as render_pdf
from organiser.services import attachments, letter_register, statements
from organiser.services import validation as v
from organiser.services.pdf_settings import pdf_options
from organiser.services.statements import CosignerRow


@dataclass(frozen=True)
class IssueView:
    """One issue: its number, when, the co-signers as they were, and who changed since the
    issue before it (nothing for the first)."""

    letter_id: int
    number: int
    issued_at: datetime
    signatories: tuple[CosignerRow, ...]
    added: tuple[CosignerRow, ...]
    withdrawn: tuple[CosignerRow, ...]
    previous_issued_at: datetime | None
    pdf_id: int | None


@dataclass(frozen=True)
class IssuedStatement:
    issue: IssueView
    pdf: bytes


def _identity(row: CosignerRow) -> str:
    """The same organisation across issues (and databases): its uuid, else its name."""
    return row.organisation_uuid or f"name:{row.name.casefold()}"


def differences(
    before: tuple[CosignerRow, ...], after: tuple[CosignerRow, ...]
) -> tuple[tuple[CosignerRow, ...], tuple[CosignerRow, ...]]:
    """(added, withdrawn) between two issues' co-signers, each in its issue's order."""
    old, new = {_identity(r) for r in before}, {_identity(r) for r in after}
    added = tuple(r for r in after if _identity(r) not in old)
    return added, tuple(r for r in before if _identity(r) not in new)


def _rows(issue: StatementIssue) -> tuple[CosignerRow, ...]:
    return tuple(CosignerRow.from_json(item) for item in json.loads(issue.signatories or "[]"))


def _kept_issues(session: Session, letter_id: int) -> list[StatementIssue]:
    query = select(StatementIssue).where(StatementIssue.letter_id == letter_id)
    return list(session.scalars(query.order_by(StatementIssue.number)))


def _views(issues: list[StatementIssue]) -> list[IssueView]:
    views: list[IssueView] = []
    previous: StatementIssue | None = None
    for issue in issues:
        rows = _rows(issue)
        added, withdrawn = differences(_rows(previous), rows) if previous else ((), ())
        views.append(
            IssueView(
                issue.letter_id, issue.number, issue.issued_at, rows, added, withdrawn,
                previous.issued_at if previous else None, issue.pdf_id,
            )
        )  # fmt: skip
        previous = issue
    return views


def list_issues(session: Session, letter_id: int) -> list[IssueView]:
    """The statement's issues, first to last."""
    v.get_or_raise(session, Letter, letter_id, "letter")
    return _views(_kept_issues(session, letter_id))


def issue(session: Session, letter_id: int, say_changes: bool = False) -> IssuedStatement:
    """Issue the statement now: its PDF made with the co-signers as they are (and, with
    `say_changes`, a paragraph naming who joined and withdrew since the last issue), kept
    with them under the next number."""
    record = v.get_or_raise(session, Letter, letter_id, "letter")
    if statements.setting_of(record).by is CosignedBy.NONE:
        raise ValidationError(
            "cosigned_by",
            f"Letter {letter_id} is not signed by the organisations that committed: "
            "set that first (organiser letter statement ID --cosigned committed).",
        )
    kept = _kept_issues(session, letter_id)
    rows = tuple(statements.cosigner_rows(session, letter_id))
    printable = letter_register.printable_letter(session, letter_id)
    if say_changes and kept and printable.cosigned is not None:
        added, withdrawn = differences(_rows(kept[-1]), rows)
        changes = CosignedChanges(
            kept[-1].issued_at.date(),
            tuple(r.name for r in added),
            tuple(r.name for r in withdrawn),
        )
        printable = replace(printable, cosigned=replace(printable.cosigned, changes=changes))
    data = render_pdf(printable, pdf_options())
    number = kept[-1].number + 1 if kept else 1
    name = f"statement-{letter_id}-issue-{number}.pdf"
    pdf = attachments.store_attachment(session, name, data, "application/pdf")
    made = StatementIssue(
        letter_id=letter_id,
        number=number,
        issued_at=utc_now(),
        signatories=json.dumps([r.as_json() for r in rows], ensure_ascii=False),
        pdf_id=pdf.id,
    )
    session.add(made)
    session.flush()
    return IssuedStatement(_views([*kept, made])[-1], data)


def issue_pdf(session: Session, letter_id: int, number: int) -> bytes:
    """The PDF kept with issue `number` of the letter."""
    for kept in _kept_issues(session, letter_id):
        if kept.number == number and kept.pdf_id is not None:
            data = attachments.attachment_data(session, kept.pdf_id)
            if data is not None:
                return data
    raise ValidationError("number", f"Letter {letter_id} has no kept issue {number}.")


def write_issue(
    session: Session, letter_id: int, path: str | Path, say_changes: bool = False
) -> IssuedStatement:
    """`issue` written whole to `path`; a FileWriteError leaves the unit of work to roll back,
    the kept issue with it."""
    made = issue(session, letter_id, say_changes)
    write_bytes_atomic(path, made.pdf)
    return made
