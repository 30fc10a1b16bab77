"""Searching every record at once: campaigns, actions, organisations, people, situations,
commitments and letters (their language versions too), ranked, grouped by kind, each hit with
the words found shown in their context. The window's search box and `organiser search` call
`search`; the index it reads is kept in step by the database itself (`search/schema.py`).

A query is folded as the index is (`search/fold.py`): without accents, in any case, in Latin
letters for a name in another script. Every word must be found (in a name or in the text).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy.orm import Session

from organiser.errors import ValidationError
from organiser.search.fold import (
    Context,
    fold,
    highlight,
    lead,
    match_spans,
    pieces,
    query_phrases,
    query_words,
)
from organiser.search.schema import KINDS
from organiser.search.sqlite import Document, SearchBackend, SqliteSearch

KIND_NAMES: tuple[str, ...] = tuple(kind.name for kind in KINDS)
LONGEST_QUERY = 200
DEFAULT_LIMIT = 50
BACKEND: SearchBackend = SqliteSearch()


@dataclass(frozen=True)
class Hit:
    kind: str
    id: int
    label: str  # the record's name or title, as written
    context: Context | None  # where the words were found, when not in the label alone
    score: float  # its place in the ranking: lower is better
    label_spans: tuple[tuple[int, int], ...] = ()  # the words found in the label

    def label_pieces(self) -> list[tuple[str, bool]]:
        return pieces(self.label, self.label_spans)

    def context_pieces(self) -> list[tuple[str, bool]]:
        return pieces(self.context.text, self.context.spans) if self.context else []


@dataclass(frozen=True)
class Group:
    kind: str
    hits: tuple[Hit, ...]


@dataclass(frozen=True)
class Results:
    query: str
    words: tuple[str, ...]
    groups: tuple[Group, ...]  # the kind of the best hit first

    @property
    def hits(self) -> list[Hit]:
        return [hit for group in self.groups for hit in group.hits]


def _kinds(kinds: Iterable[str] | None) -> list[str]:
    if kinds is None:
        return list(KIND_NAMES)
    chosen = list(kinds)
    unknown = [kind for kind in chosen if kind not in KIND_NAMES]
    if unknown:
        raise ValidationError(
            "kind", f"Unknown kind '{unknown[0]}': choose from {', '.join(KIND_NAMES)}."
        )
    return chosen


def _context(document: Document, words: list[str]) -> Context | None:
    """The body's words around the first match; when the label shows every word, the start of
    the body (what tells one hit of a name from another: a court, an address)."""
    label = fold(document.label)
    if all(word in label for word in words):
        return lead(document.body)
    return highlight(document.body, words) or highlight(document.title, words)


def search(
    session: Session,
    query: str,
    kinds: Iterable[str] | None = None,
    limit: int = DEFAULT_LIMIT,
) -> Results:
    """The records every word of `query` is found in, best first, grouped by kind."""
    if len(query) > LONGEST_QUERY:
        raise ValidationError("query", f"A search is at most {LONGEST_QUERY} characters.")
    chosen = _kinds(kinds)  # an unknown kind is refused whatever the query
    phrases, words = query_phrases(query), query_words(query)
    found = BACKEND.find(session, phrases, chosen, limit) if phrases else []
    ids_by_kind: dict[str, list[int]] = {}
    for item in found:
        ids_by_kind.setdefault(item.kind, []).append(item.id)
    documents = {kind: BACKEND.documents(session, kind, ids) for kind, ids in ids_by_kind.items()}
    grouped: dict[str, list[Hit]] = {}
    for item in found:
        document = documents[item.kind].get(item.id)
        if document is None:
            continue
        spans = tuple(match_spans(document.label, words))
        context = _context(document, words)
        hit = Hit(item.kind, item.id, document.label, context, item.score, spans)
        grouped.setdefault(item.kind, []).append(hit)
    return Results(
        query=query,
        words=tuple(words),
        groups=tuple(Group(kind, tuple(hits)) for kind, hits in grouped.items()),
    )
