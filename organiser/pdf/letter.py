"""A letter as a PDF (ReportLab platypus): letterhead, references, addressees, body, signatures.

The renderer takes a `PrintableLetter` (pdf/printable.py; the letters service builds one), so it
knows nothing of the database. Every user string is escaped before it meets Paragraph markup.
"""

from __future__ import annotations

import copy
import io
import threading
import weakref
from collections.abc import Sequence
from typing import Any

from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.platypus import (
    Flowable,
    HRFlowable,
    Image,
    ListFlowable,
    ListItem,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
)

from organiser.errors import ValidationError
from organiser.pdf.cosigned import block_texts, cosigned_flowables
from organiser.pdf.fonts import FontSet, load_fonts
from organiser.pdf.images import image_size
from organiser.pdf.keep_together import keep_ending_together, list_with_kept_tail
from organiser.pdf.letterhead import sender_name
from organiser.pdf.markdown import Block, ListBlock, Run, TextBlock, body_texts, parse_body
from organiser.pdf.options import PdfOptions
from organiser.pdf.printable import PrintableLetter, PrintSigner
from organiser.pdf.styles import letter_styles, numbered_canvas
from organiser.pdf.words import date_text, words_for

PAPERS = {"a4": A4, "letter": LETTER}
# ReportLab's registered fonts keep the state of the documents being built, and the editor's
# live preview renders on a thread of its own while the window may print: one at a time.
_ONE_LETTER_AT_A_TIME = threading.Lock()


def letter_texts(letter: PrintableLetter, blocks: list[Block]) -> list[str]:
    """Every user text the PDF will print, for the font coverage check."""
    texts = [letter.sender_name, letter.sender_address, letter.subject]
    texts += [letter.our_reference, letter.their_reference, *letter.cc]
    texts += words_for(letter.language).texts()
    for party in letter.addressees:
        texts += [party.name, *party.lines]
    for signer in letter.signatories:
        texts += [signer.name, signer.title, signer.organisation]
    if letter.cosigned is not None:
        texts += block_texts(letter.cosigned, letter.language)
    return texts + body_texts(blocks)


# Line breaks of paragraphs, remembered between letters (most of a merge's paragraphs are the
# same in every letter): a bound on memory, forgetting costs only time. Those of paragraphs of
# several fragments, which hold more, once a paragraph comes a second time (those naming each
# recipient come once).
_LINE_BREAKS_REMEMBERED = 2_000
_line_breaks: dict[tuple[object, ...], tuple[Any, float]] = {}
_fragment_breaks: dict[tuple[object, ...], tuple[Any, float, list[Any]]] = {}
_seen_once: set[int] = set()  # their keys' hashes: a few bytes each, whatever the text


def _second_time(key: tuple[object, ...]) -> bool:
    """Whether the paragraph of `key` came before (and is to be remembered now)."""
    seen = hash(key)
    if seen in _seen_once:
        return True
    if len(_seen_once) >= _LINE_BREAKS_REMEMBERED:
        _seen_once.clear()
    _seen_once.add(seen)
    return False


_style_keys: weakref.WeakKeyDictionary[ParagraphStyle, tuple[object, ...]] = (
    weakref.WeakKeyDictionary()
)


def _style_key(style: ParagraphStyle) -> tuple[object, ...]:
    """What of a style can change how a paragraph breaks into lines: all of it but its name."""
    key = _style_keys.get(style)
    if key is None:
        key = tuple(sorted((k, v) for k, v in vars(style).items() if k not in ("name", "parent")))
        _style_keys[style] = key
    return key


