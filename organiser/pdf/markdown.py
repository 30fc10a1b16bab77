"""The letter body's Markdown subset, parsed by markdown-it-py into plain blocks.

The subset is paragraphs, bullet and numbered lists, bold and italic. Everything else — `<b>`,
`&amp;`, `# `, a lone `*` — is text and prints as typed: the parser runs with every other rule
off and raw HTML disabled, and the blocks carry plain strings that the PDF side escapes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.token import Token

_PARSER = MarkdownIt("zero", {"html": False}).enable(["list", "emphasis"])
# The same parser, its blocks only: each paragraph's text is parsed for its emphasis apart
# (`_inline`, remembered), since a merge's letters share most of their paragraphs.
_BLOCKS = MarkdownIt("zero", {"html": False}).enable(["list", "emphasis"]).disable("inline")
_PARAGRAPHS_REMEMBERED = 512  # the least recently used forgotten first: a bound on memory
# A blank line, then a line at the left margin: where a body's top-level blocks begin anew,
# unless that line starts a list item (which may continue the list above).
_BLOCK_START = re.compile(r"\n[ \t]*\n(?=[^\s])")
_LIST_ITEM = re.compile(r"(?:[*+-]|[0-9]{1,9}[.)])(?:[ \t]|$)", re.MULTILINE)
_SEGMENTS_REMEMBERED = 256


@dataclass(frozen=True)
class Run:
    """A piece of text with its emphasis."""

    text: str
    bold: bool = False
    italic: bool = False


@dataclass
class TextBlock:
    runs: list[Run] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


@dataclass
class ListBlock:
    ordered: bool
    start: int = 1
    items: list[list[Block]] = field(default_factory=list)


Block = TextBlock | ListBlock


def parse_body(text: str) -> list[Block]:
    """The body as blocks: paragraphs and (possibly nested) lists.

    Parsed a part at a time, each part remembered: the blocks after a blank line and a line
    at the left margin that starts no list item are parsed as the whole text's parse finds
    them, and a merge's letters share most of their parts."""
    if "\r" in text or "\0" in text:  # the parser's own normalising: the text whole
        return _parsed(text)
    blocks: list[Block] = []
    for part in _parts(text):
        blocks += [_copy(block) for block in _parsed_part(part)]
    return blocks


def _parts(text: str) -> list[str]:
    parts, start = [], 0
    for gap in _BLOCK_START.finditer(text):
        if not _LIST_ITEM.match(text, gap.end()):
            parts.append(text[start : gap.end()])
            start = gap.end()
    parts.append(text[start:])
    return parts


@lru_cache(maxsize=_SEGMENTS_REMEMBERED)
def _parsed_part(part: str) -> tuple[Block, ...]:
    return tuple(_parsed(part))


def _parsed(text: str) -> list[Block]:
    tokens = _BLOCKS.parse(text)
    blocks, _ = _blocks(tokens, 0, closing="")
    return blocks


def _copy(block: Block) -> Block:
    """A remembered block's copy, the caller's own."""
    if isinstance(block, TextBlock):
        return TextBlock(list(block.runs))
    return ListBlock(block.ordered, block.start, [[_copy(b) for b in item] for item in block.items])


@lru_cache(maxsize=_PARAGRAPHS_REMEMBERED)
def _inline(content: str) -> tuple[Run, ...]:
    """A paragraph's runs: its emphasis depends on its own text alone, as the whole
    document's parse finds it."""
    (paragraph,) = _PARSER.parseInline(content)
    return tuple(_runs(paragraph.children or []))


def _blocks(tokens: list[Token], pos: int, closing: str) -> tuple[list[Block], int]:
    """Blocks from tokens[pos] until the token of type `closing`; returns them and its index."""
    blocks: list[Block] = []
    while pos < len(tokens) and tokens[pos].type != closing:
        token = tokens[pos]
        if token.type == "inline":
            blocks.append(TextBlock(list(_inline(token.content))))
        elif token.type in ("bullet_list_open", "ordered_list_open"):
            block, pos = _list(tokens, pos)
            blocks.append(block)
        pos += 1
    return blocks, pos


def _list(tokens: list[Token], pos: int) -> tuple[ListBlock, int]:
    opening = tokens[pos]
    ordered = opening.type == "ordered_list_open"
    start = opening.attrs.get("start", 1) if ordered else 1
    block = ListBlock(ordered=ordered, start=int(start))
    closing = "ordered_list_close" if ordered else "bullet_list_close"
    pos += 1
    while tokens[pos].type != closing:
        if tokens[pos].type == "list_item_open":
            item, pos = _blocks(tokens, pos + 1, closing="list_item_close")
            block.items.append(item)
        pos += 1
    return block, pos


def _runs(children: list[Token]) -> list[Run]:
    runs: list[Run] = []
    bold = italic = False
    for child in children:
        if child.type in ("strong_open", "strong_close"):
            bold = child.type == "strong_open"
        elif child.type in ("em_open", "em_close"):
            italic = child.type == "em_open"
        elif child.type in ("softbreak", "hardbreak"):
            runs.append(Run(" ", bold, italic))
        elif child.content:
            # A line break inside a paragraph is a space, as in any Markdown.
            runs.append(Run(child.content.replace("\n", " "), bold, italic))
    return runs


def body_texts(blocks: list[Block]) -> list[str]:
    """Every text of the blocks, for font coverage checks."""
    texts: list[str] = []
    for block in blocks:
        if isinstance(block, TextBlock):
            texts.append(block.text)
        else:
            for item in block.items:
                texts.extend(body_texts(item))
    return texts
