"""A campaign's People at risk tab: who of its situations is held or on hunger strike now, with
the day counts and next hearing, and the selected person's history beside them."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import QCheckBox, QSplitter, QVBoxLayout, QWidget
from sqlalchemy import Engine

from organiser import store
from organiser.services import situations as service
from organiser.services.situations import AtRiskView
from organiser.ui.people.columns import at_risk_columns
from organiser.ui.people.history import SituationHistory
from organiser.ui.table_model import RecordTableModel
from organiser.ui.tables import RecordTable


class CampaignPeopleAtRiskTab(QWidget):
    tab_title = str(QT_TRANSLATE_NOOP("CampaignPeopleAtRiskTab", "People at risk"))

    def __init__(self, engine: Engine, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.engine = engine
        self.campaign_id: int | None = None
        self.everyone = QCheckBox(self.tr("Everyone with a situation"), self)
        self.everyone.toggled.connect(lambda _on: self.show_record(self.campaign_id))
        self.table: RecordTable[AtRiskView] = RecordTable(
            RecordTableModel(at_risk_columns()), self.tr("Filter people at risk…"), self
        )
        self.history = SituationHistory(engine, self)
        self.history.changed.connect(lambda: self.show_record(self.campaign_id))
        self.table.selection_changed.connect(
            lambda row: self.history.show_person(row.person_id if row else None, row)
        )
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.table)
        splitter.addWidget(self.history)
        splitter.setSizes([520, 480])
        layout = QVBoxLayout(self)
        layout.addWidget(self.everyone)
        layout.addWidget(splitter, 1)

    def show_record(self, campaign_id: int | None) -> None:
        self.campaign_id = campaign_id
        self.history.campaign_id = campaign_id
        rows: list[AtRiskView] = []
        if campaign_id is not None:
            with store.transaction(self.engine) as session:
                rows = service.at_risk_now(session, campaign_id, everyone=self.everyone.isChecked())
        self.table.set_rows(rows)
        if self.table.selected() is None and rows:
            self.table.view.selectRow(0)
        row = self.table.selected()
        self.history.show_person(row.person_id if row else None, row)
        self.history.add_button.setEnabled(campaign_id is not None)
