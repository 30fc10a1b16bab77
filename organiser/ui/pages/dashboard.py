"""The Dashboard: a welcome with the sample data on an empty database, else a short overview."""

from __future__ import annotations

from datetime import date
from html import escape

from PySide6.QtCore import QCoreApplication, Qt, Signal
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
from organiser.services import campaigns, organisations
from organiser.services.backups import days_without_backup
from organiser.services.dashboard import DashboardSummary, dashboard_summary
from organiser.services.demo import load_demo
from organiser.ui.dialogs.messages import show_error
from organiser.ui.icons import icon
from organiser.ui.pages.base import Page
from organiser.ui.people.columns import count_text


class DashboardPage(Page):
    title = "Dashboard"
    icon_name = "dashboard"
    new_campaign_requested = Signal()
    new_organisation_requested = Signal()

    def __init__(self, engine: Engine, parent: QWidget | None = None) -> None:
        super().__init__(engine, parent)
        self.welcome = self._build_welcome()
        self.overview = QLabel(self)
        self.overview.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.overview.setWordWrap(True)
        self.overview.setContentsMargins(24, 24, 24, 24)
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

    def is_empty(self) -> bool:
        with store.transaction(self.engine) as session:
            return not campaigns.count_campaigns(session) and not organisations.count_organisations(
                session
            )

    def refresh(self) -> None:
        if self.is_empty():
            self.layers.setCurrentWidget(self.welcome)
            return
        with store.transaction(self.engine) as session:
            summary = dashboard_summary(session, date.today())
        self.overview.setText(overview_html(summary, days_without_backup(self.engine)))
        self.layers.setCurrentWidget(self.overview)

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


def backup_warning_html(days: int | None) -> str:
    if days is None:
        return ""
    text = _tr(
        "No checked backup of %n day(s) of changes: choose File › Back up now, or keep the "
        "window open a while for the automatic one.",
        days,
    )
    return f"<p style='color:#b3261e'><b>{escape(text)}</b></p>"


def overview_html(summary: DashboardSummary, days_without_backup: int | None = None) -> str:
    """The overview as rich text: every user string escaped."""
    campaigns_html = (
        "".join(
            f"<li><span style='color:{escape(colour)}'>■</span> <b>{escape(title)}</b>"
            f"{' — ' + escape(target) if target else ''}</li>"
            for title, target, colour in summary.active_campaigns
        )
        or f"<li>{escape(_tr('None active.'))}</li>"
    )
    upcoming_html = (
        "".join(
            f"<tr><td>{a.day:%a %d %b}&nbsp;&nbsp;</td>"
            f"<td><span style='color:{escape(a.colour)}'>■</span> {escape(a.title)}</td>"
            f"<td>&nbsp;&nbsp;{escape(a.location)}</td></tr>"
            for a in summary.upcoming
        )
        or f"<tr><td>{escape(_tr('Nothing planned in the next 30 days.'))}</td></tr>"
    )
    people_html = "".join(
        f"<li><b>{escape(person.person_name)}</b> — {escape(count_text(person))}"
        + (f" ({escape(', '.join(person.campaign_titles))})" if person.campaign_titles else "")
        + "</li>"
        for person in summary.people_at_risk
    )
    at_risk = _tr("People at risk (%n)", len(summary.people_at_risk))
    people_section = f"<h2>{escape(at_risk)}</h2><ul>{people_html}</ul>" if people_html else ""
    overdue_style = "color:#b3261e" if summary.overdue_commitments else ""
    active = _tr("Active campaigns (%n)", len(summary.active_campaigns))
    return (
        backup_warning_html(days_without_backup)
        + f"<h2>{escape(active)}</h2><ul>{campaigns_html}</ul>"
        + people_section
        + f"<h2>{escape(_tr('Next 30 days'))}</h2><table>{upcoming_html}</table>"
        f"<h2>{escape(_tr('To chase'))}</h2><ul>"
        f"<li style='{overdue_style}'>"
        + _tr("%n overdue commitment(s)", summary.overdue_commitments)
        + " "
        + _tr("(of %n open)", summary.open_commitments)
        + "</li><li>"
        + _tr("%n letter(s) sent and awaiting a reply", summary.letters_awaiting_reply)
        + "</li><li>"
        + _tr("%n letter(s) in draft or awaiting signature", summary.draft_letters)
        + "</li></ul>"
    )
