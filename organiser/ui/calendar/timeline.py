"""A campaign's own timeline of actions, as a tab under the selected campaign."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget
from sqlalchemy import Engine

from organiser import store
from organiser.services.actions import ActionView
from organiser.services.calendar import ActionFilter, actions_between
from organiser.ui.calendar.agenda import agenda_model
from organiser.ui.tables import FIT_SAMPLE_ROWS, RecordTable


class CampaignTimelineTab(QWidget):
    """Every action of one campaign in date order; double-click edits one."""

    tab_title = "Timeline"

    def __init__(self, engine: Engine, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.engine = engine
        self.campaign_id: int | None = None
        self.table: RecordTable[ActionView] = RecordTable(
            agenda_model(lambda: None, self), self.tr("Filter actions…"), self
        )
        self.table.activated_row.connect(self.edit)
        # Widths from the first rows, not from a campaign's thousand actions.
        self.table.view.horizontalHeader().setResizeContentsPrecision(FIT_SAMPLE_ROWS)
        self.empty = QLabel(self.tr("No actions yet: add them on the Calendar page."), self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 1)

    def show_record(self, record_id: int | None) -> None:
        self.campaign_id = record_id
        rows: list[ActionView] = []
        if record_id is not None:
            with store.transaction(self.engine) as session:
                rows = actions_between(session, chosen=ActionFilter(campaign_ids=(record_id,)))
        self.table.set_rows(rows)
        self.empty.setVisible(not rows)

    def edit(self, action: ActionView) -> None:
        from organiser.ui.calendar.action_form import ActionForm  # its pickers: when opened

        form = ActionForm(self.engine, self, action=action)
        if form.exec():
            self.show_record(self.campaign_id)
