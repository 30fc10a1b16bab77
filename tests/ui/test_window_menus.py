"""The main window's menus as a user finds them: each with its commands and keys, Help › About
with the version, another database opened and remembered, undo naming what it undoes, the
calendar's view remembered, and the status bar naming the database and its last backup."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMenu
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from organiser import __version__, store
from organiser.cli import main as cli_main
from organiser.services import campaigns
from organiser.services.actions import ActionFields, create_action
from organiser.services.backups import last_backup
from organiser.services.calendar import actions_between
from organiser.ui import main_window
from organiser.ui.dialogs import help as help_dialogs
from organiser.ui.main_window import PAGES, MainWindow
from organiser.ui.pages.calendar import WEEK, CalendarPage
from organiser.ui.pages.campaigns import CampaignsPage
from organiser.ui.pages.dashboard import DashboardPage
from organiser.ui.pages.letters import LettersPage
from tests.letter_world import make_world
from tests.ui.helpers import built


@pytest.fixture
def errors(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(main_window, "show_error", lambda _p, _t, text: shown.append(text))
    return shown


def entries(menu: QMenu) -> dict[str, QAction]:
    """A menu's commands by their text as read (without the mnemonic &)."""
    found = {}
    for action in menu.actions():
        if not action.isSeparator():
            text = getattr(action, "fallback_text", action.text())
            found[help_dialogs.plain(text)] = action
    return found


def keys(action: QAction) -> str:
    return action.shortcut().toString(QKeySequence.SequenceFormat.PortableText)


def another_database(tmp_path: Path, title: str) -> Path:
    path = tmp_path / "other.sqlite3"
    engine = store.open_database(str(path))
    with store.transaction(engine) as session:
        campaigns.create_campaign(session, campaigns.CampaignFields(title=title))
    engine.dispose()
    return path


def test_each_menu_has_its_commands_and_keys(window: MainWindow) -> None:
    bar = window.menuBar()
    assert [help_dialogs.plain(a.text()) for a in bar.actions()] == [
        "File",
        "Edit",
        "View",
        "Tools",
        "Help",
    ]
    file_menu = entries(window.menus.file_menu)
    assert list(file_menu) == [
        "New database…",
        "Open database…",
        "Open recent",
        "Back up the database…",
        "Backups…",
        "Restore…",
        "Encrypt this database…",
        "Print…",
        "Export archive…",
        "Import archive…",
        "Quit",
    ]
    assert keys(file_menu["Open database…"]) == "Ctrl+O"
    assert keys(file_menu["Print…"]) == "Ctrl+P"
    assert keys(file_menu["Quit"]) == "Ctrl+Q"
    edit_menu = entries(window.menus.edit_menu)
    assert list(edit_menu) == [
        "Undo", "Redo", "New", "Edit", "Delete", "Search everything…", "Filter this page", "Trash…"
    ]  # fmt: skip
    named = ("Undo", "New", "Edit", "Delete", "Search everything…", "Filter this page")
    assert [keys(edit_menu[name]) for name in named] == [
        "Ctrl+Z",
        "Ctrl+N",
        "Return",
        "Del",
        "Ctrl+K",
        "Ctrl+F",
    ]
    view_menu = entries(window.menus.view_menu)
    assert list(view_menu) == [*(entry.title for entry in PAGES), "Month", "Week", "Agenda"]
    assert keys(view_menu["Calendar"]) == "Ctrl+3"
    assert list(entries(window.menus.tools_menu)) == ["Check Database"]
    assert list(entries(window.menus.help_menu)) == [
        "Keyboard shortcuts",
        "Where my data lives",
        "About Campaign Organiser",
    ]


