"""Fonts for PDFs: TrueType faces found on the system or named in the settings, chosen per script.

ReportLab has no glyph fallback: a character its font lacks is dropped without a word. So every
run of text is given the first face that covers it, and text no face covers is refused with a
message naming the characters, before anything is written.
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import subprocess
import sys
import unicodedata
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.fonts import addMapping, tt2ps
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfdoc, pdfmetrics
from reportlab.pdfbase.ttfonts import (
    FF_NONSYMBOLIC,
    FF_SYMBOLIC,
    SUBSETN,
    TTFError,
    TTFont,
    TTFontFace,
    makeToUnicodeCMap,
)
from reportlab.platypus import Paragraph

from organiser.errors import OrganiserError
from organiser.files import size_text

_WORDS = re.compile(r"(\s+)")
_WORDS_REMEMBERED = 50_000


class FontCoverageError(OrganiserError):
    """The letter holds characters that no available font can print."""


@dataclass(frozen=True)
class Family:
    """A font family by file names: regular, bold, italic, bold italic (the last three optional)."""

    name: str
    regular: str
    bold: str = ""
    italic: str = ""
    bold_italic: str = ""


# In order of preference: Latin and Cyrillic (Kazakh included) first, then Korean faces.
# Only TrueType outlines: ReportLab cannot embed CFF (.otf, most .ttc) fonts.
KNOWN_FAMILIES: tuple[Family, ...] = (
    Family(
        "DejaVuSans",
        "DejaVuSans.ttf",
        "DejaVuSans-Bold.ttf",
        "DejaVuSans-Oblique.ttf",
        "DejaVuSans-BoldOblique.ttf",
    ),
    Family(
        "LiberationSans",
        "LiberationSans-Regular.ttf",
        "LiberationSans-Bold.ttf",
        "LiberationSans-Italic.ttf",
        "LiberationSans-BoldItalic.ttf",
    ),
    Family("Arial", "arial.ttf", "arialbd.ttf", "ariali.ttf", "arialbi.ttf"),
    Family("NanumGothic", "NanumGothic.ttf", "NanumGothicBold.ttf"),
    Family("MalgunGothic", "malgun.ttf", "malgunbd.ttf"),
    Family("NotoSansKR", "NotoSansKR-Regular.ttf", "NotoSansKR-Bold.ttf"),
    Family("AppleGothic", "AppleGothic.ttf"),  # macOS: its other Korean faces are CFF
    Family("ArialUnicode", "Arial Unicode.ttf"),  # macOS: Latin, Cyrillic and Hangul
)

HOW_TO_ADD = (
    "Install a TrueType font that has them (for Korean: NanumGothic, e.g. the Debian package "
    "fonts-nanum, or Malgun Gothic on Windows; for Cyrillic: DejaVu Sans), or add the font's "
    ".ttf file: in the window, on the Letters page, PDF settings > Extra fonts > Add font…; for "
    "the command line, put the file's path in the list pdf.extra_fonts of the settings "
    "file (organiser --help names it)."
)


def _font_folders() -> list[Path]:
    home = Path.home()
    if sys.platform == "win32":
        windir = Path(os.environ.get("WINDIR", "C:/Windows"))
        local = Path(os.environ.get("LOCALAPPDATA", home / "AppData/Local"))
        return [windir / "Fonts", local / "Microsoft/Windows/Fonts"]
    if sys.platform == "darwin":
        return [home / "Library/Fonts", Path("/Library/Fonts"), Path("/System/Library/Fonts")]
    return [
        home / ".local/share/fonts",
        home / ".fonts",
        Path("/usr/local/share/fonts"),
        Path("/usr/share/fonts"),
    ]


def _fontconfig_files() -> list[Path]:
    """Every font file fontconfig knows (Linux, BSD); empty when fc-list is not there."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return []
    try:
        result = subprocess.run(
            [fc_list, "--format", "%{file}\\n"], capture_output=True, text=True, timeout=20
        )
    except (OSError, subprocess.SubprocessError):
        return []
    return [Path(line) for line in result.stdout.splitlines() if line.strip()]


@functools.lru_cache(maxsize=1)
def system_font_files() -> dict[str, Path]:
    """Font files of this computer by lower-case file name (fontconfig first, then folders)."""
    found: dict[str, Path] = {}
    files = _fontconfig_files()
    for folder in _font_folders():
        if folder.is_dir():
            files.extend(p for p in folder.rglob("*") if p.suffix.lower() == ".ttf")
    for path in files:
        found.setdefault(path.name.lower(), path)
    return found


