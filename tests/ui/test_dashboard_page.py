"""The Dashboard page on the sample data, driven as a person would: it is the first page, each
section lists what the service finds, a click or Return on an item of each kind opens that
record on its page, the reminders' badge counts those due, and no item is cut at the bottom
of its box."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidgetItem
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from organiser import store
from organiser.services import campaigns, reminders
from organiser.services.dashboard import SECTION_LIMIT, dashboard
from organiser.ui.calendar.action_form import ActionForm
from organiser.ui.calendar.zones import organiser_zone
from organiser.ui.commitments.form import CommitmentForm
from organiser.ui.dashboard.section import DashboardSection, ItemList
from organiser.ui.letters.editor import LetterEditor
from organiser.ui.main_window import MainWindow
from organiser.ui.pages.calendar import CalendarPage
from organiser.ui.pages.campaigns import CampaignsPage
from organiser.ui.pages.commitments import CommitmentsPage
from organiser.ui.pages.dashboard import DashboardPage
from organiser.ui.pages.letters import LettersPage
from organiser.ui.pages.people_at_risk import PeopleAtRiskPage
from organiser.ui.reminders.dialog import ReminderDialog
from tests.ui.helpers import dashboard_read, drive_form


def opened_forms(monkeypatch: pytest.MonkeyPatch, form_class: type[Any]) -> list[Any]:
    """The form's exec() records the form and returns Cancel instead of blocking."""
    opened: list[Any] = []

    def fake_exec(form: Any) -> int:
        opened.append(form)
        return 0

    monkeypatch.setattr(form_class, "exec", fake_exec)
    return opened


def dashboard_of(window: MainWindow) -> DashboardPage:
    page = window.stack.currentWidget()
    assert isinstance(page, DashboardPage)
    return dashboard_read(page)  # its sections are read off the GUI thread


def click(qtbot: QtBot, items: ItemList, row: int) -> None:
    item = items.item(row)
    qtbot.mouseClick(
        items.viewport(), Qt.MouseButton.LeftButton, pos=items.visualItemRect(item).center()
    )


def press_return(qtbot: QtBot, items: ItemList, row: int) -> None:
    items.setFocus()
    items.setCurrentRow(row)
    qtbot.keyClick(items, Qt.Key.Key_Return)


def add_due_reminder(engine: Engine, note: str = "", **target: int) -> int:
    """A reminder an hour ago, of the record named (action_id=…, commitment_id=…, letter_id=…)."""
    at = datetime.now(UTC).replace(second=0, microsecond=0) - timedelta(hours=1)
    with store.transaction(engine, write=True) as session:
        fields = reminders.ReminderFields(at=at, note=note, **target)
        return reminders.add_reminder(session, fields).id


def item_with(section: DashboardSection, kind: str, record_id: int) -> int:
    return section.entries().index((kind, record_id))


def test_the_dashboard_is_the_first_page_on_start(demo: Engine, window: MainWindow) -> None:
    assert window.sidebar.currentRow() == 0
    page = dashboard_of(window)
    assert page.layers.currentWidget() is page.overview  # the demo's data, not the welcome


def test_each_section_lists_what_the_service_finds(demo: Engine, window: MainWindow) -> None:
    page = dashboard_of(window)
    summary = dashboard(demo, zone=organiser_zone())
    expected = {
        page.upcoming: summary.upcoming,
        page.overdue: summary.overdue,
        page.due_this_week: summary.due_this_week,
        page.idle_campaigns: summary.campaigns_without_action,
        page.people: summary.people_at_risk,
        page.unsent: summary.unsent_letters,
        page.awaiting: summary.awaiting_reply,
    }
    for widget, section in expected.items():
        assert widget.entries() == [(i.kind, i.id) for i in section.items], widget.title
        assert f"({section.total})" in widget.heading.text(), widget.title
        assert widget.empty.isVisibleTo(page) == (section.total == 0), widget.title
    assert summary.upcoming.total and summary.overdue.total and summary.people_at_risk.total
    assert page.overdue.list.item(0).text().count("\n") == 1  # its title, then when and where


