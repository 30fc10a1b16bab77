"""The form to add or edit a situation of a person at risk: what, since, until, the court and the
sentence, the lawyer, the campaigns it concerns and its hearings on the calendar."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget
from sqlalchemy import Engine

from organiser import store
from organiser.models import SituationKind
from organiser.services import campaigns, situations
from organiser.services.situations import SituationFields, SituationView
from organiser.ui.dialogs.form import RecordForm
from organiser.ui.dialogs.record_picker import person_picker
from organiser.ui.dialogs.widgets import OptionalDateEdit, enum_combo
from organiser.ui.letters.pickers import RefPicker


class SituationForm(RecordForm):
    """Create (situation=None, for `person_id` and `campaign_id` when given) or edit a situation;
    `result_value` is the saved SituationView."""

    draft_form, draft_record = "situation", "situation"
    reread = staticmethod(situations.get_situation)
    noun = str(QT_TRANSLATE_NOOP("RecordNoun", "situation"))

    def __init__(
        self,
        engine: Engine,
        situation: SituationView | None = None,
        person_id: int | None = None,
        campaign_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        title = self.tr("Edit situation") if situation else self.tr("New situation")
        super().__init__(title, parent)
        self.engine = engine
        self.situation = situation
        keep = situation.action_ids if situation else ()
        with store.transaction(engine) as session:
            campaign_choices = [(c.id, c.title) for c in campaigns.list_campaigns(session)]
            action_choices = situations.action_choices(session, keep)
        self.person = person_picker(engine, self.tr("(none)"), parent=self)
        self.person.set_value(situation.person_id if situation else person_id)
        self.kind = enum_combo(SituationKind, SituationKind.DETAINED, self)
        self.since = OptionalDateEdit(self)
        self.until = OptionalDateEdit(self)
        self.until.edit.setToolTip(self.tr("Empty while it goes on"))
        self.court = QLineEdit(self)
        self.court.setPlaceholderText(self.tr("e.g. Seoul Central District Court"))
        self.sentence = QLineEdit(self)
        self.sentence.setPlaceholderText(self.tr("As the ruling says, e.g. 5 years in prison"))
        self.sentence_months = QLineEdit(self)
        self.sentence_months.setPlaceholderText(
            self.tr("In months: 60 for 5 years; empty if not known")
        )
        self.lawyer = QLineEdit(self)
        self.campaigns = RefPicker([(("campaign", key), text) for key, text in campaign_choices])
        self.campaigns.setParent(self)
        undated = self.tr("to be dated")
        self.hearings = RefPicker(
            [
                (
                    ("action", a.id),
                    f"{a.start_date.isoformat() if a.start_date else undated}  {a.title}"
                    f" ({a.campaign_title})",
                )
                for a in action_choices
            ]
        )
        self.hearings.setParent(self)
        self.hearings.setToolTip(
            self.tr("Its court hearings, rulings and release date: actions on the calendar")
        )
        self.notes = QPlainTextEdit(self)
        self.notes.setFixedHeight(60)

        self.add_field("person_id", self.tr("&Person"), self.person)
        self.add_field("kind", self.tr("&Situation"), self.kind)
        self.add_field("since", self.tr("S&ince"), self.since)
        self.add_field("until", self.tr("&Until"), self.until)
        self.add_field("court", self.tr("C&ourt"), self.court)
        self.add_field("sentence", self.tr("Se&ntence"), self.sentence)
        self.add_field("sentence_months", self.tr("Sentence &length"), self.sentence_months)
        self.add_field("lawyer", self.tr("&Lawyer"), self.lawyer)
        self.add_field("campaign", self.tr("&Campaigns"), self.campaigns)
        self.add_field("action", self.tr("&Hearings"), self.hearings)
        self.add_field("notes", self.tr("No&tes"), self.notes)
        self.resize(600, 640)
        if situation is not None:
            self.load(situation)
        elif campaign_id is not None:
            self.campaigns.set_refs([("campaign", campaign_id)])

    def load(self, situation: SituationView) -> None:
        self.kind.setCurrentIndex(self.kind.findData(situation.kind.value))
        self.since.set_value(situation.since)
        self.until.set_value(situation.until)
        self.court.setText(situation.court)
        self.sentence.setText(situation.sentence)
        months = situation.sentence_months
        self.sentence_months.setText(str(months) if months else "")
        self.lawyer.setText(situation.lawyer)
        self.campaigns.set_refs([("campaign", key) for key in situation.campaign_ids])
        self.hearings.set_refs([("action", key) for key in situation.action_ids])
        self.notes.setPlainText(situation.notes)

    def fields(self) -> SituationFields:
        return SituationFields(
            person_id=self.person.value(),
            kind=str(self.kind.currentData()),
            since=self.since.value(),  # a day that does not exist is refused at its field
            until=self.until.value(),
            court=self.court.text(),
            sentence=self.sentence.text(),
            sentence_months=self.sentence_months.text(),
            lawyer=self.lawyer.text(),
            notes=self.notes.toPlainText(),
            campaign_ids=[key for _, key in self.campaigns.refs()],
            action_ids=[key for _, key in self.hearings.refs()],
        )

    def save(self) -> SituationView:
        fields = self.fields()
        with store.transaction(self.engine, write=True) as session:
            if self.situation is None:
                return situations.create_situation(session, fields)
            return situations.update_situation(
                session, self.situation.id, fields, self.situation.version
            )