def _frags_key(frags: Sequence[Any]) -> tuple[object, ...] | None:
    """Everything of a paragraph's fragments that its lines are made of and drawn with, or
    None for fragments that are not plain text (images, links drawn by callbacks, a
    background, fragments already broken into words)."""
    key = []
    for frag in frags:
        attributes = getattr(frag, "__dict__", None)
        if attributes is None or "cbDefn" in attributes or "backColor" in attributes:
            return None
        values = ((k, tuple(v) if isinstance(v, list) else v) for k, v in attributes.items())
        key.append((type(frag), tuple(sorted(values))))
    made = tuple(key)
    try:
        hash(made)
    except TypeError:  # a value of a kind a key cannot hold
        return None
    return made


class _Paragraph(Paragraph):
    """A paragraph that keeps its line breaks for the width it last broke them for, and the
    lines of a paragraph of plain text (no bullet) for the next letter that has it.

    Tables and lists wrap their cells once to measure them and again to draw them, and line
    breaking is the largest part of a letter's export; the second wrap gives the same lines.
    The lines of a paragraph in one font are a plain list of (spare width, words) that
    splitting and drawing only read, so one list serves every letter. Those of a paragraph of
    several fragments (bold or italic words, another script) are fragments that drawing only
    reads but splitting changes: one serves every letter until the paragraph is split across
    a page, which splits a copy of its own.
    """

    _shared_lines = False  # its lines (and word fragments) are those of other letters too

    _wrapped: tuple[float, object, tuple[float, float]] | None = None
    # Set by Paragraph.breakLines (ReportLab's own attributes, untyped there).
    frags: list[Any]
    _width_max: float
    _splitLongWordCount: int
    _hyphenations: int

    def breakLines(self, width: Any) -> Any:
        frags = self.frags
        if len(frags) != 1 and not self.bulletText and isinstance(width, list):
            return self._break_fragments(width)
        if len(frags) != 1 or self.bulletText or not isinstance(width, list):
            return super().breakLines(width)
        frag = frags[0]
        text = getattr(frag, "text", None)
        if text is None or hasattr(frag, "cbDefn") or hasattr(frag, "backColor"):
            return super().breakLines(width)
        key = (text, frag.fontName, frag.fontSize, _style_key(self.style), *width)
        found = _line_breaks.get(key)
        if found is None:
            lines = super().breakLines(width)
            if getattr(lines, "kind", None) != 0 or self._splitLongWordCount or self._hyphenations:
                return lines
            if len(_line_breaks) >= _LINE_BREAKS_REMEMBERED:
                _line_breaks.clear()
            found = _line_breaks[key] = (lines, self._width_max)
        lines, self._width_max = found
        self._splitLongWordCount = self._hyphenations = 0
        return lines

    def _break_fragments(self, width: list[float]) -> Any:
        """breakLines of a paragraph of several fragments, which leaves the paragraph's
        fragments broken into words (`frags`) beside its lines."""
        frags_key = _frags_key(self.frags)
        if frags_key is None:
            return super().breakLines(width)
        key = (frags_key, _style_key(self.style), *width)
        found = _fragment_breaks.get(key)
        if found is None:
            lines = super().breakLines(width)
            if getattr(lines, "kind", None) != 1 or self._splitLongWordCount or self._hyphenations:
                return lines
            if not _second_time(key):
                return lines
            if len(_fragment_breaks) >= _LINE_BREAKS_REMEMBERED:
                _fragment_breaks.clear()
            found = _fragment_breaks[key] = (lines, self._width_max, self.frags)
        lines, self._width_max, words = found
        self.frags = list(words)
        self._splitLongWordCount = self._hyphenations = 0
        self._shared_lines = True
        return lines

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        lines = self.__dict__.get("blPara")
        if self._shared_lines and lines is not None:  # splitting changes the fragments
            self.frags, lines = copy.deepcopy((self.frags, lines))  # a copy of its own
            self.__dict__["blPara"] = lines
            if self._wrapped is not None:
                self._wrapped = (self._wrapped[0], lines, self._wrapped[2])
        self._shared_lines = False
        parts: list[Flowable] = super().split(availWidth, availHeight)
        return parts

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        wrapped = self._wrapped
        # Paragraph.split may delete or replace blPara: then the lines are broken again.
        if wrapped and wrapped[0] == availWidth and wrapped[1] is self.__dict__.get("blPara"):
            return wrapped[2]
        size: tuple[float, float] = super().wrap(availWidth, availHeight)
        self._wrapped = (availWidth, self.__dict__.get("blPara"), size)
        return size


