"""Import affiliates from a spreadsheet: choose the file, map its columns, see every row with
its problems, and only then write them all (or none) in the background."""

from __future__ import annotations

import os
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Engine

from organiser import store
from organiser.errors import OrganiserError
from organiser.services import affiliates_import as service
from organiser.services.affiliates_import import FIELDS, CsvTable
from organiser.ui.dialogs.fit import FittedDialog
from organiser.ui.dialogs.messages import show_error, show_info
from organiser.ui.table_model import lines
from organiser.ui.tables import fit_columns
from organiser.ui.workers import Progress, run_in_background

Index = QModelIndex | QPersistentModelIndex
BAD_BACKGROUND = "#fde7e9"
ENCODINGS = {
    "utf-8-sig": "UTF-8 with BOM", "utf-8": "UTF-8", "utf-16": "UTF-16",
    "cp1252": "Windows-1252",
}  # fmt: skip
MAPPING_COLUMNS = 3
BACKGROUND_ROWS = 2000  # files longer than this are checked with a progress dialog
BACKGROUND_BYTES = 1_000_000  # files larger than this are read with a progress dialog


def _file_size(path: str) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return 0  # read_spreadsheet says why it cannot be read


FIELD_LABELS = {
    "name": "Name", "acronym": "Acronym", "kind": "Kind", "country": "Country",
    "address": "Address", "email": "Email", "phone": "Phone", "website": "Website",
    "language": "Language", "notes": "Notes", "affiliate_of": "Affiliate of",
    "members": "Members", "membership": "Membership",
}  # fmt: skip


