"""The Dashboard: a welcome with the sample data on an empty database, else a short overview."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QStackedLayout, QVBoxLayout, QWidget
from sqlalchemy import Engine

from organiser import store
from organiser.errors import OrganiserError
from organiser.services import campaigns, organisations
from organiser.services.demo import load_demo
from organiser.ui.dialogs.messages import show_error
from organiser.ui.icons import icon
from organiser.ui.pages.base import Page


class DashboardPage(Page):
    title = "Dashboard"
    icon_name = "dashboard"

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
        layout = QVBoxLayout(widget)
        layout.setContentsMargins(48, 48, 48, 48)
        layout.addWidget(heading)
        layout.addWidget(text)
        layout.addSpacing(12)
        layout.addWidget(self.sample_button, 0, Qt.AlignmentFlag.AlignLeft)
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
            rows = campaigns.list_campaigns(session)
        active = [c for c in rows if c.status.value == "active"]
        lines = "".join(
            f"<li><span style='color:{escape(c.colour)}'>■</span> "
            f"{escape(c.title)} — {escape(c.target or c.country)}</li>"
            for c in active
        )
        self.overview.setText(
            f"<h2>{self.tr('Active campaigns')} ({len(active)} of {len(rows)})</h2><ul>{lines}</ul>"
        )
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