class _SubsetCachingFace(TTFontFace):
    """A face that remembers its compressed subsets between documents.

    Cutting a subset out of a TrueType file and deflating it took about a quarter of a
    letter's export time, yet letters of one campaign or one merge use the same characters in
    the same order, so the same subset comes up again and again. The stream written is what
    ReportLab would write (same subset bytes, same zlib deflate, Length1), only made once.
    """

    def addSubsetObjects(self, doc: Any, fontname: str, subset: Sequence[int]) -> Any:
        if not doc.compression:
            return super().addSubsetObjects(doc, fontname, subset)
        deflated, length = _deflated_subset(self, tuple(subset))
        font_file = pdfdoc.PDFStream(content=deflated)
        # A Filter entry tells PDFStream.format the content is already deflated.
        font_file.dictionary["Filter"] = pdfdoc.PDFArray([pdfdoc.PDFName("FlateDecode")])
        font_file.dictionary["Length1"] = length
        font_ref = doc.Reference(font_file, f"fontFile:{self.filename}({fontname})")
        descriptor = pdfdoc.PDFDictionary(
            {
                "Type": "/FontDescriptor",
                "Ascent": self.ascent,
                "CapHeight": self.capHeight,
                "Descent": self.descent,
                "Flags": (self.flags & ~FF_NONSYMBOLIC) | FF_SYMBOLIC,
                "FontBBox": pdfdoc.PDFArray(self.bbox),
                "FontName": pdfdoc.PDFName(fontname),
                "ItalicAngle": self.italicAngle,
                "StemV": self.stemV,
                "FontFile2": font_ref,
                "MissingWidth": self.defaultWidth,
            }
        )
        return doc.Reference(descriptor, "fontDescriptor:" + fontname)


@functools.lru_cache(maxsize=64)  # a few dozen subsets of about 20 kB each
def _deflated_subset(face: TTFontFace, subset: tuple[int, ...]) -> tuple[bytes, int]:
    """The subset font file deflated, and its length before deflating."""
    raw = face.makeSubset(subset)
    return zlib.compress(raw), len(raw)


class _Formatted(pdfdoc.PDFObject):
    """A PDF value formatted once and written as it is."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def format(self, document: Any) -> bytes:
        return self.data


class _ObjectCachingFont(TTFont):
    """A TrueType font that remembers, for each subset, its widths as formatted and its
    ToUnicode map as deflated, between documents.

    Formatting a subset's widths (a number at a time) and making its map took about a tenth
    of a letter's export, and, as with the subsets themselves (`_SubsetCachingFace`), the
    letters of one merge come back to the same few dozen. The objects written are those of
    ReportLab's TTFont.addObjects, which this follows line by line, only made once."""

    def addObjects(self, doc: Any) -> None:
        if not doc.compression:
            return super().addObjects(doc)
        try:
            state = self.state[doc]
        except KeyError:
            state = self.state[doc] = TTFont.State(self._asciiReadable)
        state.frozen = 1
        for n, subset in enumerate(state.subsets):
            internal_name = self.getSubsetInternalName(n, doc)[1:]
            base_name = b"".join((SUBSETN(n), b"+", self.face.name, self.face.subfontNameX))
            base_font_name = base_name.decode("pdfdoc")
            widths, cmap = _subset_objects(self, base_font_name, tuple(subset))
            font = pdfdoc.PDFTrueTypeFont()
            font.__Comment__ = f"Font {self.fontName} subset {n}"
            font.Name = internal_name
            font.BaseFont = base_font_name
            font.FirstChar = 0
            font.LastChar = len(subset) - 1
            font.Widths = _Formatted(widths)
            stream = pdfdoc.PDFStream(content=cmap)
            stream.dictionary["Filter"] = pdfdoc.PDFArray([pdfdoc.PDFName("FlateDecode")])
            font.ToUnicode = doc.Reference(stream, "toUnicodeCMap:" + base_font_name)
            font.FontDescriptor = self.face.addSubsetObjects(doc, base_font_name, subset)
            doc.Reference(font, internal_name)
            doc.idToObject["BasicFonts"].dict[internal_name] = font
        del self.state[doc]
        return None


@functools.lru_cache(maxsize=256)  # a few kB each
def _subset_objects(
    font: TTFont, base_font_name: str, subset: tuple[int, ...]
) -> tuple[bytes, bytes]:
    """A subset's widths array as formatted, and its ToUnicode map deflated."""
    widths = pdfdoc.format(pdfdoc.PDFArray([font.face.getCharWidth(c) for c in subset]), None)
    return widths, zlib.compress(makeToUnicodeCMap(base_font_name, subset).encode("utf8"))


MAX_FONT_BYTES = 64 * 1024 * 1024


