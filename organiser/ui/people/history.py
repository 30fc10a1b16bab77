"""One person's history of situations, oldest first, with buttons to add, edit and delete them;
used under the People at risk page and in a campaign's People at risk tab."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget
from sqlalchemy import Engine

from organiser import store
from organiser.errors import OrganiserError
from organiser.models import ActionKind
from organiser.services import situations as service
from organiser.services.situations import AtRiskView, SituationFields, SituationView
from organiser.ui.dialogs.messages import confirm, show_error
from organiser.ui.icons import icon
from organiser.ui.labels import enum_label
from organiser.ui.people.columns import count_text, history_columns
from organiser.ui.table_model import RecordTableModel
from organiser.ui.tables import RecordTable
from organiser.ui.undo import DeleteToTrash, page_stack, push_edit, take_step


class SituationHistory(QWidget):
    """The situations of the person shown; `changed` after each add, edit or delete."""

    changed = Signal()

    def __init__(self, engine: Engine, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.engine = engine
        self.person_id: int | None = None
        self.campaign_id: int | None = None  # a new situation starts in it
        self.risk: AtRiskView | None = None
        self.heading = QLabel(self)
        self.heading.setObjectName("history_heading")
        self.table: RecordTable[SituationView] = RecordTable(
            RecordTableModel(history_columns(lambda: self.risk)),
            self.tr("Filter the history…"),
            self,
        )
        self.table.activated_row.connect(lambda _row: self.edit_situation())
        self.table.selection_changed.connect(lambda _row: self._enable())
        self.add_button = QPushButton(icon("add"), self.tr("Add situation"), self)
        self.edit_button = QPushButton(icon("edit"), self.tr("Edit"), self)
        self.delete_button = QPushButton(icon("delete"), self.tr("Delete"), self)
        self.hearing_button = QPushButton(icon("calendar"), self.tr("New hearing…"), self)
        self.hearing_button.setToolTip(
            self.tr("Put a hearing of the chosen situation on the calendar")
        )
        self.hearing_button.clicked.connect(self.add_hearing)
        self.add_button.clicked.connect(self.add_situation)
        self.edit_button.clicked.connect(self.edit_situation)
        self.delete_button.clicked.connect(self.delete_situation)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        for button in (self.add_button, self.hearing_button, self.edit_button, self.delete_button):
            top.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        self._enable()

    def show_person(self, person_id: int | None, risk: AtRiskView | None = None) -> None:
        """The history of `person_id` (None: nobody), with their day counts now in `risk`."""
        self.person_id, self.risk = person_id, risk
        rows: list[SituationView] = []
        if person_id is not None:
            with store.transaction(self.engine) as session:
                rows = service.list_situations(session, person_id=person_id)
        self.table.set_rows(rows)
        name = risk.person_name if risk else (rows[0].person_name if rows else "")
        counts = count_text(risk) if risk else ""
        self.heading.setText(
            self.tr("History of %1").replace("%1", name) + (f" — {counts}" if counts else "")
            if name
            else self.tr("Choose a person to see their history.")
        )
        self._enable()

    def selected(self) -> SituationView | None:
        return self.table.selected()

    def add_situation(self) -> None:
        from organiser.ui.dialogs.situation_form import SituationForm  # the forms: when opened

        form = SituationForm(self.engine, None, self.person_id, self.campaign_id, self)
        if form.exec() == QDialog.DialogCode.Accepted:
            self.changed.emit()

    def edit_situation(self, situation: SituationView | None = None) -> None:
        before = situation or self.selected()
        if before is None:
            return
        from organiser.ui.dialogs.situation_form import SituationForm

        form = SituationForm(self.engine, before, parent=self)
        if form.exec() != QDialog.DialogCode.Accepted:
            return
        saved = form.result_value
        if saved is not None:
            push_edit(
                page_stack(self), self.engine, self.tr("situation"),
                form.replaced or before, saved,
                (SituationFields, service.update_situation),
                self._after, _label(saved),
            )  # fmt: skip
        self.changed.emit()

    def add_hearing(self) -> None:
        """A court hearing of the chosen situation, made in the calendar's own action form
        and linked to the situation: it is on the calendar, and the next one is shown here."""
        situation = self.selected()
        if situation is None:
            return
        campaign = situation.campaign_ids[0] if situation.campaign_ids else self.campaign_id
        from organiser.ui.calendar.action_form import ActionForm

        form = ActionForm(self.engine, self, day=date.today(), campaign_id=campaign)
        form.kind.setCurrentIndex(form.kind.findData(ActionKind.COURT_HEARING.value))
        form.title_edit.setText(self.tr("Hearing of %1").replace("%1", situation.person_name))
        form.location.setText(situation.court)
        if form.exec() != QDialog.DialogCode.Accepted or form.result_value is None:
            return
        try:
            with store.transaction(self.engine, write=True) as session:
                service.link_action(session, situation.id, form.result_value.action.id)
        except OrganiserError as error:
            show_error(self, self.tr("New hearing"), str(error))
        self.changed.emit()

    def delete_situation(self) -> None:
        situation = self.selected()
        if situation is None:
            return
        label = _label(situation)
        question = self.tr("Move the situation “%1” to the trash?").replace("%1", label)
        if not confirm(self, self.tr("Delete situation"), question):
            return
        remove = DeleteToTrash(
            self.engine,
            self.tr("situation"),
            label,
            lambda session: service.delete_situation(session, situation.id),
            self._after,
        )
        take_step(remove, page_stack(self))

    def _after(self, problems: list[str]) -> None:
        if problems:
            show_error(self, self.tr("Situation"), "\n".join(problems))
        self.changed.emit()

    def _enable(self) -> None:
        chosen = self.selected() is not None
        self.add_button.setEnabled(True)
        self.edit_button.setEnabled(chosen)
        self.hearing_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)


def _label(situation: SituationView) -> str:
    return f"{situation.person_name}: {enum_label(situation.kind)}"
