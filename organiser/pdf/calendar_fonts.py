"""Fonts for the printed calendar: DejaVu Sans for Latin and Cyrillic, NanumGothic for Hangul.

ReportLab drops characters its font lacks without a word, so each run of text gets the first
face that covers it, and text no face covers stops the export with the characters named.
"""

from __future__ import annotations

import functools
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from organiser.errors import OrganiserError

FONT_DIRS = (
    Path("/usr/share/fonts/truetype/dejavu"),
    Path("/usr/share/fonts/truetype/nanum"),
    Path("/usr/share/fonts/TTF"),
    Path("/Library/Fonts"),
    Path("C:/Windows/Fonts"),
)
# (registered name, file name), in order of preference.
FACES = (
    ("CalSans", "DejaVuSans.ttf"),
    ("CalSans-Bold", "DejaVuSans-Bold.ttf"),
    ("CalKorean", "NanumGothic.ttf"),
    ("CalKorean-Bold", "NanumGothicBold.ttf"),
    ("CalKorean", "malgun.ttf"),
)
HOW_TO_ADD = (
    "Install a TrueType font that has them (for Korean: NanumGothic, Debian package fonts-nanum, "
    "or Malgun Gothic on Windows; for Cyrillic: DejaVu Sans)."
)


class MissingGlyphs(OrganiserError):
    """Text that no installed font can print."""


@functools.cache
def faces() -> tuple[str, ...]:
    """The names of the faces registered for the calendar, regular ones first."""
    registered: list[str] = []
    for name, file_name in FACES:
        if name in registered:
            continue
        for folder in FONT_DIRS:
            path = folder / file_name
            if path.is_file():
                try:
                    pdfmetrics.registerFont(TTFont(name, str(path)))
                except (TTFError, OSError, ValueError):
                    continue
                registered.append(name)
                break
    return tuple(registered)


def _covers(face: str, char: str) -> bool:
    font = pdfmetrics.getFont(face)
    return ord(char) in font.face.charToGlyph


def _face_for(char: str, bold: bool) -> str | None:
    if char in " \n\t" or (not faces() and ord(char) < 256):
        return None
    wanted = [f for f in faces() if f.endswith("-Bold") == bold] or list(faces())
    for face in wanted + list(faces()):
        if _covers(face, char):
            return face
    raise MissingGlyphs(f"No installed font can print {char!r} (U+{ord(char):04X}). {HOW_TO_ADD}")


def markup(text: str, bold: bool = False) -> str:
    """Paragraph markup for user text: escaped, each run in a face that covers it."""
    runs: list[tuple[str | None, str]] = []
    for char in text:
        face = _face_for(char, bold)
        if runs and (face is None or face == runs[-1][0] or runs[-1][0] is None):
            previous_face, chunk = runs[-1]
            runs[-1] = (previous_face or face, chunk + char)
        else:
            runs.append((face, char))
    base = body_face(bold)
    return "".join(
        f'<font name="{face or base}">{escape(chunk).replace(chr(10), "<br/>")}</font>'
        for face, chunk in runs
    )


def body_face(bold: bool = False) -> str:
    wanted = "CalSans-Bold" if bold else "CalSans"
    available = faces()
    if wanted in available:
        return wanted
    return available[0] if available else ("Helvetica-Bold" if bold else "Helvetica")
