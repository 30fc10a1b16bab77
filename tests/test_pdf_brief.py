"""A campaign's brief on paper: its text read back with pdftotext (every section, Hangul and
Cyrillic names), at most two pages for every sample campaign and for one far fuller."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pypdfium2
import pytest
from sqlalchemy import Engine

from organiser import store
from organiser.pdf.fonts import FontCoverageError
from organiser.services import campaigns, organisations
from organiser.services.actions import ActionFields, create_action
from organiser.services.campaign_brief import brief_pdf, campaign_brief, write_brief
from organiser.services.commitments import CommitmentFields, create_commitment
from tests.brief_world import KOREA, MANGYSTAU, TODAY, Demo, load


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Demo]:
    """The sample campaigns, loaded once for the module (the brief only reads)."""
    engine, ids = load(tmp_path_factory.mktemp("brief"))
    yield engine, ids
    engine.dispose()


def pdftotext(path: Path, layout: bool = False) -> str:
    """The text in reading order with its spaces made single (table cells wrap), or with
    `layout` as laid out: a table's row on one line."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    command = ["pdftotext", *(["-layout"] if layout else []), str(path), "-"]
    text = subprocess.run(command, capture_output=True, text=True).stdout
    return text if layout else re.sub(r"\s+", " ", text)


def pages(path: Path) -> int:
    document = pypdfium2.PdfDocument(path)
    try:
        return len(document)
    finally:
        document.close()


def written(demo: tuple[Engine, dict[str, int]], title: str, path: Path, **options: str) -> str:
    engine, ids = demo
    with store.transaction(engine) as session:
        write_brief(session, ids[title], path, today=TODAY, **options)  # type: ignore[arg-type]
    return pdftotext(path)


def test_the_brief_prints_every_section_of_the_fullest_campaign(demo: Demo, tmp_path: Path) -> None:
    text = written(demo, KOREA, tmp_path / "korea.pdf")
    assert KOREA in text and "Campaign brief" in text
    assert "1. Release all imprisoned trade unionists, Han Sang-gyun and Cho Sung-deok" in text
    assert "Documents, equipment, computers and hard drives seized." in text  # an outcome
    assert "IF Metall Send a delegation to the National Workers Rally" in text
    rows = pdftotext(tmp_path / "korea.pdf", layout=True)
    assert re.search(r"the National Workers Rally +2016-11-12 +Fulfilled", rows)
    assert "2016-07-15 Registered post" in text  # a letter sent: its date and channel
    assert "Han Sang-gyun (한상균)" in text and "Released since 2018-05-21" in text
    assert "1 letter not yet sent." in text
    assert "Sentenced 2016-07-01 – 2018-06-30; sentence: 2 years in prison" in text
    assert "Page 1 of 2" in text and "July 2016" in text and "to be dated" in text


def test_cyrillic_names_and_the_day_counts_of_people_held_now(demo: Demo, tmp_path: Path) -> None:
    text = written(demo, MANGYSTAU, tmp_path / "mangystau.pdf")
    assert "Ерлан Сағынтайұлы Құдайбергенов" in text
    assert "held 231 days; sentence: 5 years" in text
    assert "On hunger strike since" in text and "day 12 of hunger strike" in text
    assert "Мұнайшылар кәсіподағы «Ақжайық»" in text
    assert "Pledged — overdue" in text
    assert "No letter has gone out yet." in text


def test_an_ongoing_action_says_since_when_and_its_day(demo: Demo, tmp_path: Path) -> None:
    text = written(demo, "Regular jobs for NHIS call-centre workers", tmp_path / "nhis.pdf")
    day = (TODAY - date(2021, 7, 23)).days + 1
    assert f"since 2021-07-23 (day {day})" in text and "Now and to come" in text


def test_every_sample_campaign_fits_on_two_pages(demo: Demo, tmp_path: Path) -> None:
    _, ids = demo
    for title in ids:
        path = tmp_path / f"{ids[title]}.pdf"
        written(demo, title, path)
        assert pages(path) <= 2, title


def test_the_words_are_printed_in_the_language_asked_for(demo: Demo, tmp_path: Path) -> None:
    text = written(demo, KOREA, tmp_path / "fr.pdf", language="fr")
    assert "Fiche de campagne" in text and "Chronologie" in text and "Lettres envoyées" in text
    assert "juillet 2016" in text and "date à fixer" in text  # the actions' dates in French too
    assert "Recommandé" in text and "Page 1 sur 2" in text
    korean = written(demo, KOREA, tmp_path / "ko.pdf", language="ko")
    assert "캠페인 브리핑" in korean and "보낸 서한" in korean and "1 / 2쪽" in korean
    spanish = written(demo, MANGYSTAU, tmp_path / "es.pdf", language="es")
    assert "Ficha de campaña" in spanish and "día 12 de huelga de hambre" in spanish


def test_a_campaign_far_fuller_than_the_samples_is_trimmed_to_two_pages(
    engine: Engine, tmp_path: Path
) -> None:
    with store.transaction(engine, write=True) as session:
        campaign = campaigns.create_campaign(
            session, campaigns.CampaignFields(title="A long campaign", demands=["One", "Two"])
        ).id
        for n in range(40):
            day = TODAY + timedelta(days=n * 7 - 150)
            fields = ActionFields(campaign_id=campaign, kind="rally", title=f"Rally {n}",
                                  start=day.isoformat(), location="Somewhere far away",
                                  outcome="Thousands marched; the police stood by. " * 2,
                                  )  # fmt: skip
            create_action(session, fields)
        for n in range(25):
            org = organisations.create_organisation(
                session, organisations.OrganisationFields(name=f"Affiliate {n:02}")
            ).id
            create_commitment(
                session,
                CommitmentFields(campaign_id=campaign, organisation_id=org,
                                 what=f"Pledge {n}", due_date=TODAY.isoformat()),
                today=TODAY,
            )  # fmt: skip
        brief = campaign_brief(session, campaign, TODAY)
    path = tmp_path / "long.pdf"
    path.write_bytes(brief_pdf(brief))
    text = pdftotext(path)
    assert pages(path) <= 2
    # A third of the timeline for the latest past, the rest for the nearest to come.
    assert "19 earlier actions are not shown." in text and "… and 11 more to come." in text
    assert "Rally 19" in text and "Rally 28" in text and "Rally 18 " not in text
    assert "… and 11 more commitments" in text


def test_a_character_no_font_has_stops_the_brief_before_any_file(
    engine: Engine, tmp_path: Path
) -> None:
    with store.transaction(engine, write=True) as session:
        campaign = campaigns.create_campaign(
            session, campaigns.CampaignFields(title="Hieroglyphs", demands=["Read 𓀀"])
        ).id
        with pytest.raises(FontCoverageError, match="𓀀"):
            write_brief(session, campaign, tmp_path / "out.pdf", today=TODAY)
    assert not (tmp_path / "out.pdf").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]
