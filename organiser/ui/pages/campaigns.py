"""The Campaigns page: every campaign in a sortable, filterable table, its details below."""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import QDialog, QLabel, QScrollArea
from sqlalchemy.orm import Session

from organiser.services import campaigns
from organiser.services.campaigns import CampaignView
from organiser.services.trash import TrashView
from organiser.services.validation import country_name
from organiser.ui.detail_tabs import campaign_tabs
from organiser.ui.dialogs.campaign_form import CampaignForm
from organiser.ui.labels import enum_label
from organiser.ui.pages.records import RecordsPage
from organiser.ui.table_model import Column, column_text


def campaign_columns() -> list[Column[CampaignView]]:
    return [
        Column(column_text("Title"), lambda c: c.title, foreground=lambda c: c.colour),
        Column(
            column_text("Country"), lambda c: c.country, tooltip=lambda c: country_name(c.country)
        ),
        Column(column_text("Status"), lambda c: c.status),
        Column(column_text("Start"), lambda c: c.start_date),
        Column(column_text("End"), lambda c: c.end_date),
        Column(column_text("Lead"), lambda c: c.lead_name),
        Column(column_text("Target"), lambda c: c.target),
    ]


class CampaignsPage(RecordsPage):
    title = "Campaigns"
    tables = frozenset({"campaign", "campaign_demand", "organisation", "action", "situation"})
    icon_name = "campaigns"
    noun = str(QT_TRANSLATE_NOOP("RecordNoun", "campaign"))
    update_service = (campaigns.CampaignFields, campaigns.update_campaign)
    empty_text = str(
        QT_TRANSLATE_NOOP(
            "RecordNoun", "No campaigns yet.\nPress Ctrl+N, or New campaign above, to start one."
        )
    )

    def columns(self) -> list[Column[Any]]:
        return campaign_columns()

    def load_rows(self, session: Session) -> list[CampaignView]:
        return campaigns.list_campaigns(session)

    def build_details(self) -> None:
        self.overview = QLabel(self)
        self.overview.setWordWrap(True)
        self.overview.setTextFormat(Qt.TextFormat.RichText)
        self.overview.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.overview.setContentsMargins(8, 8, 8, 8)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.overview)
        self.details.addTab(scroll, self.tr("Overview"))
        self.add_detail_tabs(campaign_tabs())

    def show_details(self, row: CampaignView | None) -> None:
        self.overview.setText(overview_html(row) if row else "")
        super().show_details(row)

    def form(self, row: CampaignView | None) -> QDialog:
        return CampaignForm(self.engine, row, self)

    def delete_question(self, session: Session, row: CampaignView) -> str:
        contents = campaigns.campaign_contents(session, row.id)
        return self.tr(
            "Delete the campaign “{title}” with its {actions}, {commitments} and {letters}? "
            "It goes to the trash, from where Edit › Undo or Edit › Trash brings it back."
        ).format(
            title=row.title,
            actions=self.tr("%n action(s)", "", contents.actions),
            commitments=self.tr("%n commitment(s)", "", contents.commitments),
            letters=self.tr("%n letter(s)", "", contents.letters),
        )

    def delete_row(self, session: Session, row: CampaignView) -> TrashView:
        return campaigns.delete_campaign(session, row.id)


def overview_html(campaign: CampaignView) -> str:
    """The selected campaign as rich text; every user string escaped."""
    e = html.escape
    dates = " – ".join(d.isoformat() for d in (campaign.start_date, campaign.end_date) if d)
    demands = "".join(f"<li>{e(text)}</li>" for text in campaign.demands)
    facts = [
        ("Status", enum_label(campaign.status)),
        ("Country", country_name(campaign.country)),
        ("Dates", dates),
        ("Target", campaign.target),
        ("Lead", campaign.lead_name),
    ]
    rows = "".join(f"<tr><td><b>{k}</b>&nbsp;</td><td>{e(v)}</td></tr>" for k, v in facts if v)
    return (
        f"<h3 style='color:{e(campaign.colour)}'>{e(campaign.title)}</h3><table>{rows}</table>"
        f"<p>{e(campaign.summary)}</p>" + (f"<b>Demands</b><ol>{demands}</ol>" if demands else "")
    )
