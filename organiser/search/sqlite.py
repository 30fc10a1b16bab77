"""SQLite's answer to a search: the FTS5 word index of folded text that `schema` makes.

The service (`services/search.py`) asks through `SearchBackend`: folded words in, (kind, id,
score) out, and the records' original text for their context. The team database answers the
same two questions its own way (PostgreSQL: `pg_trgm` over the same folded text), so nothing
above this module knows which index answered.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from sqlalchemy import TextualSelect, bindparam, column, text
from sqlalchemy.orm import Session

from organiser.search.schema import BY_CODE, BY_NAME, STRIDE, TABLE, TITLES, documents_sql

TITLE_CANDIDATES = 200  # names and titles holding every word, read to be put shortest first


@dataclass(frozen=True)
class Found:
    kind: str
    id: int
    score: float  # its place in the ranking: lower is better


@dataclass(frozen=True)
class Document:
    label: str
    title: str
    body: str


class SearchBackend(Protocol):
    def find(
        self, session: Session, phrases: list[list[str]], kinds: Iterable[str], limit: int
    ) -> list[Found]: ...

    def documents(self, session: Session, kind: str, ids: list[int]) -> dict[int, Document]: ...

    def titled(self, phrases: list[list[str]], kind: str) -> TextualSelect: ...


def _match(phrases: list[list[str]]) -> str:
    """Each word a phrase of its tokens, its last token a prefix (as it is typed); tokens are
    [0-9a-z]+, safe inside quotes."""
    return " AND ".join(f'"{" ".join(tokens)}"*' for tokens in phrases)


class SqliteSearch:
    """Every word of the query must be in the record, whole or as the start of a word (as it
    is typed); a Korean word is the phrase of its syllables, so it is found inside a longer
    one (`조합` in `노동조합`).

    The ranking is one an organiser can predict, and one that stays cheap over a decade of
    letters: first the records whose name or title holds every word, the shortest title first
    (`kctu` puts the KCTU before the letters that name it); then the rest, newest first. FTS5's
    bm25 is not used: it counts every matching row before it ranks any, 400 ms for a common
    word in 100,000 letters, where reading the newest matches stops after the first fifty."""

    def find(
        self, session: Session, phrases: list[list[str]], kinds: Iterable[str], limit: int
    ) -> list[Found]:
        codes = sorted(BY_NAME[kind].code for kind in kinds)
        if not phrases or not codes:
            return []
        kinds_sql = f"(rowid % {STRIDE}) IN ({', '.join(map(str, codes))})"
        match = _match(phrases)
        titled = session.execute(
            text(
                f"SELECT rowid, length(title) FROM {TITLES} WHERE {TITLES} MATCH :match "
                f"AND {kinds_sql} ORDER BY rowid DESC LIMIT :cap"
            ),
            {"match": match, "cap": TITLE_CANDIDATES},
        ).all()
        first = [rowid for rowid, _length in sorted(titled, key=lambda row: (row[1], -row[0]))]
        first = first[:limit]
        rest = session.execute(
            text(
                f"SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH :match AND {kinds_sql} "
                "ORDER BY rowid DESC LIMIT :limit"
            ),
            {"match": match, "limit": limit + len(first)},
        ).scalars()
        chosen = set(first)
        return self._found([*first, *(r for r in rest if r not in chosen)][:limit])

    def titled(self, phrases: list[list[str]], kind: str) -> TextualSelect:
        """A SELECT of the ids (column `id`) of the records of `kind` whose name or title holds
        every word, as typed: a form's picker puts it in its own query, a page at a time."""
        query = text(
            f"SELECT rowid / {STRIDE} AS id FROM {TITLES} WHERE {TITLES} MATCH :match "
            f"AND rowid % {STRIDE} = {BY_NAME[kind].code}"
        ).bindparams(match=_match(phrases))
        return query.columns(column("id"))

    @staticmethod
    def _found(rowids: list[int]) -> list[Found]:
        return [
            Found(BY_CODE[rowid % STRIDE].name, rowid // STRIDE, float(place))
            for place, rowid in enumerate(rowids)
        ]

    def documents(self, session: Session, kind: str, ids: list[int]) -> dict[int, Document]:
        query = text(documents_sql(BY_NAME[kind])).bindparams(bindparam("ids", expanding=True))
        return {
            key: Document(label or "", title or "", body or "")
            for key, label, title, body in session.execute(query, {"ids": ids})
        }
