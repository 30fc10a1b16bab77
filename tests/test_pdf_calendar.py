"""The printable month: A4 landscape, each day's actions, Hangul and Cyrillic kept, an agenda."""

from __future__ import annotations

import subprocess
from datetime import UTC, date, datetime
from pathlib import Path

from pypdf import PdfReader

from organiser.pdf.calendar import MarkedDayText, month_pdf
from organiser.services.actions import ActionView


def _action(title: str, day: int, colour: str = "#d1242f", timed: bool = False) -> ActionView:
    start = datetime(2026, 11, day, 5, 0, tzinfo=UTC) if timed else None
    return ActionView(
        id=day,
        uuid=f"{day:036d}",
        campaign_id=1,
        campaign_title="민주노총 탄압 중단",
        campaign_colour=colour,
        campaign_country="KR",
        kind="rally",
        title=title,  # type: ignore[arg-type]
        all_day=not timed,
        start_date=date(2026, 11, day),
        end_date=date(2026, 11, day),
        starts_at=start,
        ends_at=None,
        timezone="Asia/Seoul",
        location="Seoul",
        status="planned",
        notes="",
        ical_uid=None,
        version=1,  # type: ignore[arg-type]
    )


def test_month_pdf_is_a4_landscape_with_actions_scripts_marks_and_agenda(tmp_path: Path) -> None:
    actions = [_action("민중총궐기 rally", 14, timed=True), _action("Ереуіл <strike> & R&D", 11)]
    marks = [MarkedDayText(date(2026, 11, 22), "Anniversary")]
    data = month_pdf(2026, 11, actions, marks, "Korea")
    path = tmp_path / "month.pdf"
    path.write_bytes(data)
    page = PdfReader(path).pages[0]
    assert float(page.mediabox.width) > float(page.mediabox.height)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout
    for expected in (
        "November 2026",
        "14:00 민중총궐기 rally",
        "Ереуіл <strike> & R&D",
        "Anniversary",
        "민주노총 탄압 중단",
        "Agenda",
    ):
        assert expected in text
