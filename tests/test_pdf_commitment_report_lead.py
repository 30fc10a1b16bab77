"""The commitment report counts affiliates as a person would ("1 affiliate"), never counts the
campaign's own federation among them (its pledges are listed apart), keeps the resolution's
numbering, and says who pledged jointly and where each pledge was made; its words follow the
plural rules of the reader's language."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine

from organiser import store
from organiser.pdf.report_words import plural_category, report_words
from organiser.services import campaigns, letters, organisations
from organiser.services.commitment_output import ReportFormat, write_report_file
from organiser.services.commitment_summary import CommitmentReport, campaign_report
from organiser.services.commitments import CommitmentFields, create_commitment
from tests.test_pdf_commitment_report import pdftotext

TODAY = date(2026, 11, 18)


def _report(engine: Engine, affiliates: int) -> CommitmentReport:
    with store.transaction(engine, write=True) as session:
        federation = organisations.create_organisation(
            session, organisations.OrganisationFields(name="IndustriALL Global Union")
        )
        campaign = campaigns.create_campaign(
            session, campaigns.CampaignFields(title="Korea", lead_id=federation.id)
        )
        resolution = letters.create_letter(
            session,
            letters.LetterFields(
                kind="resolution", campaign_id=campaign.id, sender_id=federation.id,
                subject="Emergency resolution on Korea", body="IndustriALL and its affiliates",
            ),
        )  # fmt: skip
        pledges = (
            (3, "Join the Olympics campaign"),
            (1, "Support the rally"),
            (None, "Write to the embassy"),
            (2, "Join the day of action"),
        )
        for number, what in pledges:
            create_commitment(
                session,
                CommitmentFields(
                    campaign_id=campaign.id, organisation_id=federation.id, what=what,
                    number=number, source_letter_id=resolution.id,
                    joint_pledgers="its affiliates" if number else "",
                    due_date="2026-11-01" if number is None else None,
                ),
                today=TODAY,
            )  # fmt: skip
        for n in range(affiliates):
            union = organisations.create_organisation(
                session,
                organisations.OrganisationFields(name=f"Union {n}", affiliate_of_id=federation.id),
            )
            create_commitment(
                session,
                CommitmentFields(campaign_id=campaign.id, organisation_id=union.id, what="Rally"),
                today=TODAY,
            )
        return campaign_report(session, campaign.id, TODAY)


def test_the_federation_is_apart_and_its_pledges_keep_the_resolutions_order(
    engine: Engine,
) -> None:
    report = _report(engine, affiliates=1)
    assert report.lead is not None and report.lead.organisation_name == "IndustriALL Global Union"
    assert [g.organisation_name for g in report.groups] == ["Union 0"]
    assert [c.number for c in report.lead.commitments] == [1, 2, 3, None]
    assert report.total == 5


def test_the_pdf_says_1_affiliate_and_lists_the_federation_apart(
    engine: Engine, tmp_path: Path
) -> None:
    path = tmp_path / "report.pdf"
    write_report_file(_report(engine, affiliates=1), path, ReportFormat.PDF)
    text = " ".join(pdftotext(path).split())
    assert "5 commitments from 1 affiliate and from IndustriALL Global Union itself" in text
    assert "affiliates" not in text.replace("its affiliates", "")
    assert "IndustriALL Global Union (the campaign's lead organisation)" in text
    order = [text.index(f"{n}. ") for n in (1, 2, 3)]
    assert order == sorted(order)
    assert "Jointly with its affiliates" in text
    assert "From: Emergency resolution on Korea" in text


def test_two_affiliates_and_the_french_words(engine: Engine, tmp_path: Path) -> None:
    report = _report(engine, affiliates=2)
    path = tmp_path / "rapport.pdf"
    write_report_file(report, path, ReportFormat.PDF, language="fr")
    text = " ".join(pdftotext(path).split())
    assert "6 engagements de 2 affiliés et de IndustriALL Global Union elle-même" in text
    assert "Engagements — Korea" in text
    english = tmp_path / "report.pdf"
    write_report_file(report, english, ReportFormat.PDF)
    assert "from 2 affiliates" in " ".join(pdftotext(english).split())


@pytest.mark.parametrize(
    ("language", "n", "expected"),
    [
        ("en", 1, "from 1 affiliate"),
        ("en", 0, "from 0 affiliates"),
        ("fr", 0, "de 0 affilié"),  # French counts 0 and 1 alike
        ("fr", 2, "de 2 affiliés"),
        ("es", 1, "de 1 afiliada"),
        ("ko", 1, "가맹조직 1곳"),
        ("ko", 7, "가맹조직 7곳"),
        ("xx", 1, "from 1 affiliate"),  # a language we have no words for: English
    ],
)
def test_counted_words_follow_the_languages_plural_rules(
    language: str, n: int, expected: str
) -> None:
    words = report_words(language)
    assert words.counted(words.from_affiliates, n) == expected


def test_plural_categories_come_from_cldr() -> None:
    assert [plural_category("ru", n) for n in (1, 3, 5)] == ["one", "few", "many"]
    assert plural_category("ko", 1) == "other"


def test_the_csv_has_the_lead_numbers_joint_pledgers_and_source(
    engine: Engine, tmp_path: Path
) -> None:
    path = tmp_path / "report.csv"
    write_report_file(_report(engine, affiliates=1), path, ReportFormat.CSV)
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["affiliate"], r["lead"], r["number"]) for r in rows] == [
        ("IndustriALL Global Union", "yes", "1"),
        ("IndustriALL Global Union", "yes", "2"),
        ("IndustriALL Global Union", "yes", "3"),
        ("IndustriALL Global Union", "yes", ""),
        ("Union 0", "", ""),
    ]
    assert rows[0]["jointly with"] == "its affiliates"
    assert rows[0]["source"] == "Emergency resolution on Korea"
