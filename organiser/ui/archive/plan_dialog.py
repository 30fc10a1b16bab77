"""The plan of an archive import — what it adds, changes, and leaves in conflict — shown before
anything is written; Import accepts."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from organiser.services.archive import ImportPlan, PlannedRecord
from organiser.ui.dialogs.fit import FittedDialog


def _tr(text: str) -> str:
    return QCoreApplication.translate("ArchivePlan", text)


def kind_label(kind: str) -> str:
    labels = {
        "attachments": _tr("File"),
        "organisations": _tr("Organisation"),
        "people": _tr("Person"),
        "campaigns": _tr("Campaign"),
        "actions": _tr("Action"),
        "commitments": _tr("Commitment"),
        "letters": _tr("Letter"),
        "situations": _tr("Situation"),
        "templates": _tr("Template"),
        "international_days": _tr("International day"),
    }
    return labels.get(kind, kind)


def describe(record: PlannedRecord) -> str:
    text = f"{kind_label(record.kind)}: {record.label}"
    if record.change == "conflict":
        versions = _tr("version %1 here, %2 in the archive; kept as here")
        versions = versions.replace("%1", str(record.local_version))
        text += " — " + versions.replace("%2", str(record.incoming_version))
    return text


class ArchivePlanDialog(FittedDialog):
    """The counts, then a tab each for the records added, changed and in conflict."""

    def __init__(self, plan: ImportPlan, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import archive"))
        self.resize(720, 460)
        counts = plan.counts
        summary = self.tr(
            "%1 to add, %2 to change, %3 unchanged, %4 in conflict (kept as they are here). "
            "Nothing is written until you press Import; a backup is made first."
        )
        for number, key in enumerate(("add", "change", "unchanged", "conflict"), 1):
            summary = summary.replace(f"%{number}", str(counts[key]))
        self.summary = QLabel(summary, self)
        self.summary.setWordWrap(True)
        self.tabs = QTabWidget(self)
        self.lists: dict[str, QListWidget] = {}
        titles = (("add", self.tr("Added")), ("change", self.tr("Changed")),
                  ("conflict", self.tr("Conflicts")))  # fmt: skip
        for change, title in titles:
            listing = QListWidget(self.tabs)
            listing.addItems([describe(record) for record in plan.having(change)])
            self.lists[change] = listing
            self.tabs.addTab(listing, f"{title} ({counts[change]})")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.import_button = buttons.addButton(
            self.tr("Import"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.import_button.setEnabled(plan.writes)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)
