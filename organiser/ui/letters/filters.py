"""The register's filter bar: campaign, kind, status, period, awaiting reply."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QWidget

from organiser.models import LetterKind, LetterStatus
from organiser.services.letters import LetterFilter
from organiser.ui.dialogs.widgets import OptionalDateEdit, shrinkable
from organiser.ui.labels import enum_label


class LetterFilterBar(QWidget):
    """Emits `changed` whenever a filter changes; `value()` is the service's LetterFilter."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.campaign = shrinkable(QComboBox(self))
        self.kind = self._combo(self.tr("Any kind"), [(enum_label(k), k.value) for k in LetterKind])
        self.status = self._combo(
            self.tr("Any status"), [(enum_label(s), s.value) for s in LetterStatus]
        )
        self.date_from = OptionalDateEdit(self)
        self.date_to = OptionalDateEdit(self)
        self.awaiting = QCheckBox(self.tr("Awaiting reply"), self)
        self.set_campaigns([])
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for label, widget in (
            (self.tr("Campaign"), self.campaign),
            ("", self.kind),
            ("", self.status),
            (self.tr("From"), self.date_from),
            (self.tr("To"), self.date_to),
            ("", self.awaiting),
        ):
            if label:
                layout.addWidget(QLabel(label, self))
            layout.addWidget(widget)
        layout.addStretch(1)
        for combo in (self.campaign, self.kind, self.status):
            combo.currentIndexChanged.connect(self.changed)
        for date_edit in (self.date_from, self.date_to):
            date_edit.changed.connect(self.changed)
        self.awaiting.toggled.connect(self.changed)

    def _combo(self, any_label: str, items: list[tuple[str, str]]) -> QComboBox:
        combo = QComboBox(self)
        combo.addItem(any_label, None)
        for label, value in items:
            combo.addItem(label, value)
        return combo

    def set_campaigns(self, choices: list[tuple[int, str]]) -> None:
        """Refill the campaign choice, keeping the one chosen if it is still there."""
        current = self.campaign.currentData()
        self.campaign.blockSignals(True)
        self.campaign.clear()
        self.campaign.addItem(self.tr("All campaigns"), None)
        for key, title in choices:
            self.campaign.addItem(title, key)
        self.campaign.setCurrentIndex(max(0, self.campaign.findData(current)))
        self.campaign.blockSignals(False)

    def value(self) -> LetterFilter:
        return LetterFilter(
            campaign_id=self.campaign.currentData(),
            kind=self.kind.currentData(),
            status=self.status.currentData(),
            date_from=_bound(self.date_from),
            date_to=_bound(self.date_to),
            awaiting_reply=self.awaiting.isChecked(),
        )


def _bound(edit: OptionalDateEdit) -> date | None:
    """A period's end as typed; a day that is none is marked at its field with the reason and
    bounds nothing until it is put right."""
    return None if edit.problem() else edit.value()