class _Grid(Flowable):
    """Cells of flowables in rows, laid out as a plain table lays them (3 points above and
    below each cell's content, `right_padding` at its right, none at its left; the content at
    the top or the bottom of its row; each column aligned left or right), splitting between
    rows, without a table's general work in every letter."""

    PADDING = 3.0

    def __init__(
        self,
        rows: Sequence[Sequence[Sequence[Flowable]]],
        widths: Sequence[float],
        valign: str = "TOP",
        right_padding: float = 0.0,
        aligns: Sequence[str] = (),
    ) -> None:
        super().__init__()
        self.rows = rows
        self.widths = widths
        self.valign = valign
        self.right_padding = right_padding
        self.aligns = aligns or ["LEFT"] * len(widths)
        self.hAlign = "LEFT"
        self._sizes: list[list[list[tuple[float, float]]]] = []
        self._row_heights: list[float] = []

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self._sizes = [
            [[f.wrap(w - self.right_padding, availHeight) for f in cell] for cell, w in
             zip(row, self.widths, strict=False)]
            for row in self.rows
        ]  # fmt: skip
        self._row_heights = [
            max((_content_height(cell, sizes) for cell, sizes in zip(row, row_sizes,
                 strict=True)), default=0.0) + 2 * self.PADDING
            for row, row_sizes in zip(self.rows, self._sizes, strict=True)
        ]  # fmt: skip
        self.width = sum(self.widths)
        self.height = sum(self._row_heights)
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        self.wrap(availWidth, availHeight)
        used, fits = 0.0, 0
        for height in self._row_heights:
            if used + height > availHeight:
                break
            used, fits = used + height, fits + 1
        if fits in (0, len(self.rows)):
            return []
        parts = (self.rows[:fits], self.rows[fits:])
        return [
            _Grid(part, self.widths, self.valign, self.right_padding, self.aligns) for part in parts
        ]

    def draw(self) -> None:
        bottom = self.height
        for row, sizes, row_height in zip(self.rows, self._sizes, self._row_heights, strict=True):
            bottom -= row_height
            x = 0.0
            for cell, cell_sizes, width, align in zip(
                row, sizes, self.widths, self.aligns, strict=False
            ):
                if self.valign == "BOTTOM":
                    y = bottom + self.PADDING + _content_height(cell, cell_sizes)
                else:
                    y = bottom + row_height - self.PADDING
                for number, (flowable, (w, h)) in enumerate(zip(cell, cell_sizes, strict=True)):
                    if number:
                        y -= flowable.getSpaceBefore()
                    y -= h
                    left = x + width - self.right_padding - w if align == "RIGHT" else x
                    flowable.drawOn(self.canv, left, y)
                    y -= flowable.getSpaceAfter()
                x += width


def _content_height(cell: Sequence[Flowable], sizes: Sequence[tuple[float, float]]) -> float:
    """A cell's flowables stacked with the spaces between them (none before the first, none
    after the last)."""
    if not cell:
        return 0.0
    height = sum(h for _w, h in sizes)
    height += sum(f.getSpaceBefore() + f.getSpaceAfter() for f in cell)
    return height - cell[0].getSpaceBefore() - cell[-1].getSpaceAfter()


def _strip_ends(pieces: list[tuple[str, bool, bool]]) -> list[tuple[str, bool, bool]]:
    first, *middle = pieces
    if not middle:
        return [(first[0].strip(), first[1], first[2])]
    last = middle.pop()
    return [(first[0].lstrip(), *first[1:]), *middle, (last[0].rstrip(), *last[1:])]


