"""The Calendar page driven as a user would: add by clicking a day, edit, drag to move, undo."""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

import icalendar
import pytest
from PySide6.QtCore import QDate, QPoint, Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from organiser import store
from organiser.config import set_setting
from organiser.services.actions import ActionFields, ActionView, create_action
from organiser.services.calendar import actions_between
from organiser.services.campaigns import CampaignFields, create_campaign
from organiser.ui.calendar import deleting, file_actions
from organiser.ui.calendar.action_form import ActionForm
from organiser.ui.calendar.day_form import InternationalDayForm
from organiser.ui.calendar.import_preview import ImportPreview
from organiser.ui.calendar.printing import a4_landscape, print_calendar
from organiser.ui.calendar.timeline import CampaignTimelineTab
from organiser.ui.detail_tabs import campaign_tabs
from organiser.ui.pages.calendar import AGENDA, WEEK, CalendarPage
from tests.ui.helpers import drive_form

DATA = Path(__file__).parent.parent / "data" / "ics"
NOVEMBER = date(2026, 11, 1)


@pytest.fixture
def campaign(engine: Engine) -> int:
    with store.transaction(engine) as session:
        fields = CampaignFields(title="Korean unions", country="KR", colour="#d1242f")
        return create_campaign(session, fields).id


@pytest.fixture
def page(qtbot: QtBot, engine: Engine, campaign: int) -> CalendarPage:
    widget = CalendarPage(engine)
    qtbot.addWidget(widget)
    widget.resize(1100, 760)
    widget.show()
    widget.go_to(NOVEMBER)
    return widget


def saved(engine: Engine) -> list[ActionView]:
    with store.transaction(engine) as session:
        return actions_between(session)


def _centre(page: CalendarPage, day: date) -> QPoint:
    rect = page.grid.cell_rect(day)
    return QPoint(int(rect.center().x()), int(rect.bottom() - 8))


