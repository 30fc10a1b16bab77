"""PDF settings for letters: paper, margin, and the TrueType fonts added to the system's."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from organiser.services import pdf_settings
from organiser.services.pdf_settings import PdfOptions
from organiser.ui.dialogs.fit import FittedDialog
from organiser.ui.dialogs.messages import show_error


class PdfSettingsDialog(FittedDialog):
    """Edits the declared settings pdf.paper, pdf.margin_mm and pdf.extra_fonts, through the
    services."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("PDF settings"))
        saved = pdf_settings.pdf_options()
        self.paper = QComboBox(self)
        self.paper.addItem(self.tr("A4"), "a4")
        self.paper.addItem(self.tr("US Letter"), "letter")
        self.paper.setCurrentIndex(max(0, self.paper.findData(saved.paper)))
        self.margin = QDoubleSpinBox(self)
        self.margin.setRange(5, 60)
        self.margin.setSuffix(" mm")
        self.margin.setValue(saved.margin_mm)
        self.fonts = QListWidget(self)
        self.fonts.addItems(list(saved.extra_fonts))
        self.fonts.setToolTip(
            self.tr("Used before the system's fonts, for the characters they have.")
        )
        add = QPushButton(self.tr("Add font…"), self)
        add.clicked.connect(self._choose_font)
        remove = QPushButton(self.tr("Remove"), self)
        remove.clicked.connect(lambda: self.fonts.takeItem(self.fonts.currentRow()))
        font_buttons = QHBoxLayout()
        font_buttons.addWidget(add)
        font_buttons.addWidget(remove)
        font_buttons.addStretch(1)
        form = QFormLayout()
        form.addRow(self.tr("Paper"), self.paper)
        form.addRow(self.tr("Margins"), self.margin)
        form.addRow(self.tr("Extra fonts"), self.fonts)
        form.addRow("", font_buttons)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def _choose_font(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Add a font"), "", self.tr("TrueType fonts (*.ttf *.TTF)")
        )
        if path:
            self.add_font(path)

    def add_font(self, path: str) -> bool:
        problem = pdf_settings.font_file_problem(path)
        if problem is not None:
            show_error(self, self.tr("Add a font"), problem)
            return False
        self.fonts.addItem(path)
        return True

    def font_paths(self) -> list[str]:
        return [self.fonts.item(row).text() for row in range(self.fonts.count())]

    def save(self) -> None:
        chosen = PdfOptions(
            tuple(self.font_paths()), str(self.paper.currentData()), float(self.margin.value())
        )
        pdf_settings.save_pdf_options(chosen)
        self.accept()