def _register(name: str, path: Path) -> bool:
    if name in pdfmetrics.getRegisteredFontNames():
        return True
    try:
        # A path from the settings may name a pipe (reading it would hang) or a device.
        if not path.is_file() or path.stat().st_size > MAX_FONT_BYTES:
            return False
        font = TTFont(name, str(path))
    except (TTFError, OSError, ValueError):  # CFF outlines, damaged or unreadable files
        return False
    font.__class__ = _ObjectCachingFont  # these two only add caches; same data and state
    font.face.__class__ = _SubsetCachingFace
    pdfmetrics.registerFont(font)
    return True


def _register_family(family: Family, files: dict[str, Path]) -> str | None:
    """Register a family's faces; missing bold/italic faces fall back to the regular one."""
    regular = files.get(family.regular.lower())
    if regular is None or not _register(family.name, regular):
        return None
    faces = {}
    for style, file_name in (
        ("Bold", family.bold),
        ("Italic", family.italic),
        ("BoldItalic", family.bold_italic),
    ):
        path = files.get(file_name.lower()) if file_name else None
        face_name = f"{family.name}-{style}"
        faces[style] = face_name if path and _register(face_name, path) else family.name
    if faces["BoldItalic"] == family.name:
        faces["BoldItalic"] = faces["Bold"] if faces["Bold"] != family.name else faces["Italic"]
    addMapping(family.name, 0, 0, family.name)
    addMapping(family.name, 1, 0, faces["Bold"])
    addMapping(family.name, 0, 1, faces["Italic"])
    addMapping(family.name, 1, 1, faces["BoldItalic"])
    return family.name


def _extra_family(path: Path) -> Family:
    return Family(f"Extra-{path.stem}", path.name)


class FontSet:
    """The faces available for a document, in order of preference, with coverage lookups."""

    def __init__(self, names: Sequence[str]) -> None:
        if not names:
            raise FontCoverageError(f"No usable TrueType font was found. {HOW_TO_ADD}")
        self.names = list(names)
        self._glyphs = [pdfmetrics.getFont(name).face.charToGlyph for name in self.names]
        self._chosen: dict[str, str | None] = {}
        self._glyph_map = dict(zip(self.names, self._glyphs, strict=True))
        # Characters already known to be printable, and to need no face but the primary one:
        # a set comparison per text instead of a look-up per character, letter after letter.
        self._printable: set[str] = set()
        self._plain: set[str] = set()
        self._word_fonts: dict[str, str | None] = {}

    @property
    def primary(self) -> str:
        return self.names[0]

    def font_for(self, char: str) -> str | None:
        """The first face that has `char`; remembered, as letters repeat their characters."""
        try:
            return self._chosen[char]
        except KeyError:
            code = ord(char)
            name = next(
                (n for n, g in zip(self.names, self._glyphs, strict=True) if code in g), None
            )
            self._chosen[char] = name
            return name

    def missing(self, texts: Iterable[str]) -> list[str]:
        """Characters in `texts` that no face covers (spacing and control characters aside)."""
        joined = "".join(texts)
        if self._printable.issuperset(joined):
            return []
        unique = dict.fromkeys(joined)  # in order of appearance, for the message
        missing = [c for c in unique if not _ignorable(c) and self.font_for(c) is None]
        self._printable.update(c for c in unique if c not in missing)
        return missing

    def check(self, texts: Iterable[str]) -> None:
        missing = self.missing(texts)
        if missing:
            named = ", ".join(f"'{c}' (U+{ord(c):04X} {unicodedata.name(c, '?')})" for c in missing)
            raise FontCoverageError(
                f"No available font has these characters: {named}. {HOW_TO_ADD}"
            )

    @property
    def primary_bold(self) -> str:
        """The bold face of the primary family (the regular face when it has none)."""
        return str(tt2ps(self.primary, 1, 0))

    def markup(self, text: str, bold: bool = False, italic: bool = False) -> str:
        """Paragraph markup for user text: escaped, each script run in a face that covers it,
        newlines as breaks; characters no face covers raise FontCoverageError. The paragraph
        style's font must be `primary`, which needs no tag (fewer tags, faster wrapping)."""
        self.check([text])
        pieces = []
        for font, piece in self.runs(text):
            inner = escape(piece).replace("\n", "<br/>")
            inner = f"<i>{inner}</i>" if italic else inner
            inner = f"<b>{inner}</b>" if bold else inner
            pieces.append(inner if font == self.primary else f'<font name="{font}">{inner}</font>')
        return "".join(pieces)

    def paragraph(self, text: str, style: ParagraphStyle, bold: bool = False) -> Paragraph:
        return Paragraph(self.markup(text, bold=bold), style)

    def frags(self, pieces: Iterable[tuple[str, bool, bool]], style: ParagraphStyle) -> list[Any]:
        """The fragments ReportLab's parser would make of our markup for (text, bold, italic)
        pieces, built directly: writing markup only to parse it again is a tenth of a letter's
        export. Newlines are not handled here (they need break fragments): use `markup`."""
        template = _template(style.fontName, style.fontSize, style.textColor)
        made = []
        for text, bold, italic in pieces:
            self.check([text])
            for font, piece in self.runs(text):
                face = tt2ps(font, int(bold), int(italic))
                made.append(
                    template.clone(text=piece, fontName=face, bold=int(bold), italic=int(italic))
                )
        return made

    def runs(self, text: str) -> list[tuple[str, str]]:
        """`text` cut into (font name, piece) runs; spaces stay in the run they are in."""
        primary = self.primary
        if self._plain.issuperset(text) or self._all_plain(text):
            return [(primary, text)]  # most text: one run, no per-character work
        result: list[tuple[str, str]] = []
        for word in _WORDS.split(text):  # words and the spaces between them
            if result and word.isspace():
                result[-1] = (result[-1][0], result[-1][1] + word)
                continue
            font = self._word_font(word)
            if font is None:
                result.extend(self._char_runs(word))
            elif result and result[-1][0] == font:
                result[-1] = (font, result[-1][1] + word)
            else:
                result.append((font, word))
        return result

    def _all_plain(self, text: str) -> bool:
        """Whether the primary face prints all of `text`; remembers the characters if so."""
        unique = set(text)
        if all(c.isspace() or self.font_for(c) == self.primary for c in unique):
            self._plain.update(unique)
            return True
        return False

    def _word_font(self, word: str) -> str | None:
        """The first face (in order of preference) that has every character of `word`;
        remembered, as names and words come back in every letter of a merge."""
        try:
            return self._word_fonts[word]
        except KeyError:
            font = next((name for name in self.names if self._covers_all(name, word)), None)
            if len(self._word_fonts) >= _WORDS_REMEMBERED:
                self._word_fonts.clear()  # a bound on memory; forgetting costs only time
            self._word_fonts[word] = font
            return font

    def _covers_all(self, name: str, word: str) -> bool:
        glyphs = self._glyph_map[name]
        return all(ord(c) in glyphs or c.isspace() for c in word)

    def _char_runs(self, word: str) -> list[tuple[str, str]]:
        """A word mixing scripts, cut character by character."""
        result: list[tuple[str, str]] = []
        for char in word:
            if result and self._covers(result[-1][0], char):
                result[-1] = (result[-1][0], result[-1][1] + char)
            else:
                result.append((self.font_for(char) or self.primary, char))
        return result

    def _covers(self, name: str, char: str) -> bool:
        return ord(char) in self._glyph_map[name]


