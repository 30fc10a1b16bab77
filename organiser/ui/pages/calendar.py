"""The Calendar page: month, week and agenda views of every campaign's actions, and beside
them the actions still to be dated."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QAction, QUndoStack
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from organiser import store
from organiser.models import ActionKind, ActionStatus
from organiser.services.actions import ActionFields, ActionView, update_action
from organiser.services.calendar import (
    ActionFilter,
    countries_in_use,
    visible_range,
)
from organiser.services.campaigns import campaign_titles
from organiser.services.validation import country_name
from organiser.ui import settings
from organiser.ui.calendar.action_form import ActionForm
from organiser.ui.calendar.agenda import agenda_model
from organiser.ui.calendar.day_form import InternationalDayForm
from organiser.ui.calendar.deleting import ask_and_delete
from organiser.ui.calendar.grid import CalendarGrid
from organiser.ui.calendar.to_be_dated import to_be_dated_model
from organiser.ui.calendar.undo import MoveAction
from organiser.ui.calendar.when import month_label
from organiser.ui.calendar.window import WindowAsked, WindowRead, legend_html, read_window
from organiser.ui.calendar.zones import organiser_zone
from organiser.ui.dialogs.messages import show_error
from organiser.ui.icons import icon
from organiser.ui.labels import enum_label
from organiser.ui.pages.base import Page
from organiser.ui.reminders.dialog import ask_reminder
from organiser.ui.tables import FIT_SAMPLE_ROWS, RecordTable, show_context_menu
from organiser.ui.undo import push_edit
from organiser.ui.workers import Progress, run_in_background

MONTH, WEEK, AGENDA = 0, 1, 2
FIRST_HOUR_SHOWN = 7  # the week opens scrolled to the working day; the night is above


class CalendarPage(Page):
    title = "Calendar"
    tables = frozenset({"action", "campaign", "international_day"})
    icon_name = "calendar"
    undo_stack: QUndoStack
    new_action: QAction
    edit_action: QAction
    delete_action: QAction
    print_action: QAction

    def __init__(self, engine: Engine, parent: QWidget | None = None) -> None:
        super().__init__(engine, parent)
        self.anchor = date.today()
        self.shown_actions: list[ActionView] = []
        self._turns = 0  # windows asked for: a page turn's read answering an older one is dropped
        self._reading = False
        self.undo_stack = QUndoStack(self)
        self.grid = CalendarGrid(self)
        self.agenda: RecordTable[ActionView] = RecordTable(
            agenda_model(self.display_zone, self), self.tr("Filter the agenda…"), self
        )
        # Widths from the first rows, not from a busy month's thousands.
        self.agenda.view.horizontalHeader().setResizeContentsPrecision(FIT_SAMPLE_ROWS)
        self.views = QStackedWidget(self)
        self.views.addWidget(self.grid)
        self.views.addWidget(self.agenda)
        self.undated: RecordTable[ActionView] = RecordTable(
            to_be_dated_model(self), self.tr("Filter…"), self
        )
        # A narrow panel: the title takes the room there is (cut short, whole in its tooltip).
        header = self.undated.view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.undated_heading = QLabel(self)
        self.undated_heading.setStyleSheet("font-weight: 600;")
        # Actions dated to the month only are on no day of the grid: named here instead.
        self.month_only_note = QLabel(self)
        self.month_only_note.setWordWrap(True)
        self.month_only_note.setTextFormat(Qt.TextFormat.PlainText)
        self.undated_panel = QWidget(self)
        panel = QVBoxLayout(self.undated_panel)
        panel.setContentsMargins(0, 0, 0, 0)
        panel.addWidget(self.month_only_note)
        panel.addWidget(self.undated_heading)
        panel.addWidget(self.undated, 1)
        self.split = QSplitter(Qt.Orientation.Horizontal, self)
        self.split.addWidget(self.views)
        self.split.addWidget(self.undated_panel)
        self.split.setStretchFactor(0, 1)
        self.split.setSizes([1000, 300])
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.note.setTextFormat(Qt.TextFormat.PlainText)  # warnings may quote a file
        self.note.setStyleSheet("color: #9a6700;")
        self.note.hide()
        layout = QVBoxLayout(self)
        layout.addLayout(self._navigation())
        layout.addLayout(self._filters())
        self.legend = QLabel(self)
        self.legend.setWordWrap(True)
        layout.addWidget(self.split, 1)
        layout.addWidget(self.legend)
        layout.addWidget(self.note)
        self.grid.day_activated.connect(self.add_on)
        self.grid.action_activated.connect(self.edit)
        self.grid.action_moved.connect(self.move_action_to)
        self.agenda.activated_row.connect(self.edit)
        self.undated.activated_row.connect(self.edit)
        self.undo_stack.indexChanged.connect(lambda _index: self.refresh())
        self._record_actions()
        self.view_choice.setCurrentIndex(settings.calendar_view())
        self.view_choice.currentIndexChanged.connect(settings.save_calendar_view)

    # building
    def _button(self, icon_name: str, text: str, slot: object) -> QToolButton:
        button = QToolButton(self)
        button.setIcon(icon(icon_name))
        button.setToolTip(text)
        button.setText(text)
        button.clicked.connect(slot)
        return button

    def _navigation(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addWidget(self._button("previous", self.tr("Previous"), lambda: self.step(-1)))
        self.today_button = self._button("today", self.tr("Today"), self.go_today)
        self.today_button.setToolButtonStyle(
            self.today_button.toolButtonStyle().ToolButtonTextBesideIcon
        )
        row.addWidget(self.today_button)
        row.addWidget(self._button("next", self.tr("Next"), lambda: self.step(1)))
        self.heading = QLabel(self)
        self.heading.setStyleSheet("font-size: 16px; font-weight: 600; padding: 0 8px;")
        row.addWidget(self.heading, 1)
        self.view_choice = QComboBox(self)
        self.view_choice.addItems([self.tr("Month"), self.tr("Week"), self.tr("Agenda")])
        # Read in the background, as a page turn: the agenda of a busy month is thousands.
        self.view_choice.currentIndexChanged.connect(lambda _i: self._turn())
        row.addWidget(self.view_choice)
        # Its key (Ctrl+N) is the window's Edit › New, which triggers this action.
        self.new_action = self.page_action("add", self.tr("New action…"), self.add_new)
        self.new_action.setToolTip(self.tr("A new action on the selected day (Ctrl+N)"))
        new_button = QToolButton(self)
        new_button.setDefaultAction(self.new_action)
        new_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        row.addWidget(new_button)
        undo = self.undo_stack.createUndoAction(self, self.tr("Undo"))
        redo = self.undo_stack.createRedoAction(self, self.tr("Redo"))
        undo.setIcon(icon("undo"))
        redo.setIcon(icon("redo"))
        # Ctrl+Z and Ctrl+Shift+Z: the window's Edit menu gives them to this stack while the
        # calendar is shown (its undo group); keys here as well would be ambiguous.
        for action in (undo, redo):
            button = QToolButton(self)
            button.setDefaultAction(action)
            row.addWidget(button)
        self.undo_action, self.redo_action = undo, redo
        row.addWidget(self._button("import", self.tr("Import .ics…"), self.import_ics))
        row.addWidget(self._button("export", self.tr("Export .ics…"), self.export_ics))
        row.addWidget(self._button("pdf", self.tr("Export PDF…"), self.export_pdf))
        row.addWidget(self._button("print", self.tr("Print…"), self.print_month))
        return row

    def _filters(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.campaign_filter = self._combo(self.tr("All campaigns"))
        self.kind_filter = self._combo(
            self.tr("All kinds"), [(k.value, enum_label(k)) for k in ActionKind]
        )
        self.country_filter = self._combo(self.tr("All countries"))
        self.status_filter = self._combo(
            self.tr("All statuses"), [(s.value, enum_label(s)) for s in ActionStatus]
        )
        for combo in (
            self.campaign_filter,
            self.kind_filter,
            self.country_filter,
            self.status_filter,
        ):
            row.addWidget(combo)
        self.my_zone = QCheckBox(
            self.tr("Times in my zone (%1)").replace("%1", organiser_zone()), self
        )
        self.my_zone.toggled.connect(lambda _on: self.refresh())
        self.show_days = QCheckBox(self.tr("International days and anniversaries"), self)
        self.show_days.setChecked(True)
        self.show_days.toggled.connect(lambda _on: self.refresh())
        row.addWidget(self.my_zone)
        row.addWidget(self.show_days)
        row.addWidget(self._button("add", self.tr("Add an international day…"), self.add_day))
        row.addStretch(1)
        return row

    def _combo(self, everything: str, items: list[tuple[object, str]] | None = None) -> QComboBox:
        combo = QComboBox(self)
        combo.addItem(everything, None)
        for value, label in items or []:
            combo.addItem(label, value)
        combo.currentIndexChanged.connect(lambda _i: self.refresh())
        return combo

    def _record_actions(self) -> None:
        """What the window's Edit and File menus, and a right-click on an action, offer."""
        self.chosen_action: ActionView | None = None
        self.edit_action = self.page_action("edit", self.tr("Edit action…"), self.edit_chosen)
        self.delete_action = self.page_action(
            "delete", self.tr("Delete action…"), self.delete_chosen
        )
        self.print_action = self.page_action("print", self.tr("Print…"), self.print_month)
        self.remind_action = self.page_action("reminder", self.tr("Remind me…"), self.remind_chosen)
        self.grid.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.grid.customContextMenuRequested.connect(self._grid_menu)
        self.agenda.offer_actions(self.menu_actions)
        self.agenda.selection_changed.connect(self.choose)
        self.choose(None)

    def menu_actions(self) -> list[QAction]:
        return [self.new_action, self.edit_action, self.delete_action, self.remind_action]

    def choose(self, action: ActionView | None) -> None:
        """What Edit and Delete work on: the agenda's selected row, or the action right-clicked."""
        self.chosen_action = action
        self.edit_action.setEnabled(action is not None)
        self.delete_action.setEnabled(action is not None)
        self.remind_action.setEnabled(action is not None)

    def _grid_menu(self, at: QPoint) -> None:
        chip = self.grid.chip_at(QPointF(at))
        self.choose(chip.action if chip is not None else None)
        show_context_menu(self, self.menu_actions(), self.grid.mapToGlobal(at))

    # what is shown
    def display_zone(self) -> str | None:
        return organiser_zone() if self.my_zone.isChecked() else None

    def chosen(self) -> ActionFilter:
        def one(combo: QComboBox) -> tuple[object, ...]:
            value = combo.currentData()
            return () if value is None else (value,)

        return ActionFilter(
            campaign_ids=one(self.campaign_filter),  # type: ignore[arg-type]
            kinds=tuple(ActionKind(str(k)) for k in one(self.kind_filter)),
            countries=one(self.country_filter),  # type: ignore[arg-type]
            statuses=tuple(ActionStatus(str(s)) for s in one(self.status_filter)),
        )

    def visible_window(self) -> tuple[date, date]:
        if self.view_choice.currentIndex() == WEEK:
            return visible_range(self.anchor, 1)
        if self.view_choice.currentIndex() == AGENDA:
            first = self.anchor.replace(day=1)
            return first, (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
        return visible_range(self.anchor, 6)

    def refresh(self) -> None:
        """Reload only the visible window (bounded indexed range queries) and the filter
        choices."""
        self._refresh_choices()
        asked = self._window_asked()
        self._turns += 1  # a page turn still being read is not wanted any more
        self._reading = False
        with store.transaction(self.engine) as session:
            self._show_window(asked, read_window(session, asked))

    def _turn(self) -> None:
        """A page turn: the window read off the GUI thread (a busy month is thousands of
        actions), shown when it comes unless another turn was asked for meanwhile."""
        self._refresh_choices()
        asked = self._window_asked()
        self.heading.setText(self._heading(asked.first, asked.last))  # at once; the actions follow
        self._turns += 1
        turn, engine = self._turns, self.engine

        def read(_progress: Progress) -> WindowRead:
            with store.transaction(engine) as session:
                return read_window(session, asked)

        def show(got: WindowRead) -> None:
            if turn == self._turns:
                self._reading = False
                self._show_window(asked, got)

        self._reading = True
        # No turn taken with the database's jobs, as a read on the GUI thread takes none: a
        # month is shown while an export writes.
        run_in_background(self, "", read, show, show_progress=False)

    def settled(self) -> bool:
        """No page turn is being read in the background (what tests wait for)."""
        return not self._reading

    def _window_asked(self) -> WindowAsked:
        first, last = self.visible_window()
        return WindowAsked(
            first, last, self.display_zone(), self.chosen(), self.show_days.isChecked()
        )

    def _show_window(self, asked: WindowAsked, got: WindowRead) -> None:
        first, last, zone = asked.first, asked.last, asked.zone
        view = self.view_choice.currentIndex()
        self.shown_actions = got.actions
        self.grid.today = date.today()
        self.grid.display_zone = zone
        entering_week = view == WEEK and not self.grid.is_week()
        self.grid.show_range(first, 1 if view == WEEK else 6, self.anchor.month)
        self.grid.set_actions(self.shown_actions, got.marks)
        if entering_week:
            self.grid.hours.scroll_to(FIRST_HOUR_SHOWN)
        if view == AGENDA:  # sizing thousands of table rows is the slow part: only when seen
            self.agenda.set_rows(self.shown_actions)
        self.views.setCurrentWidget(self.agenda if view == AGENDA else self.grid)
        self.heading.setText(self._heading(first, last))
        self.legend.setText(legend_html(self.shown_actions))
        self._show_undated(got.undated, [a for a in self.shown_actions if self._month_only_here(a)])
        self.choose(self.agenda.selected() if view == AGENDA else None)

    def _month_only_here(self, action: ActionView) -> bool:
        start = action.start_date
        return action.month_only() and start is not None and start.month == self.anchor.month

    def _show_undated(self, undated: list[ActionView], month_only: list[ActionView]) -> None:
        """Beside whichever view is shown: the actions of the month in view dated to the month
        only, and those still to be dated; neither: no panel."""
        self.undated.set_rows(undated)
        self.undated_heading.setText(self.tr("To be dated (%1)").replace("%1", str(len(undated))))
        self.undated_heading.setVisible(bool(undated))
        self.undated.setVisible(bool(undated))
        heading = self.tr("In %1, no day given:").replace("%1", month_label(self.anchor))
        titles = "\n".join(f"• {a.title}" for a in month_only)
        self.month_only_note.setText(f"{heading}\n{titles}" if month_only else "")
        self.month_only_note.setVisible(bool(month_only))
        self.undated_panel.setVisible(bool(undated or month_only))

    def _heading(self, first: date, last: date) -> str:
        if self.view_choice.currentIndex() == WEEK:
            return f"{first:%d %b} – {last:%d %b %Y}"
        return self.anchor.strftime("%B %Y")

    def _refresh_choices(self) -> None:
        with store.transaction(self.engine) as session:
            campaigns = campaign_titles(session)
            countries = [(c, f"{country_name(c)} ({c})") for c in countries_in_use(session)]
        self._reset_combo(self.campaign_filter, campaigns)
        self._reset_combo(self.country_filter, countries)

    def _reset_combo(self, combo: QComboBox, items: Sequence[tuple[object, str]]) -> None:
        current = combo.currentData()
        wanted = [(None, combo.itemText(0)), *items]
        present = [(combo.itemData(i), combo.itemText(i)) for i in range(combo.count())]
        if present == wanted:
            return
        combo.blockSignals(True)
        combo.clear()
        for value, label in wanted:
            combo.addItem(label, value)
        combo.setCurrentIndex(max(0, combo.findData(current)))
        combo.blockSignals(False)

    # files
    def import_ics(self) -> None:
        from organiser.ui.calendar import file_actions  # ReportLab, icalendar: when used

        file_actions.import_ics(
            self, self.engine, self.campaign_filter.currentData(), self._imported
        )

    def _imported(self, lines: list[str]) -> None:
        self.show_warnings(lines)  # the import job's news refreshes the pages

    def export_ics(self) -> None:
        from organiser.ui.calendar import file_actions  # ReportLab, icalendar: when used

        name = self.campaign_filter.currentText()
        file_actions.export_ics(self, self.engine, self.chosen(), name, self.show_warnings)

    def export_pdf(self) -> None:
        from organiser.ui.calendar import file_actions  # ReportLab, icalendar: when used

        file_actions.export_pdf(self, self.engine, self.anchor, self.chosen())

    def print_month(self) -> None:
        from organiser.ui.calendar import file_actions  # ReportLab, icalendar: when used

        file_actions.print_month(self, self.grid, self.shown_actions, self.heading.text())

    # navigation
    def step(self, direction: int) -> None:
        if self.view_choice.currentIndex() == WEEK:
            self.anchor += timedelta(days=7 * direction)
        else:
            month = self.anchor.month - 1 + direction
            self.anchor = date(self.anchor.year + month // 12, month % 12 + 1, 1)
        self._turn()

    def go_today(self) -> None:
        self.anchor = date.today()
        self.refresh()

    def go_to(self, day: date) -> None:
        self.anchor = day
        self.refresh()

    # changes
    def show_warnings(self, warnings: list[str]) -> None:
        """Warnings do not stop a save; they are shown under the calendar until the next one."""
        self.note.setText("\n".join(warnings))
        self.note.setVisible(bool(warnings))

    def _after_save(self, form: ActionForm) -> None:
        warnings = [] if form.deleted else list(form.result_value.warnings)
        self.show_warnings(warnings)
        self.refresh()
        self.data_changed.emit()

    def add_on(self, day: date | datetime) -> None:
        campaign = self.campaign_filter.currentData()
        form = ActionForm(self.engine, self, day=day, campaign_id=campaign, zone=organiser_zone())
        if form.exec():
            self._after_save(form)

    def add_new(self) -> None:
        """A new action on the selected day, else on the day in view."""
        first, last = self.visible_window()
        chosen = self.grid.selected
        self.add_on(chosen if chosen is not None and first <= chosen <= last else self.anchor)

    def edit_chosen(self) -> None:
        if self.chosen_action is not None:
            self.edit(self.chosen_action)

    def delete_chosen(self) -> None:
        if self.chosen_action is not None and ask_and_delete(
            self, self.engine, self.chosen_action, self.undo_stack
        ):
            self.show_warnings([])
            self.refresh()
            self.data_changed.emit()

    def remind_chosen(self) -> None:
        if self.chosen_action is not None:
            ask_reminder(self, "action", self.chosen_action.id, self.chosen_action.title)

    def add_day(self) -> None:
        if InternationalDayForm(self.engine, self).exec():
            self.show_days.setChecked(True)
            self.refresh()

    def edit(self, action: ActionView) -> None:
        form = ActionForm(self.engine, self, action=action)
        if form.exec():
            if not form.deleted:
                saved = form.result_value.action
                service_pair = (ActionFields, _update_and_view)
                noun = self.tr("action")
                push_edit(
                    self.undo_stack, self.engine, noun, action, saved, service_pair, self._undone
                )
            self._after_save(form)

    def move_action_to(self, action: ActionView, new_start: date) -> None:
        if action.start_date is None:  # not yet dated: never on a day to drag from
            return
        command = MoveAction(
            self.engine,
            (action.id, action.version, action.title),
            action.start_date,
            new_start,
            self._moved,
        )
        self.undo_stack.push(command)

    def _undone(self, problems: list[str]) -> None:
        """After an edit's undo or redo: what stopped it, if anything; the page shows the rest."""
        if problems:
            show_error(self, self.tr("Edit action"), "\n".join(problems))
        self.refresh()
        self.data_changed.emit()

    def _moved(self, warnings: list[str]) -> None:
        self.show_warnings(warnings)
        self.data_changed.emit()


def _update_and_view(
    session: Session, action_id: int, data: ActionFields, expected_version: int
) -> ActionView:
    return update_action(session, action_id, data, expected_version).action
