"""The commitment report's own fonts: DejaVu Sans for Latin and Cyrillic, NanumGothic for Korean,
chosen per run of text because ReportLab drops a character its font lacks without a word."""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from organiser.errors import OrganiserError

_FOLDERS = (
    Path("/usr/share/fonts/truetype/dejavu"),
    Path("/usr/share/fonts/truetype/nanum"),
    Path("/usr/share/fonts/TTF"),
    Path("/Library/Fonts"),
    Path(os.environ.get("WINDIR", "C:/Windows")) / "Fonts",
)
# (registered name, regular file, bold file), in order of preference.
_FACES = (
    ("ReportDejaVu", "DejaVuSans.ttf", "DejaVuSans-Bold.ttf"),
    ("ReportNanum", "NanumGothic.ttf", "NanumGothicBold.ttf"),
    ("ReportMalgun", "malgun.ttf", "malgunbd.ttf"),
)


class MissingGlyphs(OrganiserError):
    """Text holds characters no available font can print."""


@dataclass(frozen=True)
class Face:
    regular: str
    bold: str
    glyphs: frozenset[int]


def _find(file_name: str) -> Path | None:
    extra = os.environ.get("ORGANISER_FONT_DIR")
    folders = ((Path(extra),) if extra else ()) + _FOLDERS
    return next((folder / file_name for folder in folders if (folder / file_name).is_file()), None)


def _register(name: str, file_name: str) -> TTFont | None:
    path = _find(file_name)
    if path is None:
        return None
    if name not in pdfmetrics.getRegisteredFontNames():
        try:
            pdfmetrics.registerFont(TTFont(name, str(path)))
        except TTFError:
            return None
    font = pdfmetrics.getFont(name)
    return font if isinstance(font, TTFont) else None


@functools.cache
def faces() -> tuple[Face, ...]:
    found: list[Face] = []
    for name, regular, bold in _FACES:
        font = _register(name, regular)
        if font is None:
            continue
        bold_name = f"{name}-Bold" if _register(f"{name}-Bold", bold) else name
        found.append(Face(name, bold_name, frozenset(font.face.charToGlyph)))
    if not found:
        raise MissingGlyphs(
            "No TrueType font was found for the report: install DejaVu Sans (fonts-dejavu-core) "
            "or set ORGANISER_FONT_DIR to a folder holding DejaVuSans.ttf."
        )
    return tuple(found)


def base_font() -> str:
    return faces()[0].regular


def _face_for(char: str) -> Face | None:
    if char.isspace():
        return faces()[0]
    return next((face for face in faces() if ord(char) in face.glyphs), None)


def markup(text: str, bold: bool = False) -> str:
    """Paragraph markup for user text: escaped, each run in a font that has its characters,
    line breaks kept. Characters no font has stop the report with their names."""
    missing = sorted({ch for ch in text if ch != "\n" and _face_for(ch) is None})
    if missing:
        raise MissingGlyphs(
            f"No installed font can print {', '.join(repr(c) for c in missing)}: install a "
            "TrueType font that has them (for Korean: fonts-nanum), then make the report again."
        )
    parts: list[str] = []
    for line_number, line in enumerate(text.split("\n")):
        if line_number:
            parts.append("<br/>")
        parts.extend(_runs(line, bold))
    return "".join(parts)


def _runs(line: str, bold: bool) -> list[str]:
    runs: list[tuple[Face, str]] = []
    for char in line:
        face = _face_for(char)
        assert face is not None
        if runs and (runs[-1][0] is face or char.isspace()):
            runs[-1] = (runs[-1][0], runs[-1][1] + char)
        else:
            runs.append((face, char))
    return [
        f'<font name="{face.bold if bold else face.regular}">{escape(chunk)}</font>'
        for face, chunk in runs
    ]
