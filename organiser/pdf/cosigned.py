"""A statement's block of co-signing organisations: names in columns, under their countries or
by name, continuing over as many pages as it takes, with small logos, and the note of who
joined (or withdrew) since the previous issue.

Plain data in (`CosignedBlock`), flowables out; the letter's builder calls `cosigned_flowables`.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Image, KeepTogether, Paragraph, Spacer, Table, TableStyle

from organiser.pdf.fonts import FontSet
from organiser.pdf.images import image_size
from organiser.pdf.words import date_text

LOGO_HEIGHT = 7 * mm
LOGO_WIDTH = 18 * mm
# A name wider than a third of the width (less the gutter) gives two columns instead of three.
GUTTER = 4 * mm


@dataclass(frozen=True)
class Cosigner:
    """One co-signing organisation as printed."""

    name: str
    acronym: str = ""
    country: str = ""  # ISO 3166 code; the heading is its name in the letter's language
    logo: bytes | None = None


@dataclass(frozen=True)
class CosignedChanges:
    """Who joined and who withdrew since the issue of `since`."""

    since: date
    added: tuple[str, ...] = ()
    withdrawn: tuple[str, ...] = ()


@dataclass(frozen=True)
class CosignedBlock:
    """The co-signers in the order to print them; `by_country` prints country headings."""

    signers: tuple[Cosigner, ...]
    by_country: bool = True
    changes: CosignedChanges | None = None
    heading: str = field(default="")  # the letter's own words, else `words()`'s


@dataclass(frozen=True)
class CosignedWords:
    signed_by: str
    added: str  # {date} and {names}
    withdrawn: str
    none: str


# The letter's language's words; English when a language is not here.
WORDS: dict[str, CosignedWords] = {
    "en": CosignedWords(
        "Signed by",
        "Signatories added since the issue of {date}: {names}.",
        "Withdrawn since the issue of {date}: {names}.",
        "None",
    ),
    "fr": CosignedWords(
        "Signé par",
        "Signataires ajoutés depuis la publication du {date} : {names}.",
        "Retirés depuis la publication du {date} : {names}.",
        "Aucun",
    ),
    "es": CosignedWords(
        "Firmado por",
        "Firmantes añadidos desde la publicación del {date}: {names}.",
        "Retirados desde la publicación del {date}: {names}.",
        "Ninguno",
    ),
    "de": CosignedWords(
        "Unterzeichnet von",
        "Seit der Ausgabe vom {date} hinzugekommen: {names}.",
        "Seit der Ausgabe vom {date} zurückgezogen: {names}.",
        "Keine",
    ),
    "ko": CosignedWords(
        "공동 서명 단체",
        "{date} 발표 이후 추가된 서명 단체: {names}.",
        "{date} 발표 이후 철회한 단체: {names}.",
        "없음",
    ),
    "ru": CosignedWords(
        "Подписали",
        "Присоединились после выпуска от {date}: {names}.",
        "Отозвали подпись после выпуска от {date}: {names}.",
        "Нет",
    ),
}


def words(language: str) -> CosignedWords:
    return WORDS.get((language or "en").split("-")[0].lower(), WORDS["en"])


@lru_cache(maxsize=16)
def _territories(language: str) -> dict[str, str]:
    try:
        return dict(Locale.parse((language or "en").replace("-", "_")).territories)
    except (UnknownLocaleError, ValueError):
        return dict(Locale.parse("en").territories)


def country_heading(code: str, language: str) -> str:
    """The country's name in the letter's language (CLDR), the code itself when unknown."""
    return _territories(language).get(code.upper(), code.upper()) if code else ""


def block_texts(block: CosignedBlock, language: str) -> list[str]:
    """Every text the block prints, for the letter's font coverage check."""
    said = words(language)
    texts = [block.heading or said.signed_by]
    for signer in block.signers:
        texts += [signer.name, country_heading(signer.country, language)]
    if block.changes:
        texts += [said.added, said.withdrawn, *block.changes.added, *block.changes.withdrawn]
        texts.append(date_text(block.changes.since, language))
    return texts


def columns_for(names: Sequence[str], font: str, size: float, width: float) -> int:
    """Three columns when the widest name fits a third of the width on two lines, else two."""
    widest = max((stringWidth(name, font, size) for name in names), default=0.0)
    return 3 if widest <= 2 * (width / 3 - GUTTER) else 2


