"""What every page shares: the database engine, a title and icon, refresh, and a change signal."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction, QUndoStack
from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout, QWidget
from sqlalchemy import Engine

from organiser.store_changes import Changes
from organiser.ui.icons import icon
from organiser.ui.workers import database_name, job_news


class Page(QWidget):
    """A page of the main window. `data_changed` tells the window that other pages should
    refresh; `refresh()` reloads from the services. A background job that wrote to one of the
    page's `tables` (any table, when it names none) makes a page on screen refresh itself; a
    page not on screen refreshes when it is shown.

    A page that holds records sets the actions the window's Edit and File menus (and the
    keyboard) route to while it is shown; None leaves that menu entry disabled."""

    data_changed = Signal()
    title = "Page"
    icon_name = ""
    new_action: QAction | None = None
    edit_action: QAction | None = None
    delete_action: QAction | None = None
    print_action: QAction | None = None
    undo_stack: QUndoStack | None = None
    tables: frozenset[str] = frozenset()  # the tables whose rows the page shows
    # True: the page loads its data when it is built, so the window's first showing of it does
    # not load it all again at once.
    loads_when_built = False

    def __init__(self, engine: Engine, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.engine = engine
        job_news().records_changed.connect(self._job_changed)

    def _job_changed(self, database: str, changes: Changes) -> None:
        mine = database == database_name(self.engine)
        if mine and self.isVisible() and changes.touches(self.tables):
            self.refresh()

    def refresh(self) -> None:
        """Reload what the page shows; pages with data override it."""

    def filter_field(self) -> QLineEdit | None:
        """The field that filters what the page shows (Ctrl+F goes there), if it has one: a
        page's table's own filter by default."""
        field = getattr(getattr(self, "table", None), "filter_edit", None)
        return field if isinstance(field, QLineEdit) else None

    def page_action(self, icon_name: str, text: str, slot: Callable[[], object]) -> QAction:
        """An action of this page (for its menus and right-click), without a shortcut of its own."""
        action = QAction(icon(icon_name), text, self)
        action.triggered.connect(slot)
        return action


class PlannedPage(Page):
    """A page not built yet: it says what it will hold."""

    description = ""

    def __init__(self, engine: Engine, parent: QWidget | None = None) -> None:
        super().__init__(engine, parent)
        heading = QLabel(f"<h2>{self.title}</h2>", self)
        text = QLabel(self.description, self)
        text.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(text)
        layout.addStretch(1)
