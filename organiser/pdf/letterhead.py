"""The sender's name in the letterhead: on one line when it fits, else on two balanced lines."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth

LARGEST = 15.0
SMALLEST = 11.0
# A little room for the faces of other scripts, measured here in the bold face of the primary.
_ROOM = 1.03


@dataclass(frozen=True)
class SenderName:
    """The name as printed: its text (a newline where it is balanced) and its style."""

    text: str
    style: ParagraphStyle


def _size_for(line: str, font: str, width: float) -> float:
    natural = stringWidth(line, font, LARGEST) * _ROOM
    size = min(LARGEST, LARGEST * width / natural) if natural else LARGEST
    return float(int(size * 2)) / 2  # half points: the same name prints the same every time


def _balanced(name: str, font: str) -> str:
    """The name cut at the space that makes its longer line the shortest."""
    words = name.split()
    cuts = [(" ".join(words[:n]), " ".join(words[n:])) for n in range(1, len(words))]
    if not cuts:
        return name
    widest = [max(stringWidth(a, font, 10), stringWidth(b, font, 10)) for a, b in cuts]
    first, second = cuts[widest.index(min(widest))]
    return f"{first}\n{second}"


def sender_name(base: ParagraphStyle, bold: str, name: str, width: float) -> SenderName:
    """The largest size (15 pt to 11 pt) at which the name holds on one line; a name longer
    than that goes on two lines of about equal length, so no word is left alone below.
    `bold` is the face the name prints in."""
    size = _size_for(name, bold, width)
    text = name
    if size < SMALLEST:
        text = _balanced(name, bold)
        size = max(SMALLEST, min(_size_for(line, bold, width) for line in text.split("\n")))
    return SenderName(
        text, ParagraphStyle("sender-fitted", base, fontSize=size, leading=size * 1.27)
    )
