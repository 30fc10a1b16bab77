"""Deleting in the window goes to the trash: Ctrl+Z brings it back, Edit › Undo names it, and
Edit › Trash restores and empties."""

from __future__ import annotations

from typing import TypeVar

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from organiser import store
from organiser.services import campaigns, commitments, letters, trash
from organiser.services import organisations as orgs
from organiser.services.actions import get_action
from organiser.services.editing import fields_from
from organiser.ui.calendar import deleting
from organiser.ui.calendar.action_form import ActionForm
from organiser.ui.commitments.form import CommitmentForm
from organiser.ui.dialogs import trash_dialog
from organiser.ui.dialogs.campaign_form import CampaignForm
from organiser.ui.dialogs.organisation_form import PersonForm
from organiser.ui.dialogs.trash_dialog import TrashDialog
from organiser.ui.letters.editor import LetterEditor
from organiser.ui.main_window import MainWindow
from organiser.ui.pages import commitments as commitments_page
from organiser.ui.pages import people_tab, records
from organiser.ui.pages.base import Page
from organiser.ui.pages.calendar import CalendarPage
from organiser.ui.pages.campaigns import CampaignsPage
from organiser.ui.pages.commitments import CommitmentsPage
from organiser.ui.pages.letters import LettersPage
from organiser.ui.pages.organisations import OrganisationsPage
from tests.trash_world import TrashWorld, all_rows, make_trash_world
from tests.ui.helpers import drive_form


@pytest.fixture
def world(engine: Engine) -> TrashWorld:
    return make_trash_world(engine)


@pytest.fixture(autouse=True)
def _say_yes(monkeypatch: pytest.MonkeyPatch) -> None:
    for module in (records, commitments_page, deleting, trash_dialog):
        monkeypatch.setattr(module, "confirm", lambda *_args, **_kw: True)


def _in_trash(engine: Engine) -> list[trash.TrashView]:
    with store.transaction(engine) as session:
        return trash.list_trash(session)


@pytest.mark.parametrize(
    ("page_class", "text"),
    [
        (CampaignsPage, "Undo delete campaign “Free the strikers”"),
        (OrganisationsPage, "Undo delete organisation “IndustriALL”"),
    ],
)
def test_delete_in_a_page_then_ctrl_z_brings_it_back(
    qtbot: QtBot, window: MainWindow, engine: Engine, world: TrashWorld, page_class, text
) -> None:
    before = all_rows(engine)
    window.show_page(page_class)
    page = window.page(page_class)
    assert isinstance(page, records.RecordsPage)
    assert page.table.select_where(lambda row: row.id in (world.campaign_id, world.organisation_id))
    label = page.row_label(page.table.selected())
    window.menus.delete_command.trigger()
    assert [e.label for e in _in_trash(engine)] == [label]
    assert all_rows(engine) != before
    assert window.menus.undo_action.isEnabled()
    assert window.menus.undo_action.text() == text
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert all_rows(engine) == before
    assert _in_trash(engine) == []
    assert page.table.select_where(lambda row: page.row_label(row) == label)
    window.menus.redo_action.trigger()  # and redo deletes it again
    assert [e.label for e in _in_trash(engine)] == [label]


def test_deleting_a_commitment_is_undone_too(
    qtbot: QtBot, window: MainWindow, engine: Engine, world: TrashWorld
) -> None:
    before = all_rows(engine)
    window.show_page(CommitmentsPage)
    page = window.page(CommitmentsPage)
    assert isinstance(page, CommitmentsPage)
    qtbot.waitUntil(lambda: page.table.select_where(lambda c: c.id == world.commitment_id))
    page.delete_selected()
    assert window.menus.undo_action.text() == "Undo delete commitment “Send a delegation”"
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert all_rows(engine) == before


