"""The Organisations page: affiliates, national centres, governments, employers and their people."""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialog, QFileDialog, QLabel, QWidget
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from organiser import store
from organiser.errors import OrganiserError
from organiser.models import OrganisationKind
from organiser.services import commitments, letters
from organiser.services import organisations as service
from organiser.services.affiliates_import import export_affiliates
from organiser.services.organisations import OrganisationQuery, OrganisationRow, OrganisationView
from organiser.services.trash import TrashView
from organiser.services.validation import country_name
from organiser.ui.commitments.import_dialog import AffiliateImportDialog
from organiser.ui.detail_tabs import organisation_tabs
from organiser.ui.dialogs.messages import letters_kept_text, sentences, show_error, show_info
from organiser.ui.dialogs.organisation_form import OrganisationForm
from organiser.ui.labels import enum_label, named
from organiser.ui.pages.people_tab import PeopleTab
from organiser.ui.pages.records import RecordsPage
from organiser.ui.table_model import Column, RecordTableModel, column_text
from organiser.ui.tables import RecordTable

# What each column of `organisation_columns()` sorts by in the service.
ORGANISATION_SORT_KEYS = ("name", "acronym", "kind", "country", "affiliate_of", "people", "email")


def organisation_columns() -> list[Column[Any]]:
    """Over an `OrganisationRow` (the lazy table's) or an `OrganisationView`: the same names."""
    return [
        Column(column_text("Name"), lambda o: o.name),
        Column(column_text("Acronym"), lambda o: o.acronym),
        Column(column_text("Kind"), lambda o: o.kind),
        Column(
            column_text("Country"), lambda o: o.country, tooltip=lambda o: country_name(o.country)
        ),
        Column(column_text("Affiliate of"), lambda o: o.affiliate_of_name),
        Column(column_text("People"), lambda o: o.people_count),
        Column(column_text("Email"), lambda o: o.email),
    ]


def organisation_query(text: str, affiliates_of: int | None = None) -> OrganisationQuery:
    """The organisations holding `text` in a column shown, the Kind column's words included."""
    return OrganisationQuery(text, named(OrganisationKind, text), affiliates_of)


class AffiliatesTab(RecordTable[OrganisationRow]):
    """The organisations affiliated to the selected one."""

    tab_title = "Affiliates"

    def __init__(self, engine: Engine, parent: QWidget | None = None) -> None:
        super().__init__(RecordTableModel(organisation_columns()[:4]), parent=parent)
        self.engine = engine

    def show_record(self, organisation_id: int | None) -> None:
        rows: list[OrganisationRow] = []
        if organisation_id is not None:
            with store.transaction(self.engine) as session:
                rows = service.organisation_rows(
                    session, OrganisationQuery(affiliates_of=organisation_id)
                )
        self.set_rows(rows)


class OrganisationsPage(RecordsPage):
    title = "Organisations"
    tables = frozenset({"organisation", "person", "situation"})
    icon_name = "organisations"
    noun = str(QT_TRANSLATE_NOOP("RecordNoun", "organisation"))
    update_service = (service.OrganisationFields, service.update_organisation)
    sort_keys = ORGANISATION_SORT_KEYS
    first_sort = "name"
    empty_text = str(
        QT_TRANSLATE_NOOP(
            "RecordNoun",
            "No organisations yet.\nPress Ctrl+N, or New organisation above, to add one.",
        )
    )

    def __init__(self, engine: Engine, parent: QWidget | None = None) -> None:
        super().__init__(engine, parent)
        self.toolbar.addSeparator()
        self.import_action = self._action(
            "import", self.tr("Import…"), QKeySequence("Ctrl+I"), self.import_affiliates
        )
        self.export_action = self._action(
            "export", self.tr("Export…"), QKeySequence("Ctrl+E"), self.export_organisations
        )

    def columns(self) -> list[Column[Any]]:
        return organisation_columns()

    def import_affiliates(self) -> None:
        """Affiliates from a spreadsheet: mapping, preview of bad rows, then all or nothing."""
        AffiliateImportDialog(self.engine, self).exec()  # the job's news refreshes the pages

    def export_organisations(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Export organisations"), "organisations.csv", self.tr("CSV (*.csv)")
        )
        if not path:
            return
        try:
            with store.transaction(self.engine) as session:
                count = export_affiliates(session, path)
        except (OrganiserError, OSError) as error:
            show_error(self, self.tr("Export organisations"), str(error))
            return
        show_info(
            self, self.tr("Export organisations"), self.tr("%n organisation(s) written.", "", count)
        )

    def count_rows(self, session: Session, text: str) -> int:
        return service.count_organisation_rows(session, organisation_query(text))

    def page_rows(
        self, session: Session, text: str, offset: int, limit: int, sort: str, descending: bool
    ) -> list[OrganisationRow]:
        query = organisation_query(text)
        return service.organisation_rows(session, query, offset, limit, sort, descending)

    def record(self, session: Session, row: OrganisationRow) -> OrganisationView:
        return service.get_organisation(session, row.id)

    def build_details(self) -> None:
        self.summary = QLabel(self)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.summary.setWordWrap(True)
        self.summary.setContentsMargins(8, 8, 8, 8)
        self.details.addTab(self.summary, self.tr("Details"))
        self.add_detail_tabs([PeopleTab, AffiliatesTab, *organisation_tabs()])

    def show_details(self, row: OrganisationView | None) -> None:
        self.summary.setText(details_html(row) if row else "")
        super().show_details(row)

    def form(self, row: OrganisationView | None) -> QDialog:
        return OrganisationForm(self.engine, row, self)

    def delete_question(self, session: Session, row: OrganisationView) -> str:
        kept = letters.fixed_letters_naming(session, ("org", row.id))
        pledged = commitments.count_commitments(
            session, commitments.CommitmentFilter(organisation_id=row.id)
        )
        people = self.tr("Its %n person(people) stays(stay)", "", row.people_count)
        stays = self.tr("its %n commitment(s) stays(stay) under its name", "", pledged)
        question = self.tr(
            "Delete “{name}”? {people}, without an organisation, and {stays}; it leaves the "
            "draft letters it is in."
        ).format(name=row.name, people=people, stays=stays)
        undone = self.tr(
            "It goes to the trash, from where Edit › Undo or Edit › Trash brings it back."
        )
        return sentences(question, letters_kept_text(kept.first, kept.total), undone)

    def delete_row(self, session: Session, row: OrganisationView) -> TrashView:
        return service.delete_organisation(session, row.id)


def details_html(org: OrganisationView) -> str:
    e = html.escape
    facts = [
        ("Kind", enum_label(org.kind)),
        ("Country", country_name(org.country)),
        ("Affiliate of", org.affiliate_of_name),
        ("Email", org.email),
        ("Phone", org.phone),
        ("Website", org.website),
        ("Language", org.language),
    ]
    rows = "".join(f"<tr><td><b>{k}</b>&nbsp;</td><td>{e(v)}</td></tr>" for k, v in facts if v)
    address = e(org.address).replace("\n", "<br>")
    return (
        f"<h3>{e(org.display_name)}</h3><table>{rows}</table>"
        + (f"<p><b>Address</b><br>{address}</p>" if address else "")
        + (f"<p>{e(org.notes)}</p>" if org.notes else "")
    )
