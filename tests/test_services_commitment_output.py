"""The commitment report as both doors ask for it: the format a file's name asks for, and the
campaign's report written as PDF or CSV in one call."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine

from organiser import store
from organiser.errors import NotFound, ValidationError
from organiser.services import campaigns, organisations
from organiser.services.commitment_output import ReportFormat, write_report
from organiser.services.commitments import CommitmentFields, create_commitment


@pytest.mark.parametrize(
    ("name", "kind"),
    [("report.pdf", ReportFormat.PDF), ("REPORT.PDF", ReportFormat.PDF), ("r.csv", "csv")],
)
def test_the_files_name_says_its_format(name: str, kind: ReportFormat) -> None:
    assert ReportFormat.of_file(name) == kind


def test_another_name_is_refused_naming_the_file() -> None:
    with pytest.raises(ValidationError) as refused:
        ReportFormat.of_file("/tmp/report.txt")
    assert refused.value.field == "file"
    assert str(refused.value) == "report.txt: the report is written as .pdf or .csv."


def _campaign(engine: Engine) -> int:
    with store.transaction(engine) as session:
        campaign = campaigns.create_campaign(session, campaigns.CampaignFields(title="KCTU"))
        org = organisations.create_organisation(
            session, organisations.OrganisationFields(name="Unite")
        )
        create_commitment(
            session,
            CommitmentFields(campaign_id=campaign.id, organisation_id=org.id, what="A rally"),
        )
    return campaign.id


def test_the_report_is_written_as_pdf_or_csv(engine: Engine, tmp_path: Path) -> None:
    campaign = _campaign(engine)
    with store.transaction(engine) as session:
        report = write_report(session, campaign, tmp_path / "r.csv", ReportFormat.CSV)
        write_report(session, campaign, tmp_path / "r.pdf", ReportFormat.PDF, today=date.today())
    assert report.campaign_title == "KCTU" and report.total == 1
    with (tmp_path / "r.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["affiliate"], r["what"], r["status"]) for r in rows] == [
        ("Unite", "A rally", "pledged")
    ]
    assert (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF")


def test_the_report_of_no_campaign_writes_nothing(engine: Engine, tmp_path: Path) -> None:
    with store.transaction(engine) as session, pytest.raises(NotFound):
        write_report(session, 9, tmp_path / "r.pdf", ReportFormat.PDF)
    assert not (tmp_path / "r.pdf").exists()