class _Builder:
    """Turns a letter into flowables with one font set; one builder per document."""

    def __init__(self, fonts: FontSet) -> None:
        self.fonts = fonts
        self.styles = letter_styles(fonts.primary)

    def markup(self, text: str, bold: bool = False, italic: bool = False) -> str:
        return self.fonts.markup(text, bold, italic)

    def para(self, text: str, style: str = "body", bold: bool = False) -> Paragraph:
        return self.runs([Run(text, bold)], style)

    def runs(self, runs: list[Run], style: str = "body") -> Paragraph:
        paragraph_style = self.styles[style]
        if any("\n" in r.text for r in runs) or not any(r.text.strip() for r in runs):
            text = "".join(self.markup(r.text, r.bold, r.italic) for r in runs)
            return _Paragraph(text, paragraph_style)
        # Leading and trailing spaces go, as the markup parser would drop them.
        pieces = _strip_ends([(r.text, r.bold, r.italic) for r in runs])
        return _Paragraph("", paragraph_style, frags=self.fonts.frags(pieces, paragraph_style))

    def blocks(self, blocks: list[Block]) -> list[Flowable]:
        flowables: list[Flowable] = []
        for block in blocks:
            if isinstance(block, TextBlock):
                flowables.append(self.runs(block.runs))
            else:
                flowables += self.bullets(block)
        return flowables

    def bullets(self, block: ListBlock) -> list[Flowable]:
        items = [ListItem(self.blocks(item) or [Spacer(0, 0)]) for item in block.items]

        def make(part: Sequence[ListItem], start: int, last: bool) -> ListFlowable:
            options: dict[str, Any] = {
                "bulletFontName": self.fonts.primary,
                "bulletFontSize": self.styles["body"].fontSize,
                "leftIndent": 6 * mm,
                # the gap a paragraph leaves inside an item: a split list reads as one
                "spaceAfter": self.styles["body"].spaceAfter,
            }
            if block.ordered:
                return ListFlowable(
                    part, bulletType="1", start=start, bulletFormat="%s.", **options
                )
            return ListFlowable(part, bulletType="bullet", start="•", **options)

        return list_with_kept_tail(items, block.start, make)

    def letterhead(self, letter: PrintableLetter, width: float) -> list[Flowable]:
        name = sender_name(
            self.styles["sender"], self.fonts.primary_bold, letter.sender_name, width * 0.7
        )
        left = [self.fonts.paragraph(name.text, name.style, True)]
        if letter.sender_address:
            left.append(self.para(letter.sender_address, "small"))
        right = [_logo(letter.logo)] if letter.logo else []
        head = _Grid([[left, right]], [width * 0.7, width * 0.3], aligns=["LEFT", "RIGHT"])
        return [head, HRFlowable(width="100%", thickness=0.6, spaceBefore=4, spaceAfter=10)]

    def references(self, letter: PrintableLetter) -> list[Flowable]:
        words = words_for(letter.language)
        lines = []
        if letter.letter_date:
            lines.append(date_text(letter.letter_date, letter.language))
        if letter.our_reference:
            lines.append(words.our_reference.format(ref=letter.our_reference))
        if letter.their_reference:
            lines.append(words.their_reference.format(ref=letter.their_reference))
        return [self.para(line, "right") for line in lines] + [Spacer(0, 4 * mm)]

    def addressees(self, letter: PrintableLetter) -> list[Flowable]:
        flowables: list[Flowable] = []
        for party in letter.addressees:
            flowables.append(self.para(party.name, "address", bold=True))
            flowables += [self.para(line, "address") for line in party.lines if line]
            flowables.append(Spacer(0, 3 * mm))
        return [*flowables, Spacer(0, 3 * mm)]

    def signatures(self, letter: PrintableLetter, width: float) -> list[Flowable]:
        cells = [self.signer(signer) for signer in letter.signatories]
        if not cells:
            return []
        per_row = min(3, len(cells))
        rows = [cells[i : i + per_row] for i in range(0, len(cells), per_row)]
        table = _Grid(rows, [width / per_row] * per_row, "BOTTOM", right_padding=6)
        return [Spacer(0, 4 * mm), table]

    def signer(self, signer: PrintSigner) -> list[Flowable]:
        cell: list[Flowable] = [
            _signature(signer.signature) if signer.signature else Spacer(0, 12 * mm)
        ]
        cell.append(self.para(signer.name, "body", bold=True))
        cell += [self.para(text, "small") for text in (signer.title, signer.organisation) if text]
        return cell

    def cc(self, letter: PrintableLetter) -> list[Flowable]:
        if not letter.cc:
            return []
        names = words_for(letter.language).cc.format(names="; ".join(letter.cc))
        return [Spacer(0, 6 * mm), self.para(names, "small")]