def test_a_click_on_an_action_opens_it_in_its_form_on_the_calendar(
    demo: Engine, window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    forms = opened_forms(monkeypatch, ActionForm)
    page = dashboard_of(window)
    kind, action_id = page.upcoming.entries()[1]
    click(qtbot, page.upcoming.list, 1)
    assert kind == "action"
    assert isinstance(window.stack.currentWidget(), CalendarPage)
    assert [form.action.id for form in forms] == [action_id]


def test_return_on_an_overdue_commitment_selects_and_opens_it(
    demo: Engine, window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    forms = opened_forms(monkeypatch, CommitmentForm)
    page = dashboard_of(window)
    kind, commitment_id = page.overdue.entries()[-1]
    press_return(qtbot, page.overdue.list, page.overdue.list.count() - 1)
    assert kind == "commitment"
    shown = window.stack.currentWidget()
    assert isinstance(shown, CommitmentsPage)
    selected = shown.table.selected()
    assert selected is not None and selected.id == commitment_id
    assert [form.existing.id for form in forms] == [commitment_id]


def test_an_unsent_letter_opens_in_its_editor_and_a_sent_one_is_selected(
    demo: Engine, window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    editors = opened_forms(monkeypatch, LetterEditor)
    page = dashboard_of(window)
    _kind, draft_id = page.unsent.entries()[0]
    click(qtbot, page.unsent.list, 0)
    letters_page = window.stack.currentWidget()
    assert isinstance(letters_page, LettersPage)
    assert [editor.letter.id for editor in editors] == [draft_id]
    window.sidebar.setCurrentRow(0)
    _kind, sent_id = page.awaiting.entries()[0]
    press_return(qtbot, page.awaiting.list, 0)
    assert window.stack.currentWidget() is letters_page
    selected = letters_page.table.selected()
    assert selected is not None and selected.id == sent_id
    assert len(editors) == 1  # a sent letter is not edited: it is shown selected


def test_a_campaign_with_nothing_planned_is_selected_on_the_campaigns_page(
    demo: Engine, qtbot: QtBot
) -> None:
    with store.transaction(demo, write=True) as session:
        idle = campaigns.create_campaign(session, campaigns.CampaignFields(title="Quiet one")).id
    window = MainWindow(demo)
    qtbot.addWidget(window)
    window.show()
    page = dashboard_of(window)
    row = item_with(page.idle_campaigns, "campaign", idle)
    click(qtbot, page.idle_campaigns.list, row)
    shown = window.stack.currentWidget()
    assert isinstance(shown, CampaignsPage)
    selected = shown.table.selected()
    assert selected is not None and selected.id == idle


def test_a_person_held_is_selected_on_the_people_at_risk_page(
    demo: Engine, window: MainWindow, qtbot: QtBot
) -> None:
    page = dashboard_of(window)
    kind, person_id = page.people.entries()[-1]
    click(qtbot, page.people.list, page.people.list.count() - 1)
    assert kind == "person"
    shown = window.stack.currentWidget()
    assert isinstance(shown, PeopleAtRiskPage)
    selected = shown.table.selected()
    assert selected is not None and selected.person_id == person_id


def test_a_reminder_opens_the_record_it_is_of(
    demo: Engine, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    forms = opened_forms(monkeypatch, CommitmentForm)
    add_due_reminder(demo, "ring them", commitment_id=3)
    window = MainWindow(demo)
    qtbot.addWidget(window)
    window.show()
    page = dashboard_of(window)
    assert page.reminders.entries() == [("commitment", 3)]
    assert "ring them" in page.reminders.list.item(0).text()
    click(qtbot, page.reminders.list, 0)
    assert isinstance(window.stack.currentWidget(), CommitmentsPage)
    assert [form.existing.id for form in forms] == [3]


def menu_action(page: DashboardPage, section: DashboardSection, row: int, text: str) -> Any:
    entry = section.list.item(row).data(Qt.ItemDataRole.UserRole + 2)
    return next(a for a in page.menu_actions(entry) if a.text() == text)


def test_the_badge_counts_the_reminders_due_and_follows_one_done(
    demo: Engine, qtbot: QtBot
) -> None:
    first = add_due_reminder(demo, commitment_id=3)
    add_due_reminder(demo, letter_id=1)
    with store.transaction(demo, write=True) as session:  # not due yet: not counted
        later = datetime.now(UTC) + timedelta(days=3)
        reminders.add_reminder(session, reminders.ReminderFields(action_id=1, at=later))
    window = MainWindow(demo)
    qtbot.addWidget(window)
    window.show()
    page = dashboard_of(window)
    assert page.reminders.badge.isVisible() and page.reminders.badge.text() == "2"
    row = item_with(page.reminders, "commitment", 3)
    menu_action(page, page.reminders, row, "Done").trigger()
    dashboard_read(page)
    assert page.reminders.badge.text() == "1"
    assert page.reminders.entries() == [("letter", 1)]
    with store.transaction(demo) as session:
        done = [r for r in reminders.list_reminders(session, include_done=True) if r.id == first]
    assert done[0].done_at is not None


def fully_shown(items: ItemList) -> list[bool]:
    """Whether each item's every line is inside the list's visible area."""
    height = items.viewport().height()

    def inside(item: QListWidgetItem) -> bool:
        return items.visualItemRect(item).bottom() < height

    return [inside(items.item(row)) for row in range(items.count())]


def every_section_fully_shown(page: DashboardPage) -> Callable[[], None]:
    def check() -> None:
        for section in page.sections():
            assert all(fully_shown(section.list)), section.title

    return check


def test_no_item_is_cut_at_the_bottom_of_its_box(
    demo: Engine, window: MainWindow, qtbot: QtBot
) -> None:
    page = dashboard_of(window)
    qtbot.waitUntil(every_section_fully_shown(page))
    window.resize(1366, 768)
    font = page.font()
    font.setPointSize(font.pointSize() + 3)  # a larger font: taller rows, fitted again
    page.setFont(font)
    qtbot.waitUntil(every_section_fully_shown(page))


def test_a_long_section_shows_its_first_items_whole_and_says_how_many_more(
    demo: Engine, qtbot: QtBot
) -> None:
    for n in range(SECTION_LIMIT + 3):
        add_due_reminder(demo, f"call number {n}", letter_id=1)
    window = MainWindow(demo)
    qtbot.addWidget(window)
    window.show()
    page = dashboard_of(window)
    assert page.reminders.list.count() == SECTION_LIMIT
    assert page.reminders.more.isVisible() and "3 more" in page.reminders.more.text()
    assert page.reminders.badge.text() == str(SECTION_LIMIT + 3)
    qtbot.waitUntil(every_section_fully_shown(page))


def test_remind_me_on_an_item_saves_a_reminder_of_it_and_the_badge_counts_it(
    demo: Engine, window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    def yesterday(form: ReminderDialog) -> None:
        form.at.setDateTime(form.at.dateTime().addDays(-2))  # it offers tomorrow: due already

    forms = drive_form(monkeypatch, qtbot, ReminderDialog, yesterday)
    page = dashboard_of(window)
    _kind, commitment_id = page.overdue.entries()[0]
    menu_action(page, page.overdue, 0, "Remind me…").trigger()
    assert len(forms) == 1
    with store.transaction(demo) as session:
        [saved] = reminders.list_reminders(session)
    assert (saved.target_kind, saved.target_id) == ("commitment", commitment_id)
    dashboard_read(page)
    assert page.reminders.badge.text() == "1"
    assert page.reminders.entries() == [("commitment", commitment_id)]
    entry = page.people.list.item(0).data(Qt.ItemDataRole.UserRole + 2)
    assert [a.text() for a in page.menu_actions(entry)] == ["Open"]  # a person: no reminder
