"""Text folded for searching, the same way into the index and out of a query.

Every character is transliterated to ASCII by `anyascii` (a maintained table covering every
script: Genève → geneve, Профсоюз → profsoyuz, 한상균 → han sang gyun) and lower-cased, which
does what SQLite 3.40's tokenizers cannot (its trigram tokenizer has no `remove_diacritics`):
accents, case in any script, and a name typed in Latin letters finding it in its own script.

A Hangul syllable (and a Chinese character) becomes a word of its own: Korean runs words
together (노동조합, "labour union", is 노동 + 조합), so each syllable is a token of the word
index and a Korean word is a phrase of them. `조합` is then found inside `노동조합`, and a
word index does the rest (whole words and prefixes, as typed), at a fraction of the size and
write cost of a trigram index over every letter.

Each character folds on its own, so a folded text maps back to the original: `highlight`
finds a query's words in the original text for the results' context.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

from anyascii import anyascii

# Hangul syllables, CJK ideographs (with extension A and compatibility ideographs)
_SYLLABLE = re.compile("([\uac00-\ud7a3\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff])")
_WORD = re.compile(r"[0-9a-z]+")
_PIECES = re.compile(r"[\x00-\x7f]+|[^\x00-\x7f]")
_QUERY_WORD = re.compile(r"\w+")
SHORTEST = 2  # a shorter word is left out of a query that has a longer one


def fold(text: str) -> str:
    """The text as the index holds it."""
    if text.isascii():
        return text.lower()
    # Each character folds on its own: runs of ASCII lower-cased, the others one by one (and
    # remembered), rather than the whole text through anyascii a character at a time.
    return "".join(
        piece.lower() if piece.isascii() else _fold_char(piece) for piece in _PIECES.findall(text)
    )


@lru_cache(maxsize=8192)
def _fold_char(char: str) -> str:
    return anyascii(_SYLLABLE.sub(r" \1 ", char)).lower()


def query_phrases(query: str) -> list[list[str]]:
    """The query's words, each as the folded tokens it makes, each once, in the order typed:
    `Han Sang-gyun` gives [han], [sang], [gyun]; `노동조합` gives [no, dong, jo, hab] (a phrase);
    `confédération générale` gives [confederation], [generale]."""
    seen: dict[tuple[str, ...], None] = {}
    for word in _QUERY_WORD.findall(query):
        tokens = tuple(_WORD.findall(fold(word)))
        if tokens:
            seen.setdefault(tokens)
    phrases = [list(tokens) for tokens in seen]
    # A lone letter (the l of l'union) would match nearly everything as a prefix: left out
    # when the query has a longer word.
    longer = [phrase for phrase in phrases if len("".join(phrase)) >= SHORTEST]
    return longer or phrases


def query_words(query: str) -> list[str]:
    """Every folded token of a query, each once (what a result's context highlights)."""
    seen: dict[str, None] = {}
    for tokens in query_phrases(query):
        for token in tokens:
            seen.setdefault(token)
    return list(seen)


@dataclass(frozen=True)
class Context:
    """Part of an original text around the first match, and the matched spans within it
    (start, end) as offsets into `text`."""

    text: str
    spans: tuple[tuple[int, int], ...]
    clipped_start: bool = False
    clipped_end: bool = False


class _Folding:
    """A text folded, and the way back from a folded offset to the original character: the
    text in pieces (a run of ASCII, folded by lower-casing, offset for offset; or one other
    character, folded on its own), found by bisection. Mostly-English letters cost little."""

    def __init__(self, text: str) -> None:
        parts: list[str] = []
        self.folded_starts: list[int] = []
        self.original_starts: list[int] = []
        self.runs: list[bool] = []
        at = 0
        for piece in _PIECES.finditer(text):
            chunk = piece.group()
            run = chunk.isascii()
            folded = chunk.lower() if run else _fold_char(chunk)
            if not folded:
                continue  # a mark anyascii drops: nothing in the folded text comes from it
            parts.append(folded)
            self.folded_starts.append(at)
            self.original_starts.append(piece.start())
            self.runs.append(run)
            at += len(folded)
        self.folded = "".join(parts)

    def origin(self, offset: int) -> int:
        """The original character the folded character at `offset` came from."""
        piece = bisect_right(self.folded_starts, offset) - 1
        start = self.original_starts[piece]
        return start + (offset - self.folded_starts[piece]) if self.runs[piece] else start


def pieces(text: str, spans: tuple[tuple[int, int], ...]) -> list[tuple[str, bool]]:
    """The text cut at the spans: (part, whether it is a match), in order, for a door to mark
    the matches its own way (brackets on a terminal, bold in the window)."""
    parts: list[tuple[str, bool]] = []
    cut = 0
    for start, end in spans:
        parts += [(text[cut:start], False), (text[start:end], True)]
        cut = end
    parts.append((text[cut:], False))
    return [(part, matched) for part, matched in parts if part]


def match_spans(text: str, words: list[str]) -> list[tuple[int, int]]:
    """Where the words occur in the original text (merged, in order), found on its folding."""
    if not words or not text:
        return []
    folding = _Folding(text)
    folded = folding.folded
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
            end = folding.origin(start + len(word) - 1) + 1
            spans.append((folding.origin(start), end))
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
