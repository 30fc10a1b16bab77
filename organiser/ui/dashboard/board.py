"""The Dashboard's sections on screen, filled from a `DashboardSummary`: by the Dashboard page
as it reads the database, and by the window's first frame from the summary kept at the last
close (before the database machinery is loaded: nothing here imports it)."""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QGridLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from organiser.services.dashboard_view import (
    AWAITING_REPLY_DAYS,
    UPCOMING_DAYS,
    BackupState,
    DashboardSummary,
    Section,
)
from organiser.ui.calendar.zones import organiser_zone
from organiser.ui.dashboard import items
from organiser.ui.dashboard.section import ALERT_COLOUR, DashboardSection, Entry


class DashboardBoard(QScrollArea):
    """The heading, the backup line and the eight sections in three columns."""

    record_requested = Signal(str, int)  # kind, id: an item was opened

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary: DashboardSummary | None = None
        # Right-click on an item: the page gives its actions (none before it is built).
        self.menu_actions: Callable[[Entry], list[QAction]] = lambda _entry: []
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
                section.menu_actions = lambda entry: self.menu_actions(entry)
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
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self.setWidget(content)

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

    def show_summary(self, summary: DashboardSummary, zone: str | None = None) -> None:
        """`summary`'s times in `zone` (by default the organiser's own, as it is set now)."""
        self.summary = summary
        self.heading.setText(
            "<h2>"
            + escape(self.tr("Today, %1").replace("%1", items.full_day_text(summary.today)))
            + "</h2>"
        )
        self.backup_line.setText(backup_html(summary.backup))
        zone = zone or organiser_zone()
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
