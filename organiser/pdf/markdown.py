"""The letter body's Markdown subset, parsed by markdown-it-py into plain blocks.

The subset is paragraphs, bullet and numbered lists, bold and italic. Everything else — `<b>`,
`&amp;`, `# `, a lone `*` — is text and prints as typed: the parser runs with every other rule
off and raw HTML disabled, and the blocks carry plain strings that the PDF side escapes.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.token import Token

_PARSER = MarkdownIt("zero", {"html": False}).enable(["list", "emphasis"])


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
    """The body as blocks: paragraphs and (possibly nested) lists."""
    tokens = _PARSER.parse(text)
    blocks, _ = _blocks(tokens, 0, closing="")
    return blocks


def _blocks(tokens: list[Token], pos: int, closing: str) -> tuple[list[Block], int]:
    """Blocks from tokens[pos] until the token of type `closing`; returns them and its index."""
    blocks: list[Block] = []
    while pos < len(tokens) and tokens[pos].type != closing:
        token = tokens[pos]
        if token.type == "inline":
            blocks.append(TextBlock(_runs(token.children or [])))
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