def test_the_edit_menu_follows_the_page_shown(window: MainWindow) -> None:
    """New, Edit and Delete are the shown page's own; the dashboard has none, nor can it print."""
    menus = window.menus
    assert not menus.new_command.isEnabled() and not menus.print_command.isEnabled()
    window.show_page(CampaignsPage)
    assert menus.new_command.isEnabled() and menus.new_command.text() == "New campaign"
    assert not menus.delete_command.isEnabled()  # no campaign to delete yet
    window.show_page(CalendarPage)
    assert menus.new_command.text() == "New action…" and menus.print_command.isEnabled()


def test_help_about_shows_the_version_and_the_licence(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(help_dialogs.QMessageBox, "about", lambda _p, _t, text: shown.append(text))
    window.menus.about_action.trigger()
    assert f"Version {__version__}" in shown[0] and "GPL-3.0-or-later" in shown[0]


def test_the_shortcuts_dialog_lists_the_menus_keys(window: MainWindow) -> None:
    dialog = help_dialogs.ShortcutsDialog(window.menuBar(), window)
    model = dialog.model
    rows = {tuple(model.item(r, c).text() for c in range(3)) for r in range(model.rowCount())}
    native = QKeySequence("Ctrl+N").toString(QKeySequence.SequenceFormat.NativeText)
    assert ("Edit", "New", native) in rows
    assert any(row[1] == "Quit" for row in rows) and any(row[1] == "Calendar" for row in rows)


def test_where_my_data_lives_names_the_database_and_the_backups_folder(
    window: MainWindow, db_path: Path
) -> None:
    text = help_dialogs.data_places_text(window.engine)
    assert str(db_path) in text and "backups" in text and "Never backed up" in text


def test_opening_another_database_shows_its_campaigns_and_remembers_it(
    window: MainWindow,
    qtbot: QtBot,
    db_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    other = another_database(tmp_path, "Campaign in the other file")
    window.show_page(CampaignsPage)
    first_page = window.page(CampaignsPage)
    old_engine = window.engine
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(other), ""))
    window.menus.open_database_action.trigger()
    assert window.engine is not old_engine
    assert window.engine.url.database == str(other)
    page = window.page(CampaignsPage)
    assert page is not first_page and window.stack.currentWidget() is page
    assert [page.table.model.row_at(r).title for r in range(page.table.model.rowCount())] == [
        "Campaign in the other file"
    ]
    assert "other.sqlite3" in window.status.database.text()
    assert str(other) in window.windowTitle() or "other.sqlite3" in window.windowTitle()

    later = MainWindow(window.engine)  # the next start
    qtbot.addWidget(later)
    recent = [a.data() for a in later.menus.recent_menu.actions()]
    assert recent[:2] == [str(other), str(db_path)]
    later.menus.recent_menu.actions()[1].trigger()  # back to the first database
    assert later.engine.url.database == str(db_path)


def test_a_file_that_is_not_ours_is_refused_and_the_window_stays(
    window: MainWindow,
    errors: list[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import sqlite3

    foreign = tmp_path / "someone-elses.db"
    with sqlite3.connect(foreign) as raw:
        raw.execute("CREATE TABLE songs (title TEXT)")
    before = foreign.read_bytes()
    engine = window.engine
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(foreign), ""))
    window.menus.open_database_action.trigger()
    assert "not a Campaign Organiser database" in errors[0]
    assert window.engine is engine and foreign.read_bytes() == before


def test_a_new_database_is_created_migrated_and_shown(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, engine: Engine
) -> None:
    with store.transaction(engine) as session:
        campaigns.create_campaign(session, campaigns.CampaignFields(title="In the first file"))
    target = tmp_path / "fresh"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(target), ""))
    window.show_page(CampaignsPage)
    window.menus.new_database_action.trigger()
    made = tmp_path / "fresh.sqlite3"
    assert window.engine.url.database == str(made)
    assert store.current_revisions(window.engine) == store.head_revisions()
    assert window.page(CampaignsPage).table.model.rowCount() == 0


