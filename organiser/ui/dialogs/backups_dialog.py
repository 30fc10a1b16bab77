"""File › Backups…: the kept backups with their records and check, to back up now or restore
one; and the report Tools › Check Database shows."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Engine

from organiser.services.backups import make_backup
from organiser.services.database_check import CheckReport
from organiser.services.restore import BackupSummary, describe_backups
from organiser.ui.dialogs.fit import FittedDialog
from organiser.ui.table_model import Column, RecordTableModel
from organiser.ui.tables import RecordTable
from organiser.ui.workers import run_in_background


def size_text(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB" if size >= 1024 * 1024 else f"{size // 1024} KB"


def _tr(text: str) -> str:
    return QCoreApplication.translate("BackupsDialog", text)


def backup_columns() -> list[Column[BackupSummary]]:
    return [
        Column(_tr("Made"), lambda s: s.entry.made_at.astimezone()),
        Column(_tr("Size"), lambda s: size_text(s.entry.size), sort=lambda s: s.entry.size),
        Column(_tr("Records"), lambda s: "" if s.records is None else s.records),
        Column(_tr("Check"), lambda s: s.check),
        Column(_tr("Pinned"), lambda s: s.entry.reason if s.entry.pinned else ""),
        Column(_tr("Reason"), lambda s: s.entry.reason),
    ]


class BackupsDialog(FittedDialog):
    """The kept backups, newest first, read in the background (each is opened and checked)."""

    def __init__(
        self, engine: Engine, restore: Callable[[Path], None], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.engine, self._restore = engine, restore
        self.setWindowTitle(self.tr("Backups"))
        self.resize(820, 420)
        self.table: RecordTable[BackupSummary] = RecordTable(
            RecordTableModel(backup_columns()), "", self
        )
        self.status = QLabel(self.tr("Reading the backups…"), self)
        self.buttons = QDialogButtonBox(self)
        self.back_up_now: QPushButton = self.buttons.addButton(
            self.tr("Back up now"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.restore_selected: QPushButton = self.buttons.addButton(
            self.tr("Restore selected…"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        close = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.back_up_now.clicked.connect(self._back_up_now)
        self.restore_selected.clicked.connect(self._restore_selected)
        close.clicked.connect(self.reject)
        self.table.selection_changed.connect(lambda _row: self._follow_selection())
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self._follow_selection()
        self.reload()

    def reload(self) -> None:
        engine = self.engine
        run_in_background(
            self,
            self.tr("Reading the backups"),
            lambda _progress: describe_backups(engine),
            self._show,
            lambda error: self.status.setText(str(error)),
            show_progress=False,
            database=engine,
            reads_only=True,
        )

    def _show(self, summaries: list[BackupSummary]) -> None:
        self.table.set_rows(summaries)
        self.status.setText(self.tr("%n backup(s) kept.", "", len(summaries)))
        self._follow_selection()

    def _follow_selection(self) -> None:
        chosen = self.table.selected()
        self.restore_selected.setEnabled(chosen is not None and chosen.check == "passed")

    def _back_up_now(self) -> None:
        engine = self.engine
        self.back_up_now.setEnabled(False)

        def done(_made: object) -> None:
            self.back_up_now.setEnabled(True)
            self.reload()

        run_in_background(
            self,
            self.tr("Backing up"),
            lambda _progress: make_backup(engine, "manual"),
            done,
            database=engine,
            reads_only=True,
        )

    def _restore_selected(self) -> None:
        chosen = self.table.selected()
        if chosen is not None:
            self.accept()
            self._restore(chosen.entry.path)


class CheckReportDialog(FittedDialog):
    """What Check Database found, one problem a line, to read and copy."""

    def __init__(self, report: CheckReport, note: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Check Database"))
        self.resize(640, 360)
        if report.ok:
            summary = self.tr("No problem was found in %s.") % report.database
        else:
            summary = self.tr("%n problem(s) found in %1.", "", len(report.problems)).replace(
                "%1", report.database
            )
        heading = QLabel(" ".join(part for part in (summary, note) if part), self)
        heading.setWordWrap(True)
        self.problems = QPlainTextEdit("\n".join(report.problems), self)
        self.problems.setReadOnly(True)
        self.problems.setVisible(not report.ok)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.problems, 1)
        layout.addWidget(buttons)
