"""The Letters page: the register with its filters, the editor, sending, replies, PDF and print."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QFileDialog, QLabel, QVBoxLayout, QWidget
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from organiser import store
from organiser.errors import OrganiserError
from organiser.files import write_bytes_atomic
from organiser.models import Channel, LetterKind, LetterStatus
from organiser.services import attachments, commitments, letters
from organiser.services.letters import LetterView
from organiser.services.trash import TrashView
from organiser.ui.dialogs.messages import confirm, show_error, show_info
from organiser.ui.labels import named
from organiser.ui.letters.columns import letter_columns, letter_html
from organiser.ui.letters.filters import LetterFilterBar
from organiser.ui.pages.records import PageReader, RecordsPage
from organiser.ui.reminders.dialog import ask_reminder
from organiser.ui.table_model import Column
from organiser.ui.warm_imports import import_soon
from organiser.ui.workers import Progress, run_in_background

if TYPE_CHECKING:
    from organiser.ui.letters.dialogs import ReplyDialog, SentDialog

# The editor, the Merge dialog, the other dialogs, the PDF checks and the letters' PDF output
# (with ReportLab, pypdf and the batch's worker processes behind them) are imported when first
# used: they were about 0.2 s each of the page's first showing, on the GUI thread.


# The services behind the editor and the PDF actions (ReportLab with them): no Qt in them.
EDITOR_SERVICES = (
    "organiser.services.letter_output",
    "organiser.services.letter_register",
    "organiser.services.statement_issues",
)


def letter_search(text: str) -> letters.LetterSearch:
    """The filter box's text, and the kinds, statuses and channels whose names hold it."""
    return letters.LetterSearch(
        text, named(LetterKind, text), named(LetterStatus, text), named(Channel, text)
    )


