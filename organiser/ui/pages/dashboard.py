"""The Dashboard, the first page: a welcome with the sample data on an empty database, else
what needs the organiser's eye, in sections of items that each open their record."""

from __future__ import annotations

from datetime import UTC, datetime
from html import escape
from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedLayout,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Engine

from organiser import store
from organiser.errors import OrganiserError
from organiser.services import campaigns, organisations, reminders
from organiser.services.dashboard import (
    AWAITING_REPLY_DAYS,
    UPCOMING_DAYS,
    BackupState,
    DashboardSummary,
    Section,
    dashboard,
)
from organiser.services.demo import load_demo
from organiser.ui.calendar.zones import organiser_zone
from organiser.ui.dashboard import items
from organiser.ui.dashboard.section import ALERT_COLOUR, DashboardSection, Entry
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

    def __init__(self, engine: Engine, parent: QWidget | None = None) -> None:
        super().__init__(engine, parent)
        self.summary: DashboardSummary | None = None
        self.loading = False  # the sections are being read (off the GUI thread)
        self._read_again = False
        self.welcome = self._build_welcome()
        self.overview = self._build_overview()
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

    def _build_overview(self) -> QScrollArea:
        self.heading = QLabel(self)
        self.backup_line = QLabel(self)
        self.backup_line.setWordWrap(True)
        tr = self.tr
        self.reminders = DashboardSection(tr("Reminders"), tr("No reminder due."), badge=True)
        self.upcoming = DashboardSection(
            tr("Next %1 days").replace("%1", str(UPCOMING_DAYS)), tr("Nothing planned.")
        )
        self.due_this_week = DashboardSection(tr("Due this week"), tr("No commitment due."))
        self.overdue = DashboardSection(tr("Overdue commitments"), tr("None overdue."))
        self.unsent = DashboardSection(tr("Letters not sent"), tr("Every letter has gone out."))
        self.awaiting = DashboardSection(
            tr("No reply for over %1 days").replace("%1", str(AWAITING_REPLY_DAYS)),
            tr("No letter has waited that long."),
        )
        self.idle_campaigns = DashboardSection(
            tr("Campaigns with no action planned"), tr("Every campaign has something planned.")
        )
        self.people = DashboardSection(
            tr("Held or on hunger strike"), tr("Nobody is held or on hunger strike.")
        )
        columns = (
            (self.reminders, self.upcoming),
            (self.overdue, self.due_this_week, self.idle_campaigns),
            (self.people, self.unsent, self.awaiting),
        )
        grid = QGridLayout()
        grid.setSpacing(12)
        for column, sections in enumerate(columns):
            stack = QVBoxLayout()
            stack.setSpacing(12)
            for section in sections:
                section.item_opened.connect(self.record_requested)
                section.menu_actions = self.menu_actions
                stack.addWidget(section)
            stack.addStretch(1)
            grid.addLayout(stack, 0, column)
            grid.setColumnStretch(column, 1)
        content = QWidget(self)
        layout = QVBoxLayout(content)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(self.heading)
        layout.addWidget(self.backup_line)
        layout.addLayout(grid)
        layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(content)
        return scroll

    def sections(self) -> list[DashboardSection]:
        return [
            self.reminders,
            self.upcoming,
            self.overdue,
            self.due_this_week,
            self.idle_campaigns,
            self.people,
            self.unsent,
            self.awaiting,
        ]

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

    def show_summary(self, summary: DashboardSummary) -> None:
        self.summary = summary
        self.heading.setText(
            "<h2>"
            + escape(self.tr("Today, %1").replace("%1", items.full_day_text(summary.today)))
            + "</h2>"
        )
        self.backup_line.setText(backup_html(summary.backup))
        zone = organiser_zone()
        fill(
            self.reminders,
            summary.reminders,
            [items.reminder_entry(r, zone) for r in summary.reminders.items],
        )
        fill(
            self.upcoming,
            summary.upcoming,
            [items.action_entry(a, zone) for a in summary.upcoming.items],
        )
        fill(
            self.overdue,
            summary.overdue,
            [items.commitment_entry(c) for c in summary.overdue.items],
        )
        fill(
            self.due_this_week,
            summary.due_this_week,
            [items.commitment_entry(c) for c in summary.due_this_week.items],
        )
        fill(
            self.idle_campaigns,
            summary.campaigns_without_action,
            [items.campaign_entry(c) for c in summary.campaigns_without_action.items],
        )
        fill(
            self.people,
            summary.people_at_risk,
            [items.person_entry(p) for p in summary.people_at_risk.items],
        )
        fill(
            self.unsent,
            summary.unsent_letters,
            [items.unsent_entry(x) for x in summary.unsent_letters.items],
        )
        fill(
            self.awaiting,
            summary.awaiting_reply,
            [items.awaiting_entry(x) for x in summary.awaiting_reply.items],
        )

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


def _tr(text: str, n: int = -1) -> str:
    return QCoreApplication.translate("Dashboard", text, "", n)


def fill(widget: DashboardSection, section: Section[Any], entries: list[Entry]) -> None:
    more = _tr("and %n more", section.more) if section.more else ""
    widget.set_entries(entries, section.total, more)


def backup_html(state: BackupState | None) -> str:
    """Whether the last checked backup is recent; in red when it is not, or there is none."""
    if state is None:
        return ""
    if state.days_without_backup is not None:
        text = _tr(
            "No checked backup of %n day(s) of changes: choose File › Back up now, or keep the "
            "window open a while for the automatic one.",
            state.days_without_backup,
        )
        return f"<p style='color:{ALERT_COLOUR}'><b>{escape(text)}</b></p>"
    if state.last_at is None:
        text = _tr(
            "Not backed up yet: the window makes a checked backup by itself after a while, or "
            "choose File › Back up now."
        )
        return f"<p>{escape(text)}</p>"
    local = state.last_at.astimezone()
    when = f"{items.full_day_text(local.date())} {items.time_text(local)}"
    return f"<p>{escape(_tr('Last checked backup: %1').replace('%1', when))}</p>"
