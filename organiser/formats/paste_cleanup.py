"""Text pasted from a PDF or a word processor, turned into the letter body's Markdown subset.

A PDF's copy gives hard-wrapped lines, `•` bullets and `1)` numbering; a word processor gives
`- 1.` items. The clean-up joins wrapped lines into paragraphs and list items, and writes the
lists as `- item` and `1. item`, which the body's parser reads as lists.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_BULLET = re.compile(r"^\s*[•●▪◦‣·\-*–]\s+(?P<text>\S.*)$")
_NUMBER = re.compile(r"^\s*(?:[-•]\s*)?(?P<number>\d{1,3})[.)]\s+(?P<text>\S.*)$")


@dataclass
class _Piece:
    """A paragraph (marker "") or a list item (marker "- " or "N. ") being joined."""

    marker: str
    text: str


def _item(line: str) -> _Piece | None:
    numbered = _NUMBER.match(line)
    if numbered:
        return _Piece(f"{int(numbered['number'])}. ", numbered["text"].strip())
    bullet = _BULLET.match(line)
    return _Piece("- ", bullet["text"].strip()) if bullet else None


def _join(text: str, more: str) -> str:
    """A wrapped line joined to the one before: a word cut by a hyphen is made whole."""
    if text.endswith("-") and more[:1].islower() and text[-2:-1].isalpha():
        return text[:-1] + more
    return f"{text} {more}"


def _pieces(text: str) -> list[_Piece | None]:
    """Paragraphs and items in order; None where a blank line ended a paragraph."""
    pieces: list[_Piece | None] = []
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = raw.strip()
        last = pieces[-1] if pieces else None
        if not line:
            if last is not None:
                pieces.append(None)
        elif (item := _item(line)) is not None:
            pieces.append(item)
        elif last is not None:
            last.text = _join(last.text, line)
        else:
            pieces.append(_Piece("", line))
    return pieces


def clean_pasted_text(text: str) -> str:
    """The pasted text as the body's Markdown: paragraphs apart, list items one a line."""
    blocks: list[list[str]] = []
    previous_marker: str | None = None
    for piece in _pieces(text):
        if piece is None:
            previous_marker = None
            continue
        in_list = piece.marker != "" and previous_marker not in (None, "")
        line = piece.marker + " ".join(piece.text.split())
        if in_list:
            blocks[-1].append(line)
        else:
            blocks.append([line])
        previous_marker = piece.marker
    return "\n\n".join("\n".join(block) for block in blocks) + ("\n" if blocks else "")
