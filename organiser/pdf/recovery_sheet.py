"""The recovery sheet: one printable page with an encrypted database's recovery key, as letters
and as a QR code, and what it is for in plain words."""

from __future__ import annotations

import io
from dataclasses import dataclass
from xml.sax.saxutils import escape

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from organiser.pdf.fonts import load_fonts

TITLE = "Recovery key for an encrypted Campaign Organiser database"
EXPLANATION = (
    "This key opens the database named above, and every backup of it, without the passphrase. "
    "Keep it: if the passphrase is forgotten, this sheet is the only way back to the data.",
    "Anyone who holds this sheet and a copy of the database can read everything in it. Print "
    "this page, then delete the PDF file. Keep the paper away from the computer: not in the "
    "same bag, not in an office that may be searched. A second copy may stay with someone you "
    "trust.",
    "To use it: at the command line, run  organiser recover --recovery-key KEY  (or leave out "
    "the key to be asked for it); it opens the database with this key and sets a new "
    "passphrase. Dashes, spaces and small or capital letters do not matter, and 0 and O, 1 and "
    "I are read alike. The last group catches a typing mistake.",
    "Changing the passphrase does not change this key: the sheet stays good until the "
    "database is decrypted.",
)
QR_SIZE = 46 * mm


@dataclass(frozen=True)
class RecoverySheet:
    database: str  # the file, as the person knows it
    made_on: str  # the date the key was made, as text
    recovery_key: str


def _qr(text: str) -> Drawing:
    widget = QrCodeWidget(text, barLevel="M")
    left, bottom, right, top = widget.getBounds()
    drawing = Drawing(QR_SIZE, QR_SIZE, transform=[QR_SIZE / (right - left), 0, 0,
                      QR_SIZE / (top - bottom), 0, 0])  # fmt: skip
    drawing.add(widget)
    return drawing


def render_recovery_sheet(sheet: RecoverySheet) -> bytes:
    """The sheet as PDF bytes (every character in an embedded font that covers it)."""
    fonts = load_fonts()
    fonts.check([TITLE, *EXPLANATION, sheet.database, sheet.made_on, sheet.recovery_key])
    body = ParagraphStyle("body", fontName=fonts.primary, fontSize=10.5, leading=14.5)
    title = ParagraphStyle("title", body, fontSize=16, leading=20, spaceAfter=8)
    key = ParagraphStyle("key", body, fontSize=19, leading=30)
    groups = sheet.recovery_key.split("-")
    lines = ["  ".join(groups[i : i + 3]) for i in range(0, len(groups), 3)]
    key_text = Paragraph("<br/>".join(escape(line) for line in lines), key)
    boxed = Table([[key_text, _qr(sheet.recovery_key)]], colWidths=(112 * mm, QR_SIZE + 6 * mm))
    boxed.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), fonts.primary),
                               ("BOX", (0, 0), (-1, -1), 1.2, colors.black),
                               ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                               ("TOPPADDING", (0, 0), (-1, -1), 8)]))  # fmt: skip
    story: list[Flowable] = [
        fonts.paragraph(TITLE, title, bold=True),
        fonts.paragraph(f"Database: {sheet.database}", body),
        fonts.paragraph(f"Key made on: {sheet.made_on}", body),
        Spacer(1, 8 * mm),
        boxed,
        Spacer(1, 8 * mm),
    ]
    for paragraph in EXPLANATION:
        story += [fonts.paragraph(paragraph, body), Spacer(1, 3 * mm)]
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer, pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm, title="Recovery key",
        initialFontName=fonts.primary,
    )  # fmt: skip
    document.build(story)
    return buffer.getvalue()
