"""A campaign's letters, as a tab under the selected campaign on the Campaigns page."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QHBoxLayout, QPushButton, QVBoxLayout, QWidget
from sqlalchemy import Engine

from organiser import store
from organiser.services import letters
from organiser.services.letters import LetterView
from organiser.ui.icons import icon
from organiser.ui.letters.columns import letter_columns
from organiser.ui.table_model import Column, RecordTableModel
from organiser.ui.tables import RecordTable


class CampaignLettersTab(QWidget):
    """The letters of one campaign; a new one starts already filed under it."""

    tab_title = "Letters"

    def __init__(self, engine: Engine, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.engine = engine
        self.campaign_id: int | None = None
        columns: list[Column[LetterView]] = letter_columns(with_campaign=False)
        self.table: RecordTable[LetterView] = RecordTable(
            RecordTableModel(columns), self.tr("Filter letters…"), self
        )
        self.table.activated_row.connect(self._edit)
        self.new_button = QPushButton(icon("add"), self.tr("New letter"), self)
        self.new_button.clicked.connect(self._new)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.table)
        self.show_record(None)

    def show_record(self, record_id: int | None) -> None:
        self.campaign_id = record_id
        self.new_button.setEnabled(record_id is not None)
        if record_id is None:
            self.table.set_rows([])
            return
        with store.transaction(self.engine) as session:
            rows = letters.list_letters(session, letters.LetterFilter(campaign_id=record_id))
        self.table.set_rows(rows)

    def _new(self) -> None:
        from organiser.ui.letters.editor import LetterEditor  # its PDF machinery: when asked

        self._run(LetterEditor(self.engine, None, self.campaign_id, self))

    def _edit(self, row: LetterView) -> None:
        from organiser.ui.letters.editor import LetterEditor

        if row.status in letters.EDITABLE:
            self._run(LetterEditor(self.engine, row, parent=self))

    def _run(self, editor: QDialog) -> None:
        if editor.exec() == QDialog.DialogCode.Accepted:
            self.show_record(self.campaign_id)