def test_clicking_a_day_adds_an_action_on_that_day(
    page: CalendarPage, engine: Engine, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fill(form: ActionForm) -> None:
        qtbot.keyClicks(form.title_edit, "Rally in Seoul")
        form.kind.setCurrentIndex(form.kind.findData("rally"))
        form.zone.setCurrentText("Asia/Seoul")

    opened = drive_form(monkeypatch, qtbot, ActionForm, fill)
    qtbot.mouseClick(page.grid, Qt.MouseButton.LeftButton, pos=_centre(page, date(2026, 11, 14)))
    assert len(opened) == 1
    (action,) = saved(engine)
    assert (action.title, action.start_date, action.timezone) == (
        "Rally in Seoul",
        date(2026, 11, 14),
        "Asia/Seoul",
    )
    assert page.grid.chip_for(action.id, date(2026, 11, 14)) is not None


def test_a_refused_form_keeps_the_text_and_shows_the_error_at_the_field(
    page: CalendarPage, engine: Engine, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fill(form: ActionForm) -> None:
        qtbot.keyClicks(form.title_edit, "Hearing")
        form.zone.setCurrentText("Asia/Atlantis")

    opened = drive_form(monkeypatch, qtbot, ActionForm, fill)
    page.add_on(date(2026, 11, 16))
    assert "not known" in opened[0].error_text("timezone")
    assert opened[0].title_edit.text() == "Hearing" and saved(engine) == []


def _add(engine: Engine, campaign: int, **values: object) -> ActionView:
    chosen: dict[str, object] = {"campaign_id": campaign, "kind": "strike", "title": "Strike"}
    chosen.update(values)
    with store.transaction(engine) as session:
        return create_action(session, ActionFields(**chosen)).action  # type: ignore[arg-type]


def test_dragging_an_action_moves_it_and_undo_moves_it_back(
    page: CalendarPage, engine: Engine, campaign: int, qtbot: QtBot
) -> None:
    action = _add(engine, campaign, start="2026-11-11T09:00", timezone="Asia/Aqtau")
    page.refresh()
    chip = page.grid.chip_for(action.id)
    assert chip is not None
    start = chip.rect.center().toPoint()
    target = _centre(page, date(2026, 11, 19))
    qtbot.mousePress(page.grid, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(page.grid, start + QPoint(10, 10))
    qtbot.mouseMove(page.grid, target)
    qtbot.mouseRelease(page.grid, Qt.MouseButton.LeftButton, pos=target)
    (moved,) = saved(engine)
    assert moved.start_date == date(2026, 11, 19)
    assert moved.local_start() is not None and moved.local_start().hour == 9  # type: ignore[union-attr]
    assert page.grid.chip_for(action.id, date(2026, 11, 19)) is not None
    page.undo_stack.undo()
    assert saved(engine)[0].start_date == date(2026, 11, 11)
    page.undo_stack.redo()
    assert saved(engine)[0].start_date == date(2026, 11, 19)


def test_double_clicking_an_action_edits_it(
    page: CalendarPage, engine: Engine, campaign: int, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    action = _add(engine, campaign, start="2026-11-20", end="2026-11-22")
    page.refresh()

    def fill(form: ActionForm) -> None:
        form.title_edit.setText("General strike")

    drive_form(monkeypatch, qtbot, ActionForm, fill)
    chip = page.grid.chip_for(action.id, date(2026, 11, 21))
    assert chip is not None
    qtbot.mouseDClick(page.grid, Qt.MouseButton.LeftButton, pos=chip.rect.center().toPoint())
    (edited,) = saved(engine)
    assert edited.title == "General strike" and edited.end_date == date(2026, 11, 22)


def test_views_filters_today_and_overlay(page: CalendarPage, engine: Engine, campaign: int) -> None:
    _add(engine, campaign, start="2026-11-14", kind="rally", title="Rally")
    _add(engine, campaign, start="2026-11-15", status="cancelled")
    page.refresh()
    assert len(page.shown_actions) == 2
    page.kind_filter.setCurrentIndex(page.kind_filter.findData("rally"))
    assert [a.title for a in page.shown_actions] == ["Rally"]
    page.kind_filter.setCurrentIndex(0)
    page.view_choice.setCurrentIndex(AGENDA)
    assert page.views.currentWidget() is page.agenda and page.agenda.model.rowCount() == 2
    page.view_choice.setCurrentIndex(WEEK)
    page.go_to(date(2026, 11, 14))
    assert page.grid.weeks == 1 and page.grid.first == date(2026, 11, 9)
    page.go_today()
    assert page.grid.first <= date.today() <= page.grid.last_day()
    page.view_choice.setCurrentIndex(0)
    page.go_to(date(2026, 12, 1))
    assert any("Human Rights Day" in m.name for d in page.grid._marks.values() for m in d)


def test_import_preview_writes_only_when_accepted(
    page: CalendarPage,
    engine: Engine,
    campaign: int,
    monkeypatch: pytest.MonkeyPatch,
    qtbot: QtBot,
) -> None:
    from organiser.formats.ics_read import parse_calendar

    events = parse_calendar((DATA / "outlook_weekly.ics").read_bytes())
    monkeypatch.setattr(ImportPreview, "exec", lambda self: 0)
    assert not file_actions.preview_and_import(page, events)
    assert saved(engine) == []
    monkeypatch.setattr(ImportPreview, "exec", lambda self: 1)
    assert file_actions.preview_and_import(page, events)  # writes off the GUI thread
    qtbot.waitUntil(lambda: "6 new" in page.note.text())
    assert len(saved(engine)) == 6


def test_pdf_export_and_the_campaign_timeline_tab(
    page: CalendarPage, engine: Engine, campaign: int, qtbot: QtBot, tmp_path: Path
) -> None:
    _add(engine, campaign, start="2026-11-14", title="Rally")
    file_actions.write_pdf(page, tmp_path / "month.pdf")
    assert (tmp_path / "month.pdf").read_bytes().startswith(b"%PDF")
    assert file_actions.write_ics(engine, page.chosen(), "All", tmp_path / "all.ics") == 1
    assert CampaignTimelineTab in campaign_tabs()
    tab = CampaignTimelineTab(engine)
    qtbot.addWidget(tab)
    tab.show_record(campaign)
    assert tab.table.model.rowCount() == 1


def test_deleting_from_the_edit_form_asks_first(
    page: CalendarPage, engine: Engine, campaign: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    action = _add(engine, campaign, start="2026-11-20")
    answers = iter([False, True])
    monkeypatch.setattr(deleting, "confirm", lambda *args, **kwargs: next(answers))
    monkeypatch.setattr(ActionForm, "exec", lambda form: (form.delete(), form.delete(), 1)[2])
    page.edit(action)
    assert saved(engine) == []


def test_an_international_day_added_in_the_window_is_marked(
    page: CalendarPage, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fill(form: InternationalDayForm) -> None:
        qtbot.keyClicks(form.name, "Zhanaozen day")
        form.day.setDate(QDate(2026, 12, 16))

    drive_form(monkeypatch, qtbot, InternationalDayForm, fill)
    page.go_to(date(2026, 12, 1))
    page.add_day()
    names = {m.name for marks in page.grid._marks.values() for m in marks}
    assert {"Zhanaozen day", "Human Rights Day"} <= names


def test_printing_paints_the_grid_legend_and_agenda(
    page: CalendarPage, engine: Engine, campaign: int, tmp_path: Path
) -> None:
    _add(engine, campaign, start="2026-11-14", title="Rally in Seoul")
    page.refresh()
    printer = a4_landscape()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    print_calendar(printer, page.grid, page.shown_actions, page.heading.text())
    text = subprocess.run(
        ["pdftotext", str(tmp_path / "printed.pdf"), "-"], capture_output=True, text=True
    ).stdout
    assert "November 2026" in text and "Rally in Seoul" in text and "Korean unions" in text
    assert "Agenda" in text


def test_times_show_in_the_actions_zone_and_in_mine_on_demand(
    page: CalendarPage, engine: Engine, campaign: int
) -> None:
    set_setting("ui.organiser_timezone", "Europe/Berlin")
    action = _add(engine, campaign, start="2026-11-14T14:00", timezone="Asia/Seoul")
    page.refresh()
    chip = page.grid.chip_for(action.id)
    assert chip is not None and page.grid.chip_text(chip).startswith("14:00")
    page.my_zone.setChecked(True)
    chip = page.grid.chip_for(action.id)
    assert chip is not None and page.grid.chip_text(chip).startswith("06:00")


def test_in_my_zone_an_action_moves_to_the_day_it_falls_on_there(
    page: CalendarPage, engine: Engine, campaign: int
) -> None:
    """01:00 in Seoul on the 15th is 17:00 in Berlin on the 14th."""
    set_setting("ui.organiser_timezone", "Europe/Berlin")
    action = _add(engine, campaign, start="2026-11-15T01:00", timezone="Asia/Seoul")
    page.refresh()
    assert [a.id for a in page.grid.actions_on(date(2026, 11, 15))] == [action.id]
    page.my_zone.setChecked(True)
    assert page.grid.actions_on(date(2026, 11, 15)) == []
    [shown] = page.grid.actions_on(date(2026, 11, 14))
    chip = page.grid.chip_for(shown.id)
    assert chip is not None and page.grid.chip_text(chip).startswith("17:00")


def test_import_and_export_buttons_work_off_the_gui_thread(
    page: CalendarPage,
    engine: Engine,
    campaign: int,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    source = str(DATA / "outlook_weekly.ics")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args: (source, ""))
    monkeypatch.setattr(ImportPreview, "exec", lambda self: 1)
    file_actions.import_ics(page)
    qtbot.waitUntil(lambda: len(saved(engine)) == 6)
    target = tmp_path / "out.ics"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (str(target), ""))
    file_actions.export_ics(page)
    qtbot.waitUntil(lambda: "6 actions written" in page.note.text())
    events = icalendar.Calendar.from_ical(target.read_bytes()).walk("VEVENT")
    assert len(events) == 6
