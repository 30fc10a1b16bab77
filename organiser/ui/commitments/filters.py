"""The filter bar of the Commitments page: campaign, affiliate, status, overdue, due this week."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QWidget

from organiser.models import CommitmentStatus
from organiser.services.commitments import CommitmentFilter
from organiser.ui.dialogs.widgets import shrinkable
from organiser.ui.labels import enum_label


class FilledOnPopup(QComboBox):
    """A combo box whose choices are read when its list is about to open (tens of thousands of
    affiliates: reading and adding them took a fifth of a second at every refresh)."""

    opening = Signal()

    def showPopup(self) -> None:
        self.opening.emit()
        super().showPopup()


class CommitmentFilters(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.campaign = shrinkable(QComboBox(self))
        self.affiliate = FilledOnPopup(self)
        shrinkable(self.affiliate)
        self._affiliates: Callable[[], list[tuple[int, str]]] = list
        self._affiliates_read = False
        self.affiliate.opening.connect(self.fill_affiliates)
        self.status = QComboBox(self)
        self.status.addItem(self.tr("Any status"), None)
        for status in CommitmentStatus:
            self.status.addItem(enum_label(status), status.value)
        self.overdue = QCheckBox(self.tr("Overdue"), self)
        self.this_week = QCheckBox(self.tr("Due this week"), self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for label, widget in (
            (self.tr("Campaign"), self.campaign),
            (self.tr("Affiliate"), self.affiliate),
            (self.tr("Status"), self.status),
        ):
            layout.addWidget(QLabel(label, self))
            layout.addWidget(widget, 1)
        layout.addWidget(self.overdue)
        layout.addWidget(self.this_week)
        for combo in (self.campaign, self.affiliate, self.status):
            combo.currentIndexChanged.connect(self.changed)
        self.overdue.toggled.connect(self.changed)
        self.this_week.toggled.connect(self.changed)

    def set_choices(
        self, campaigns: list[tuple[int, str]], affiliates: Callable[[], list[tuple[int, str]]]
    ) -> None:
        """Refill the campaigns, keeping what was chosen if it still exists; the affiliates
        (`affiliates()` reads them) are read again when their list next opens, the one chosen
        kept meanwhile."""
        self._fill(self.campaign, self.tr("All campaigns"), campaigns)
        self._affiliates, self._affiliates_read = affiliates, False
        if self.affiliate.count() == 0:
            self._fill(self.affiliate, self.tr("All affiliates"), [])

    def fill_affiliates(self) -> None:
        if not self._affiliates_read:
            self._affiliates_read = True
            self._fill(self.affiliate, self.tr("All affiliates"), self._affiliates())

    def _fill(self, combo: QComboBox, everything: str, choices: list[tuple[int, str]]) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(everything, None)
        for key, name in choices:
            combo.addItem(name, key)
        combo.setCurrentIndex(max(0, combo.findData(current)))
        combo.blockSignals(False)

    def campaign_id(self) -> int | None:
        return self.campaign.currentData()

    def select_campaign(self, campaign_id: int | None) -> None:
        self.campaign.setCurrentIndex(max(0, self.campaign.findData(campaign_id)))

    def criteria(self) -> CommitmentFilter:
        status = self.status.currentData()
        return CommitmentFilter(
            campaign_id=self.campaign.currentData(),
            organisation_id=self.affiliate.currentData(),
            status=CommitmentStatus(status) if status else None,
            overdue=self.overdue.isChecked(),
            due_this_week=self.this_week.isChecked(),
        )