@functools.lru_cache(maxsize=64)
def _template(font: str, size: float, colour: Any) -> Any:
    """A fragment as ReportLab's parser makes it for a style; the others are clones of it."""
    return Paragraph(
        "x", ParagraphStyle("template", fontName=font, fontSize=size, textColor=colour)
    ).frags[0]


def _ignorable(char: str) -> bool:
    return char.isspace() or unicodedata.category(char) in ("Cc", "Cf")


def load_fonts(extra_fonts: Sequence[str] = ()) -> FontSet:
    """The user's fonts from the settings first, then the system's known families."""
    return _load_fonts(tuple(extra_fonts))


@functools.lru_cache(maxsize=8)
def _load_fonts(extra_fonts: tuple[str, ...]) -> FontSet:
    names: list[str] = []
    for extra in extra_fonts:
        path = Path(extra).expanduser()
        name = _register_family(_extra_family(path), {path.name.lower(): path})
        if name:
            names.append(name)
    files = system_font_files()
    for family in KNOWN_FAMILIES:
        name = _register_family(family, files)
        if name:
            names.append(name)
    return FontSet(names)


def font_file_problem(path: str | Path) -> str | None:
    """Why a font file the user chose cannot be used, or None when it can."""
    target = Path(path).expanduser()
    if not target.is_file():
        return f"{target} is not a file."
    if target.stat().st_size > MAX_FONT_BYTES:
        return (
            f"{target.name} is larger than {size_text(MAX_FONT_BYTES)}; it is not a font to embed."
        )
    try:
        TTFont(f"Check-{target.stem}", str(target))
    except (TTFError, OSError, ValueError) as error:
        return f"{target.name} cannot be embedded ({error}); choose a TrueType (.ttf) font."
    return None
