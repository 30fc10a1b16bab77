"""Restore and Check Database in the window, and the offer of the newest sound backup when the
database is damaged (from Check Database, or at start when it cannot be opened)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QFileDialog, QWidget

from organiser.errors import DatabaseError, OrganiserError
from organiser.services.backups import BackupEntry, backup_folder, make_backup
from organiser.services.database_check import CheckReport, check_database
from organiser.services.restore import RestoreReport, database_file, newest_good_backup, restore
from organiser.store_changes import EVERYTHING
from organiser.store_files import damaged_name, is_damaged
from organiser.ui.dialogs.backups_dialog import BackupsDialog, CheckReportDialog
from organiser.ui.dialogs.messages import confirm, show_error, show_info
from organiser.ui.workers import Progress, run_in_background

if TYPE_CHECKING:
    from organiser.ui.main_window import MainWindow

BACKUP_FILTER = str(
    QT_TRANSLATE_NOOP("FileFilters", "SQLite database (*.sqlite3 *.sqlite *.db);;All files (*)")
)


def tr(text: str) -> str:
    return QCoreApplication.translate("recovery", text)


def made_text(entry: BackupEntry) -> str:
    return entry.made_at.astimezone().strftime("%Y-%m-%d %H:%M")


def ask_restore_newest(parent: QWidget | None, database: Path, problem: str) -> BackupEntry | None:
    """The database is damaged: offer the newest sound backup (the damaged file is kept aside
    under a dated name). None when there is none, or the user said no."""
    newest = newest_good_backup(database)
    if newest is None:
        show_error(
            parent,
            tr("Restore"),
            tr("%1\n\nNo sound backup is kept in %2 to restore.")
            .replace("%1", problem)
            .replace("%2", str(backup_folder(database))),
        )
        return None
    question = (
        tr(
            "%1\n\nRestore the newest sound backup, made %2? The damaged database is kept "
            "aside as %3."
        )
        .replace("%1", problem)
        .replace("%2", made_text(newest))
        .replace("%3", damaged_name(database).name)
    )
    return newest if confirm(parent, tr("Restore"), question, tr("Restore")) else None


def restored_text(report: RestoreReport) -> str:
    parts = [tr("Restored %s.") % report.source.name]
    if report.kept is not None:
        parts.append(tr("The data it replaced was backed up first as %s.") % report.kept.name)
    if report.damaged_aside is not None:
        parts.append(tr("The damaged database was kept as %s.") % report.damaged_aside.name)
    return " ".join(parts)


class Recovery:
    """The window's Backups, Restore and Check Database commands."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window

    def show_backups(self) -> None:
        BackupsDialog(self.window.engine, self.restore_from, self.window).exec()

    def choose_file(self) -> None:
        window = self.window
        path, _filter = QFileDialog.getOpenFileName(
            window,
            tr("Restore from a backup"),
            str(backup_folder(window.engine)),
            QCoreApplication.translate("FileFilters", BACKUP_FILTER),
        )
        if path:
            self.restore_from(Path(path))

    def restore_from(self, source: Path) -> None:
        """Ask, naming what is replaced and that a backup is made first; then restore in the
        background and reopen the window on the restored data."""
        database = database_file(self.window.engine)
        question = (
            tr(
                "Replace all the data in %1 with the backup %2? A backup of the data as it is "
                "now is made first and kept."
            )
            .replace("%1", str(database))
            .replace("%2", str(source))
        )
        if confirm(self.window, tr("Restore"), question, tr("Restore")):
            self._run_restore(source)

    def _run_restore(self, source: Path) -> None:
        window, engine = self.window, self.window.engine

        def done(report: RestoreReport) -> None:
            window.switch_database(str(report.database))
            show_info(window, tr("Restore"), restored_text(report))

        def work(progress: Progress) -> RestoreReport:
            report = restore(engine, source)
            progress.changed(EVERYTHING)  # the whole file replaced, outside SQLAlchemy
            return report

        run_in_background(window, tr("Restoring"), work, done, database=engine)

    def check(self) -> None:
        """Check Database in the background; a backup is kept first when the check passes."""
        window, engine = self.window, self.window.engine
        database = database_file(engine)

        def work(_progress: object) -> tuple[CheckReport, str]:
            report = check_database(database)
            if report.ok:
                kept = make_backup(engine, "checked").path.name
                return report, tr("A backup of it was kept as %s.") % kept
            return report, ""

        def done(outcome: tuple[CheckReport, str]) -> None:
            report, note = outcome
            CheckReportDialog(report, note, window).exec()
            if report.damaged:
                self.offer_newest(report.problems[0])

        run_in_background(
            window, tr("Checking the database"), work, done, database=engine, reads_only=True
        )

    def offer_newest(self, problem: str) -> None:
        chosen = ask_restore_newest(self.window, database_file(self.window.engine), problem)
        if chosen is not None:
            self._run_restore(chosen.path)


def recover_at_start(choice: str | None, error: DatabaseError) -> bool:
    """At start, a database that cannot be opened: the same offer, restored on this thread (no
    window yet). True when the database was restored and can be opened now."""
    try:
        database = database_file(choice)
    except OrganiserError:
        return False
    if not database.is_file() or not is_damaged(database):
        return False  # missing, or sound but not ours: nothing a restore should replace
    chosen = ask_restore_newest(None, database, str(error))
    if chosen is None:
        return False
    try:
        report = restore(database, chosen.path)
    except OrganiserError as failure:
        show_error(None, tr("Restore"), str(failure))
        return False
    show_info(None, tr("Restore"), restored_text(report))
    return True
