"""The Dashboard, the first page: a welcome with the sample data on an empty database, else
what needs the organiser's eye, in sections of items that each open their record."""

from __future__ import annotations

from datetime import UTC, datetime
from html import escape

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedLayout,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Engine

from organiser import store
from organiser.errors import OrganiserError
from organiser.services import campaigns, organisations, reminders
from organiser.services.dashboard import dashboard
from organiser.services.dashboard_view import DashboardSummary
from organiser.services.demo import load_demo
from organiser.ui.calendar.zones import organiser_zone
from organiser.ui.dashboard.board import DashboardBoard
from organiser.ui.dashboard.section import DashboardSection, Entry
from organiser.ui.dialogs.messages import show_error
from organiser.ui.icons import icon
from organiser.ui.pages.base import Page
from organiser.ui.workers import run_in_background

REMINDABLE = ("action", "commitment", "letter")


class DashboardPage(Page):
    title = "Dashboard"
    icon_name = "dashboard"
    loads_when_built = True
    new_campaign_requested = Signal()
    new_organisation_requested = Signal()
    record_requested = Signal(str, int)  # kind, id: the window opens that record

    def __init__(
        self, engine: Engine, parent: QWidget | None = None, board: DashboardBoard | None = None
    ) -> None:
        """`board`: the sections the window's first frame showed, taken over as they are (their
        summary from the last session shows until the database's own is read)."""
        super().__init__(engine, parent)
        self.loading = False  # the sections are being read (off the GUI thread)
        self._read_again = False
        self.welcome = self._build_welcome()
        self.overview = board or DashboardBoard(self)
        self.overview.setParent(self)
        self.overview.menu_actions = self.menu_actions
        self.overview.record_requested.connect(self.record_requested)
        board_parts = self.overview
        self.heading, self.backup_line = board_parts.heading, board_parts.backup_line
        self.reminders, self.upcoming = board_parts.reminders, board_parts.upcoming
        self.overdue, self.due_this_week = board_parts.overdue, board_parts.due_this_week
        self.idle_campaigns, self.people = board_parts.idle_campaigns, board_parts.people
        self.unsent, self.awaiting = board_parts.unsent, board_parts.awaiting
        self.layers = QStackedLayout(self)
        self.layers.addWidget(self.welcome)
        self.layers.addWidget(self.overview)
        self.refresh()

    def _build_welcome(self) -> QWidget:
        widget = QWidget(self)
        heading = QLabel(self.tr("<h1>Welcome to Campaign Organiser</h1>"), widget)
        text = QLabel(
            self.tr(
                "Keep your campaigns' action dates, affiliates' commitments and letters in one "
                "place, on this computer. Start by adding a campaign or an organisation, or look "
                "around with sample campaigns first (you can delete them later)."
            ),
            widget,
        )
        text.setWordWrap(True)
        self.sample_button = QPushButton(icon("sample"), self.tr("Load sample campaigns"), widget)
        self.sample_button.clicked.connect(self.load_sample_data)
        self.campaign_button = QPushButton(icon("campaigns"), self.tr("New campaign…"), widget)
        self.campaign_button.clicked.connect(self.new_campaign_requested)
        self.organisation_button = QPushButton(
            icon("organisations"), self.tr("New organisation…"), widget
        )
        self.organisation_button.clicked.connect(self.new_organisation_requested)
        buttons = QHBoxLayout()
        for button in (self.campaign_button, self.organisation_button, self.sample_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(widget)
        layout.setContentsMargins(48, 48, 48, 48)
        layout.addWidget(heading)
        layout.addWidget(text)
        layout.addSpacing(12)
        layout.addLayout(buttons)
        layout.addStretch(1)
        return widget

    @property
    def summary(self) -> DashboardSummary | None:
        return self.overview.summary

    def sections(self) -> list[DashboardSection]:
        return self.overview.sections()

    def show_summary(self, summary: DashboardSummary) -> None:
        self.overview.show_summary(summary)

    def is_empty(self) -> bool:
        with store.transaction(self.engine) as session:
            return not campaigns.count_campaigns(session) and not organisations.count_organisations(
                session
            )

    def refresh(self) -> None:
        """The sections are read off the GUI thread (seconds on a large database): the page
        shows what it showed until they come. A refresh asked for meanwhile reads again."""
        if self.is_empty():
            self.layers.setCurrentWidget(self.welcome)
            return
        if self.loading:
            self._read_again = True
            return
        self.loading, self._read_again = True, False
        if self.summary is None:
            self.heading.setText("<h2>" + escape(self.tr("Reading the database…")) + "</h2>")
        self.layers.setCurrentWidget(self.overview)
        engine, zone = self.engine, organiser_zone()
        run_in_background(
            self,
            self.tr("Dashboard"),
            lambda _progress: dashboard(engine, zone=zone),
            self._read,
            self._not_read,
            show_progress=False,
            database=engine,
            reads_only=True,
        )

    def _read(self, summary: DashboardSummary) -> None:
        self.loading = False
        self.show_summary(summary)
        if self._read_again:
            self.refresh()

    def _not_read(self, error: OrganiserError) -> None:
        self.loading = False
        self.heading.setText("<h2>" + escape(str(error)) + "</h2>")
        if self._read_again:
            self.refresh()

    def menu_actions(self, entry: Entry) -> list[QAction]:
        """Right-click on an item: open it; be reminded of it; a reminder: done."""
        opening = QAction(self.tr("Open"), self)
        opening.triggered.connect(lambda: self.record_requested.emit(entry.kind, entry.record_id))
        found = [opening]
        if entry.reminder_id is not None:
            done = QAction(icon("done"), self.tr("Done"), self)
            reminder_id = entry.reminder_id
            done.triggered.connect(lambda: self.reminder_done(reminder_id))
            found.append(done)
        if entry.kind in REMINDABLE:
            remind = QAction(icon("reminder"), self.tr("Remind me…"), self)
            remind.triggered.connect(
                lambda: self.remind_me(entry.kind, entry.record_id, entry.title)
            )
            found.append(remind)
        return found

    def remind_me(self, kind: str, record_id: int, label: str = "") -> None:
        from organiser.ui.reminders.dialog import ask_reminder  # its forms: not at start

        if ask_reminder(self, kind, record_id, label):
            self.refresh()

    def reminder_done(self, reminder_id: int) -> None:
        try:
            with store.transaction(self.engine, write=True) as session:
                reminders.mark_done(session, reminder_id, datetime.now(UTC))
        except OrganiserError as error:
            show_error(self, self.tr("Reminders"), str(error))
        self.refresh()

    def load_sample_data(self) -> None:
        try:
            with store.transaction(self.engine) as session:
                load_demo(session)
        except OrganiserError as error:
            show_error(self, self.tr("Sample campaigns"), str(error))
            return
        self.refresh()
        self.data_changed.emit()
