"""SQLite's answer to a search: the FTS5 trigram index of `schema`, ranked by bm25.

The service (`services/search.py`) asks through `SearchBackend`: folded words in, (kind, id,
score) out, and the records' original text for their context. The team database answers the
same two questions its own way (PostgreSQL: `pg_trgm` over the same folded text), so nothing
above this module knows which index answered.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from sqlalchemy import bindparam, text
from sqlalchemy.orm import Session

from organiser.search.fold import SHORTEST
from organiser.search.schema import BY_CODE, BY_NAME, STRIDE, TABLE, documents_sql

TITLE_WEIGHT = 4.0  # a word in a name or a subject counts four times one in a body


@dataclass(frozen=True)
class Found:
    kind: str
    id: int
    score: float  # lower is better


@dataclass(frozen=True)
class Document:
    label: str
    title: str
    body: str


class SearchBackend(Protocol):
    def find(
        self, session: Session, words: list[str], kinds: Iterable[str], limit: int
    ) -> list[Found]: ...

    def documents(self, session: Session, kind: str, ids: list[int]) -> dict[int, Document]: ...


class SqliteSearch:
    """Words of three letters or more are matched through the index, anywhere in a word
    (`조합` in `노동조합`, a prefix as it is typed); a query of shorter words only is matched
    against the names and titles by a scan."""

    def find(
        self, session: Session, words: list[str], kinds: Iterable[str], limit: int
    ) -> list[Found]:
        codes = sorted(BY_NAME[kind].code for kind in kinds)
        if not words or not codes:
            return []
        kinds_sql = f"(rowid % {STRIDE}) IN ({', '.join(map(str, codes))})"
        long_words = [word for word in words if len(word) >= SHORTEST]
        if long_words:
            match = " AND ".join(f'"{word}"' for word in long_words)  # words are [0-9a-z]+
            rows = session.execute(
                text(
                    f"SELECT rowid, bm25({TABLE}, {TITLE_WEIGHT}, 1.0) AS score FROM {TABLE} "
                    f"WHERE {TABLE} MATCH :match AND {kinds_sql} ORDER BY score LIMIT :limit"
                ),
                {"match": match, "limit": limit},
            )
        else:
            likes = " AND ".join(f"title LIKE :w{n}" for n in range(len(words)))
            rows = session.execute(
                text(
                    f"SELECT rowid, 0.0 FROM {TABLE} WHERE {likes} AND {kinds_sql} "
                    "ORDER BY length(title) LIMIT :limit"
                ),
                {**{f"w{n}": f"%{word}%" for n, word in enumerate(words)}, "limit": limit},
            )
        return [
            Found(BY_CODE[rowid % STRIDE].name, rowid // STRIDE, float(score))
            for rowid, score in rows
        ]

    def documents(self, session: Session, kind: str, ids: list[int]) -> dict[int, Document]:
        query = text(documents_sql(BY_NAME[kind])).bindparams(bindparam("ids", expanding=True))
        return {
            key: Document(label or "", title or "", body or "")
            for key, label, title, body in session.execute(query, {"ids": ids})
        }
