"""The Calendar page's file work: .ics import (read off the GUI thread, previewed), .ics and PDF
export, and printing through Qt's print dialog."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QFileDialog
from sqlalchemy import Engine

from organiser import store
from organiser.config import get_setting
from organiser.errors import OrganiserError
from organiser.files import write_bytes_atomic
from organiser.services.action_import import ImportResult, import_events_into, plan_import
from organiser.services.calendar import ActionFilter, actions_between, marked_days, visible_range
from organiser.services.campaigns import list_campaigns
from organiser.ui.calendar.import_preview import ImportPreview
from organiser.ui.dialogs.messages import show_error
from organiser.ui.workers import Progress, run_in_background

if TYPE_CHECKING:
    from organiser.ui.pages.calendar import CalendarPage


def _read(path: str, zone: str) -> Any:
    # Imported on use: iCalendar, ReportLab and printing cost a fifth of a second at start-up.
    from organiser.formats.ics_read import read_calendar_file

    def work(progress: Progress) -> Any:
        progress.report(0, 0, "Reading the calendar file…")
        return read_calendar_file(path, zone)  # checked before reading; bounded while parsing

    return work


def import_ics(page: CalendarPage) -> None:
    path, _ = QFileDialog.getOpenFileName(
        page, page.tr("Import calendar"), "", page.tr("iCalendar files (*.ics);;All files (*)")
    )
    if not path:
        return
    from organiser.ui.pages.calendar import organiser_zone

    run_in_background(
        page,
        page.tr("Reading calendar"),
        _read(path, organiser_zone()),
        lambda read: _preview(page, read, Path(path).name),
        lambda message: show_error(page, page.tr("Import calendar"), message),
    )


def _preview(page: CalendarPage, read: Any, source: str) -> None:
    preview_and_import(page, read.events, read.warnings, source)


def preview_and_import(
    page: CalendarPage, events: list[Any], warnings: Sequence[str] = (), source: str = ""
) -> bool:
    """Show what the import would do (and what the reader warns of: a series cut short, a
    duplicate dropped); write it all in one transaction when the user agrees."""
    with store.transaction(page.engine) as session:
        plan = plan_import(session, events)
        campaigns = [(c.id, c.title) for c in list_campaigns(session)]
    if not campaigns:
        show_error(
            page, page.tr("Import calendar"), page.tr("Add a campaign to import into first.")
        )
        return False
    dialog = ImportPreview(plan, campaigns, page.campaign_filter.currentData(), page, warnings)
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.campaign_id() is None:
        return False
    campaign_id = int(dialog.campaign_id() or 0)
    engine = page.engine  # the work runs off the GUI thread: it holds no widget

    def work(progress: Progress) -> ImportResult:
        def report(done: int, total: int) -> None:
            text = QCoreApplication.translate(
                "ImportCalendar", "Importing %1 of %n event(s)…", "", total
            )
            progress.report(done, total, text.replace("%1", str(done)))

        return import_events_into(engine, campaign_id, events, report, source)

    run_in_background(
        page,
        page.tr("Importing calendar"),
        work,
        lambda result: _imported(page, result, warnings),
        lambda message: show_error(page, page.tr("Import calendar"), message),
    )
    return True


def _imported(page: CalendarPage, result: ImportResult, warnings: Sequence[str] = ()) -> None:
    summary = page.tr("Imported: %1 new, %2 updated.")
    summary = summary.replace("%1", str(result.created)).replace("%2", str(result.updated))
    page.show_warnings([summary, *warnings, *result.warnings])
    page.refresh()
    page.data_changed.emit()


def export_ics(page: CalendarPage) -> None:
    """Everything (or the chosen campaign's actions), all dates, through the filters chosen;
    written off the GUI thread."""
    path, _ = QFileDialog.getSaveFileName(
        page, page.tr("Export calendar"), "actions.ics", page.tr("iCalendar files (*.ics)")
    )
    if not path:
        return
    chosen, name, engine = page.chosen(), page.campaign_filter.currentText(), page.engine

    def work(progress: Progress) -> int:
        progress.report(0, 0, "Writing the calendar file…")
        return write_ics(engine, chosen, name, Path(path))

    def done(count: int) -> None:
        page.show_warnings([page.tr("%n action(s) written to %1", "", count).replace("%1", path)])

    run_in_background(page, page.tr("Exporting calendar"), work, done)


def write_ics(engine: Engine, chosen: ActionFilter, name: str, path: Path) -> int:
    from organiser.formats.ics import export_calendar

    with store.transaction(engine) as session:
        actions = actions_between(session, chosen=chosen)
    write_bytes_atomic(path, export_calendar(actions, name))  # a refusal names the file
    return len(actions)


def export_pdf(page: CalendarPage) -> None:
    name = f"calendar-{page.anchor:%Y-%m}.pdf"
    path, _ = QFileDialog.getSaveFileName(page, page.tr("Export PDF"), name, "PDF (*.pdf)")
    if path:
        try:
            write_pdf(page, Path(path))
        except (OrganiserError, OSError) as error:
            show_error(page, page.tr("Export PDF"), str(error))


def write_pdf(page: CalendarPage, path: Path) -> None:
    from organiser.pdf.calendar import MarkedDayText, month_pdf
    from organiser.pdf.fonts import load_fonts

    first, last = visible_range(page.anchor, 6)
    chosen: ActionFilter = page.chosen()
    with store.transaction(page.engine) as session:
        actions = actions_between(session, first, last, chosen)
        marks = [MarkedDayText(m.day, m.name) for m in marked_days(session, first, last)]
    heading = (
        "" if page.campaign_filter.currentData() is None else page.campaign_filter.currentText()
    )
    fonts = load_fonts(get_setting("pdf.extra_fonts"))
    data = month_pdf(page.anchor.year, page.anchor.month, actions, marks, heading, fonts)
    write_bytes_atomic(path, data)


def print_month(page: CalendarPage) -> None:
    from organiser.ui.calendar.printing import ask_and_print

    ask_and_print(page, page.grid, page.shown_actions, page.heading.text())