def test_an_undo_that_cannot_restore_says_why(
    qtbot: QtBot,
    window: MainWindow,
    engine: Engine,
    world: TrashWorld,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(records, "show_error", lambda _p, _t, message: shown.append(message))
    window.show_page(CampaignsPage)
    page = window.page(CampaignsPage)
    assert isinstance(page, CampaignsPage)
    page.table.select_where(lambda row: row.id == world.campaign_id)
    page.delete_selected()
    with store.transaction(engine) as session:
        trash.empty_trash(session)
    window.menus.undo_action.trigger()
    assert shown and "nothing in the trash" in shown[0]
    assert not window.menus.undo_action.isEnabled()  # the step is dropped


def test_the_trash_dialog_restores_and_empties(
    qtbot: QtBot, engine: Engine, world: TrashWorld
) -> None:
    before = all_rows(engine)
    with store.transaction(engine) as session:
        campaigns.delete_campaign(session, world.campaign_id)
    with store.transaction(engine) as session:
        campaigns.delete_campaign(session, world.other_campaign_id)
    dialog = TrashDialog(engine)
    qtbot.addWidget(dialog)
    dialog.show()
    model = dialog.table.model
    assert model.rowCount() == 2
    assert dialog.table.select_where(lambda e: e.label == "Free the strikers")
    went = model.index(dialog.table.view.currentIndex().row(), 3).data()
    assert "1 action" in went and "2 letters" in went and "1 commitment" in went
    dialog.restore_button.click()
    assert model.rowCount() == 1 and dialog.changed
    dialog.empty_button.click()
    assert model.rowCount() == 0
    assert not dialog.empty_button.isEnabled()
    after = all_rows(engine)
    assert after["campaign"] == [r for r in before["campaign"] if r["id"] == world.campaign_id]


def test_edit_menu_opens_the_trash(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[TrashDialog] = []
    monkeypatch.setattr(TrashDialog, "exec", lambda self: opened.append(self) or 0)
    assert window.menus.trash_action in window.menus.edit_menu.actions()
    window.menus.trash_action.trigger()
    assert len(opened) == 1
    QApplication.processEvents()


def test_ctrl_z_undoes_an_edit_and_refuses_over_a_later_one(
    qtbot: QtBot,
    window: MainWindow,
    engine: Engine,
    world: TrashWorld,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def fill(form: CampaignForm) -> None:
        form.title_edit.clear()
        qtbot.keyClicks(form.title_edit, "New title")
        form.demands.add_demand("Apologise")

    drive_form(monkeypatch, qtbot, CampaignForm, fill)
    window.show_page(CampaignsPage)
    page = window.page(CampaignsPage)
    assert isinstance(page, CampaignsPage)
    page.table.select_where(lambda row: row.id == world.campaign_id)
    page.edit_selected()
    assert window.menus.undo_action.text() == "Undo edit campaign “New title”"
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    with store.transaction(engine) as session:
        back = campaigns.get_campaign(session, world.campaign_id)
    assert (back.title, back.demands) == ("Free the strikers", ["Release", "Reinstate"])
    window.menus.redo_action.trigger()
    with store.transaction(engine) as session:
        again = campaigns.get_campaign(session, world.campaign_id)
        assert again.title == "New title"
        fields = fields_from(again, campaigns.CampaignFields)
        fields.title = "Changed elsewhere"
        campaigns.update_campaign(session, again.id, fields, again.version)
    shown: list[str] = []
    monkeypatch.setattr(records, "show_error", lambda _p, _t, message: shown.append(message))
    window.menus.undo_action.trigger()
    assert shown and "changed elsewhere" in shown[0]
    with store.transaction(engine) as session:
        assert campaigns.get_campaign(session, world.campaign_id).title == "Changed elsewhere"


def test_removing_a_person_from_an_organisation_is_undone(
    qtbot: QtBot,
    window: MainWindow,
    engine: Engine,
    world: TrashWorld,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(people_tab, "confirm", lambda *_args, **_kw: True)
    before = all_rows(engine)
    window.show_page(OrganisationsPage)
    page = window.page(OrganisationsPage)
    assert isinstance(page, OrganisationsPage)
    page.table.select_where(lambda row: row.id == world.organisation_id)
    [tab] = [t for t in page.detail_tabs if isinstance(t, people_tab.PeopleTab)]
    assert tab.table.select_where(lambda person: person.id == world.person_id)
    tab.remove_person()
    assert window.menus.undo_action.text() == "Undo delete person “Kim Jin-ho”"
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert all_rows(engine) == before


def test_deleting_an_action_on_the_calendar_is_undone(
    qtbot: QtBot, window: MainWindow, engine: Engine, world: TrashWorld
) -> None:
    before = all_rows(engine)
    window.show_page(CalendarPage)
    page = window.page(CalendarPage)
    assert isinstance(page, CalendarPage)
    with store.transaction(engine) as session:
        action = get_action(session, world.action_id)
    page.choose(action)
    page.delete_chosen()
    assert window.menus.undo_action.text() == "Undo delete action “General strike”"
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert all_rows(engine) == before


P = TypeVar("P", bound=Page)


def _open(window: MainWindow, page_class: type[P]) -> P:
    window.show_page(page_class)
    page = window.page(page_class)
    assert isinstance(page, page_class)
    return page


def test_ctrl_z_undoes_a_letter_edit_parties_included(
    qtbot: QtBot,
    window: MainWindow,
    engine: Engine,
    world: TrashWorld,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with store.transaction(engine) as session:
        before = letters.get_letter(session, world.draft_id)

    def fill(form: LetterEditor) -> None:
        form.subject.clear()
        qtbot.keyClicks(form.subject, "Rewritten subject")
        form.body.setPlainText("A new body.")

    drive_form(monkeypatch, qtbot, LetterEditor, fill)
    page = _open(window, LettersPage)
    page.table.select_where(lambda row: row.id == world.draft_id)
    page.edit_selected()
    assert window.menus.undo_action.text() == "Undo edit letter “Rewritten subject”"
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    with store.transaction(engine) as session:
        back = letters.get_letter(session, world.draft_id)
    assert (back.subject, back.body) == (before.subject, before.body)
    assert [p.ref for p in back.to] == [p.ref for p in before.to]
    assert [p.ref for p in back.signatories] == [p.ref for p in before.signatories]
    window.menus.redo_action.trigger()
    with store.transaction(engine) as session:
        again = letters.get_letter(session, world.draft_id)
    assert (again.subject, again.body) == ("Rewritten subject", "A new body.")
    assert [p.ref for p in again.to] == [p.ref for p in before.to]


def _undo_named(qtbot: QtBot, window: MainWindow, text: str) -> None:
    """Edit › Undo names the step `text`; Ctrl+Z takes it."""
    assert window.menus.undo_action.text() == text
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)


def test_ctrl_z_undoes_a_person_edit(
    qtbot: QtBot,
    window: MainWindow,
    engine: Engine,
    world: TrashWorld,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def fill(form: PersonForm) -> None:
        form.name.clear()
        qtbot.keyClicks(form.name, "Kim J.")
        form.email.setText("kim@example.org")

    drive_form(monkeypatch, qtbot, PersonForm, fill)
    page = _open(window, OrganisationsPage)
    page.table.select_where(lambda row: row.id == world.organisation_id)
    [tab] = [t for t in page.detail_tabs if isinstance(t, people_tab.PeopleTab)]
    assert tab.table.select_where(lambda person: person.id == world.person_id)
    with store.transaction(engine) as session:
        before = orgs.get_person(session, world.person_id)
    tab.edit_person()
    _undo_named(qtbot, window, "Undo edit person “Kim J.”")
    with store.transaction(engine) as session:
        back = orgs.get_person(session, world.person_id)
    assert (back.name, back.email) == (before.name, before.email)
    window.menus.redo_action.trigger()
    with store.transaction(engine) as session:
        assert orgs.get_person(session, world.person_id).name == "Kim J."


def test_ctrl_z_undoes_a_commitment_edit(
    qtbot: QtBot,
    window: MainWindow,
    engine: Engine,
    world: TrashWorld,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def fill(form: CommitmentForm) -> None:
        form.what.setPlainText("Send two delegations")

    drive_form(monkeypatch, qtbot, CommitmentForm, fill)
    page = _open(window, CommitmentsPage)
    with store.transaction(engine) as session:
        before = commitments.get_commitment(session, world.commitment_id)
    page.edit_commitment(before)
    _undo_named(qtbot, window, "Undo edit commitment “Send two delegations”")
    with store.transaction(engine) as session:
        assert commitments.get_commitment(session, world.commitment_id).what == before.what
    window.menus.redo_action.trigger()
    with store.transaction(engine) as session:
        assert commitments.get_commitment(session, world.commitment_id).what == (
            "Send two delegations"
        )


def test_ctrl_z_undoes_an_action_edit_its_time_included(
    qtbot: QtBot,
    window: MainWindow,
    engine: Engine,
    world: TrashWorld,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with store.transaction(engine) as session:
        before = get_action(session, world.action_id)

    def fill(form: ActionForm) -> None:
        form.title_edit.clear()
        qtbot.keyClicks(form.title_edit, "Rally at the ministry")
        form.location.setText("Sejong")

    drive_form(monkeypatch, qtbot, ActionForm, fill)
    page = _open(window, CalendarPage)
    page.edit(before)
    _undo_named(qtbot, window, "Undo edit action “Rally at the ministry”")
    with store.transaction(engine) as session:
        back = get_action(session, world.action_id)
    assert back.fields() == before.fields()
    assert (back.starts_at, back.ends_at, back.start_date) == (
        before.starts_at,
        before.ends_at,
        before.start_date,
    )
    window.menus.redo_action.trigger()
    with store.transaction(engine) as session:
        again = get_action(session, world.action_id)
    assert (again.title, again.location, again.start_date) == (
        "Rally at the ministry",
        "Sejong",
        before.start_date,
    )