def _image(data: bytes, max_width: float, max_height: float, what: str) -> Image:
    image_size(data, f"The {what}", "image")  # from the header, before anything is decoded
    try:
        reader = ImageReader(io.BytesIO(data))
        width, height = reader.getSize()
    except Exception as error:  # Pillow raises many kinds for a file that is not an image
        raise ValidationError("image", f"The {what} is not a readable image ({error}).") from None
    scale = min(max_width / width, max_height / height, 1.0)
    return Image(io.BytesIO(data), width=width * scale, height=height * scale)


def _logo(data: bytes) -> Image:
    return _image(data, 45 * mm, 22 * mm, "sender's logo")


def _signature(data: bytes) -> Image:
    image = _image(data, 45 * mm, 16 * mm, "scanned signature")
    image.hAlign = "LEFT"
    return image


def render_letter(
    letter: PrintableLetter, fonts: FontSet, paper: str = "a4", margin_mm: float = 20.0
) -> bytes:
    """The letter as PDF bytes; refuses (FontCoverageError) text that no font can print."""
    if paper not in PAPERS:
        raise ValidationError("paper", f"Paper '{paper}' is not known; choose a4 or letter.")
    if not 5 <= margin_mm <= 60:
        raise ValidationError("margin", f"A margin of {margin_mm} mm is not between 5 and 60.")
    blocks = parse_body(letter.body)
    fonts.check(letter_texts(letter, blocks))
    builder = _Builder(fonts)
    output = io.BytesIO()
    margin = margin_mm * mm
    document = SimpleDocTemplate(
        output,
        pagesize=PAPERS[paper],
        leftMargin=margin,
        rightMargin=margin,
        topMargin=margin,
        bottomMargin=margin + 6 * mm,
        title=letter.subject,
        author=letter.sender_name,
    )
    width = document.width - 12  # the frame keeps 6 pt of padding on each side
    story: list[Flowable] = builder.letterhead(letter, width) + builder.references(letter)
    story += builder.addressees(letter)
    story.append(builder.para(letter.subject, "subject", bold=True))
    block = letter.cosigned
    if block is None:
        ending = builder.signatures(letter, width) + builder.cc(letter)
        story += keep_ending_together(builder.blocks(blocks), ending)
    else:  # the co-signers follow the signatures, over as many pages as they take; cc last
        ending = builder.signatures(letter, width)
        story += keep_ending_together(builder.blocks(blocks), ending)
        body = builder.styles["body"]
        story += cosigned_flowables(block, fonts, body, width, letter.language)
        story += builder.cc(letter)
    page = words_for(letter.language).page
    document.build(story, canvasmaker=numbered_canvas(fonts.primary, margin, page, fonts.runs))
    return output.getvalue()


def letter_pdf(letter: PrintableLetter, options: PdfOptions = PdfOptions()) -> bytes:
    """The letter as PDF bytes with the options' fonts, paper and margin; safe from any thread."""
    with _ONE_LETTER_AT_A_TIME:
        fonts = load_fonts(options.extra_fonts)
        return render_letter(letter, fonts, options.paper, options.margin_mm)
