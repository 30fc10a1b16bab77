"""The main window's menus (File, Edit, View, Help) and the commands acting on the page shown."""

from __future__ import annotations

import contextlib
import types
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QActionGroup, QKeySequence, QUndoGroup
from PySide6.QtWidgets import QMenu

from organiser.ui import settings
from organiser.ui.icons import icon

if TYPE_CHECKING:  # the menus are built with the window's first frame, before the database
    from organiser.ui.main_window import MainWindow, PageEntry
    from organiser.ui.pages.base import Page


def _tr(text: str) -> str:
    return QCoreApplication.translate("MainMenus", text)


def _help() -> types.ModuleType:
    from organiser.ui.dialogs import help as help_dialogs

    return help_dialogs


class PageCommand(QAction):
    """A window-wide command (Edit › New, File › Print…) that does what the shown page's own
    action of that name does: it takes that action's text and enabled state, and triggers it.
    The keyboard shortcut lives here only, so the page on screen is the one that answers."""

    def __init__(
        self, attribute: str, text: str, shortcuts: list[QKeySequence], window: MainWindow
    ) -> None:
        super().__init__(text, window)
        self.attribute, self.fallback_text = attribute, text
        self.target: QAction | None = None
        self.setShortcuts(shortcuts)
        self.triggered.connect(self._trigger)
        self.follow(None)

    def follow(self, page: Page | None) -> None:
        if self.target is not None:
            with contextlib.suppress(RuntimeError, TypeError):  # the page is already gone
                self.target.changed.disconnect(self._sync)
        self.target = getattr(page, self.attribute, None) if page is not None else None
        if self.target is not None:
            self.target.changed.connect(self._sync)
        self._sync()

    def _sync(self) -> None:
        target = self.target
        self.setEnabled(target is not None and target.isEnabled())
        self.setText(target.text() if target is not None else self.fallback_text)
        if target is not None:
            self.setIcon(target.icon())

    def _trigger(self) -> None:
        if self.target is not None and self.target.isEnabled():
            self.target.trigger()


