"""The letter editor's co-signers option: "Signed by the organisations that committed", their
order, and "Issue…" to keep the statement as issued now and say who joined and withdrew."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QFileDialog, QHBoxLayout, QPushButton, QWidget
from sqlalchemy import Engine

from organiser import store
from organiser.errors import OrganiserError
from organiser.models import CosignedBy, CosignedOrder
from organiser.services import statement_issues
from organiser.services.statement_issues import IssueView
from organiser.services.statements import CosignedSetting
from organiser.ui.dialogs.messages import show_error, show_info


class CosignedOption(QWidget):
    """Whether the committed organisations sign the letter, and how they are listed."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.signed = QCheckBox(self.tr("Signed by the organisations that committed"), self)
        self.order = QComboBox(self)
        self.order.addItem(self.tr("by country"), CosignedOrder.COUNTRY.value)
        self.order.addItem(self.tr("by name"), CosignedOrder.NAME.value)
        self.issue_button = QPushButton(self.tr("Issue…"), self)
        self.issue_button.setToolTip(
            self.tr("Keep the statement as issued now, and say who joined or withdrew since")
        )
        for widget in (self.signed, self.order, self.issue_button):
            row.addWidget(widget)
        row.addStretch(1)
        self.signed.toggled.connect(self._toggled)
        self.order.currentIndexChanged.connect(lambda _index: self.changed.emit())
        self._toggled(False)

    def _toggled(self, on: bool) -> None:
        self.order.setEnabled(on)
        self.changed.emit()

    def set_setting(self, by: CosignedBy, order: CosignedOrder) -> None:
        self.order.setCurrentIndex(max(0, self.order.findData(order.value)))
        self.signed.setChecked(by is CosignedBy.COMMITTED)

    def setting(self) -> CosignedSetting:
        by = CosignedBy.COMMITTED if self.signed.isChecked() else CosignedBy.NONE
        return CosignedSetting(by, CosignedOrder(str(self.order.currentData())))


def _tr(text: str) -> str:
    return QCoreApplication.translate("CosignedOption", text)


def issued_text(issue: IssueView) -> str:
    """What the window says of an issue: its number, and who changed since the one before."""

    def names(rows: tuple[statement_issues.CosignerRow, ...]) -> str:
        return "; ".join(row.name for row in rows) or _tr("none")

    text = _tr("Issue {number}: {count} co-signing organisations.").format(
        number=issue.number, count=len(issue.signatories)
    )
    if issue.previous_issued_at is not None:
        since = issue.previous_issued_at.date().isoformat()
        text += "\n" + _tr("Added since {date}: {names}").format(
            date=since, names=names(issue.added)
        )
        text += "\n" + _tr("Withdrawn since {date}: {names}").format(
            date=since, names=names(issue.withdrawn)
        )
    return text


def issue_statement(parent: QWidget, engine: Engine, letter_id: int, path: str = "") -> bool:
    """Ask where to write the issue's PDF, keep the issue, and say who joined and withdrew."""
    if not path:
        path, _ = QFileDialog.getSaveFileName(
            parent, _tr("Issue the statement"), "", _tr("PDF (*.pdf)")
        )
    if not path:
        return False
    try:
        with store.transaction(engine, write=True) as session:
            made = statement_issues.write_issue(session, letter_id, path, say_changes=True)
    except OrganiserError as error:
        show_error(parent, _tr("Issue the statement"), str(error))
        return False
    show_info(parent, _tr("Issue the statement"), issued_text(made.issue))
    return True
