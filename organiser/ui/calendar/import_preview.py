"""The preview of an .ics import: what each event would become, before anything is written."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from organiser.models import ActionKind
from organiser.services.action_import import PlannedImport
from organiser.services.timezones import short_zone_name
from organiser.ui.dialogs.fit import FittedDialog
from organiser.ui.dialogs.form import ERROR_STYLE
from organiser.ui.dialogs.widgets import record_combo
from organiser.ui.table_model import Column, RecordTableModel, lines
from organiser.ui.tables import RecordTable


def _when(planned: PlannedImport, short_zone: bool = True) -> str:
    event = planned.event
    if isinstance(event.start, datetime):
        local = event.start.astimezone(ZoneInfo(event.timezone))
        zone = short_zone_name(event.timezone) if short_zone else event.timezone
        return f"{local:%Y-%m-%d %H:%M} ({zone})"
    end = f" – {event.end}" if event.end and event.end != event.start else ""
    return f"{event.start}{end}"


def _tr(text: str) -> str:
    return QCoreApplication.translate("ImportPreview", text)


def preview_columns() -> list[Column[PlannedImport]]:
    return [
        Column(_tr("Change"), lambda p: _tr("update") if p.change == "update" else _tr("new")),
        Column(
            _tr("When"),
            _when,
            tooltip=lambda p: _when(p, short_zone=False),
            sort=lambda p: p.event.start,  # in the order they happen, whatever their zones
        ),
        Column(
            _tr("Title"),
            lambda p: p.event.title,
            tooltip=lambda p: lines(p.event.title, p.event.notes),
        ),
        Column(_tr("Kind"), lambda p: ActionKind(p.event.kind)),  # its label, as the agenda
        Column(_tr("Where"), lambda p: p.event.location),
        Column(_tr("Line"), lambda p: p.event.line),
    ]


class ImportPreview(FittedDialog):
    """Lists the planned changes and asks for the campaign; Import accepts."""

    def __init__(
        self,
        plan: list[PlannedImport],
        campaigns: list[tuple[int, str]],
        campaign_id: int | None,
        parent: QWidget | None = None,
        warnings: Sequence[str] = (),
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import calendar"))
        self.resize(820, 480)
        new = sum(1 for p in plan if p.change == "new")
        summary = QLabel(
            self.tr(
                "%n new action(s), %1 updated. Nothing is written until you press Import.", "", new
            ).replace("%1", str(len(plan) - new)),
            self,
        )
        # The campaign the calendar is filtered on, else none until the user chooses one.
        self.campaign = record_combo(campaigns, campaign_id, self.tr("Choose a campaign…"), self)
        self.campaign_error = QLabel(self)
        self.campaign_error.setStyleSheet(ERROR_STYLE)
        self.campaign_error.hide()
        self.campaign.currentIndexChanged.connect(lambda _index: self.campaign_error.hide())
        self.table: RecordTable[PlannedImport] = RecordTable(
            RecordTableModel(preview_columns(), self), parent=self
        )
        self.table.set_rows(plan)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.import_button = buttons.addButton(
            self.tr("Import"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        # What the reader warns of (a series cut short, a duplicate read once), as plain text:
        # it quotes the file.
        self.warnings = QLabel("\n".join(warnings), self)
        self.warnings.setTextFormat(Qt.TextFormat.PlainText)
        self.warnings.setWordWrap(True)
        self.warnings.setVisible(bool(warnings))
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(self.warnings)
        layout.addWidget(QLabel(self.tr("Into campaign:"), self))
        layout.addWidget(self.campaign)
        layout.addWidget(self.campaign_error)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)

    def campaign_id(self) -> int | None:
        return self.campaign.currentData()

    def accept(self) -> None:
        """Import only into a campaign the user chose (or filtered on); say so at the field."""
        if self.campaign_id() is None:
            self.campaign_error.setText(
                self.tr("Choose the campaign to import these actions into.")
            )
            self.campaign_error.show()
            self.campaign.setFocus()
            return
        super().accept()