class MainMenus:
    """Builds the menu bar of `window` and keeps the actions the window updates as pages change."""

    def __init__(self, window: MainWindow, pages: Sequence[PageEntry]) -> None:
        """The menu bar's titles; their items come with `build` (once the window has its
        database: its first frame shows the titles alone, and their shortcuts' key sequences
        would load the `Qt` namespace before it)."""
        self.window = window
        self.pages = pages
        self.built = False
        bar = window.menuBar()
        self.file_menu = bar.addMenu(_tr("&File"))
        self.edit_menu = bar.addMenu(_tr("&Edit"))
        self.view_menu = bar.addMenu(_tr("&View"))
        self.tools_menu = bar.addMenu(_tr("&Tools"))
        self.help_menu = bar.addMenu(_tr("&Help"))
        self.undo_group = QUndoGroup(window)

    def build(self) -> None:
        """Every menu's items and shortcuts, and the commands that follow the page shown."""
        if self.built:
            return
        self.built = True
        window, pages = self.window, self.pages
        self.new_command = PageCommand(
            "new_action", _tr("&New"), [QKeySequence(QKeySequence.StandardKey.New)], window
        )
        self.edit_command = PageCommand(
            "edit_action", _tr("&Edit"), [QKeySequence("Return"), QKeySequence("Enter")], window
        )
        self.delete_command = PageCommand(
            "delete_action", _tr("&Delete"), [QKeySequence(QKeySequence.StandardKey.Delete)], window
        )
        self.print_command = PageCommand(
            "print_action", _tr("&Print…"), [QKeySequence(QKeySequence.StandardKey.Print)], window
        )
        self.commands = (self.new_command, self.edit_command, self.delete_command)
        self._build_file_menu()
        self._build_edit_menu()
        self._build_view_menu(pages)
        self.check_action = self._add(
            self.tools_menu, _tr("&Check Database"), lambda: window.recovery.check()
        )
        self._build_help_menu()

    def _add(
        self,
        menu: QMenu,
        text: str,
        slot: Callable[[], object],
        shortcut: str | QKeySequence.StandardKey | None = None,
    ) -> QAction:
        action = menu.addAction(text)
        action.triggered.connect(slot)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        return action

    def _build_file_menu(self) -> None:
        menu, window = self.file_menu, self.window
        self.new_database_action = self._add(
            menu, _tr("&New database…"), window.new_database, "Ctrl+Shift+N"
        )
        self.open_database_action = self._add(
            menu, _tr("&Open database…"), window.open_database_file, QKeySequence.StandardKey.Open
        )
        self.recent_menu = menu.addMenu(_tr("Open &recent"))
        self.recent_menu.aboutToShow.connect(self.fill_recent_menu)
        self.fill_recent_menu()
        menu.addSeparator()
        self.backup_action = self._add(
            menu, _tr("&Back up the database…"), window.back_up, "Ctrl+Shift+B"
        )
        self.backups_action = self._add(
            menu, _tr("Bac&kups…"), lambda: window.recovery.show_backups()
        )
        self.restore_action = self._add(
            menu, _tr("&Restore…"), lambda: window.recovery.choose_file()
        )
        self.encrypt_action = self._add(
            menu, _tr("E&ncrypt this database…"), window.encrypt_database
        )
        menu.addAction(self.print_command)
        menu.addSeparator()
        self.export_archive_action = self._add(menu, _tr("E&xport archive…"), window.export_archive)
        self.import_archive_action = self._add(menu, _tr("&Import archive…"), window.import_archive)
        menu.addSeparator()
        self.quit_action = self._add(menu, _tr("&Quit"), window.close, "Ctrl+Q")

    def fill_recent_menu(self) -> None:
        """The databases opened lately, newest first; choosing one switches the window to it."""
        self.recent_menu.clear()
        for number, location in enumerate(settings.recent_databases(), 1):
            action = self.recent_menu.addAction(f"&{number} {location}")
            action.setData(location)
            action.triggered.connect(
                lambda _checked=False, where=location: self.window.switch_database(where)
            )
        self.recent_menu.setEnabled(not self.recent_menu.isEmpty())

    def _build_edit_menu(self) -> None:
        menu = self.edit_menu
        self.undo_action = self.undo_group.createUndoAction(self.window, _tr("Undo"))
        self.redo_action = self.undo_group.createRedoAction(self.window, _tr("Redo"))
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action.setShortcut(QKeySequence.StandardKey.Redo)
        self.undo_action.setIcon(icon("undo"))
        self.redo_action.setIcon(icon("redo"))
        menu.addActions([self.undo_action, self.redo_action])
        menu.addSeparator()
        menu.addActions(list(self.commands))
        menu.addSeparator()
        self.search_action = self._add(
            menu, _tr("&Search everything…"), self.window.show_search, "Ctrl+K"
        )
        self.search_action.setIcon(icon("search"))
        self.filter_action = self._add(
            menu, _tr("&Filter this page"), self.window.filter_page, QKeySequence.StandardKey.Find
        )
        menu.addSeparator()
        self.trash_action = self._add(menu, _tr("T&rash…"), self.window.show_trash)

    def _build_view_menu(self, pages: Sequence[PageEntry]) -> None:
        group = QActionGroup(self.window)
        self.page_actions: list[QAction] = []
        for number, entry in enumerate(pages, 1):
            action = QAction(icon(entry.icon_name), entry.title, group)
            action.setCheckable(True)
            action.setShortcut(QKeySequence(f"Ctrl+{number}"))
            action.triggered.connect(
                lambda _checked=False, row=number - 1: self.window.sidebar.setCurrentRow(row)
            )
            self.page_actions.append(action)
        self.view_menu.addActions(self.page_actions)
        self.view_menu.addSeparator()
        views = QActionGroup(self.window)
        self.calendar_view_actions: list[QAction] = []
        for index, text in enumerate((_tr("&Month"), _tr("&Week"), _tr("&Agenda"))):
            action = QAction(text, views)
            action.setCheckable(True)
            action.setChecked(index == settings.calendar_view())
            action.triggered.connect(
                lambda _checked=False, chosen=index: self.window.show_calendar_view(chosen)
            )
            self.calendar_view_actions.append(action)
        self.view_menu.addActions(self.calendar_view_actions)

    def _build_help_menu(self) -> None:
        menu, window = self.help_menu, self.window
        self.shortcuts_action = self._add(
            menu,
            _tr("&Keyboard shortcuts"),
            lambda: _help().ShortcutsDialog(window.menuBar(), window).exec(),
            QKeySequence.StandardKey.HelpContents,
        )
        self.data_action = self._add(
            menu,
            _tr("&Where my data lives"),
            lambda: _help().show_data_places(window, window.engine),
        )
        menu.addSeparator()
        self.about_action = self._add(
            menu, _tr("&About Campaign Organiser"), lambda: _help().show_about(window)
        )

    def follow_page(self, row: int, page: Page) -> None:
        """The page on screen changed: the commands, undo and the View menu follow it."""
        for command in (*self.commands, self.print_command):
            command.follow(page)
        self.undo_group.setActiveStack(page.undo_stack)  # type: ignore[arg-type]
        self.page_actions[row].setChecked(True)

    def follow_calendar_view(self, index: int) -> None:
        if 0 <= index < len(self.calendar_view_actions):
            self.calendar_view_actions[index].setChecked(True)
