"""Text folded for searching, the same way into the index and out of a query.

Every character is transliterated to ASCII by `anyascii` (a maintained table covering every
script: Genève → geneve, Профсоюз → profsoyuz, 한상균 → hansanggyun, 노동조합 → nodongjohab)
and lower-cased. Folding does the work SQLite 3.40's trigram tokenizer cannot (it has no
`remove_diacritics`): accents, case in any script, and a name typed in Latin letters finding
it in its own script. A two-syllable Korean word folds to five or more letters, so the
trigram index finds it, and inside longer words too (조합 in 노동조합).

Each character folds on its own, so a folded text maps back to the original: `highlight`
finds a query's words in the original text for the results' context.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from anyascii import anyascii

SHORTEST = 3  # what a trigram index can find; shorter words are matched another way
_WORD = re.compile(r"[0-9a-z]+")


def fold(text: str) -> str:
    """The text as the index holds it."""
    if text.isascii():
        return text.lower()
    return anyascii(text).lower()


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    return anyascii(char).lower()


def query_words(query: str) -> list[str]:
    """The folded words of a query, each once, in the order typed: `Han Sang-gyun` gives
    han, sang, gyun; `confédération générale` gives confederation, generale."""
    seen: dict[str, None] = {}
    for word in _WORD.findall(fold(query)):
        seen.setdefault(word)
    return list(seen)


@dataclass(frozen=True)
class Context:
    """Part of an original text around the first match, and the matched spans within it
    (start, end) as offsets into `text`."""

    text: str
    spans: tuple[tuple[int, int], ...]
    clipped_start: bool = False
    clipped_end: bool = False


def _folded_with_origins(text: str) -> tuple[str, list[int]]:
    """The folded text, and for each folded character the index of the original character it
    came from."""
    parts: list[str] = []
    origins: list[int] = []
    for index, char in enumerate(text):
        folded = char.lower() if char.isascii() else _fold_char(char)
        parts.append(folded)
        origins.extend([index] * len(folded))
    return "".join(parts), origins


def match_spans(text: str, words: list[str]) -> list[tuple[int, int]]:
    """Where the words occur in the original text (merged, in order), found on its folding."""
    if not words or not text:
        return []
    folded, origins = _folded_with_origins(text)
    spans: list[tuple[int, int]] = []
    for word in words:
        starts: list[int] = []
        start = folded.find(word)
        while start >= 0:
            starts.append(start)
            start = folded.find(word, start + len(word))
        # Where a word begins (han in "Han Sang-gyun", not in "changes") if it does anywhere;
        # else inside one (조합 in 노동조합).
        heads = [s for s in starts if s == 0 or not folded[s - 1].isalnum()]
        for start in heads or starts:
            spans.append((origins[start], origins[start + len(word) - 1] + 1))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def highlight(text: str, words: list[str], before: int = 40, width: int = 160) -> Context | None:
    """The part of `text` around its first match (`before` characters ahead of it, `width` in
    all, cut at spaces where it can be, on one line), or None when no word is in it."""
    spans = match_spans(text, words)
    if not spans:
        return None
    first = spans[0][0]
    start = max(0, first - before)
    if start > 0:
        space = text.find(" ", start, first)
        start = space + 1 if space >= 0 else start
    end = min(len(text), start + width)
    if end < len(text):
        space = text.rfind(" ", max(spans[0][1], start + width // 2), end)
        end = space if space > 0 else end
    part = text[start:end]
    shown = tuple((s - start, min(e, end) - start) for s, e in spans if s >= start and s < end)
    return Context(
        text=part.replace("\n", " "),
        spans=shown,
        clipped_start=start > 0,
        clipped_end=end < len(text),
    )


def lead(text: str, width: int = 120) -> Context | None:
    """The start of a text, on one line, with nothing marked (None: an empty text)."""
    shown = " ".join(text.split())
    if not shown:
        return None
    cut = shown if len(shown) <= width else shown[: shown.rfind(" ", 0, width) or width]
    return Context(text=cut, spans=(), clipped_end=len(cut) < len(shown))
