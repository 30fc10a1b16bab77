"""The calendar's use cases as both doors call them: a month's sheet and its PDF, the .ics export,
and an .ics file read, previewed and imported."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from pathlib import Path

import icalendar
import pytest
from sqlalchemy import Engine

from organiser import store
from organiser.config import set_setting
from organiser.errors import NotFound, ValidationError
from organiser.services import action_import, calendar_output
from organiser.services.actions import ActionFields, create_action
from organiser.services.calendar import ActionFilter, actions_between
from organiser.services.campaigns import CampaignFields, create_campaign
from organiser.services.paper_options import PaperOptions

DATA = Path(__file__).parent / "data" / "ics"


def _campaign(engine: Engine, title: str = "Korean unions") -> int:
    with store.transaction(engine) as session:
        campaign = create_campaign(session, CampaignFields(title=title, country="KR")).id
        create_action(session, ActionFields(campaign, "rally", f"Rally for {title}", "2026-11-14"))
    return campaign


def test_a_month_sheet_is_its_six_weeks_with_the_chosen_campaigns_title(engine: Engine) -> None:
    korea = _campaign(engine)
    _campaign(engine, "Mangystau oil workers")
    with store.transaction(engine) as session:
        every = calendar_output.month_sheet(session, date(2026, 11, 20))
        one = calendar_output.month_sheet(
            session, date(2026, 11, 20), ActionFilter(campaign_ids=(korea,))
        )
    assert (every.month, every.first, every.last) == (
        date(2026, 11, 1),
        date(2026, 10, 26),
        date(2026, 12, 6),
    )
    assert every.heading == "" and len(every.actions) == 2
    assert one.heading == "Korean unions" and [a.title for a in one.actions] == [
        "Rally for Korean unions"
    ]
    with store.transaction(engine) as session:
        december = calendar_output.month_sheet(session, date(2026, 12, 1))
    assert any(mark.name == "Human Rights Day" for mark in december.marks)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
def test_the_month_pdf_is_written_with_its_heading(engine: Engine, tmp_path: Path) -> None:
    korea = _campaign(engine)
    path = tmp_path / "month.pdf"
    with store.transaction(engine) as session:
        calendar_output.write_month_pdf(
            session, path, date(2026, 11, 1), ActionFilter(campaign_ids=(korea,))
        )
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "November 2026 — Korean unions" in text and "Rally for Korean unions" in text


def test_a_month_of_a_campaign_that_does_not_exist_is_refused(engine: Engine) -> None:
    with store.transaction(engine) as session, pytest.raises(NotFound):
        calendar_output.month_sheet(session, date(2026, 11, 1), ActionFilter(campaign_ids=(9,)))


def test_the_ics_export_is_named_after_its_one_campaign_or_all(
    engine: Engine, tmp_path: Path
) -> None:
    korea = _campaign(engine)
    _campaign(engine, "Mangystau oil workers")
    with store.transaction(engine) as session:
        every = calendar_output.write_ics(session, tmp_path / "all.ics")
        one = calendar_output.write_ics(
            session, tmp_path / "one.ics", ActionFilter(campaign_ids=(korea,))
        )
        named = calendar_output.write_ics(session, tmp_path / "named.ics", name="All campaigns")
        none = calendar_output.write_ics(
            session, tmp_path / "none.ics", first=date(2027, 1, 1), last=date(2027, 1, 31)
        )
    assert (every, one, named, none) == (2, 1, 2, 0)

    def name(file: str) -> str:
        return str(icalendar.Calendar.from_ical((tmp_path / file).read_bytes())["X-WR-CALNAME"])

    assert name("all.ics") == calendar_output.ALL_CAMPAIGNS
    assert name("one.ics") == "Korean unions" and name("named.ics") == "All campaigns"


def test_a_range_that_ends_before_it_starts_is_refused(engine: Engine, tmp_path: Path) -> None:
    with store.transaction(engine) as session, pytest.raises(ValidationError) as refused:
        calendar_output.write_ics(
            session, tmp_path / "x.ics", None, date(2026, 2, 1), date(2026, 1, 1)
        )
    assert refused.value.field == "to" and not (tmp_path / "x.ics").exists()


def test_the_paper_options_are_read_from_the_settings() -> None:
    assert PaperOptions.from_settings() == PaperOptions(())
    set_setting("pdf.extra_fonts", ["/fonts/a.ttf"])
    assert PaperOptions.from_settings().extra_fonts == ("/fonts/a.ttf",)


def test_a_calendar_file_is_previewed_then_imported_then_previewed_as_updates(
    engine: Engine,
) -> None:
    campaign = _campaign(engine)
    with store.transaction(engine) as session:
        preview = action_import.preview_calendar_file(session, DATA / "outlook_weekly.ics", "UTC")
    assert (preview.new_count, preview.update_count) == (6, 0)
    assert preview.campaigns == [(campaign, "Korean unions")]
    assert preview.read.source == "outlook_weekly.ics"
    with store.transaction(engine) as session:
        assert len(actions_between(session)) == 1  # the preview wrote nothing
    result = action_import.import_read(engine, campaign, preview.read)
    assert (result.created, result.updated) == (6, 0)
    with store.transaction(engine) as session:
        again = action_import.preview_calendar_file(session, DATA / "outlook_weekly.ics", "UTC")
    assert (again.new_count, again.update_count) == (0, 6)


def test_an_unreadable_file_or_an_unknown_campaign_is_refused_before_anything(
    engine: Engine, tmp_path: Path
) -> None:
    with pytest.raises(ValidationError) as refused:
        action_import.read_calendar(tmp_path / "missing.ics", "UTC")
    assert refused.value.field == "file" and "missing.ics" in str(refused.value)
    read = action_import.read_calendar(DATA / "outlook_weekly.ics", "UTC")
    with store.transaction(engine) as session, pytest.raises(NotFound):
        action_import.preview_read(session, read, campaign_id=9)
    with pytest.raises(NotFound):
        action_import.import_read(engine, 9, read)
    with store.transaction(engine) as session:
        assert actions_between(session) == []
