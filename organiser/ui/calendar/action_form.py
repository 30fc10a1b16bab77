"""The form to add or edit an action: campaign, kind, title, when (to the day or the month,
ongoing, or not yet dated) and where, in its own zone, and the organisations it involves."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)
from sqlalchemy import Engine

from organiser import store
from organiser.models import ActionKind, ActionStatus, DatePrecision
from organiser.models.dates import month_of
from organiser.services.actions import (
    ActionFields,
    ActionView,
    SavedAction,
    create_action,
    fields_of,
    get_action,
    update_action,
)
from organiser.services.campaigns import list_campaigns
from organiser.services.timezones import country_zone, zone_names
from organiser.ui.calendar.deleting import ask_and_delete
from organiser.ui.calendar.involved import InvolvedEditor
from organiser.ui.dialogs.form import FIELD_ERROR_STYLE, RecordForm
from organiser.ui.dialogs.widgets import OptionalDateEdit, enum_combo, record_combo


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
    """Add an action on a day (`day`, or at a time when a datetime), or edit `action`;
    `result_value` is a SavedAction."""

    draft_form, draft_record = "action", "action"
    reread = staticmethod(get_action)
    noun = str(QT_TRANSLATE_NOOP("RecordNoun", "action"))

    def __init__(
        self,
        engine: Engine,
        parent: QWidget | None = None,
        action: ActionView | None = None,
        day: date | datetime | None = None,
        campaign_id: int | None = None,
        zone: str = "UTC",
    ) -> None:
        super().__init__(self.tr("Edit action") if action else self.tr("New action"), parent)
        self.engine = engine
        self.action = action
        data = fields_of(action) if action else ActionFields(campaign_id=campaign_id)
        # `day` may be a datetime: an hour double-clicked in the week starts a timed action.
        start = data.start if isinstance(data.start, date) else (day or date.today())
        with store.transaction(engine) as session:
            listed = list_campaigns(session)
        campaigns = [(c.id, c.title) for c in listed]
        self.countries = {c.id: c.country for c in listed}
        # No campaign is chosen for the user: the page's filter, or the user's own choice.
        self.campaign = record_combo(
            campaigns, data.campaign_id, self.tr("Choose a campaign…"), self
        )
        self.add_field("campaign_id", self.tr("Campaign"), self.campaign)
        self.kind = enum_combo(ActionKind, ActionKind(data.kind), self)
        self.add_field("kind", self.tr("Kind"), self.kind)
        self.title_edit = QLineEdit(data.title, self)
        self.add_field("title", self.tr("Title"), self.title_edit)
        self.all_day = QCheckBox(self.tr("All day"), self)
        self.all_day.setChecked(action.all_day if action else not isinstance(day, datetime))
        self.add_field("all_day", "", self.all_day)
        self._dating_fields(data)
        timed = not self.all_day.isChecked()
        self.start = OptionalDateEdit(self, with_time=timed)
        self.start.set_value(start)
        self.add_field("start", self.tr("Start"), self.start)
        self.end = OptionalDateEdit(self, with_time=timed)
        self.end.set_value(data.end if isinstance(data.end, date) else None)
        self.add_field("end", self.tr("End (last day, or end time; empty: none)"), self.end)
        own = country_zone(self.countries.get(data.campaign_id or 0, ""))
        self.zone = zone_combo((data.timezone or "UTC") if action else (own or zone), self)
        self.add_field("timezone", self.tr("Time zone (where it happens)"), self.zone)
        self.location = QLineEdit(data.location, self)
        self.add_field("location", self.tr("Location"), self.location)
        self.status = enum_combo(ActionStatus, ActionStatus(data.status), self)
        self.add_field("status", self.tr("Status"), self.status)
        self.workers = QLineEdit("" if data.workers is None else str(data.workers), self)
        self.workers.setPlaceholderText(self.tr("not known"))
        self.add_field("workers", self.tr("Workers taking part"), self.workers)
        self.outcome = QLineEdit(data.outcome, self)
        self.outcome.setPlaceholderText(self.tr("e.g. declared illegal by a local court"))
        self.add_field("outcome", self.tr("Outcome"), self.outcome)
        pairs = [(key, str(role)) for key, role in data.organisations or []]
        self.involved = InvolvedEditor(engine, pairs, self)
        self.add_field("organisations", self.tr("Organisations involved"), self.involved)
        self.notes = QPlainTextEdit(data.notes, self)
        self.notes.setFixedHeight(64)
        self.add_field("notes", self.tr("Notes"), self.notes)
        self.deleted = False
        if action is not None:
            delete = self.buttons.addButton(
                self.tr("Delete"), QDialogButtonBox.ButtonRole.DestructiveRole
            )
            delete.clicked.connect(self.delete)
        self.campaign.currentIndexChanged.connect(self._on_campaign)
        self.all_day.toggled.connect(self._on_all_day)
        self._on_all_day(self.all_day.isChecked())
        for box in (self.ongoing, self.undated, self.month_only):
            box.toggled.connect(self._on_dating)
        self.target_month.textChanged.connect(self._check_target_month)
        self._on_dating()
        self.title_edit.setFocus()

    def _dating_fields(self, data: ActionFields) -> None:
        """Ongoing, Not yet dated (with its target month), Month only: ticked, each leaves out
        what it makes meaningless."""
        self.ongoing = QCheckBox(self.tr("Ongoing (no end yet)"), self)
        self.ongoing.setChecked(bool(data.ongoing))
        self.undated = QCheckBox(self.tr("Not yet dated"), self)
        self.undated.setChecked(bool(data.undated))
        self.month_only = QCheckBox(self.tr("Month only"), self)
        self.month_only.setToolTip(self.tr("Dated to the month only, such as July 2016"))
        self.month_only.setChecked(str(data.date_precision) == DatePrecision.MONTH.value)
        boxes = QWidget(self)
        row = QHBoxLayout(boxes)
        row.setContentsMargins(0, 0, 0, 0)
        for box in (self.ongoing, self.undated, self.month_only):
            row.addWidget(box)
        row.addStretch(1)
        self.add_field("ongoing", self.tr("Dated"), boxes)
        self.target_month = QLineEdit(data.target_month or "", self)
        self.target_month.setPlaceholderText(self.tr("YYYY-MM, or empty: none"))
        self.add_field("target_month", self.tr("Target month"), self.target_month)

    def _on_dating(self, *_args: object) -> None:
        undated = self.undated.isChecked()
        month = self.month_only.isChecked()
        self.start.setEnabled(not undated)
        self.end.setEnabled(not (undated or month or self.ongoing.isChecked()))
        self.all_day.setEnabled(not (undated or month))
        self.ongoing.setEnabled(not (undated or month))
        self.month_only.setEnabled(not (undated or self.ongoing.isChecked()))
        self.target_month.setEnabled(undated)
        if month and not self.all_day.isChecked():
            self.all_day.setChecked(True)

    def _check_target_month(self, text: str) -> None:
        bad = bool(text.strip()) and month_of(text) is None
        self.target_month.setStyleSheet(FIELD_ERROR_STYLE if bad else "")
        self.target_month.setToolTip(self.tr("Give the month as YYYY-MM") if bad else "")

    def _on_campaign(self, _index: int) -> None:
        """A campaign in a country of one zone (Korea: Asia/Seoul) gives the action that zone;
        elsewhere the zone stays as it was, for the user to check."""
        own = country_zone(self.countries.get(self.campaign.currentData() or 0, ""))
        if own is not None:
            self.zone.setCurrentText(own)

    def _on_all_day(self, all_day: bool) -> None:
        for edit in (self.start, self.end):
            edit.set_with_time(not all_day)

    def fields(self) -> ActionFields:
        undated, month = self.undated.isChecked(), self.month_only.isChecked()
        ongoing = self.ongoing.isChecked() and not (undated or month)
        return ActionFields(
            campaign_id=self.campaign.currentData(),
            kind=str(self.kind.currentData()),
            title=self.title_edit.text(),
            # As typed: the service says what is wrong with it. What a tick box leaves out is
            # not sent (a start kept in the field while Not yet dated is ticked, say).
            start=None if undated else self.start.text(),
            end=None if undated or month or ongoing else self.end.text() or None,
            timezone=self.zone.currentText(),
            location=self.location.text(),
            status=str(self.status.currentData()),
            notes=self.notes.toPlainText(),
            workers=self.workers.text(),
            outcome=self.outcome.text(),
            ongoing=ongoing,
            undated=undated,
            target_month=self.target_month.text() if undated else None,
            date_precision=DatePrecision.MONTH if month and not undated else DatePrecision.DAY,
            organisations=self.involved.pairs(),
        )

    def delete(self) -> None:
        assert self.action is not None
        if ask_and_delete(self, self.engine, self.action):  # on the calendar's undo stack
            self.deleted = True
            self.accept()

    def save(self) -> SavedAction:
        for edit in (self.start, self.end):  # a day that is none is said first, at its field
            if edit.isEnabled():
                edit.value()
        with store.transaction(self.engine, write=True) as session:
            if self.action is None:
                return create_action(session, self.fields())
            return update_action(session, self.action.id, self.fields(), self.action.version)
