"""Merge one letter to many recipients: choose who and where, see the pre-flight of every
letter as a table, then write them all (or none) in the background, with progress and Cancel."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Engine

from organiser import store
from organiser.errors import OrganiserError
from organiser.services import letter_merge, letter_register
from organiser.services.letter_merge import CheckedMerge, MergeResult, PreflightRow
from organiser.services.letters import LetterView
from organiser.ui.dialogs.fit import FittedDialog
from organiser.ui.dialogs.messages import show_error, show_info
from organiser.ui.letters.pickers import RefPicker
from organiser.ui.tables import fit_columns
from organiser.ui.workers import Cancelled, Progress, run_in_background

Index = QModelIndex | QPersistentModelIndex
REFUSED_BACKGROUND = "#fde7e9"
WARNED_BACKGROUND = "#fff4d6"
DEFAULT_EXPECTED_PAGES = 2
RECIPIENT_WIDTH = 240  # pixels: the notes have the room left
ROWS_FITTED = 500  # up to this many rows are sized to their wrapped notes


class PreflightModel(QAbstractTableModel):
    """The pre-flight's rows: a letter that cannot be made is tinted red, one with warnings
    amber, and the Notes column says why."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[PreflightRow] = []
        self._files = True

    def set_rows(self, rows: list[PreflightRow], files: bool) -> None:
        self.beginResetModel()
        self._rows, self._files = rows, files
        self.endResetModel()

    def row_at(self, row: int) -> PreflightRow:
        return self._rows[row]

    def _headers(self) -> list[str]:
        headers = [self.tr("#"), self.tr("Recipient"), self.tr("Reference")]
        if self._files:
            headers.append(self.tr("File"))
        return [*headers, self.tr("Language"), self.tr("Pages"), self.tr("Notes")]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers())

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._headers()[section]
        return None

    def notes(self, row: PreflightRow) -> list[str]:
        """What the pre-flight says of one letter, in the user's language."""
        said = []
        if row.refusal:
            said.append(self.tr("Cannot be made: %s") % row.refusal)
        if row.missing_address:
            said.append(self.tr("No postal address"))
        if row.fell_back:
            said.append(
                self.tr("No version in %1: the original is used").replace("%1", row.wanted_language)
            )
        for empty in row.empty_fields:
            where = self.tr("subject") if empty.where == "subject" else self.tr("body")
            said.append(
                self.tr("%1 is empty (%2, line %3)")
                .replace("%1", empty.field)
                .replace("%2", where)
                .replace("%3", str(empty.line))
            )
        if row.too_long and row.pages is not None:
            said.append(self.tr("%n page(s)", "", row.pages))
        return said

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        values: list[str] = [str(row.number), row.name, row.reference]
        if self._files:
            values.append(row.file_name)
        language = row.language
        if row.fell_back:
            language = (
                self.tr("%1 instead of %2")
                .replace("%1", row.language)
                .replace("%2", row.wanted_language)
            )
        values += [language, "" if row.pages is None else str(row.pages)]
        notes = self.notes(row)
        values.append(" · ".join(notes) or self.tr("OK"))
        if role == Qt.ItemDataRole.DisplayRole:
            return values[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join([values[index.column()], *notes]) if notes else None
        if role == Qt.ItemDataRole.BackgroundRole and (row.refusal or notes):
            return QBrush(QColor(REFUSED_BACKGROUND if row.refusal else WARNED_BACKGROUND))
        return None


class MergeDialog(FittedDialog):
    """`exec()` it on a saved letter; after acceptance `result_value` holds the MergeResult."""

    def __init__(self, engine: Engine, letter: LetterView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.engine = engine
        self.letter = letter
        self.checked: CheckedMerge | None = None
        self.result_value: MergeResult | None = None
        self._busy = False
        self.setWindowTitle(self.tr("Merge “%s”") % letter.subject)
        self.resize(1100, 680)
        with store.transaction(engine) as session:
            organisations, people = letter_register.choices(session)
            federations = letter_merge.federations(session)
            committed = len(letter_merge.committed_organisations(session, letter.campaign_id))
        self._build_recipients(organisations, people, federations, committed)
        self._build_output()
        self.check_button = QPushButton(self.tr("Check the letters"), self)
        self.check_button.clicked.connect(self.check)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)  # it may quote a template
        self.model = PreflightModel(self)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.verticalHeader().hide()
        self.view.setWordWrap(True)  # the notes wrap within their row
        self.view.horizontalHeader().setStretchLastSection(True)  # the notes: all the room left
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.merge_button = self.buttons.addButton(
            self.tr("Merge"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.accepted.connect(self.merge)
        self.buttons.rejected.connect(self.reject)
        self._lay_out()
        self._changed()

    # Building
    def _build_recipients(
        self,
        organisations: list[tuple[int, str]],
        people: list[tuple[int, str]],
        federations: list[tuple[int, str, int]],
        committed: int,
    ) -> None:
        self.recipients_box = QGroupBox(self.tr("Recipients"), self)
        self.one_by_one = QRadioButton(self.tr("Chosen one by one:"), self.recipients_box)
        choices = [(("org", key), name) for key, name in organisations]
        choices += [(("person", key), name) for key, name in people]
        self.picker = RefPicker(choices, self.recipients_box)
        self.picker.setMaximumHeight(120)
        self.affiliates = QRadioButton(self.tr("All affiliates of"), self.recipients_box)
        self.federation = QComboBox(self.recipients_box)
        for key, name, count in federations:
            self.federation.addItem(f"{name} — {self.tr('%n affiliate(s)', '', count)}", key)
        self.committed = QRadioButton(
            self.tr("Every organisation that committed to the campaign (%n)", "", committed),
            self.recipients_box,
        )
        self.recipient_choice = QButtonGroup(self)
        for button in (self.one_by_one, self.affiliates, self.committed):
            self.recipient_choice.addButton(button)
            button.toggled.connect(self._changed)
        self.affiliates.setEnabled(bool(federations))
        self.federation.setEnabled(bool(federations))
        self.committed.setEnabled(committed > 0)
        default = self.committed if committed else self.affiliates if federations else None
        (default or self.one_by_one).setChecked(True)
        self.picker.changed.connect(self._changed)
        self.federation.currentIndexChanged.connect(self._changed)
        layout = QGridLayout(self.recipients_box)
        layout.addWidget(self.one_by_one, 0, 0, 1, 2)
        layout.addWidget(self.picker, 1, 0, 1, 2)
        layout.addWidget(self.affiliates, 2, 0)
        layout.addWidget(self.federation, 2, 1)
        layout.addWidget(self.committed, 3, 0, 1, 2)
        layout.setColumnStretch(1, 1)

    def _build_output(self) -> None:
        self.output_box = QGroupBox(self.tr("Output"), self)
        self.to_folder = QRadioButton(
            self.tr("One PDF per recipient, in the folder"), self.output_box
        )
        self.folder_edit = QLineEdit(self.output_box)
        self.folder_edit.setPlaceholderText(self.tr("Choose a folder"))
        folder_button = QPushButton(self.tr("Choose…"), self.output_box)
        folder_button.clicked.connect(self.choose_folder)
        self.pattern_edit = QLineEdit(letter_merge.DEFAULT_NAME_PATTERN, self.output_box)
        fields = ", ".join("{" + name + "}" for name in letter_merge.NAME_FIELDS)
        self.pattern_edit.setToolTip(self.tr("File names from %s") % fields)
        self.to_file = QRadioButton(self.tr("One combined PDF"), self.output_box)
        self.file_edit = QLineEdit(self.output_box)
        self.file_edit.setPlaceholderText(self.tr("Choose a file"))
        file_button = QPushButton(self.tr("Choose…"), self.output_box)
        file_button.clicked.connect(self.choose_file)
        self.odd_pages = QCheckBox(
            self.tr("Start each letter on an odd page (for double-sided printing)"),
            self.output_box,
        )
        self.expect_pages = QSpinBox(self.output_box)
        self.expect_pages.setRange(1, 99)
        self.expect_pages.setValue(DEFAULT_EXPECTED_PAGES)
        self.output_choice = QButtonGroup(self)
        for button in (self.to_folder, self.to_file):
            self.output_choice.addButton(button)
            button.toggled.connect(self._changed)
        self.to_folder.setChecked(True)
        for edit in (self.folder_edit, self.pattern_edit, self.file_edit):
            edit.textChanged.connect(self._changed)
        self.odd_pages.toggled.connect(self._changed)
        self.expect_pages.valueChanged.connect(self._changed)
        layout = QGridLayout(self.output_box)
        layout.addWidget(self.to_folder, 0, 0, 1, 3)
        layout.addWidget(self.folder_edit, 1, 0, 1, 2)
        layout.addWidget(folder_button, 1, 2)
        layout.addWidget(QLabel(self.tr("File names:"), self.output_box), 2, 0)
        layout.addWidget(self.pattern_edit, 2, 1, 1, 2)
        layout.addWidget(self.to_file, 3, 0, 1, 3)
        layout.addWidget(self.file_edit, 4, 0, 1, 2)
        layout.addWidget(file_button, 4, 2)
        layout.addWidget(self.odd_pages, 5, 0, 1, 3)
        pages = QHBoxLayout()
        pages.addWidget(QLabel(self.tr("Note letters longer than"), self.output_box))
        pages.addWidget(self.expect_pages)
        pages.addWidget(QLabel(self.tr("pages"), self.output_box))
        pages.addStretch(1)
        layout.addLayout(pages, 6, 0, 1, 3)
        layout.setColumnStretch(1, 1)

    def _lay_out(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.recipients_box, 1)
        top.addWidget(self.output_box, 1)
        check = QHBoxLayout()
        check.addWidget(self.check_button)
        check.addWidget(self.summary, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(check)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.buttons)

    # What the user chose
    def recipients(self) -> letter_merge.Recipients:
        if self.affiliates.isChecked():
            return letter_merge.Recipients(affiliates_of=self.federation.currentData())
        if self.committed.isChecked():
            return letter_merge.Recipients(committed=True)
        return letter_merge.Recipients(refs=tuple(self.picker.refs()))

    def output(self) -> letter_merge.MergeOutput | None:
        if self.to_file.isChecked():
            path = self.file_edit.text().strip()
            if not path:
                return None
            if not path.lower().endswith(".pdf"):
                path += ".pdf"
            odd = self.odd_pages.isChecked()
            return letter_merge.MergeOutput(combined=Path(path).expanduser(), odd_pages=odd)
        folder = self.folder_edit.text().strip()
        if not folder:
            return None
        pattern = self.pattern_edit.text()
        return letter_merge.MergeOutput(folder=Path(folder).expanduser(), name_pattern=pattern)

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Folder for the letters"))
        if folder:
            self.folder_edit.setText(folder)
            self.to_folder.setChecked(True)

    def choose_file(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Combined PDF"), "", self.tr("PDF (*.pdf)")
        )
        if path:
            self.file_edit.setText(path)
            self.to_file.setChecked(True)

    def _changed(self) -> None:
        """Any change makes the last pre-flight stale: the letters are checked again first."""
        self.checked = None
        files = self.to_folder.isChecked() if hasattr(self, "to_folder") else True
        for widget_name, enabled in (
            ("picker", self.one_by_one.isChecked()),
            ("federation", self.affiliates.isChecked()),
            ("folder_edit", files),
            ("pattern_edit", files),
            ("file_edit", not files),
            ("odd_pages", not files),
        ):
            widget = getattr(self, widget_name, None)
            if widget is not None:
                widget.setEnabled(enabled)
        if hasattr(self, "model"):
            self.model.set_rows([], files)
            self._say(self.tr("Check the letters before merging: nothing is written until then."))
            self._update_buttons()

    def settled(self) -> bool:
        """No check or merge running: what the dialog shows is current."""
        return not self._busy

    def _say(self, text: str, bad: bool = False) -> None:
        self.summary.setText(text)
        self.summary.setStyleSheet("color: #b3261e;" if bad else "")

    def _update_buttons(self) -> None:
        ready = self.checked is not None and not self.checked.preflight.refused
        self.merge_button.setEnabled(ready and not self._busy)
        self.check_button.setEnabled(not self._busy)

    # The pre-flight
    def check(self) -> None:
        output = self.output()
        if output is None:
            self._say(self.tr("Choose where the letters go."), bad=True)
            return
        engine, letter_id, recipients = self.engine, self.letter.id, self.recipients()
        expect = self.expect_pages.value()
        self._busy = True
        self._update_buttons()
        self._say(self.tr("Checking the letters…"))

        def work(progress: Progress) -> CheckedMerge:
            try:
                return letter_merge.check_merge(
                    engine, letter_id, recipients, output, expect,
                    progress=lambda done, total: progress.report(done, total),
                    stop=progress.cancelled,
                )  # fmt: skip
            except letter_merge.MergeStopped:
                raise Cancelled() from None

        run_in_background(
            self,
            self.tr("Checking the letters"),
            work,
            self._checked,
            self._check_failed,
            database=engine,
            reads_only=True,
            on_cancel=self._cancelled,
        )

    def _checked(self, checked: CheckedMerge) -> None:
        self._busy = False
        self.checked = checked
        preflight = checked.preflight
        self.model.set_rows(list(preflight.rows), preflight.output.folder is not None)
        fit_columns(self.view)
        self.view.setColumnWidth(1, min(self.view.columnWidth(1), RECIPIENT_WIDTH))
        if len(preflight.rows) <= ROWS_FITTED:
            self.view.resizeRowsToContents()
        count = len(preflight.rows)
        pages = self.tr("%n page(s)", "", preflight.total_pages)
        text = self.tr("%n letter(s)", "", count) + ", " + pages
        if preflight.blank_pages:
            text += " " + self.tr("(%n blank for odd-page starts)", "", preflight.blank_pages)
        if preflight.refused:
            text += "; " + self.tr(
                "%n cannot be made: nothing is written until the letter is corrected.",
                "",
                len(preflight.refused),
            )
        elif preflight.warned:
            text += "; " + self.tr("%n with warnings.", "", len(preflight.warned))
        else:
            text += "; " + self.tr("no warnings.")
        self._say(text, bad=bool(preflight.refused))
        self._update_buttons()

    def _check_failed(self, error: OrganiserError) -> None:
        self._busy = False
        self.checked = None
        self._say(str(error), bad=True)
        self._update_buttons()

    def _cancelled(self) -> None:
        self._busy = False
        self._say(self.tr("Cancelled; nothing was written."))
        self._update_buttons()

    # The run
    def merge(self) -> None:
        checked = self.checked
        if checked is None or checked.preflight.refused or self._busy:
            return
        engine = self.engine  # the work runs off the GUI thread: it holds no widget
        self._busy = True
        self._update_buttons()

        def work(progress: Progress) -> MergeResult:
            try:
                return letter_merge.write_merge(
                    engine, checked,
                    progress=lambda done, total: progress.report(done, total),
                    stop=progress.cancelled,
                )  # fmt: skip
            except letter_merge.MergeStopped:
                raise Cancelled() from None

        run_in_background(
            self,
            self.tr("Merging the letters"),
            work,
            self._merged,
            self._merge_failed,
            database=engine,
            on_cancel=self._cancelled,
        )

    def _merged(self, result: MergeResult) -> None:
        self._busy = False
        self.result_value = result
        rows = result.preflight.rows
        where = result.files[0] if len(result.files) == 1 else result.files[0].parent
        told = self.tr("%n letter(s) written to %1; in the register as %2.", "", len(rows))
        span = rows[0].reference
        if len(rows) > 1:
            span += f" … {rows[-1].reference}"
        show_info(self, self.windowTitle(), told.replace("%1", str(where)).replace("%2", span))
        self.accept()

    def _merge_failed(self, error: OrganiserError) -> None:
        self._busy = False
        show_error(self, self.windowTitle(), str(error))
        self.checked = None  # checked again before another try
        self.model.set_rows([], self.to_folder.isChecked())
        self._say(self.tr("Nothing was written. Check the letters again."), bad=True)
        self._update_buttons()
