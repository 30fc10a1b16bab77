"""The form to create or edit a campaign."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QColorDialog,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)
from sqlalchemy import Engine

from organiser import store
from organiser.models import CampaignStatus
from organiser.services.campaigns import (
    CampaignFields,
    CampaignView,
    create_campaign,
    get_campaign,
    update_campaign,
)
from organiser.ui.dialogs.demands_editor import DemandsEditor
from organiser.ui.dialogs.form import RecordForm
from organiser.ui.dialogs.organisations_picker import OrganisationsPicker
from organiser.ui.dialogs.record_picker import organisation_picker
from organiser.ui.dialogs.widgets import (
    OptionalDateEdit,
    combo_code,
    country_combo,
    enum_combo,
)


class ColourButton(QPushButton):
    """A campaign's calendar colour ('' for automatic), chosen in a colour dialog."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.colour = ""
        self.clicked.connect(self.choose)

    def set_colour(self, colour: str) -> None:
        self.colour = colour
        self.setText(colour or self.tr("Automatic"))
        self.setStyleSheet(f"background-color: {colour};" if colour else "")

    def choose(self) -> None:
        chosen = QColorDialog.getColor(
            QColor(self.colour or "#1f6feb"), self, self.tr("Campaign colour")
        )
        if chosen.isValid():
            self.set_colour(chosen.name())

    # For a form's draft (see ui/dialogs/snapshot.py)
    def draft_value(self) -> str:
        return self.colour

    def set_draft_value(self, value: str) -> None:
        self.set_colour(str(value))


class CampaignForm(RecordForm):
    """Create (campaign=None) or edit a campaign; `result_value` is the saved CampaignView."""

    draft_form, draft_record = "campaign", "campaign"
    reread = staticmethod(get_campaign)
    noun = str(QT_TRANSLATE_NOOP("RecordNoun", "campaign"))

    def __init__(
        self, engine: Engine, campaign: CampaignView | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(self.tr("Edit campaign") if campaign else self.tr("New campaign"), parent)
        self.engine = engine
        self.campaign = campaign
        self.title_edit = QLineEdit(self)
        self.title_edit.setPlaceholderText(self.tr("e.g. Free the jailed union leaders"))
        self.country = country_combo(parent=self)
        self.target = QLineEdit(self)
        self.target.setPlaceholderText(self.tr("Who must act: a government, an employer…"))
        self.target_organisations = OrganisationsPicker(
            engine, self.tr("Add a target organisation…"), self
        )
        self.allies = OrganisationsPicker(engine, self.tr("Add an ally…"), self)
        self.summary = QPlainTextEdit(self)
        self.summary.setFixedHeight(80)
        self.demands = DemandsEditor(self)
        self.status = enum_combo(CampaignStatus, parent=self)
        self.start = OptionalDateEdit(self)
        self.end = OptionalDateEdit(self)
        self.lead = organisation_picker(engine, self.tr("(none)"), parent=self)
        self.colour_button = ColourButton(self)

        self.add_field("title", self.tr("&Title"), self.title_edit)
        self.add_field("country", self.tr("&Country"), self.country)
        self.add_field("target", self.tr("Tar&get"), self.target)
        self.add_field(
            "target_organisation_ids", self.tr("Target organisations"), self.target_organisations
        )
        self.add_field("ally_ids", self.tr("Allies"), self.allies)
        self.add_field("summary", self.tr("&Summary"), self.summary)
        self.add_field("demands", self.tr("&Demands (in order)"), self.demands)
        self.add_field("status", self.tr("St&atus"), self.status)
        self.add_field("start_date", self.tr("Start date"), self.start)
        self.add_field("end_date", self.tr("End date"), self.end)
        self.add_field("lead_id", self.tr("&Lead organisation"), self.lead)
        self.add_field("colour", self.tr("Calendar colour"), self.colour_button)
        self.resize(620, 700)
        if campaign is not None:
            self.load(campaign)
        else:
            self.set_colour("")

    def load(self, campaign: CampaignView) -> None:
        self.title_edit.setText(campaign.title)
        self.country.setCurrentIndex(max(0, self.country.findData(campaign.country)))
        self.target.setText(campaign.target)
        self.target_organisations.set_ids(campaign.target_organisation_ids)
        self.allies.set_ids(campaign.ally_ids)
        self.summary.setPlainText(campaign.summary)
        self.demands.set_demands(campaign.demands)
        self.status.setCurrentIndex(self.status.findData(campaign.status.value))
        self.start.set_value(campaign.start_date)
        self.end.set_value(campaign.end_date)
        self.lead.set_value(campaign.lead_id)
        self.set_colour(campaign.colour)

    def set_colour(self, colour: str) -> None:
        self.colour_button.set_colour(colour)

    def fields(self) -> CampaignFields:
        return CampaignFields(
            title=self.title_edit.text(),
            country=combo_code(self.country),
            target=self.target.text(),
            summary=self.summary.toPlainText(),
            demands=self.demands.demands(),
            status=str(self.status.currentData()),
            start_date=self.start.value(),
            end_date=self.end.value(),
            lead_id=self.lead.value(),
            colour=self.colour_button.colour,
            target_organisation_ids=self.target_organisations.ids(),
            ally_ids=self.allies.ids(),
        )

    def save(self) -> CampaignView:
        fields = self.fields()
        with store.transaction(self.engine, write=True) as session:
            if self.campaign is None:
                return create_campaign(session, fields)
            return update_campaign(session, self.campaign.id, fields, self.campaign.version)