class LettersPage(RecordsPage):
    title = "Letters"
    tables = frozenset(
        {"letter", "letter_recipient", "letter_signatory", "letter_version", "campaign"}
    )
    icon_name = "letters"
    noun = str(QT_TRANSLATE_NOOP("RecordNoun", "letter"))
    update_service = (letters.LetterFields, letters.update_letter)
    # What each column of `letter_columns()` sorts by; To (several names) does not sort.
    sort_keys = ("date", "kind", "subject", "campaign", None, "status", "sent_on", "channel",
                 "reply_on", "our_reference", "pdf")  # fmt: skip
    first_sort = "date"
    first_descending = True  # newest first

    def __init__(self, engine: Engine, parent: QWidget | None = None) -> None:
        self.filter_bar: LetterFilterBar | None = None
        super().__init__(engine, parent)
        self.empty.setText(self.tr("No letters match. Write one with “New letter”."))
        self.filter_bar = LetterFilterBar(self)
        self.filter_bar.changed.connect(self.refresh)
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(1, self.filter_bar)
        self.toolbar.addSeparator()
        self.duplicate_action = self._action("duplicate", self.tr("Duplicate"), "", self.duplicate)
        self.sent_action = self._action("sent", self.tr("Mark as sent"), "", self.mark_sent)
        self.reply_action = self._action("reply", self.tr("Record reply"), "", self.record_reply)
        self.remind_action = self._action(
            "reminder", self.tr("Remind me…"), "", self.remind_of_selected
        )
        self.pdf_action = self._action("pdf", self.tr("Export PDF"), "", self.export_pdf)
        self.print_action = self._action("print", self.tr("Print"), "", self.print_letter)
        self.issue_action = self._action(
            "pdf", self.tr("Issue statement…"), "", self.issue_selected_statement
        )
        self.reply_file_action = self._action(
            "reply", self.tr("Save reply's file…"), "", self.save_reply_file
        )
        self.merge_action = self._action("merge", self.tr("Merge…"), "", self.merge_letter)
        self.export_all_action = self._action(
            "export", self.tr("Export all shown…"), "", self.export_all_shown
        )
        self.settings_action = self._action(
            "settings", self.tr("PDF settings"), "", self.pdf_settings
        )
        self.load_when_built()
        # What the editor and the PDF actions will need, imported while the page is read.
        import_soon(*EDITOR_SERVICES)

    def pdf_settings(self) -> None:
        from organiser.ui.letters.pdf_settings import PdfSettingsDialog

        PdfSettingsDialog(self).exec()

    # Hooks of RecordsPage
    def columns(self) -> list[Column[Any]]:
        return list(letter_columns())

    def refresh_choices(self) -> None:
        if self.filter_bar is not None:
            with store.transaction(self.engine) as session:
                self.filter_bar.set_campaigns(commitments.campaign_choices(session))

    def load_when_built(self) -> None:
        if self.filter_bar is not None:  # the bar is made: the page loads once it is
            super().load_when_built()

    def count_rows(self, session: Session, text: str) -> int:
        try:
            return self.row_counter(text)(session)
        except OrganiserError as error:  # a period that ends before it starts
            self.empty.setText(str(error))
            return 0

    def row_counter(self, text: str) -> Callable[[Session], int]:
        """The filter bar read here, on the GUI thread; the count perhaps off it (a period
        refused there is said by `_refused`)."""
        where = self.filter_bar.value() if self.filter_bar else None
        search = letter_search(text)
        return lambda session: letters.count_letter_rows(session, where, search)

    def page_reader(self, text: str, sort: str, descending: bool) -> PageReader:
        """The filter bar read here, on the GUI thread; the pages perhaps off it. A period that
        ends before it starts is refused (ValidationError): the page says so (`_refused`)."""
        where = self.filter_bar.value() if self.filter_bar else None
        search = letter_search(text)

        def read(session: Session, offset: int, limit: int) -> list[letters.LetterRow]:
            return letters.letter_rows(session, where, search, offset, limit, sort, descending)

        return read

    def record(self, session: Session, row: letters.LetterRow) -> LetterView:
        return letters.get_letter(session, row.id)

    def build_details(self) -> None:
        self.summary = QLabel(self.details)
        self.summary.setWordWrap(True)
        self.summary.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.summary.setContentsMargins(8, 8, 8, 8)
        self.details.addTab(self.summary, self.tr("Letter"))

    def show_details(self, row: LetterView | None) -> None:
        super().show_details(row)
        self.summary.setText(letter_html(row) if row else "")
        for action_name, enabled in (
            ("duplicate_action", row is not None),
            ("merge_action", row is not None),
            ("sent_action", row is not None),
            ("reply_action", row is not None and row.sent_on is not None),
            ("remind_action", row is not None and row.awaiting_reply),
            ("pdf_action", row is not None),
            ("print_action", row is not None),
            ("reply_file_action", row is not None and row.reply_file_id is not None),
        ):
            action = getattr(self, action_name, None)
            if action is not None:
                action.setEnabled(enabled)
        if row is not None:
            self.edit_action.setEnabled(row.status in letters.EDITABLE)

    def form(self, row: LetterView | None) -> QDialog:
        from organiser.ui.letters.editor import LetterEditor

        if self.filter_bar is not None and row is None:
            return LetterEditor(self.engine, None, self.filter_bar.campaign.currentData(), self)
        return LetterEditor(self.engine, row, parent=self)

    def delete_question(self, session: Session, row: LetterView) -> str:
        return self.tr("Delete the letter “%s”? Its register entry goes with it.") % row.subject

    def delete_row(self, session: Session, row: LetterView) -> TrashView:
        return letters.delete_letter(session, row.id)

    # The letter's own actions
    def duplicate(self) -> None:
        row = self.selected_record()
        if row is None:
            return
        with store.transaction(self.engine, write=True) as session:
            copy = letters.duplicate_letter(session, row.id)
        self._after_change(copy.id)

    def merge_letter(self) -> None:
        """The selected letter to many recipients: the Merge dialog (pre-flight, then run)."""
        from organiser.ui.letters.merge_dialog import MergeDialog

        row = self.selected_record()
        if row is not None:
            MergeDialog(self.engine, row, self).exec()

    def mark_sent(self) -> None:
        from organiser.ui.letters.dialogs import SentDialog

        self._run_letter_dialog(SentDialog)

    def record_reply(self) -> None:
        from organiser.ui.letters.dialogs import ReplyDialog

        self._run_letter_dialog(ReplyDialog)

    def remind_of_selected(self) -> None:
        """A reminder to chase the reply of the letter selected (one sent, awaiting it)."""
        row = self.table.selected()
        if row is not None and row.awaiting_reply:
            ask_reminder(self, "letter", row.id, row.subject)

    def _run_letter_dialog(self, dialog_class: type[SentDialog] | type[ReplyDialog]) -> None:
        row = self.selected_record()
        if row is not None and dialog_class(self.engine, row, self).exec():
            self._after_change(row.id)

    def _after_change(self, letter_id: int) -> None:
        self.refresh()
        self.table.select_where(lambda row: row.id == letter_id)
        self.data_changed.emit()

    def _pdf_of_selected(self, title: str) -> tuple[LetterView, bytes] | None:
        row = self.selected_record()
        if row is None:
            return None
        if not self._go_on_despite_warnings(title, row.id):
            return None
        from organiser.services import letter_output

        try:
            with store.transaction(self.engine, write=True) as session:
                data = letter_output.letter_pdf(session, row.id).data
        except OrganiserError as error:
            show_error(self, title, str(error))
            return None
        self._after_change(row.id)  # the register now shows the PDF kept
        return row, data

    def _go_on_despite_warnings(self, title: str, letter_id: int) -> bool:
        """What the letter lacks (no signatory, no closing), asked about before its PDF."""
        from organiser.services import letter_checks

        try:
            with store.transaction(self.engine) as session:
                warnings = letter_checks.export_warnings(session, letter_id)
        except OrganiserError as error:
            show_error(self, title, str(error))
            return False
        if not warnings:
            return True
        message = "\n\n".join([*warnings, self.tr("Make the PDF all the same?")])
        return confirm(self, title, message, self.tr("Make the PDF"))

    def export_pdf(self) -> None:
        title = self.tr("Export PDF")
        made = self._pdf_of_selected(title)
        if made is None:
            return
        row, data = made
        default = f"{row.our_reference or 'letter-' + str(row.id)}.pdf".replace("/", "-")
        self._save_as(title, default, data, self.tr("PDF (*.pdf)"))

    def _save_as(self, title: str, default: str, data: bytes, file_filter: str = "") -> None:
        """Ask where, write the file whole, and say what happened."""
        path, _ = QFileDialog.getSaveFileName(self, title, default, file_filter)
        if not path:
            return
        try:
            write_bytes_atomic(path, data)
        except OrganiserError as error:  # it names the file and says why
            show_error(self, title, str(error))
            return
        show_info(self, title, self.tr("Saved %s.") % path)

    def issue_selected_statement(self) -> None:
        """Issue the highlighted statement: kept with its co-signers, who changed said."""
        from organiser.ui.letters.cosigned_option import issue_statement

        row = self.selected_record()
        if row is not None and issue_statement(self, self.engine, row.id):
            self._after_change(row.id)

    def print_letter(self) -> None:
        made = self._pdf_of_selected(self.tr("Print"))
        if made is None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            from organiser.ui.letters.render import print_pdf

            print_pdf(printer, made[1])

    def export_all_shown(self) -> None:
        """Every letter the filters show, one PDF each, in a folder: off the GUI thread, on
        every core, with progress and Cancel. Sent letters come out as they went out."""
        title = self.tr("Export letters")
        folder = QFileDialog.getExistingDirectory(self, title)
        if not folder:
            return
        from organiser.services import letter_output

        where = self.filter_bar.value() if self.filter_bar else None
        engine = self.engine  # the work runs off the GUI thread: it holds no widget

        def work(progress: Progress) -> int:
            return letter_output.export_letters(
                engine, folder, where,
                progress=lambda done, total: progress.report(done, total),
                stop=progress.cancelled,
            )  # fmt: skip

        def done(written: int) -> None:
            told = self.tr("%n letter(s) written to %1.", "", written)
            show_info(self, title, told.replace("%1", str(folder)))

        run_in_background(self, title, work, done, database=engine)  # it keeps their PDFs

    def save_reply_file(self) -> None:
        """Write the reply kept with the letter (a scan, a PDF) where the user chooses."""
        row = self.selected_record()
        if row is None or row.reply_file_id is None:
            return
        title = self.tr("Save reply's file")
        with store.transaction(self.engine) as session:
            kept = attachments.get_attachment(session, row.reply_file_id)
            data = attachments.attachment_data(session, row.reply_file_id)
        self._save_as(title, kept.name, data)
