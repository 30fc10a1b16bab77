"""The forms to create or edit an organisation and a person."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPlainTextEdit, QWidget
from sqlalchemy import Engine

from organiser import store
from organiser.models import OrganisationKind
from organiser.services import organisations as service
from organiser.services.organisations import (
    OrganisationFields,
    OrganisationView,
    PersonFields,
    PersonView,
)
from organiser.ui.dialogs.form import RecordForm
from organiser.ui.dialogs.record_picker import RecordPicker, organisation_picker
from organiser.ui.dialogs.widgets import combo_code, country_combo, enum_combo


def _text_box(parent: QWidget, height: int = 70) -> QPlainTextEdit:
    box = QPlainTextEdit(parent)
    box.setFixedHeight(height)
    return box


class OrganisationForm(RecordForm):
    """Create (organisation=None) or edit an organisation, with its affiliate-of link."""

    draft_form, draft_record = "organisation", "organisation"
    reread = staticmethod(service.get_organisation)
    noun = str(QT_TRANSLATE_NOOP("RecordNoun", "organisation"))

    def __init__(
        self,
        engine: Engine,
        organisation: OrganisationView | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            self.tr("Edit organisation") if organisation else self.tr("New organisation"), parent
        )
        self.engine = engine
        self.organisation = organisation
        own_id = organisation.id if organisation else None
        self.name = QLineEdit(self)
        self.acronym = QLineEdit(self)
        self.kind = enum_combo(OrganisationKind, OrganisationKind.UNION, self)
        self.country = country_combo(parent=self)
        self.affiliate_of = organisation_picker(
            engine, self.tr("(none)"), exclude=own_id, parent=self
        )
        self.address = _text_box(self)
        self.email = QLineEdit(self)
        self.phone = QLineEdit(self)
        self.website = QLineEdit(self)
        self.language = QLineEdit(self)
        self.language.setPlaceholderText(self.tr("ISO code, e.g. en, ko, kk"))
        self.notes = _text_box(self)
        self.members = QLineEdit(self)
        self.members.setPlaceholderText(self.tr("how many, e.g. 30000000"))
        self.membership = QLineEdit(self)
        self.membership.setPlaceholderText(
            self.tr("as the organisation says it: 30 million workers")
        )
        members = QWidget(self)  # the count and its wording side by side, on one row
        row = QHBoxLayout(members)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.members, 1)
        row.addWidget(self.membership, 2)
        for name, label, widget in (
            ("name", self.tr("&Name"), self.name),
            ("acronym", self.tr("&Acronym"), self.acronym),
            ("kind", self.tr("&Kind"), self.kind),
            ("country", self.tr("&Country"), self.country),
            ("affiliate_of_id", self.tr("Affiliate &of"), self.affiliate_of),
            ("address", self.tr("Postal a&ddress"), self.address),
            ("email", self.tr("&Email"), self.email),
            ("phone", self.tr("&Phone"), self.phone),
            ("website", self.tr("&Website"), self.website),
            ("language", self.tr("&Language"), self.language),
            ("members", self.tr("&Members"), members),
            ("notes", self.tr("N&otes"), self.notes),
        ):
            self.add_field(name, label, widget)
        self.resize(560, self.sizeHint().height())
        if organisation is not None:
            self.load(organisation)

    def load(self, org: OrganisationView) -> None:
        self.name.setText(org.name)
        self.acronym.setText(org.acronym)
        self.kind.setCurrentIndex(self.kind.findData(org.kind.value))
        self.country.setCurrentIndex(max(0, self.country.findData(org.country)))
        self.affiliate_of.set_value(org.affiliate_of_id)
        self.address.setPlainText(org.address)
        self.email.setText(org.email)
        self.phone.setText(org.phone)
        self.website.setText(org.website)
        self.language.setText(org.language)
        self.notes.setPlainText(org.notes)
        self.members.setText("" if org.members is None else str(org.members))
        self.membership.setText(org.membership)

    def fields(self) -> OrganisationFields:
        return OrganisationFields(
            name=self.name.text(),
            acronym=self.acronym.text(),
            kind=str(self.kind.currentData()),
            country=combo_code(self.country),
            address=self.address.toPlainText(),
            email=self.email.text(),
            phone=self.phone.text(),
            website=self.website.text(),
            language=self.language.text(),
            notes=self.notes.toPlainText(),
            affiliate_of_id=self.affiliate_of.value(),
            members=self.members.text(),
            membership=self.membership.text(),
        )

    def save(self) -> OrganisationView:
        with store.transaction(self.engine, write=True) as session:
            if self.organisation is None:
                return service.create_organisation(session, self.fields())
            return service.update_organisation(
                session, self.organisation.id, self.fields(), self.organisation.version
            )


class PersonForm(RecordForm):
    """Create or edit a person; a new person starts in the given organisation."""

    draft_form, draft_record = "person", "person"
    reread = staticmethod(service.get_person)
    noun = str(QT_TRANSLATE_NOOP("RecordNoun", "person"))

    def __init__(
        self,
        engine: Engine,
        person: PersonView | None = None,
        organisation_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(self.tr("Edit person") if person else self.tr("New person"), parent)
        self.engine = engine
        self.person = person
        self.name = QLineEdit(self)
        self.role = QLineEdit(self)
        self.role.setPlaceholderText(
            self.tr("e.g. the branch's first vice-chair, while the name is not known")
        )
        self.title_edit = QLineEdit(self)
        self.title_edit.setPlaceholderText(self.tr("e.g. President, General Secretary"))
        self.organisation: RecordPicker = organisation_picker(
            engine, self.tr("(none)"), parent=self
        )
        self.organisation.set_value(person.organisation_id if person else organisation_id)
        self.email = QLineEdit(self)
        self.address = _text_box(self)
        self.language = QLineEdit(self)
        self.notes = _text_box(self)
        for name, label, widget in (
            ("name", self.tr("&Name"), self.name),
            ("role", self.tr("Known by &role"), self.role),
            ("title", self.tr("&Title or role"), self.title_edit),
            ("organisation_id", self.tr("&Organisation"), self.organisation),
            ("email", self.tr("&Email"), self.email),
            ("address", self.tr("Postal a&ddress"), self.address),
            ("language", self.tr("&Language"), self.language),
            ("notes", self.tr("N&otes"), self.notes),
        ):
            self.add_field(name, label, widget)
        if person is not None:
            self.name.setText(person.name)
            self.role.setText(person.role)
            self.title_edit.setText(person.title)
            self.email.setText(person.email)
            self.address.setPlainText(person.address)
            self.language.setText(person.language)
            self.notes.setPlainText(person.notes)

    def fields(self) -> PersonFields:
        return PersonFields(
            name=self.name.text(),
            role=self.role.text(),
            title=self.title_edit.text(),
            organisation_id=self.organisation.value(),
            email=self.email.text(),
            address=self.address.toPlainText(),
            language=self.language.text(),
            notes=self.notes.toPlainText(),
        )

    def save(self) -> PersonView:
        with store.transaction(self.engine, write=True) as session:
            if self.person is None:
                return service.create_person(session, self.fields())
            return service.update_person(
                session, self.person.id, self.fields(), self.person.version
            )
