"""The tab under an organisation: everything it ever promised, to which campaign, and whether it
was kept."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget
from sqlalchemy import Engine

from organiser import store
from organiser.models import CommitmentStatus
from organiser.services.commitments import CommitmentFilter, CommitmentView, list_commitments
from organiser.ui.commitments.table_model import commitment_columns
from organiser.ui.table_model import RecordTableModel
from organiser.ui.tables import RecordTable


class AffiliateCommitmentsTab(QWidget):
    tab_title = "Commitments"

    def __init__(self, engine: Engine, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.engine = engine
        self.summary = QLabel(self)
        self.table: RecordTable[CommitmentView] = RecordTable(
            RecordTableModel(commitment_columns(with_affiliate=False)),
            self.tr("Filter commitments…"),
            self,
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table)

    def show_record(self, record_id: int | None) -> None:
        rows: list[CommitmentView] = []
        if record_id is not None:
            with store.transaction(self.engine) as session:
                rows = list_commitments(session, CommitmentFilter(organisation_id=record_id))
        self.table.set_rows(rows)
        self.summary.setText(self._summary(rows))

    def _summary(self, rows: list[CommitmentView]) -> str:
        if not rows:
            return self.tr("No commitments yet.")
        kept = sum(1 for row in rows if row.status is CommitmentStatus.FULFILLED)
        late = sum(1 for row in rows if row.overdue)
        return self.tr("{n} promised, {kept} fulfilled, {late} overdue.").format(
            n=len(rows), kept=kept, late=late
        )
