"""New, Edit and Delete on every page that holds records, from the keyboard, the Edit menu and
a right-click: the commitment form from Ctrl+N, a commitment and an action deleted after asking,
and the right-click menus offering the toolbars' own actions."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from organiser import store
from organiser.services import campaigns
from organiser.services.actions import ActionFields, create_action
from organiser.services.calendar import actions_between
from organiser.services.commitments import CommitmentFilter, list_commitments
from organiser.ui import tables
from organiser.ui.calendar import deleting
from organiser.ui.commitments.form import CommitmentForm
from organiser.ui.main_window import MainWindow
from organiser.ui.pages import commitments as commitments_module
from organiser.ui.pages.calendar import AGENDA, CalendarPage
from organiser.ui.pages.campaigns import CampaignsPage
from organiser.ui.pages.commitments import CommitmentsPage
from organiser.ui.pages.letters import LettersPage
from organiser.ui.pages.records import RecordsPage
from organiser.ui.table_model import ROW_ROLE
from tests.letter_world import make_world
from tests.ui.helpers import built


class Answers:
    """confirm() patched: records each question and gives the answers queued."""

    def __init__(self, *answers: bool) -> None:
        self.answers = list(answers)
        self.questions: list[str] = []

    def __call__(self, _parent: Any, _title: str, question: str, *_args: Any) -> bool:
        self.questions.append(question)
        return self.answers.pop(0)


@pytest.fixture
def right_click(monkeypatch: pytest.MonkeyPatch) -> Callable[[QWidget, QPoint, str], list[str]]:
    """Right-click `widget` at `at`: the menu's entries, after choosing the one named (if any)."""

    def click(widget: QWidget, at: QPoint, choose: str = "") -> list[str]:
        offered: list[QAction] = []

        class RecordingMenu(QMenu):
            def exec(self, *_args: Any) -> None:  # type: ignore[override]
                offered.extend(self.actions())

        monkeypatch.setattr(tables, "QMenu", RecordingMenu)
        widget.customContextMenuRequested.emit(at)
        for action in offered:
            if choose and action.text() == choose:
                action.trigger()
        return [action.text() for action in offered if not action.isSeparator()]

    return click


