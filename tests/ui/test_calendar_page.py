"""The Calendar page driven as a user would: add by clicking a day, edit, drag to move, undo."""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

import icalendar
import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from organiser import store
from organiser.config import set_setting
from organiser.services.action_import import preview_calendar_file
from organiser.services.actions import ActionFields, ActionView, create_action
from organiser.services.calendar import actions_between, marked_days
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


def test_a_click_selects_a_day_and_a_double_click_adds_an_action_on_it(
    page: CalendarPage, engine: Engine, campaign: int, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fill(form: ActionForm) -> None:
        form.campaign.setCurrentIndex(form.campaign.findData(campaign))
        qtbot.keyClicks(form.title_edit, "Rally in Seoul")
        form.kind.setCurrentIndex(form.kind.findData("rally"))
        form.zone.setCurrentText("Asia/Seoul")

    opened = drive_form(monkeypatch, qtbot, ActionForm, fill)
    at = _centre(page, date(2026, 11, 14))
    qtbot.mouseClick(page.grid, Qt.MouseButton.LeftButton, pos=at)
    assert opened == [] and page.grid.selected == date(2026, 11, 14)
    qtbot.mouseDClick(page.grid, Qt.MouseButton.LeftButton, pos=at)
    assert len(opened) == 1 and opened[0].start.text() == "2026-11-14"
    (action,) = saved(engine)
    assert (action.title, action.start_date, action.timezone) == (
        "Rally in Seoul",
        date(2026, 11, 14),
        "Asia/Seoul",
    )
    assert page.grid.chip_for(action.id, date(2026, 11, 14)) is not None


def test_new_action_goes_on_the_selected_day(
    page: CalendarPage, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl+N (the page's New action) opens the form on the day clicked before."""
    opened = drive_form(monkeypatch, qtbot, ActionForm, lambda form: None)
    qtbot.mouseClick(page.grid, Qt.MouseButton.LeftButton, pos=_centre(page, date(2026, 11, 25)))
    page.new_action.trigger()
    assert [form.start.text() for form in opened] == ["2026-11-25"]


def test_arrows_move_the_selected_day_and_enter_adds_on_it(
    page: CalendarPage, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened = drive_form(monkeypatch, qtbot, ActionForm, lambda form: None)
    qtbot.mouseClick(page.grid, Qt.MouseButton.LeftButton, pos=_centre(page, date(2026, 11, 14)))
    for key in (Qt.Key.Key_Right, Qt.Key.Key_Down, Qt.Key.Key_Left):
        qtbot.keyClick(page.grid, key)
    assert page.grid.selected == date(2026, 11, 21) and opened == []
    qtbot.keyClick(page.grid, Qt.Key.Key_Return)
    assert [form.start.text() for form in opened] == ["2026-11-21"]


def test_a_new_action_has_no_campaign_until_chosen_or_filtered_on(
    page: CalendarPage, engine: Engine, campaign: int, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    with store.transaction(engine) as session:
        other = create_campaign(session, CampaignFields(title="Kazakh oil workers")).id
    page.refresh()
    opened = drive_form(
        monkeypatch, qtbot, ActionForm, lambda form: form.title_edit.setText("Hearing")
    )
    page.add_on(date(2026, 11, 16))
    assert opened[0].campaign.currentData() is None
    assert opened[0].campaign.currentText() == "Choose a campaign…"
    assert "Choose the campaign" in opened[0].error_text("campaign_id")
    assert opened[0].title_edit.text() == "Hearing" and saved(engine) == []
    page.campaign_filter.setCurrentIndex(page.campaign_filter.findData(other))
    page.add_on(date(2026, 11, 16))
    assert opened[1].campaign.currentData() == other
    assert [a.campaign_id for a in saved(engine)] == [other]


def test_a_refused_form_keeps_the_text_and_shows_the_error_at_the_field(
    page: CalendarPage, engine: Engine, campaign: int, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fill(form: ActionForm) -> None:
        form.campaign.setCurrentIndex(form.campaign.findData(campaign))
        qtbot.keyClicks(form.title_edit, "Hearing")
        form.zone.setCurrentText("Asia/Atlantis")

    opened = drive_form(monkeypatch, qtbot, ActionForm, fill)
    page.add_on(date(2026, 11, 16))
    assert "not known" in opened[0].error_text("timezone")
    assert opened[0].title_edit.text() == "Hearing" and saved(engine) == []


@pytest.mark.parametrize(
    ("all_day", "start", "end", "field", "reason"),
    [
        (True, "2026-02-30", "", "start", "February 2026 has 28 days"),
        (True, "2026-13-01", "", "start", "there is no month 13"),
        (False, "2026-02-30 10:00", "", "start", "February 2026 has 28 days"),
        (False, "2026-11-16 25:00", "", "start", "hours go from 00 to 23"),
        (True, "2026-11-16", "2026-04-31", "end", "April 2026 has 30 days"),
        (True, "2026-11-16", "2026-11-12", "end", "before the start"),
        (False, "2026-11-16 14:00", "2026-11-16 09:00", "end", "before the start"),
    ],
)
def test_the_action_form_refuses_a_day_that_is_none_or_an_end_before_the_start(
    page: CalendarPage,
    engine: Engine,
    campaign: int,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    all_day: bool,
    start: str,
    end: str,
    field: str,
    reason: str,
) -> None:
    """What is typed is refused at its field with the reason, and kept as typed."""

    def fill(form: ActionForm) -> None:
        form.campaign.setCurrentIndex(form.campaign.findData(campaign))
        form.title_edit.setText("Hearing")
        form.all_day.setChecked(all_day)
        form.start.set_text("")
        qtbot.keyClicks(form.start.edit, start)
        qtbot.keyClicks(form.end.edit, end)

    opened = drive_form(monkeypatch, qtbot, ActionForm, fill)
    page.add_on(date(2026, 11, 16))
    form = opened[0]
    assert reason in form.error_text(field)
    assert (form.start.text(), form.end.text()) == (start, end)
    assert saved(engine) == []


def test_a_day_that_is_none_is_said_before_a_campaign_is_missing(
    page: CalendarPage, engine: Engine, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fill(form: ActionForm) -> None:
        form.title_edit.setText("Hearing")
        form.end.set_text("2026-11-31")

    opened = drive_form(monkeypatch, qtbot, ActionForm, fill)
    page.add_on(date(2026, 11, 16))
    assert "November 2026 has 30 days" in opened[0].error_text("end")
    assert opened[0].error_text("campaign_id") == "" and saved(engine) == []


def test_the_week_has_hour_rows_with_timed_actions_at_their_hour(
    page: CalendarPage, engine: Engine, campaign: int
) -> None:
    """A 14:00–16:00 action sits in the 14:00 row and spans two; all-day ones in the strip."""
    timed = _add(engine, campaign, start="2026-11-12T14:00", end="2026-11-12T16:00")
    whole_day = _add(engine, campaign, start="2026-11-12", title="Strike day")
    page.view_choice.setCurrentIndex(WEEK)
    page.go_to(date(2026, 11, 12))
    grid = page.grid
    chip = grid.chip_for(timed.id)
    assert chip is not None
    row = grid.hours.rect(date(2026, 11, 12), 14)
    assert abs(chip.rect.top() - row.top()) < 1
    assert abs(chip.rect.height() - 2 * row.height()) < 2
    assert (
        grid.hours.hour_at(chip.rect.bottomLeft() + QPointF(1, -2)) == 15
        and grid.hours.hour_at(chip.rect.topLeft() + QPointF(1, 1)) == 14
    )
    assert grid.day_at(chip.rect.center()) == date(2026, 11, 12)
    assert grid.chip_at(row.center()) == chip
    strip = grid.chip_for(whole_day.id)
    assert strip is not None and strip.rect.bottom() <= grid.hours.top()
    assert grid.hours.hour_at(strip.rect.center()) is None
    assert grid.hours.bar.maximum() > 0  # 24 rows of hours: they scroll


def test_double_clicking_an_hour_of_the_week_adds_a_timed_action_then(
    page: CalendarPage, engine: Engine, campaign: int, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fill(form: ActionForm) -> None:
        form.campaign.setCurrentIndex(form.campaign.findData(campaign))
        form.title_edit.setText("Picket")

    opened = drive_form(monkeypatch, qtbot, ActionForm, fill)
    page.view_choice.setCurrentIndex(WEEK)
    page.go_to(date(2026, 11, 12))
    page.grid.hours.scroll_to(10)
    at = page.grid.hours.rect(date(2026, 11, 12), 14).center().toPoint()
    qtbot.mouseDClick(page.grid, Qt.MouseButton.LeftButton, pos=at)
    assert not opened[0].all_day.isChecked() and opened[0].start.text() == "2026-11-12 14:00"
    (action,) = saved(engine)
    start = action.local_start()
    assert start is not None and (start.date(), start.hour) == (date(2026, 11, 12), 14)


def test_in_the_week_overlapping_actions_sit_side_by_side_and_drag_still_moves(
    page: CalendarPage, engine: Engine, campaign: int, qtbot: QtBot
) -> None:
    first = _add(engine, campaign, start="2026-11-12T09:00", end="2026-11-12T11:00")
    second = _add(engine, campaign, start="2026-11-12T10:00", end="2026-11-12T12:00")
    page.view_choice.setCurrentIndex(WEEK)
    page.go_to(date(2026, 11, 12))
    one, two = page.grid.chip_for(first.id), page.grid.chip_for(second.id)
    assert one is not None and two is not None
    assert not one.rect.intersects(two.rect) and one.rect.right() <= two.rect.left()
    start = one.rect.center().toPoint()
    target = page.grid.hours.rect(date(2026, 11, 13), 9).center().toPoint()
    qtbot.mousePress(page.grid, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(page.grid, start + QPoint(10, 10))
    qtbot.mouseMove(page.grid, target)
    qtbot.mouseRelease(page.grid, Qt.MouseButton.LeftButton, pos=target)
    moved = next(a for a in saved(engine) if a.id == first.id)
    assert moved.start_date == date(2026, 11, 13)
    page.undo_stack.undo()
    assert next(a for a in saved(engine) if a.id == first.id).start_date == date(2026, 11, 12)


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

    opened = drive_form(monkeypatch, qtbot, ActionForm, fill)
    chip = page.grid.chip_for(action.id, date(2026, 11, 21))
    assert chip is not None
    qtbot.mouseClick(page.grid, Qt.MouseButton.LeftButton, pos=chip.rect.center().toPoint())
    assert page.grid.selected == date(2026, 11, 21) and opened == []  # a click only selects
    qtbot.mouseDClick(page.grid, Qt.MouseButton.LeftButton, pos=chip.rect.center().toPoint())
    (edited,) = saved(engine)
    assert edited.title == "General strike" and edited.end_date == date(2026, 11, 22)


def test_views_filters_today_and_overlay(
    qtbot: QtBot, page: CalendarPage, engine: Engine, campaign: int
) -> None:
    _add(engine, campaign, start="2026-11-14", kind="rally", title="Rally")
    _add(engine, campaign, start="2026-11-15", status="cancelled")
    page.refresh()
    assert len(page.shown_actions) == 2
    page.kind_filter.setCurrentIndex(page.kind_filter.findData("rally"))
    assert [a.title for a in page.shown_actions] == ["Rally"]
    page.kind_filter.setCurrentIndex(0)
    page.view_choice.setCurrentIndex(AGENDA)
    qtbot.waitUntil(page.settled, timeout=5_000)  # read off the GUI thread
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
    with store.transaction(engine) as session:
        preview = preview_calendar_file(session, DATA / "outlook_weekly.ics", "UTC")
    monkeypatch.setattr(ImportPreview, "exec", lambda self: 0)
    assert not file_actions.preview_and_import(page, engine, preview, None, page._imported)
    assert saved(engine) == []
    monkeypatch.setattr(ImportPreview, "exec", lambda self: 1)
    # writes off the GUI thread
    assert file_actions.preview_and_import(page, engine, preview, campaign, page._imported)
    qtbot.waitUntil(lambda: "6 new" in page.note.text())
    assert len(saved(engine)) == 6


def test_pdf_export_and_the_campaign_timeline_tab(
    page: CalendarPage,
    engine: Engine,
    campaign: int,
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _add(engine, campaign, start="2026-11-14", title="Rally")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: (str(tmp_path / "m.pdf"), ""))
    page.export_pdf()
    assert (tmp_path / "m.pdf").read_bytes().startswith(b"%PDF")
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
        qtbot.keyClicks(form.day, "12-16")

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
    page.campaign_filter.setCurrentIndex(page.campaign_filter.findData(campaign))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args: (source, ""))
    monkeypatch.setattr(ImportPreview, "exec", lambda self: 1)
    page.import_ics()
    qtbot.waitUntil(lambda: len(saved(engine)) == 6)
    target = tmp_path / "out.ics"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (str(target), ""))
    page.export_ics()
    qtbot.waitUntil(lambda: "6 actions written" in page.note.text())
    events = icalendar.Calendar.from_ical(target.read_bytes()).walk("VEVENT")
    assert len(events) == 6


def test_the_import_preview_refuses_to_import_into_no_campaign(qtbot: QtBot, campaign: int) -> None:
    """Without a filtered campaign none is chosen; Import says so at the campaign field."""
    dialog = ImportPreview([], [(campaign, "Korean unions")], None)
    qtbot.addWidget(dialog)
    assert dialog.campaign_id() is None and dialog.campaign.currentText() == "Choose a campaign…"
    dialog.import_button.click()
    assert dialog.result() != 1 and "Choose the campaign" in dialog.campaign_error.text()
    assert not dialog.campaign_error.isHidden()
    dialog.campaign.setCurrentIndex(dialog.campaign.findData(campaign))
    dialog.import_button.click()
    assert dialog.result() == 1 and dialog.campaign_id() == campaign
    filtered = ImportPreview([], [(campaign, "Korean unions")], campaign)
    qtbot.addWidget(filtered)
    assert filtered.campaign_id() == campaign


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("18 December", "write it as MM-DD"),
        ("02-30", "February has at most 29 days"),
        ("04-31", "April has 30 days"),
        ("13-01", "there is no month 13"),
    ],
)
def test_an_international_day_that_is_none_is_refused_at_the_field(
    engine: Engine, qtbot: QtBot, typed: str, reason: str
) -> None:
    form = InternationalDayForm(engine)
    qtbot.addWidget(form)
    form.name.setText("Day")
    qtbot.keyClicks(form.day, typed)
    form.submit()
    assert reason in form.error_text("day") and form.day.text() == typed
    assert form.result_value is None
    assert "MM-DD" in form.day.placeholderText()


def test_the_29th_of_february_is_an_international_day(engine: Engine, qtbot: QtBot) -> None:
    form = InternationalDayForm(engine)
    qtbot.addWidget(form)
    form.name.setText("Leap day of action")
    form.day.setText("02-29")
    form.submit()
    assert form.error_text("day") == "" and form.result_value is not None
    with store.transaction(engine) as session:
        marks = marked_days(session, date(2028, 2, 1), date(2028, 2, 29), anniversaries=False)
    assert [(m.day, m.name) for m in marks] == [(date(2028, 2, 29), "Leap day of action")]
