"""The campaign's commitment report: PDF text read back with pdftotext, and the CSV re-read."""

from __future__ import annotations

import csv
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine

from organiser import store
from organiser.models import CommitmentStatus
from organiser.pdf.commitment_report import write_report_pdf
from organiser.pdf.fonts import FontCoverageError, load_fonts
from organiser.services import campaigns, organisations
from organiser.services.commitment_summary import campaign_report, write_report_csv
from organiser.services.commitments import CommitmentFields, create_commitment, set_status

TODAY = date(2026, 11, 18)


@pytest.fixture
def report(engine: Engine):  # type: ignore[no-untyped-def]
    with store.transaction(engine) as session:
        campaign = campaigns.create_campaign(
            session, campaigns.CampaignFields(title="Right to strike <Mangystau> & R&D")
        )
        names = ["전국금속노동조합", "Федерация профсоюзов Казахстана", "Confédération générale"]
        keys = []
        for name in names:
            org = organisations.create_organisation(
                session, organisations.OrganisationFields(name=name)
            )
            keys.append(
                create_commitment(
                    session,
                    CommitmentFields(campaign_id=campaign.id, organisation_id=org.id,
                                     what=f"Rally for {name}\nwith <b>banners</b>",
                                     due_date="2026-11-10"),
                    today=TODAY,
                ).id
            )  # fmt: skip
        set_status(
            session,
            keys[0],
            "fulfilled",
            on="2026-11-09",
            evidence="Photo sent",
            expected_version=1,
        )
        set_status(session, keys[2], "withdrawn", expected_version=1)
        return campaign_report(session, campaign.id, TODAY)


def pdftotext(path: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_pdf_groups_by_affiliate_with_totals_and_rate(report, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "report.pdf"
    write_report_pdf(report, path)
    text = pdftotext(path)
    assert "Commitments — Right to strike <Mangystau> & R&D" in text
    for name in ("전국금속노동조합", "Федерация профсоюзов Казахстана", "Confédération générale"):
        assert name in text  # Hangul, Cyrillic and accents all printed, none dropped
    assert "with <b>banners</b>" in text  # user text is text, never markup
    assert "fulfilment rate 50%" in text  # 1 fulfilled of 2 not withdrawn
    assert "overdue" in text and "2026-11-10" in text and "2026-11-09" in text
    assert "Photo sent" in text
    assert not list(tmp_path.glob(".*.part"))
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True)
    rows = fonts.stdout.splitlines()[2:]
    assert rows and all(row.split()[-5] == "yes" for row in rows), fonts.stdout  # emb column


def test_csv_report_reads_back(report, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "report.csv"
    write_report_csv(report, str(path))
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["affiliate"] for r in rows] == [
        "Confédération générale", "Федерация профсоюзов Казахстана", "전국금속노동조합",
    ]  # fmt: skip
    assert rows[2]["status"] == CommitmentStatus.FULFILLED.value
    assert rows[2]["fulfilled on"] == "2026-11-09"
    assert rows[1]["overdue"] == "yes"
    assert rows[0]["what"] == "Rally for Confédération générale\nwith <b>banners</b>"


def test_characters_no_font_has_stop_the_report() -> None:
    with pytest.raises(FontCoverageError, match="𓀀"):
        load_fonts().markup("Egyptian 𓀀")