def test_edit_undo_names_the_move_and_undoes_it(window: MainWindow, engine: Engine) -> None:
    with store.transaction(engine) as session:
        campaign = campaigns.create_campaign(session, campaigns.CampaignFields(title="Strikes"))
        action = create_action(
            session,
            ActionFields(
                campaign_id=campaign.id, kind="strike", title="Walkout", start="2026-11-11"
            ),
        ).action
    window.show_page(CalendarPage)
    page = window.page(CalendarPage)
    assert isinstance(page, CalendarPage)
    assert not window.menus.undo_action.isEnabled()
    page.move_action_to(action, date(2026, 11, 13))
    assert window.menus.undo_action.text() == "Undo Move “Walkout” to 2026-11-13"
    window.menus.undo_action.trigger()
    with store.transaction(engine) as session:
        assert actions_between(session)[0].start_date == date(2026, 11, 11)
    window.show_page(DashboardPage)
    assert not window.menus.undo_action.isEnabled()  # the dashboard has nothing to undo


def test_the_calendar_view_chosen_in_the_view_menu_is_remembered(
    window: MainWindow, qtbot: QtBot, engine: Engine
) -> None:
    week = window.menus.calendar_view_actions[WEEK]
    week.trigger()
    page = window.page(CalendarPage)
    assert isinstance(page, CalendarPage)
    assert window.stack.currentWidget() is page and page.view_choice.currentIndex() == WEEK
    page.view_choice.setCurrentIndex(0)  # the page's own choice shows in the menu
    assert window.menus.calendar_view_actions[0].isChecked()
    page.view_choice.setCurrentIndex(WEEK)
    later = MainWindow(engine)
    qtbot.addWidget(later)
    assert later.menus.calendar_view_actions[WEEK].isChecked()
    calendar = later.page(CalendarPage)
    assert isinstance(calendar, CalendarPage) and calendar.view_choice.currentIndex() == WEEK


def test_file_print_prints_the_selected_letter(
    window: MainWindow, engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtPrintSupport import QPrintDialog

    make_world(engine)
    asked: list[QPrintDialog] = []
    monkeypatch.setattr(QPrintDialog, "exec", lambda dialog: asked.append(dialog) or 0)
    window.show_page(LettersPage)
    built(None, window.page(LettersPage))  # its first page read
    assert window.menus.print_command.isEnabled()  # the first letter is selected
    window.menus.print_command.trigger()
    assert len(asked) == 1


def test_the_status_bar_names_the_database_and_its_last_backup(
    window: MainWindow,
    qtbot: QtBot,
    db_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert window.status.database.text().endswith("organiser.sqlite3")
    assert window.status.database.toolTip() == str(db_path)
    assert window.status.backup.text() == "Never backed up"
    target = tmp_path / "copy.sqlite3"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(target), ""))
    monkeypatch.setattr(main_window, "show_info", lambda *_a: None)
    window.menus.backup_action.trigger()
    qtbot.waitUntil(lambda: window.status.backup.text().startswith("Last backed up"))
    assert target.exists() and last_backup(window.engine) is not None


def test_a_backup_from_the_command_line_shows_in_the_window(
    qtbot: QtBot, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli_main(["--db", str(db_path), "backup", str(tmp_path / "copy.sqlite3")]) == 0
    engine = store.open_database(str(db_path))
    try:
        window = MainWindow(engine)
        qtbot.addWidget(window)
        assert window.status.backup.text().startswith("Last backed up")
    finally:
        engine.dispose()


def test_quitting_after_changes_leaves_an_automatic_backup(
    qtbot: QtBot, engine: Engine, db_path: Path
) -> None:
    """The window backs up at quit when data changed and the newest backup is old enough."""
    from organiser.services.backups import list_backups
    from organiser.services.demo import load_demo

    window = MainWindow(engine)
    qtbot.addWidget(window)
    window.show()
    with store.transaction(engine) as session:
        load_demo(session)
    window.close()
    (made,) = list_backups(db_path.parent / "organiser-backups")
    assert made.reason == "auto" and made.size > 0
