"""The Calendar page's file work: .ics import (read and previewed off the GUI thread), .ics and
PDF export, and printing through Qt's print dialog. Each asks the user, calls one service, and
tells the page through the callbacks it gives (this module does not know the page)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QFileDialog, QWidget
from sqlalchemy import Engine

from organiser import store
from organiser.errors import OrganiserError
from organiser.services import action_import, calendar_output
from organiser.services.action_import import CalendarImportPreview, ImportResult
from organiser.services.actions import ActionView
from organiser.services.calendar import ActionFilter
from organiser.ui.calendar.grid import CalendarGrid
from organiser.ui.calendar.import_preview import ImportPreview
from organiser.ui.calendar.zones import organiser_zone
from organiser.ui.dialogs.messages import show_error
from organiser.ui.workers import Progress, run_in_background

Told = Callable[[list[str]], None]  # lines to show under the calendar


def import_ics(page: QWidget, engine: Engine, campaign_id: int | None, imported: Told) -> None:
    """Choose a file; its reading and preview run off the GUI thread, then the preview asks
    which campaign (`campaign_id` first offered) and `imported` hears the outcome."""
    path, _ = QFileDialog.getOpenFileName(
        page, page.tr("Import calendar"), "", page.tr("iCalendar files (*.ics);;All files (*)")
    )
    if not path:
        return
    zone = organiser_zone()

    def work(progress: Progress) -> CalendarImportPreview:
        progress.report(0, 0, "Reading the calendar file…")
        with store.transaction(engine) as session:
            return action_import.preview_calendar_file(session, path, zone)

    def read(preview: CalendarImportPreview) -> None:
        preview_and_import(page, engine, preview, campaign_id, imported)

    run_in_background(
        page,
        page.tr("Reading calendar"),
        work,
        read,
        lambda error: show_error(page, page.tr("Import calendar"), str(error)),
        database=engine,
        reads_only=True,
    )


def preview_and_import(
    page: QWidget,
    engine: Engine,
    preview: CalendarImportPreview,
    campaign_id: int | None,
    imported: Told,
) -> bool:
    """Show what the import would do; write it all in one transaction when the user agrees."""
    if not preview.campaigns:
        show_error(
            page, page.tr("Import calendar"), page.tr("Add a campaign to import into first.")
        )
        return False
    read = preview.read  # the work runs off the GUI thread: it holds no widget
    # What the reader warns of (a series cut short, a duplicate read once) is shown before.
    dialog = ImportPreview(preview.plan, preview.campaigns, campaign_id, page, read.warnings)
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.campaign_id() is None:
        return False
    chosen = int(dialog.campaign_id() or 0)

    def work(progress: Progress) -> ImportResult:
        def report(done: int, total: int) -> None:
            text = QCoreApplication.translate(
                "ImportCalendar", "Importing %1 of %n event(s)…", "", total
            )
            progress.report(done, total, text.replace("%1", str(done)))

        return action_import.import_read(engine, chosen, read, report)

    def done(result: ImportResult) -> None:
        summary = page.tr("Imported: %1 new, %2 updated.")
        summary = summary.replace("%1", str(result.created)).replace("%2", str(result.updated))
        imported([summary, *read.warnings, *result.warnings])

    run_in_background(
        page,
        page.tr("Importing calendar"),
        work,
        done,
        lambda error: show_error(page, page.tr("Import calendar"), str(error)),
        database=engine,
    )
    return True


def export_ics(
    page: QWidget, engine: Engine, chosen: ActionFilter, name: str, written: Told
) -> None:
    """Everything (or the chosen campaign's actions), all dates, through the filters chosen;
    written off the GUI thread."""
    path, _ = QFileDialog.getSaveFileName(
        page, page.tr("Export calendar"), "actions.ics", page.tr("iCalendar files (*.ics)")
    )
    if not path:
        return

    def work(progress: Progress) -> int:
        progress.report(0, 0, "Writing the calendar file…")
        with store.transaction(engine) as session:
            return calendar_output.write_ics(session, Path(path), chosen, name=name)

    def done(count: int) -> None:
        written([page.tr("%n action(s) written to %1", "", count).replace("%1", path)])

    run_in_background(
        page, page.tr("Exporting calendar"), work, done, database=engine, reads_only=True
    )


def export_pdf(page: QWidget, engine: Engine, month: date, chosen: ActionFilter) -> None:
    name = f"calendar-{month:%Y-%m}.pdf"
    path, _ = QFileDialog.getSaveFileName(page, page.tr("Export PDF"), name, "PDF (*.pdf)")
    if path:
        try:
            write_pdf(engine, month, chosen, Path(path))
        except (OrganiserError, OSError) as error:
            show_error(page, page.tr("Export PDF"), str(error))


def write_pdf(engine: Engine, month: date, chosen: ActionFilter, path: Path) -> None:
    with store.transaction(engine) as session:
        calendar_output.write_month_pdf(session, path, month, chosen)


def print_month(
    page: QWidget, grid: CalendarGrid, actions: Sequence[ActionView], title: str
) -> None:
    from organiser.ui.calendar.printing import ask_and_print

    ask_and_print(page, grid, actions, title)
