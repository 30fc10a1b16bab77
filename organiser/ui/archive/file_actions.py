"""The window's archive commands: choosing the file, the work off the GUI thread, the plan
shown and confirmed before the import writes."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog, QWidget
from sqlalchemy import Engine

from organiser import store
from organiser.services.archive import ExportResult, ImportPlan, export_archive, import_archive
from organiser.services.campaigns import list_campaigns
from organiser.ui.archive.plan_dialog import ArchivePlanDialog
from organiser.ui.dialogs.messages import show_error, show_info
from organiser.ui.workers import Progress, run_in_background

ARCHIVE_FILTER = str(
    QT_TRANSLATE_NOOP(
        "FileFilters", "Campaign Organiser archive (*.organiser.zip *.zip);;All files (*)"
    )
)


def choose_scope(parent: QWidget, engine: Engine) -> tuple[bool, int | None]:
    """Everything, or one campaign with all it refers to: (chosen, campaign id or None)."""
    with store.transaction(engine) as session:
        choices = [(c.id, c.title) for c in list_campaigns(session)]
    if not choices:
        return True, None
    everything = parent.tr("Everything in this database")
    labels = [everything, *(title for _id, title in choices)]
    label, chosen = QInputDialog.getItem(
        parent,
        parent.tr("Export archive"),
        parent.tr("What goes into the archive (a campaign takes everything it refers to):"),
        labels,
        0,
        False,
    )
    if not chosen:
        return False, None
    index = labels.index(label)
    return True, (None if index == 0 else choices[index - 1][0])


def export_to_file(parent: QWidget, engine: Engine) -> None:
    """Everything in the database, or one campaign's world, to a file the user chooses."""
    chosen, campaign_id = choose_scope(parent, engine)
    if not chosen:
        return
    suggested = Path.home() / f"campaigns-{date.today().isoformat()}.organiser.zip"
    path, _ = QFileDialog.getSaveFileName(
        parent,
        parent.tr("Export archive"),
        str(suggested),
        QCoreApplication.translate("FileFilters", ARCHIVE_FILTER),
    )
    if not path:
        return

    def done(result: ExportResult) -> None:
        count = sum(result.counts.values())
        text = parent.tr("%n record(s) written to %1", "", count).replace("%1", str(result.path))
        show_info(parent, parent.tr("Export archive"), text)

    run_in_background(
        parent,
        parent.tr("Exporting archive"),
        lambda _progress: export_archive(engine, Path(path), campaign_id),
        done,
        lambda error: show_error(parent, parent.tr("Export archive"), str(error)),
        database=engine,
        reads_only=True,
    )


def import_from_file(
    parent: QWidget, engine: Engine, on_imported: Callable[[], None] | None = None
) -> None:
    """Read and plan off the GUI thread, show the plan, import on Import."""
    path, _ = QFileDialog.getOpenFileName(
        parent,
        parent.tr("Import archive"),
        str(Path.home()),
        QCoreApplication.translate("FileFilters", ARCHIVE_FILTER),
    )
    if path:
        plan_then_import(parent, engine, Path(path), on_imported)


def plan_then_import(
    parent: QWidget, engine: Engine, path: Path, on_imported: Callable[[], None] | None
) -> None:
    run_in_background(
        parent,
        parent.tr("Reading archive"),
        lambda _progress: import_archive(engine, path, dry_run=True),
        lambda plan: _confirm(parent, engine, path, plan, on_imported),
        lambda error: show_error(parent, parent.tr("Import archive"), str(error)),
        database=engine,
        reads_only=True,
    )


def _confirm(
    parent: QWidget,
    engine: Engine,
    path: Path,
    plan: ImportPlan,
    on_imported: Callable[[], None] | None,
) -> None:
    confirm_and_import(parent, engine, path, plan, on_imported)


def confirm_and_import(
    parent: QWidget,
    engine: Engine,
    path: Path,
    plan: ImportPlan,
    on_imported: Callable[[], None] | None,
) -> bool:
    dialog = ArchivePlanDialog(plan, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False

    def work(progress: Progress) -> ImportPlan:
        def report(done: int, total: int) -> None:
            progress.report(done, total, parent.tr("Importing the archive…"))

        return import_archive(engine, path, report=report)

    def done(result: ImportPlan) -> None:
        counts = result.counts
        text = parent.tr("Imported: %1 added, %2 changed, %3 in conflict kept as here.")
        for number, key in enumerate(("add", "change", "conflict"), 1):
            text = text.replace(f"%{number}", str(counts[key]))
        show_info(parent, parent.tr("Import archive"), text)
        if on_imported is not None:
            on_imported()

    run_in_background(
        parent,
        parent.tr("Importing archive"),
        work,
        done,
        lambda error: show_error(parent, parent.tr("Import archive"), str(error)),
        database=engine,
    )
    return True
