"""A campaign's commitment report written out: as PDF (grouped by affiliate, totals, the
fulfilment rate) or as a spreadsheet of one row per commitment."""

from __future__ import annotations

import enum
import os
from datetime import date
from pathlib import Path

from sqlalchemy.orm import Session

from organiser.errors import ValidationError
from organiser.files import write_bytes_atomic
from organiser.services.commitment_summary import CommitmentReport, campaign_report
from organiser.services.paper_options import PaperOptions


class ReportFormat(enum.StrEnum):
    PDF = "pdf"
    CSV = "csv"

    @classmethod
    def of_file(cls, path: str | os.PathLike[str]) -> ReportFormat:
        """The format a file's name asks for: .pdf or .csv, anything else refused."""
        suffix = Path(path).suffix.lower().lstrip(".")
        try:
            return cls(suffix)
        except ValueError:
            name = Path(path).name
            raise ValidationError(
                "file", f"{name}: the report is written as .pdf or .csv."
            ) from None


def report_pdf(
    report: CommitmentReport, options: PaperOptions | None = None, language: str = "en"
) -> bytes:
    """The report as PDF bytes, its words in `language`; raises FontCoverageError before
    anything is written."""
    from organiser.pdf.commitment_report import render_report  # on use: ReportLab is slow

    return render_report(report, (options or PaperOptions.from_settings()).fonts(), language)


def write_report(
    session: Session,
    campaign_id: int,
    path: str | os.PathLike[str],
    kind: ReportFormat,
    options: PaperOptions | None = None,
    today: date | None = None,
    language: str = "en",
) -> CommitmentReport:
    """The campaign's report written to `path` as `kind` (a PDF's words in `language`);
    returns the report written."""
    report = campaign_report(session, campaign_id, today)
    write_report_file(report, path, kind, options, language)
    return report


def write_report_file(
    report: CommitmentReport,
    path: str | os.PathLike[str],
    kind: ReportFormat,
    options: PaperOptions | None = None,
    language: str = "en",
) -> None:
    from organiser.formats.csv_affiliates import write_rows

    if kind is ReportFormat.PDF:
        write_bytes_atomic(path, report_pdf(report, options, language))
    else:
        write_rows(path, REPORT_HEADERS, report_rows(report))


REPORT_HEADERS = (
    "affiliate",
    "lead",
    "number",
    "what",
    "jointly with",
    "source",
    "action",
    "due",
    "status",
    "fulfilled on",
    "overdue",
    "evidence",
    "link",
    "file",
)


def report_rows(report: CommitmentReport) -> list[list[str]]:
    """The report as spreadsheet rows, one per commitment: the lead organisation's first
    (marked in the lead column), then grouped by affiliate, numbered ones in their order."""
    groups = ([report.lead] if report.lead is not None else []) + report.groups
    return [
        [
            group.organisation_name,
            "yes" if group is report.lead else "",
            str(item.number) if item.number is not None else "",
            item.what,
            item.joint_pledgers,
            item.source_letter_subject,
            item.action_title,
            item.due_date.isoformat() if item.due_date else "",
            item.status.value,
            item.fulfilled_on.isoformat() if item.fulfilled_on else "",
            "yes" if item.overdue else "",
            item.evidence,
            item.evidence_url,
            item.evidence_file_name,
        ]
        for group in groups
        for item in group.commitments
    ]