def _logo(data: bytes) -> Image | None:
    """A small logo above the name; one that cannot be read is left out, not fatal."""
    try:
        image_size(data, "A co-signer's logo", "image")
        width, height = ImageReader(io.BytesIO(data)).getSize()
    except Exception:  # Pillow raises many kinds; the name still prints
        return None
    scale = min(LOGO_WIDTH / width, LOGO_HEIGHT / height, 1.0)
    image = Image(io.BytesIO(data), width=width * scale, height=height * scale)
    image.hAlign = "LEFT"
    return image


class _Layout:
    def __init__(self, fonts: FontSet, styles: dict[str, ParagraphStyle], width: float) -> None:
        self.fonts, self.styles, self.width = fonts, styles, width

    def para(self, text: str, style: str, bold: bool = False) -> Paragraph:
        return Paragraph(self.fonts.markup(text, bold=bold), self.styles[style])

    def cell(self, signer: Cosigner) -> list[Flowable]:
        cell: list[Flowable] = []
        logo = _logo(signer.logo) if signer.logo else None
        if logo is not None:
            cell.append(logo)
        cell.append(self.para(signer.name, "name"))
        return cell

    def tables(self, signers: Sequence[Cosigner], columns: int) -> list[Flowable]:
        """The names in rows of `columns`; the first row kept with what comes before it."""
        cells = [self.cell(signer) for signer in signers]
        rows = [cells[i : i + columns] for i in range(0, len(cells), columns)]
        rows[-1] += [[]] * (columns - len(rows[-1]))
        table = Table(rows, colWidths=[self.width / columns] * columns, hAlign="LEFT")
        table.setStyle(
            TableStyle(
                [
                    ("FONTNAME", (0, 0), (-1, -1), self.fonts.primary),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), GUTTER),
                    ("TOPPADDING", (0, 0), (-1, -1), 1),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                ]
            )
        )
        return [table]

    def group(
        self, heading: str | None, signers: Sequence[Cosigner], columns: int
    ) -> list[Flowable]:
        """A country's heading and its first row on one page; the rest may split by rows."""
        first, rest = signers[:columns], signers[columns:]
        head: list[Flowable] = [self.para(heading, "country", True)] if heading else []
        kept: list[Flowable] = [KeepTogether([*head, *self.tables(first, columns)])]
        return kept + (self.tables(rest, columns) if rest else [])


def _grouped(block: CosignedBlock) -> list[tuple[str, list[Cosigner]]]:
    if not block.by_country:
        return [("", list(block.signers))]
    groups: dict[str, list[Cosigner]] = {}
    for signer in block.signers:
        groups.setdefault(signer.country, []).append(signer)
    return list(groups.items())


def styles_for(fonts: FontSet, base: ParagraphStyle) -> dict[str, ParagraphStyle]:
    return {
        "heading": ParagraphStyle("cosigned-heading", base, spaceBefore=8, spaceAfter=4),
        "country": ParagraphStyle(
            "cosigned-country", base, fontSize=9.5, leading=12, spaceBefore=5, spaceAfter=1
        ),
        "name": ParagraphStyle("cosigned-name", base, fontSize=9, leading=11, spaceAfter=0),
        "note": ParagraphStyle("cosigned-note", base, fontSize=9.5, leading=12.5),
    }


def cosigned_flowables(
    block: CosignedBlock, fonts: FontSet, base: ParagraphStyle, width: float, language: str
) -> list[Flowable]:
    """The block as flowables that continue over pages: heading, groups, then the note."""
    said = words(language)
    layout = _Layout(fonts, styles_for(fonts, base), width)
    story: list[Flowable] = [layout.para(block.heading or said.signed_by, "heading", True)]
    if not block.signers:
        story.append(layout.para(said.none, "name"))
    names = [s.name for s in block.signers]
    columns = columns_for(names, fonts.primary, layout.styles["name"].fontSize, width)
    for code, signers in _grouped(block):
        heading = country_heading(code, language) if block.by_country else None
        story += layout.group(heading or None, signers, columns)
    return story + _changes(layout, block.changes, said, language)


def _changes(
    layout: _Layout, changes: CosignedChanges | None, said: CosignedWords, language: str
) -> list[Flowable]:
    if changes is None:
        return []
    when = date_text(changes.since, language)
    lines = [(said.added, changes.added), (said.withdrawn, changes.withdrawn)]
    paragraphs: list[Flowable] = [Spacer(0, 3 * mm)]
    for template, names in lines:
        if template is said.added or names:
            text = template.format(date=when, names="; ".join(names) or said.none)
            paragraphs.append(layout.para(text, "note"))
    return paragraphs