def commitments_page(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> tuple[CommitmentsPage, list[CommitmentForm]]:
    """The window on its Commitments page; the commitment forms it opens, recorded, not shown."""
    opened: list[CommitmentForm] = []
    monkeypatch.setattr(CommitmentForm, "exec", lambda form: opened.append(form) or 0)
    window.show_page(CommitmentsPage)
    page = window.page(CommitmentsPage)
    assert isinstance(page, CommitmentsPage)
    return built(None, page), opened


def commitment_count(engine: Engine) -> int:
    with store.transaction(engine) as session:
        return len(list_commitments(session, CommitmentFilter(), limit=1000))


def test_ctrl_n_on_the_commitments_page_opens_the_commitment_form(
    window: MainWindow, demo: Engine, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    _page, opened = commitments_page(window, monkeypatch)
    qtbot.keyClick(window.sidebar, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert len(opened) == 1 and opened[0].existing is None


def test_delete_on_the_commitments_page_asks_then_deletes(
    window: MainWindow, demo: Engine, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = Answers(False, True)
    monkeypatch.setattr(commitments_module, "confirm", answers)
    window.show_page(CommitmentsPage)
    page = built(qtbot, window.page(CommitmentsPage))
    assert isinstance(page, CommitmentsPage)
    before = commitment_count(demo)
    page.table.view.setCurrentIndex(page.table.proxy.index(0, 0))
    chosen = page.table.selected()
    assert chosen is not None
    view = page.table.view
    qtbot.keyClick(view, Qt.Key.Key_Delete)  # "Cancel": nothing goes
    assert commitment_count(demo) == before
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert chosen.organisation_name in answers.questions[0] and chosen.what in answers.questions[0]
    assert commitment_count(demo) == before - 1
    with store.transaction(demo) as session:
        assert chosen.id not in {c.id for c in list_commitments(session, limit=1000)}
    assert page.list_model.total() == before - 1


def test_the_commitments_table_offers_new_edit_and_delete_on_a_right_click(
    window: MainWindow, demo: Engine, right_click: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    page, opened = commitments_page(window, monkeypatch)
    view = page.table.view
    second = view.visualRect(page.table.proxy.index(1, 0)).center()
    offered = right_click(view, second, "Edit commitment…")
    assert offered == ["New commitment…", "Edit commitment…", "Delete commitment…", "Remind me…"]
    assert opened[0].existing == page.table.proxy.index(1, 0).data(ROW_ROLE)


def _action_on(engine: Engine, day: str) -> int:
    with store.transaction(engine) as session:
        campaign = campaigns.create_campaign(session, campaigns.CampaignFields(title="Strikes"))
        fields = ActionFields(campaign_id=campaign.id, kind="strike", title="Walkout", start=day)
        return create_action(session, fields).action.id


def test_an_action_is_deleted_from_the_calendar_after_asking(
    window: MainWindow, engine: Engine, right_click: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    action_id = _action_on(engine, "2026-11-11")
    answers = Answers(True)
    monkeypatch.setattr(deleting, "confirm", answers)
    window.show_page(CalendarPage)
    page = window.page(CalendarPage)
    assert isinstance(page, CalendarPage)
    page.resize(1100, 760)
    page.go_to(date(2026, 11, 1))
    chip = page.grid.chip_for(action_id)
    assert chip is not None
    at = chip.rect.center().toPoint()
    offered = right_click(page.grid, at, "Delete action…")
    assert offered == ["New action…", "Edit action…", "Delete action…", "Remind me…"]
    assert (
        "Walkout" in answers.questions[0]
        and "Commitments tied to it are kept" in (answers.questions[0])
    )
    with store.transaction(engine) as session:
        assert actions_between(session) == []
    assert page.grid.chip_for(action_id) is None


def test_delete_in_the_agenda_deletes_the_selected_action(
    window: MainWindow, engine: Engine, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    _action_on(engine, date.today().isoformat())
    monkeypatch.setattr(deleting, "confirm", Answers(True))
    window.show_page(CalendarPage)
    page = window.page(CalendarPage)
    assert isinstance(page, CalendarPage)
    page.view_choice.setCurrentIndex(AGENDA)
    qtbot.waitUntil(page.settled, timeout=5_000)  # read off the GUI thread
    assert not window.menus.delete_command.isEnabled()  # nothing chosen yet
    page.agenda.view.setCurrentIndex(page.agenda.proxy.index(0, 0))
    assert window.menus.delete_command.isEnabled()
    qtbot.keyClick(page.agenda.view, Qt.Key.Key_Delete)
    with store.transaction(engine) as session:
        assert actions_between(session) == []


@pytest.mark.parametrize("page_class", [CampaignsPage, LettersPage])
def test_a_right_click_on_a_row_offers_what_the_toolbar_offers(
    window: MainWindow, engine: Engine, right_click: Any, page_class: type[RecordsPage]
) -> None:
    make_world(engine)
    window.show_page(page_class)
    page = window.page(page_class)
    assert isinstance(page, RecordsPage)
    view = page.table.view
    offered = right_click(view, view.visualRect(page.table.proxy.index(0, 0)).center())
    toolbar = [a.text() for a in page.toolbar.actions() if not a.isSeparator()]
    assert offered == toolbar
    assert offered[:3] == [f"New {page.noun}", "Edit", "Delete"]
    if page_class is LettersPage:
        assert {"Mark as sent", "Export PDF", "Print"} <= set(offered)


def test_delete_key_on_the_campaigns_page_asks_what_goes_with_it(
    window: MainWindow, engine: Engine, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    from organiser.ui.pages import records

    make_world(engine)
    answers = Answers(False)
    monkeypatch.setattr(records, "confirm", answers)
    window.show_page(CampaignsPage)
    qtbot.keyClick(window.sidebar, Qt.Key.Key_Delete)
    assert answers.questions and "Free the Mangystau strikers" in answers.questions[0]
