"""The search box: Ctrl+K from anywhere, results grouped by kind as they are typed, the words
found highlighted, Enter opening the record on its page; Ctrl+F filters the page shown."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from organiser import store
from organiser.services import organisations
from organiser.services.organisations import OrganisationFields
from organiser.ui.main_window import MainWindow
from organiser.ui.pages.campaigns import CampaignsPage
from organiser.ui.pages.organisations import OrganisationsPage
from organiser.ui.search.dialog import HTML_ROLE, RECORD_ROLE, SearchDialog


@pytest.fixture
def geneva(demo: Engine) -> int:
    with store.transaction(demo, write=True) as session:
        return organisations.create_organisation(
            session,
            OrganisationFields(
                name="Syndicat des services publics de Genève", acronym="SSP", country="CH"
            ),
        ).id


def typed(qtbot: QtBot, dialog: SearchDialog, text: str) -> None:
    dialog.query.clear()
    qtbot.keyClicks(dialog.query, text)
    qtbot.waitUntil(lambda: not dialog.timer.isActive())


def test_results_come_as_they_are_typed_grouped_and_highlighted(
    qtbot: QtBot, demo: Engine, geneva: int
) -> None:
    dialog = SearchDialog(demo)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.tree.topLevelItemCount() == 0 and "two letters" in dialog.status.text()
    typed(qtbot, dialog, "geneve")
    (item,) = dialog.hit_items()
    assert item.data(0, RECORD_ROLE) == ("organisation", geneva)
    assert "<b" in item.data(0, HTML_ROLE) and "Genève" in item.data(0, HTML_ROLE)
    assert dialog.tree.topLevelItem(0).text(0) == "Organisations (1)"
    typed(qtbot, dialog, "kctu")
    headings = [dialog.tree.topLevelItem(n).text(0) for n in range(dialog.tree.topLevelItemCount())]
    assert len(headings) >= 2 and any(h.startswith("Letters") for h in headings)
    typed(qtbot, dialog, "zzqqxx")
    assert dialog.hit_items() == [] and "Nothing found" in dialog.status.text()
    assert not dialog.open_button.isEnabled()


def test_down_and_enter_open_the_chosen_record(qtbot: QtBot, demo: Engine) -> None:
    dialog = SearchDialog(demo)
    qtbot.addWidget(dialog)
    dialog.show()
    typed(qtbot, dialog, "Han Sang-gyun")
    items = dialog.hit_items()
    assert len(items) >= 2
    qtbot.keyClick(dialog.query, Qt.Key.Key_Down)
    assert dialog.tree.currentItem() is items[1]
    qtbot.keyClick(dialog.query, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.chosen == items[1].data(0, RECORD_ROLE)


def test_enter_before_the_pause_searches_what_was_typed(qtbot: QtBot, demo: Engine) -> None:
    dialog = SearchDialog(demo)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.query.setText("hunger strike")
    assert dialog.timer.isActive()
    qtbot.keyClick(dialog.query, Qt.Key.Key_Return)
    assert dialog.chosen is not None and dialog.chosen[0] in ("action", "campaign")


def test_ctrl_k_opens_search_and_the_organisation_found_is_shown_on_its_page(
    qtbot: QtBot, window: MainWindow, geneva: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert window.menus.search_action.shortcut() == QKeySequence("Ctrl+K")
    seen: list[SearchDialog] = []

    def run(dialog: SearchDialog) -> int:
        seen.append(dialog)
        typed(qtbot, dialog, "services publics")
        dialog.open_current()
        return int(dialog.result())

    monkeypatch.setattr(SearchDialog, "exec", run)
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert len(seen) == 1
    page = window.page(OrganisationsPage)
    assert window.stack.currentWidget() is page
    selected: Any = page.table.selected()
    assert selected is not None and selected.id == geneva
    assert window.last_search == "services publics"


def test_ctrl_f_goes_to_the_filter_of_the_page_shown(
    qtbot: QtBot, window: MainWindow, demo: Engine
) -> None:
    window.show_page(CampaignsPage)
    page = window.page(CampaignsPage)
    page.table.filter_edit.setText("korea")
    window.menus.filter_action.trigger()
    field = page.table.filter_edit
    qtbot.waitUntil(lambda: QApplication.focusWidget() is field)
    assert field.selectedText() == "korea"
