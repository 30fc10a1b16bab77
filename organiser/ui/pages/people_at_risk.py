"""The People at risk page: who is held or on hunger strike now, with the day counts, the next
hearing and the campaigns; the selected person's history of situations below."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLabel,
    QSplitter,
    QToolBar,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Engine

from organiser import store
from organiser.services import campaigns
from organiser.services import situations as service
from organiser.services.situations import AtRiskView
from organiser.ui.dialogs.widgets import record_combo, shrinkable
from organiser.ui.pages.base import Page
from organiser.ui.people.columns import at_risk_columns
from organiser.ui.people.history import SituationHistory
from organiser.ui.table_model import RecordTableModel
from organiser.ui.tables import RecordTable


class PeopleAtRiskPage(Page):
    title = "People at risk"
    icon_name = "people_at_risk"
    loads_when_built = True  # its __init__ refreshes: the first showing does not again
    tables = frozenset(
        {"situation", "situation_campaign", "situation_action", "person", "action", "campaign"}
    )

    def __init__(self, engine: Engine, parent: QWidget | None = None) -> None:
        super().__init__(engine, parent)
        self.undo_stack = QUndoStack(self)
        self.history = SituationHistory(engine, self)
        self.history.changed.connect(self._changed)

        self.toolbar = QToolBar(self)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.new_action = new = self.page_action(
            "add", self.tr("New situation"), self.history.add_situation
        )
        self.edit_action = self.editing = self.page_action(
            "edit", self.tr("Edit situation"), self.edit_current
        )
        self.delete_action = deleting = self.page_action(
            "delete", self.tr("Delete situation"), self.history.delete_situation
        )
        refresh = self.page_action("refresh", self.tr("Refresh"), self.refresh)
        refresh.setShortcut(QKeySequence.StandardKey.Refresh)
        refresh.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.addAction(refresh)
        self.toolbar.addActions([new, self.editing, deleting, refresh])
        self.toolbar.addSeparator()
        self.campaign_filter: QComboBox = shrinkable(
            record_combo([], none_label=self.tr("All campaigns"), parent=self), 24
        )
        self.campaign_filter.setToolTip(self.tr("Only the people of one campaign"))
        self.toolbar.addWidget(QLabel(self.tr(" Campaign: "), self))
        self.toolbar.addWidget(self.campaign_filter)
        self.everyone = QCheckBox(self.tr("Everyone with a situation"), self)
        self.everyone.setToolTip(self.tr("Also those released, acquitted or no longer held"))
        self.toolbar.addWidget(self.everyone)

        self.table: RecordTable[AtRiskView] = RecordTable(
            RecordTableModel(at_risk_columns()), self.tr("Filter people at risk…"), self
        )
        self.table.selection_changed.connect(self.show_person)
        self.table.activated_row.connect(lambda _row: self.edit_current())
        self.table.offer_actions(self.toolbar.actions)
        deleting.setEnabled(False)
        self.history.table.selection_changed.connect(
            lambda row: deleting.setEnabled(row is not None)
        )
        self.empty = QLabel(
            self.tr(
                "Nobody is held or on hunger strike now.\n"
                "New situation records an arrest, a detention, a sentence or a hunger strike."
            ),
            self,
        )
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setObjectName("empty_state")
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.history)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([330, 260])
        layout = QVBoxLayout(self)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.empty)
        layout.addWidget(self.splitter, 1)
        self._fill_campaigns()
        self.campaign_filter.currentIndexChanged.connect(lambda _index: self.refresh())
        self.everyone.toggled.connect(lambda _on: self.refresh())
        self.refresh()

    def _fill_campaigns(self) -> None:
        chosen = self.campaign_filter.currentData()
        with store.transaction(self.engine) as session:
            choices = campaigns.campaign_titles(session)  # not the campaigns read whole
        self.campaign_filter.blockSignals(True)
        self.campaign_filter.clear()
        self.campaign_filter.addItem(self.tr("All campaigns"), None)
        for key, text in choices:
            self.campaign_filter.addItem(text, key)
        self.campaign_filter.setCurrentIndex(max(0, self.campaign_filter.findData(chosen)))
        self.campaign_filter.blockSignals(False)

    def refresh(self) -> None:
        self._fill_campaigns()
        campaign = self.campaign_filter.currentData()
        with store.transaction(self.engine) as session:
            rows = service.at_risk_now(session, campaign, everyone=self.everyone.isChecked())
        self.history.campaign_id = campaign
        self.table.set_rows(rows)
        self.empty.setVisible(not rows)
        if self.table.selected() is None and rows:
            self.table.view.selectRow(0)
        self.show_person(self.table.selected())

    def show_person(self, row: AtRiskView | None) -> None:
        self.history.show_person(row.person_id if row else None, row)
        self.editing.setEnabled(row is not None)

    def edit_current(self) -> None:
        """The situation chosen in the history, else the person's situation of now."""
        chosen = self.history.selected()
        row = self.table.selected()
        if chosen is None and row is not None:
            with store.transaction(self.engine) as session:
                chosen = service.get_situation(session, row.situation_id)
        if chosen is not None:
            self.history.edit_situation(chosen)

    def _changed(self) -> None:
        self.refresh()
        self.data_changed.emit()