class PreviewModel(QAbstractTableModel):
    """The rows as they would be imported; a bad row is tinted and says why."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[service.PreviewRow] = []
        self._fields: list[str] = []

    def set_preview(self, preview: service.ImportPreview | None, only_bad: bool = False) -> None:
        self.beginResetModel()
        rows = preview.rows if preview else []
        self._rows = [row for row in rows if not row.ok] if only_bad else list(rows)
        self._fields = [f for f in FIELDS if preview and f in preview.mapping]
        self.endResetModel()

    def row_at(self, row: int) -> service.PreviewRow:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 2 + len(self._fields)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        if section < 2:
            return (self.tr("Line"), self.tr("Problems"))[section]
        return self.tr(FIELD_LABELS[self._fields[section - 2]])

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            if index.column() == 0:
                return str(row.line)
            if index.column() == 1:
                return " ".join(row.errors) or self.tr("OK")
            return row.values.get(self._fields[index.column() - 2], "").replace("\n", " ")
        if role == Qt.ItemDataRole.BackgroundRole and not row.ok:
            return QBrush(QColor(BAD_BACKGROUND))
        if role == Qt.ItemDataRole.ToolTipRole:  # a cell cut short whole, then what is wrong
            field = self._fields[index.column() - 2] if index.column() >= 2 else ""
            return lines(row.values.get(field, "").strip(), *row.errors) or None
        return None


class AffiliateImportDialog(FittedDialog):
    """`exec()` it; after acceptance `result_value` holds the ImportResult."""

    def __init__(self, engine: Engine, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.engine = engine
        self.table: CsvTable | None = None
        self.preview: service.ImportPreview | None = None
        self.result_value: service.ImportResult | None = None
        self._generation = 0
        self._checking = False
        self._reading = False
        self.setWindowTitle(self.tr("Import affiliates from a spreadsheet"))
        self.resize(900, 600)
        self.path_edit = QLineEdit(self)
        self.path_edit.setReadOnly(True)
        self.path_edit.setPlaceholderText(self.tr("A CSV file saved by Excel or LibreOffice"))
        choose = QPushButton(self.tr("Choose file…"), self)
        choose.clicked.connect(self.choose_file)
        self.file_info = QLabel(self)
        self.mapping_box = QWidget(self)
        self.mapping_grid = QGridLayout(self.mapping_box)
        self.mapping_grid.setContentsMargins(0, 0, 0, 0)
        for column in range(MAPPING_COLUMNS):
            self.mapping_grid.setColumnStretch(column * 2 + 1, 1)
        self.combos: dict[str, QComboBox] = {}
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)  # it may quote the file
        self.only_bad = QCheckBox(self.tr("Show only rows with problems"), self)
        self.only_bad.toggled.connect(self._show_rows)
        self.skip_bad = QCheckBox(self.tr("Leave out the rows with problems"), self)
        self.skip_bad.toggled.connect(self._update_buttons)
        self.model = PreviewModel(self)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.verticalHeader().hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.import_button = self.buttons.addButton(
            self.tr("Import"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.accepted.connect(self.import_now)
        self.buttons.rejected.connect(self.reject)
        self._lay_out(choose)
        self._update_buttons()

    def _lay_out(self, choose: QPushButton) -> None:
        top = QHBoxLayout()
        top.addWidget(self.path_edit, 1)
        top.addWidget(choose)
        options = QHBoxLayout()
        options.addWidget(self.only_bad)
        options.addWidget(self.skip_bad)
        options.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.file_info)
        layout.addWidget(QLabel(self.tr("<b>Which column holds what</b>"), self))
        layout.addWidget(self.mapping_box)
        layout.addWidget(self.message)
        layout.addLayout(options)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.buttons)

    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Affiliates spreadsheet"), "",
            self.tr("CSV files (*.csv *.txt);;All files (*)"),
        )  # fmt: skip
        if path:
            self.load_file(path)

    def load_file(self, path: str) -> None:
        """Read the file off the GUI thread, then show its columns and rows; an unreadable
        file is refused (a pipe or a device before reading, whatever its size says)."""
        self._generation += 1
        generation = self._generation
        self._reading = True
        self.import_button.setEnabled(False)
        self._set_message(self.tr("Reading %s…") % path, bad=False)

        def loaded(table: CsvTable) -> None:
            self._reading = False
            if generation == self._generation:
                self._loaded(path, table)

        def refused(error: OrganiserError) -> None:
            self._reading = False
            if generation == self._generation:
                self._refused(str(error))

        run_in_background(
            self,
            self.tr("Reading the spreadsheet"),
            lambda _progress: service.read_spreadsheet(path),
            loaded,
            refused,
            show_progress=_file_size(path) > BACKGROUND_BYTES,
        )

    def settled(self) -> bool:
        """No file being read and no rows being checked: what the dialog shows is current."""
        return not self._reading and not self._checking

    def _refused(self, message: str) -> None:
        self.table, self.preview = None, None
        self._set_message(message, bad=True)
        self._show_rows()

    def _loaded(self, path: str, table: CsvTable) -> None:
        self.table = table
        self.path_edit.setText(path)
        names = {",": self.tr("comma"), ";": self.tr("semicolon"), "\t": self.tr("tab")}
        delimiter = names.get(table.delimiter, f"“{table.delimiter}”")
        self.file_info.setText(
            self.tr("{rows}, {columns}, separated by {sep}, text {enc}").format(
                rows=self.tr("%n row(s)", "", len(table.rows)),
                columns=self.tr("%n column(s)", "", len(table.headers)),
                sep=delimiter, enc=ENCODINGS.get(table.encoding, table.encoding),
            )
        )  # fmt: skip
        self._build_mapping(table)
        self.refresh_preview()

    def _build_mapping(self, table: CsvTable) -> None:
        for old in self.mapping_box.findChildren(QWidget):
            old.deleteLater()
        suggested = service.suggested_mapping(table)
        self.combos = {}
        for position, field in enumerate(FIELDS):
            combo = QComboBox(self.mapping_box)
            combo.addItem(self.tr("(not in the file)"), None)
            for number, header in enumerate(table.headers):
                combo.addItem(header or self.tr("column {n}").format(n=number + 1), number)
            combo.setCurrentIndex(max(0, combo.findData(suggested.get(field))))
            combo.currentIndexChanged.connect(self.refresh_preview)
            row, column = divmod(position, MAPPING_COLUMNS)
            label = QLabel(self.tr(FIELD_LABELS[field]), self.mapping_box)
            self.mapping_grid.addWidget(label, row, column * 2)
            self.mapping_grid.addWidget(combo, row, column * 2 + 1)
            self.combos[field] = combo

    def mapping(self) -> dict[str, int]:
        chosen = {field: combo.currentData() for field, combo in self.combos.items()}
        return {field: column for field, column in chosen.items() if column is not None}

    def refresh_preview(self) -> None:
        """Check every row again with the mapping chosen, off the GUI thread; one check runs
        at a time, and a result overtaken by a newer mapping is dropped."""
        if self.table is None:
            return
        self._generation += 1
        if self._checking:
            return  # the check running now is followed by one with the newest mapping
        self._checking = True
        generation, table, mapping = self._generation, self.table, self.mapping()
        engine = self.engine  # the work runs off the GUI thread: it holds no widget

        def work(progress: Progress) -> service.ImportPreview:
            report = lambda done, total: progress.report(done, total)  # noqa: E731
            with store.transaction(engine) as session:
                return service.preview_import(session, table, mapping, report)

        def done(preview: service.ImportPreview | None, error: str = "") -> None:
            self._checking = False
            if generation == self._generation:
                self._previewed(preview, error)
            else:
                self.refresh_preview()

        self.import_button.setEnabled(False)
        self._set_message(self.tr("Checking %n row(s)…", "", len(table.rows)), bad=False)
        run_in_background(
            self,
            self.tr("Checking the rows"),
            work,
            done,
            lambda error: done(None, str(error)),
            show_progress=len(table.rows) > BACKGROUND_ROWS,
            database=engine,
            reads_only=True,
        )

    def _previewed(self, preview: service.ImportPreview | None, error: str) -> None:
        self.preview = preview
        if preview is None:
            self._set_message(error, bad=True)
        else:
            bad = len(preview.bad_rows)
            text = self.tr("{ready}; {bad}").format(
                ready=self.tr("%n row(s) is(are) ready to import", "", preview.good_count),
                bad=self.tr("%n has(have) problems.", "", bad),
            )
            self._set_message(text, bad=bad > 0)
        self._show_rows()

    def _set_message(self, text: str, bad: bool) -> None:
        self.message.setText(text)
        self.message.setStyleSheet("color: #b3261e;" if bad else "")

    def _show_rows(self) -> None:
        self.model.set_preview(self.preview, self.only_bad.isChecked())
        if self.model.rowCount() <= BACKGROUND_ROWS:
            fit_columns(self.view)
        self._update_buttons()

    def _update_buttons(self) -> None:
        preview = self.preview
        ready = bool(
            preview and preview.good_count and (not preview.bad_rows or self.skip_bad.isChecked())
        )
        self.import_button.setEnabled(ready)

    def import_now(self) -> None:
        """Write in the background: all good rows, or nothing if anything fails."""
        if self.table is None or not self.import_button.isEnabled():
            return
        table, mapping, skip = self.table, self.mapping(), self.skip_bad.isChecked()
        engine = self.engine  # the work runs off the GUI thread: it holds no widget
        self.import_button.setEnabled(False)

        def work(progress: Progress) -> service.ImportResult:
            return service.import_affiliates_into(
                engine, table, mapping, skip, lambda done, total: progress.report(done, total)
            )

        run_in_background(
            self,
            self.tr("Importing affiliates"),
            work,
            self._imported,
            self._failed,
            database=engine,
        )

    def _imported(self, result: service.ImportResult) -> None:
        self.result_value = result
        show_info(
            self, self.windowTitle(),
            self.tr("%n organisation(s) imported.", "", result.created),
        )  # fmt: skip
        self.accept()

    def _failed(self, error: OrganiserError) -> None:
        show_error(self, self.windowTitle(), str(error))
        self.refresh_preview()
