"""A letter's PDF (made by the services) on screen and on paper: its pages as images, printing.

Qt has no PDF reader in PySide6-Essentials, so pages are drawn by PDFium (pypdfium2): the
preview and the printout are the very PDF that is exported, not a second layout.
"""

from __future__ import annotations

import pypdfium2
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtPrintSupport import QPrinter


def page_images(pdf: bytes, dpi: float = 72.0) -> list[QImage]:
    """Every page of `pdf` drawn at `dpi`."""
    document = pypdfium2.PdfDocument(pdf)
    try:
        return [_image(document[index], dpi / 72.0) for index in range(len(document))]
    finally:
        document.close()


def _image(page: pypdfium2.PdfPage, scale: float) -> QImage:
    bitmap = page.render(scale=scale)
    image = QImage(
        bytes(bitmap.buffer),
        bitmap.width,
        bitmap.height,
        bitmap.stride,
        QImage.Format.Format_BGR888,
    )
    return image.copy()  # detach from the bitmap's buffer before it is freed


def print_pdf(printer: QPrinter, pdf: bytes) -> int:
    """Print every page of `pdf` on `printer`, fitted to the paper; returns the page count."""
    images = page_images(pdf, dpi=min(printer.resolution(), 300))
    painter = QPainter()
    if not painter.begin(printer):
        return 0
    try:
        for number, image in enumerate(images):
            if number:
                printer.newPage()
            target = QRectF(printer.pageRect(QPrinter.Unit.DevicePixel))
            target.moveTo(0, 0)
            size = image.size().scaled(target.size().toSize(), Qt.AspectRatioMode.KeepAspectRatio)
            painter.drawImage(QRectF(0, 0, size.width(), size.height()), image)
    finally:
        painter.end()
    return len(images)
