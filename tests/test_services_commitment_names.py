"""A commitment outlives its organisation: it keeps the organisation's name (following renames
while it exists), and the list, matrix, report, CSV and PDF still name it once it is deleted."""

from __future__ import annotations

import csv
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from organiser import store
from organiser.errors import ValidationError
from organiser.pdf.commitment_report import write_report_pdf
from organiser.services import campaigns, commitments, organisations
from organiser.services.commitment_summary import (
    campaign_matrix,
    campaign_report,
    write_report_csv,
)
from organiser.services.commitments import CommitmentFields, CommitmentFilter
from organiser.services.organisations import OrganisationFields

TODAY = date(2026, 11, 18)


def pledge(engine: Engine, names: list[str]) -> tuple[int, list[int], list[int]]:
    """A campaign and one commitment from each organisation named: (campaign, orgs, pledges)."""
    with store.transaction(engine) as session:
        campaign = campaigns.create_campaign(session, campaigns.CampaignFields(title="Free them"))
        orgs = [
            organisations.create_organisation(session, OrganisationFields(name=name)).id
            for name in names
        ]
        made = [
            commitments.create_commitment(
                session,
                CommitmentFields(campaign_id=campaign.id, organisation_id=org, what="Rally"),
                today=TODAY,
            ).id
            for org in orgs
        ]
    return campaign.id, orgs, made


def delete_organisations(engine: Engine, keys: list[int]) -> None:
    with store.transaction(engine) as session:
        for key in keys:
            organisations.delete_organisation(session, key)


def test_a_commitment_stays_under_its_name_when_its_organisation_is_deleted(
    engine: Engine,
) -> None:
    campaign, (kmwu,), (made,) = pledge(engine, ["KMWU"])
    with store.transaction(engine) as session:
        organisations.update_organisation(
            session, kmwu, OrganisationFields(name="Korean Metal Workers' Union"), 1
        )
    delete_organisations(engine, [kmwu])
    with store.transaction(engine) as session:
        kept = commitments.get_commitment(session, made, TODAY)
        listed = commitments.list_commitments(
            session, CommitmentFilter(campaign_id=campaign), TODAY, sort="affiliate"
        )
    assert (kept.organisation_id, kept.organisation_name) == (None, "Korean Metal Workers' Union")
    assert [c.id for c in listed] == [made]
    with engine.connect() as connection:
        stored = connection.execute(text("SELECT organisation_name FROM commitment")).scalar()
    assert stored == "Korean Metal Workers' Union"  # the file itself keeps it


def test_renaming_an_organisation_renames_its_commitments(engine: Engine) -> None:
    _campaign, (org,), _made = pledge(engine, ["KMWU"])
    with store.transaction(engine) as session:
        organisations.update_organisation(session, org, OrganisationFields(name="KMWU (Korea)"), 1)
    with engine.connect() as connection:
        stored = connection.execute(text("SELECT organisation_name FROM commitment")).scalar()
    assert stored == "KMWU (Korea)"


def test_a_commitment_of_a_deleted_organisation_can_still_be_edited_but_not_made(
    engine: Engine,
) -> None:
    campaign, (org,), (made,) = pledge(engine, ["KMWU"])
    delete_organisations(engine, [org])
    with store.transaction(engine) as session:
        view = commitments.get_commitment(session, made, TODAY)
        fields = CommitmentFields(
            campaign_id=campaign, organisation_id=None, what="Rally and strike", status="fulfilled"
        )
        edited = commitments.update_commitment(session, made, fields, view.version, TODAY)
    assert (edited.organisation_name, edited.what) == ("KMWU", "Rally and strike")
    with pytest.raises(ValidationError) as refused, store.transaction(engine) as session:
        commitments.create_commitment(session, fields, TODAY)
    assert refused.value.field == "organisation_id"


def test_the_report_and_matrix_keep_two_deleted_organisations_apart(
    engine: Engine, tmp_path: Path
) -> None:
    campaign, orgs, _made = pledge(engine, ["Unite", "전국금속노동조합", "IG Metall"])
    delete_organisations(engine, orgs[:2])
    with store.transaction(engine) as session:
        report = campaign_report(session, campaign, TODAY)
        matrix = campaign_matrix(session, campaign, TODAY)
    assert [(g.organisation_id, g.organisation_name) for g in report.groups] == [
        (orgs[2], "IG Metall"),
        (None, "Unite"),
        (None, "전국금속노동조합"),
    ]
    assert [name for _key, name in matrix.affiliates] == ["IG Metall", "Unite", "전국금속노동조합"]
    assert all(len(matrix.cells[(key, None)]) == 1 for key, _name in matrix.affiliates)
    path = tmp_path / "report.csv"
    write_report_csv(report, str(path))
    with path.open(encoding="utf-8-sig", newline="") as handle:
        names = [row["affiliate"] for row in csv.DictReader(handle)]
    assert names == ["IG Metall", "Unite", "전국금속노동조합"]


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
def test_the_pdf_report_names_a_deleted_organisation(engine: Engine, tmp_path: Path) -> None:
    campaign, orgs, _made = pledge(engine, ["전국금속노동조합"])
    delete_organisations(engine, orgs)
    with store.transaction(engine) as session:
        report = campaign_report(session, campaign, TODAY)
    path = tmp_path / "report.pdf"
    write_report_pdf(report, path)
    shown = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "전국금속노동조합" in shown and "1 commitment from 1 affiliate" in shown
