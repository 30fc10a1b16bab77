"""The People at risk page, its history pane, the situation form and a campaign's tab, driven
with qtbot on the sample data: rows, day counts as shown, history, a bad date refused."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from organiser import store
from organiser.services import calendar, campaigns
from organiser.services import organisations as orgs
from organiser.ui.calendar.action_form import ActionForm
from organiser.ui.dialogs.organisation_form import PersonForm
from organiser.ui.dialogs.situation_form import SituationForm
from organiser.ui.main_window import MainWindow
from organiser.ui.pages.dashboard import DashboardPage
from organiser.ui.pages.people_at_risk import PeopleAtRiskPage
from organiser.ui.people import history as history_module
from organiser.ui.people.campaign_tab import CampaignPeopleAtRiskTab
from organiser.ui.table_model import RecordTableModel
from tests.ui.helpers import drive_form


def texts(model: RecordTableModel[object]) -> list[list[str]]:
    return [
        [
            str(model.data(model.index(row, column), Qt.ItemDataRole.DisplayRole))
            for column in range(model.columnCount())
        ]
        for row in range(model.rowCount())
    ]


def make_page(qtbot: QtBot, engine: Engine) -> PeopleAtRiskPage:
    page = PeopleAtRiskPage(engine)
    qtbot.addWidget(page)
    return page


def test_the_page_lists_who_is_held_or_on_hunger_strike_with_the_day_counts(
    qtbot: QtBot, demo: Engine
) -> None:
    page = make_page(qtbot, demo)
    rows = texts(page.table.model)
    assert [row[:3] for row in rows] == [
        ["Ерлан Сағынтайұлы Құдайбергенов", "Sentenced", "held 231 days of 5 years"],
        ["the union's deputy chair (орынбасар)", "On hunger strike", "day 12 of hunger strike"],
    ]
    appeal = (date.today() + timedelta(days=3)).isoformat()
    assert rows[0][4] == f"{appeal} — Appeal hearing"
    assert rows[0][5] == "Right to strike for Mangystau oil workers"
    # the first row is chosen: its history below, oldest first, with the custody's count
    history = texts(page.history.table.model)
    assert [(row[0], row[3]) for row in history] == [
        ("Detained", "held 231 days of 5 years"),
        ("Sentenced", "held 231 days of 5 years"),
    ]
    assert page.history.heading.text() == (
        "History of Ерлан Сағынтайұлы Құдайбергенов — held 231 days of 5 years"
    )


def test_everyone_shows_the_history_of_those_no_longer_held(qtbot: QtBot, demo: Engine) -> None:
    page = make_page(qtbot, demo)
    page.everyone.setChecked(True)
    names = [row[0] for row in texts(page.table.model)]
    assert "Han Sang-gyun (한상균)" in names and len(names) == 5
    assert page.table.select_where(lambda row: row.person_name.startswith("Han"))
    history = texts(page.history.table.model)
    assert [(row[0], row[1], row[3], row[5]) for row in history] == [
        ("Arrested", "2015-12-10", "", ""),
        ("Sentenced", "2016-07-04", "", "5 years in prison"),
        ("Released", "2018-05-21", "", ""),
    ]
    assert "July 2016 — Sentencing of Han Sang-gyun" in history[1][7]  # dated to its month
    page.table.filter_edit.setText("NHIS")
    assert page.table.proxy.rowCount() == 1  # only the NHIS branch's vice-chair


def test_a_new_situation_shows_on_its_first_day(
    qtbot: QtBot, engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    with store.transaction(engine, write=True) as session:
        person = orgs.create_person(
            session, orgs.PersonFields(role="the branch's first vice-chair")
        )
    page = make_page(qtbot, engine)
    assert page.table.model.rowCount() == 0 and not page.empty.isHidden()
    form = SituationForm(engine, None, person.id, parent=page)
    qtbot.addWidget(form)
    form.kind.setCurrentIndex(form.kind.findData("on-hunger-strike"))
    form.since.set_text("2026-02-30")
    assert form.since.problem()  # marked at the field as typed
    assert not form.submit()
    assert "February 2026 has 28 days" in form.error_text("since")
    form.since.set_value(date.today())
    assert form.submit()
    page.refresh()
    [row] = texts(page.table.model)
    assert row[:3] == [
        "the branch's first vice-chair",
        "On hunger strike",
        "day 1 of hunger strike",
    ]
    # deleted from the history, to the trash, and undone
    monkeypatch.setattr(history_module, "confirm", lambda *args, **kwargs: True)
    page.history.table.view.selectRow(0)
    page.history.delete_situation()
    assert page.table.model.rowCount() == 0
    page.undo_stack.undo()
    assert page.table.model.rowCount() == 1


def test_editing_links_a_hearing_and_undo_takes_it_back(
    qtbot: QtBot, demo: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = make_page(qtbot, demo)
    assert page.table.select_where(lambda row: row.hunger_strike_day is not None)

    def link_the_appeal(form: SituationForm) -> None:
        items = [form.hearings.item(row) for row in range(form.hearings.count())]
        appeal = next(item for item in items if "Appeal hearing" in item.text())
        appeal.setCheckState(Qt.CheckState.Checked)
        form.lawyer.setText("Aigerim")

    opened = drive_form(monkeypatch, qtbot, SituationForm, link_the_appeal)
    page.edit_action.trigger()  # Edit situation: the person's situation of now
    assert len(opened) == 1
    selected = page.table.selected()
    assert selected is not None and selected.next_hearing is not None
    assert selected.next_hearing.title == "Appeal hearing"
    assert page.undo_stack.count() == 1
    page.undo_stack.undo()
    selected = page.table.selected()
    assert selected is not None and selected.next_hearing is None


def test_a_campaigns_tab_lists_its_people_at_risk(qtbot: QtBot, demo: Engine) -> None:
    with store.transaction(demo) as session:
        by_title = {c.title: c.id for c in campaigns.list_campaigns(session)}
    tab = CampaignPeopleAtRiskTab(demo)
    qtbot.addWidget(tab)
    tab.show_record(by_title["Right to strike for Mangystau oil workers"])
    assert [row[2] for row in texts(tab.table.model)] == [
        "held 231 days of 5 years", "day 12 of hunger strike"
    ]  # fmt: skip
    assert tab.history.table.model.rowCount() == 2
    tab.show_record(by_title["Stop the crackdown on Korean unions"])
    assert tab.table.model.rowCount() == 0  # all released or served
    tab.everyone.setChecked(True)
    assert {row[0] for row in texts(tab.table.model)} == {
        "Han Sang-gyun (한상균)", "Cho Sung-deok (조성덕)"
    }  # fmt: skip


def test_the_window_opens_the_page_with_its_shortcut(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClick(window, Qt.Key.Key_7, Qt.KeyboardModifier.ControlModifier)
    assert isinstance(window.stack.currentWidget(), PeopleAtRiskPage)


def test_the_person_form_takes_a_role_for_someone_not_known_by_name(
    qtbot: QtBot, engine: Engine
) -> None:
    form = PersonForm(engine)
    qtbot.addWidget(form)
    assert not form.submit()
    assert "role" in form.error_text("name")
    form.role.setText("the branch's first vice-chair")
    assert form.submit()
    assert (form.result_value.name, form.result_value.display_name) == (
        "",
        "the branch's first vice-chair",
    )


def test_the_dashboard_names_the_people_at_risk_with_their_days(qtbot: QtBot, demo: Engine) -> None:
    page = DashboardPage(demo)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: page.summary is not None)  # read off the GUI thread
    section = page.people
    assert "(2)" in section.heading.text()
    text = "\n".join(section.list.item(row).text() for row in range(section.list.count()))
    assert "held 231 days of 5 years" in text and "day 12 of hunger strike" in text


def test_a_new_hearing_goes_on_the_calendar_and_becomes_the_next_hearing(
    qtbot: QtBot, demo: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = make_page(qtbot, demo)
    assert page.table.select_where(lambda row: row.hunger_strike_day is not None)
    page.history.table.view.selectRow(0)
    day = date.today() + timedelta(days=5)

    def on_that_day(form: ActionForm) -> None:
        form.start.set_value(day)

    opened = drive_form(monkeypatch, qtbot, ActionForm, on_that_day)
    page.history.add_hearing()
    [form] = opened
    assert form.kind.currentData() == "court-hearing"
    selected = page.table.selected()
    assert selected is not None and selected.next_hearing is not None
    name = "the union's deputy chair (орынбасар)"
    assert (selected.next_hearing.title, selected.next_hearing.start_date) == (
        f"Hearing of {name}",
        day,
    )
    with store.transaction(demo) as session:
        on_calendar = calendar.actions_between(session, day, day)
    assert f"Hearing of {name}" in [action.title for action in on_calendar]
