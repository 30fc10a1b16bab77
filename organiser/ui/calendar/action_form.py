"""The form to add or edit an action: campaign, kind, title, when and where, in its own zone."""

from __future__ import annotations

from datetime import date, datetime, time

from PySide6.QtCore import QDate, QDateTime, Qt, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialogButtonBox,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)
from sqlalchemy import Engine

from organiser import store
from organiser.models import ActionKind, ActionStatus
from organiser.services.actions import (
    ActionFields,
    ActionView,
    SavedAction,
    create_action,
    fields_of,
    update_action,
)
from organiser.services.campaigns import list_campaigns
from organiser.services.timezones import zone_names
from organiser.ui.calendar.deleting import ask_and_delete
from organiser.ui.dialogs.form import RecordForm
from organiser.ui.dialogs.widgets import enum_combo, record_combo

DATE_FORMAT = "yyyy-MM-dd"
TIME_FORMAT = "yyyy-MM-dd HH:mm"


def _qdatetime(value: date | datetime) -> QDateTime:
    moment = value if isinstance(value, datetime) else datetime.combine(value, time(10, 0))
    return QDateTime(
        QDate(moment.year, moment.month, moment.day), QTime(moment.hour, moment.minute)
    )


def _text(edit: QDateTimeEdit, all_day: bool) -> str:
    return edit.dateTime().toString("yyyy-MM-dd" if all_day else "yyyy-MM-ddTHH:mm")


def zone_combo(current: str, parent: QWidget | None = None) -> QComboBox:
    """IANA zones, typed to search; what is typed is kept and checked by the service."""
    combo = QComboBox(parent)
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    combo.addItems(list(zone_names()))
    completer = combo.completer()
    if completer is not None:
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    combo.setCurrentText(current)
    return combo


class ActionForm(RecordForm):
    """Add an action on a day (`day`), or edit `action`; `result_value` is a SavedAction."""

    def __init__(
        self,
        engine: Engine,
        parent: QWidget | None = None,
        action: ActionView | None = None,
        day: date | None = None,
        campaign_id: int | None = None,
        zone: str = "UTC",
    ) -> None:
        super().__init__(self.tr("Edit action") if action else self.tr("New action"), parent)
        self.engine = engine
        self.action = action
        data = fields_of(action) if action else ActionFields(campaign_id=campaign_id)
        start = data.start if isinstance(data.start, date) else (day or date.today())
        with store.transaction(engine) as session:
            campaigns = [(c.id, c.title) for c in list_campaigns(session)]
        self.campaign = record_combo(campaigns, data.campaign_id, "", self)
        self.add_field("campaign_id", self.tr("Campaign"), self.campaign)
        self.kind = enum_combo(ActionKind, ActionKind(data.kind), self)
        self.add_field("kind", self.tr("Kind"), self.kind)
        self.title_edit = QLineEdit(data.title, self)
        self.add_field("title", self.tr("Title"), self.title_edit)
        self.all_day = QCheckBox(self.tr("All day"), self)
        self.all_day.setChecked(action.all_day if action else True)
        self.add_field("all_day", "", self.all_day)
        self.start = QDateTimeEdit(_qdatetime(start), self)
        self.start.setCalendarPopup(True)
        self.add_field("start", self.tr("Start"), self.start)
        self.end, self.has_end = self._end_field(data.end)
        self.zone = zone_combo(data.timezone if action else zone, self)
        self.add_field("timezone", self.tr("Time zone (where it happens)"), self.zone)
        self.location = QLineEdit(data.location, self)
        self.add_field("location", self.tr("Location"), self.location)
        self.status = enum_combo(ActionStatus, ActionStatus(data.status), self)
        self.add_field("status", self.tr("Status"), self.status)
        self.notes = QPlainTextEdit(data.notes, self)
        self.notes.setFixedHeight(80)
        self.add_field("notes", self.tr("Notes"), self.notes)
        self.deleted = False
        if action is not None:
            delete = self.buttons.addButton(
                self.tr("Delete"), QDialogButtonBox.ButtonRole.DestructiveRole
            )
            delete.clicked.connect(self.delete)
        self.all_day.toggled.connect(self._on_all_day)
        self._on_all_day(self.all_day.isChecked())
        self.title_edit.setFocus()

    def _end_field(self, end: object) -> tuple[QDateTimeEdit, QCheckBox]:
        holder = QWidget(self)
        has_end = QCheckBox(holder)
        edit = QDateTimeEdit(holder)
        edit.setCalendarPopup(True)
        if isinstance(end, date):
            edit.setDateTime(_qdatetime(end))
        else:
            edit.setDateTime(self.start.dateTime())
        has_end.setChecked(isinstance(end, date))
        edit.setEnabled(has_end.isChecked())
        has_end.toggled.connect(edit.setEnabled)
        row = QHBoxLayout(holder)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(has_end)
        row.addWidget(edit, 1)
        self.add_field("end", self.tr("End (last day, or end time)"), holder)
        return edit, has_end

    def _on_all_day(self, all_day: bool) -> None:
        for edit in (self.start, self.end):
            edit.setDisplayFormat(DATE_FORMAT if all_day else TIME_FORMAT)

    def fields(self) -> ActionFields:
        all_day = self.all_day.isChecked()
        return ActionFields(
            campaign_id=self.campaign.currentData(),
            kind=str(self.kind.currentData()),
            title=self.title_edit.text(),
            start=_text(self.start, all_day),
            end=_text(self.end, all_day) if self.has_end.isChecked() else None,
            timezone=self.zone.currentText(),
            location=self.location.text(),
            status=str(self.status.currentData()),
            notes=self.notes.toPlainText(),
        )

    def delete(self) -> None:
        assert self.action is not None
        if ask_and_delete(self, self.engine, self.action):
            self.deleted = True
            self.accept()

    def save(self) -> SavedAction:
        with store.transaction(self.engine) as session:
            if self.action is None:
                return create_action(session, self.fields())
            return update_action(session, self.action.id, self.fields(), self.action.version)
