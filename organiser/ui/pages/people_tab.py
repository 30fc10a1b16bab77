"""The people of one organisation, with buttons to add, edit and remove them."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QHBoxLayout, QPushButton, QVBoxLayout, QWidget
from sqlalchemy import Engine

from organiser import store
from organiser.services import letters
from organiser.services import organisations as service
from organiser.services.organisations import PersonView
from organiser.ui.dialogs.messages import confirm, letters_kept_text, sentences, show_error
from organiser.ui.dialogs.organisation_form import PersonForm
from organiser.ui.icons import icon
from organiser.ui.table_model import Column, RecordTableModel, column_text
from organiser.ui.tables import RecordTable
from organiser.ui.undo import DeleteToTrash, page_stack, push_edit, take_step


def person_columns() -> list[Column[PersonView]]:
    return [
        Column(column_text("Name"), lambda p: p.display_name),
        Column(column_text("Title"), lambda p: p.title),
        Column(column_text("Email"), lambda p: p.email),
        Column(column_text("Language"), lambda p: p.language),
    ]


class PeopleTab(QWidget):
    tab_title = "People"

    def __init__(self, engine: Engine, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.engine = engine
        self.organisation_id: int | None = None
        self.table: RecordTable[PersonView] = RecordTable(
            RecordTableModel(person_columns()), parent=self
        )
        self.table.activated_row.connect(lambda _row: self.edit_person())
        self.add_button = QPushButton(icon("add"), self.tr("Add person"), self)
        self.edit_button = QPushButton(icon("edit"), self.tr("Edit"), self)
        self.remove_button = QPushButton(icon("delete"), self.tr("Remove"), self)
        self.add_button.clicked.connect(self.add_person)
        self.edit_button.clicked.connect(self.edit_person)
        self.remove_button.clicked.connect(self.remove_person)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.table)

    def show_record(self, organisation_id: int | None) -> None:
        self.organisation_id = organisation_id
        rows: list[PersonView] = []
        if organisation_id is not None:
            with store.transaction(self.engine) as session:
                rows = service.list_people(session, organisation_id)
        self.table.set_rows(rows)
        self.add_button.setEnabled(organisation_id is not None)

    def add_person(self) -> None:
        self._run(PersonForm(self.engine, None, self.organisation_id, self))

    def edit_person(self) -> None:
        person = self.table.selected()
        if person is None:
            return
        form = PersonForm(self.engine, person, parent=self)
        self._run(form)
        saved = form.result_value
        if saved is not None:

            def after(problems: list[str]) -> None:
                if problems:
                    show_error(self, self.tr("Edit person"), "\n".join(problems))
                self.show_record(self.organisation_id)

            service_pair = (service.PersonFields, service.update_person)
            push_edit(
                page_stack(self), self.engine, self.tr("person"), person, saved, service_pair, after
            )

    def remove_person(self) -> None:
        person = self.table.selected()
        if person is None:
            return
        with store.transaction(self.engine) as session:
            kept = letters.fixed_letters_naming(session, ("person", person.id))
        question = sentences(
            self.tr("Remove %s?") % person.display_name,
            self.tr("They leave the draft letters they are in."),
            letters_kept_text(kept.first, kept.total),
        )
        if not confirm(self, self.tr("Remove person"), question):
            return

        def after(problems: list[str]) -> None:
            if problems:
                show_error(self, self.tr("Remove person"), "\n".join(problems))
            self.show_record(self.organisation_id)

        noun = self.tr("person")
        remove = DeleteToTrash(
            self.engine,
            noun,
            person.display_name,
            lambda session: service.delete_person(session, person.id),
            after,
        )
        take_step(remove, page_stack(self))

    def _run(self, dialog: QDialog) -> None:
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.show_record(self.organisation_id)
