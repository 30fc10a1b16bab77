"""The Campaigns page: every campaign in a sortable, filterable table, its details below."""

from __future__ import annotations

import html
import re
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QFileDialog, QLabel, QScrollArea, QWidget
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from organiser import store
from organiser.errors import OrganiserError
from organiser.services import campaigns
from organiser.services.campaigns import CampaignView
from organiser.services.trash import TrashView
from organiser.services.validation import country_name
from organiser.ui.detail_tabs import campaign_tabs
from organiser.ui.dialogs.messages import show_error, show_info
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
    details_when_shown = True  # a campaign's timeline is a thousand actions
    empty_text = str(
        QT_TRANSLATE_NOOP(
            "RecordNoun", "No campaigns yet.\nPress Ctrl+N, or New campaign above, to start one."
        )
    )

    def __init__(self, engine: Engine, parent: QWidget | None = None) -> None:
        super().__init__(engine, parent)
        self.toolbar.addSeparator()
        # Print brief… is also File › Print (Ctrl+P), which the window routes to the page shown.
        self.brief_action = self._action(
            "pdf", self.tr("Brief…"), QKeySequence("Ctrl+E"), self.save_brief
        )
        self.print_action = self._action(
            "print", self.tr("Print brief…"), QKeySequence(), self.print_brief
        )
        self.show_details(self.table.selected())

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
        for action in (getattr(self, "brief_action", None), self.print_action):
            if action is not None:
                action.setEnabled(row is not None)

    def form(self, row: CampaignView | None) -> QDialog:
        from organiser.ui.dialogs.campaign_form import CampaignForm  # its pickers: when opened

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

    # The brief: the selected campaign's two pages, saved as PDF or printed
    def save_brief(self) -> None:
        row = self.table.selected()
        if row is None:
            return
        title = self.tr("Campaign brief")
        path, _ = QFileDialog.getSaveFileName(
            self, title, brief_file_name(row.title), self.tr("PDF (*.pdf)")
        )
        if path:
            self.write_brief(row.id, path)

    def write_brief(self, campaign_id: int, path: str) -> bool:
        title = self.tr("Campaign brief")
        from organiser.services import campaign_brief  # ReportLab: imported when asked for

        try:
            with store.transaction(self.engine) as session:
                campaign_brief.write_brief(session, campaign_id, path)
        except (OrganiserError, OSError) as error:  # it names the file, or the font missing
            show_error(self, title, str(error))
            return False
        show_info(self, title, self.tr("Saved {path}").format(path=path))
        return True

    def print_brief(self) -> None:
        """The very PDF Brief… saves, its pages drawn on the printer."""
        row = self.table.selected()
        if row is None:
            return
        from organiser.services import campaign_brief

        try:
            with store.transaction(self.engine) as session:
                pdf = campaign_brief.campaign_brief_pdf(session, row.id)
        except OrganiserError as error:
            show_error(self, self.tr("Print brief"), str(error))
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        if QPrintDialog(printer, self).exec() == QDialog.DialogCode.Accepted:
            from organiser.ui.letters.render import print_pdf  # pypdfium2: when printing

            print_pdf(printer, pdf)


def brief_file_name(title: str) -> str:
    """ "brief-stop-the-crackdown-on-korean-unions.pdf": the title's words, safe in a file name."""
    words = re.sub(r"[^\w]+", "-", title.casefold()).strip("-")
    return f"brief-{words[:60].rstrip('-') or 'campaign'}.pdf"


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
