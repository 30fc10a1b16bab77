"""Paragraph styles with their fonts, and the canvas that numbers pages ("Page 2 of 3")."""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph, Table, TableStyle

from organiser.pdf.fonts import FontSet


@dataclass(frozen=True)
class StyledFonts:
    """A document's fonts with its named paragraph styles (styles use `fonts.primary`)."""

    fonts: FontSet
    styles: Mapping[str, ParagraphStyle]

    def __getitem__(self, name: str) -> ParagraphStyle:
        return self.styles[name]

    def markup(self, text: str, bold: bool = False) -> str:
        return self.fonts.markup(text, bold)

    def p(self, text: str, style: str, bold: bool = False) -> Paragraph:
        return self.fonts.paragraph(text, self.styles[style], bold)

    def table(
        self, rows: Sequence[Sequence[Any]], commands: Sequence[Any], **options: Any
    ) -> Table:
        """A table whose cells start in the primary face: Table's own default is Helvetica,
        which is never embedded."""
        table = Table(rows, **options)
        table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), self.fonts.primary), *commands]))
        return table


class LetterStyles:
    """The named styles of a letter, all in the document's primary font."""

    def __init__(self, font: str) -> None:
        # No single line of a paragraph left alone at the top or the bottom of a page.
        body = ParagraphStyle(
            "body",
            fontName=font,
            fontSize=10.5,
            leading=14,
            spaceAfter=7,
            allowWidows=0,
            allowOrphans=0,
        )
        self._styles = {
            "body": body,
            "sender": ParagraphStyle("sender", body, fontSize=15, leading=19, spaceAfter=2),
            "small": ParagraphStyle("small", body, fontSize=9, leading=11.5, spaceAfter=0),
            "address": ParagraphStyle("address", body, spaceAfter=0),
            "right": ParagraphStyle("right", body, alignment=TA_RIGHT, spaceAfter=0),
            "subject": ParagraphStyle("subject", body, fontSize=11.5, spaceAfter=10),
        }

    def __getitem__(self, name: str) -> ParagraphStyle:
        return self._styles[name]


@functools.lru_cache(maxsize=16)
def letter_styles(font: str) -> LetterStyles:
    """The letter styles of a font, made once: paragraphs only read their styles (a split
    copies its own), and a merge's letters are many."""
    return LetterStyles(font)


def numbered_canvas(
    font: str,
    margin: float,
    label: str = "Page {page} of {pages}",
    runs: Callable[[str], list[tuple[str, str]]] | None = None,
) -> type[Canvas]:
    """A canvas class that holds pages back until the end, to print `label` ("Page n of N", or
    the letter's language's words) on each; `runs` cuts the label into (font, piece) runs where
    the primary face lacks a script (Hangul, say)."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            # Without it every page names Helvetica, a font that is never embedded.
            kwargs["initialFontName"] = kwargs.get("initialFontName") or font
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self._draw_number(total)
                super().showPage()
            super().save()

        def _draw_number(self, total: int) -> None:
            width, _height = self._pagesize
            text = label.format(page=self._pageNumber, pages=total)
            pieces = runs(text) if runs else [(font, text)]
            size = 8.5
            x = (width - sum(stringWidth(p, f, size) for f, p in pieces)) / 2
            self.setFillGray(0.35)
            for piece_font, piece in pieces:
                self.setFont(piece_font, size)
                self.drawString(x, margin / 2, piece)
                x += stringWidth(piece, piece_font, size)

    return NumberedCanvas
