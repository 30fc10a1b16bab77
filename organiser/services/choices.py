"""A form's choice of an organisation or a person, a page at a time: the first names in order,
or those holding every word typed (found as the search box finds them, by the start of a word,
without accents, in Latin letters for a name in another script), and the names of chosen ids.

A form never reads every organisation to offer one: 50,000 names in a combo took a second and
40 MB each. The picker (`ui/dialogs/record_picker.py`) asks for the page it shows.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import ColumnElement, and_, or_, select
from sqlalchemy.orm import Session

from organiser.models import Organisation, Person
from organiser.models.organisations import person_label
from organiser.search.fold import query_phrases
from organiser.services.search import BACKEND

Choice = tuple[int, str]
PAGE = 50  # rows a picker reads at a time


def organisation_label(name: str, acronym: str) -> str:
    """How a form names an organisation: "Korean Confederation of Trade Unions (KCTU)"."""
    return f"{name} ({acronym})" if acronym else name


def _lone_letter(phrases: list[list[str]]) -> str:
    """The letter typed when it is all that is typed: the index holds no one-letter prefixes
    (search/schema.py), so that is matched at the start of the name as stored."""
    if len(phrases) == 1 and len(phrases[0]) == 1 and len(phrases[0][0]) == 1:
        return phrases[0][0]
    return ""


def _words(typed: str, kind: str, key: Any, *starts: Any) -> ColumnElement[bool] | None:
    """The condition that what is typed puts on `kind`'s rows; None when nothing is typed."""
    phrases = query_phrases(typed)
    if not phrases:
        return None
    letter = _lone_letter(phrases)
    if letter:
        return or_(*(start.like(f"{letter}%") for start in starts))
    return key.in_(BACKEND.titled(phrases, kind))


def organisation_page(
    session: Session, typed: str = "", offset: int = 0, limit: int = PAGE,
    exclude: int | None = None,
) -> list[Choice]:  # fmt: skip
    """`limit` organisations from `offset`, by name, holding every word of `typed` (all of
    them when it is empty); `exclude` left out (an organisation is not its own affiliate)."""
    query = select(Organisation.id, Organisation.name, Organisation.acronym)
    condition = _words(typed, "organisation", Organisation.id, Organisation.name,
                       Organisation.acronym)  # fmt: skip
    if condition is not None:
        query = query.where(condition)
    if exclude is not None:
        query = query.where(Organisation.id != exclude)
    # By name as stored, then id: the name's index gives a page without sorting them all.
    query = query.order_by(Organisation.name, Organisation.id)
    rows = session.execute(query.offset(max(0, offset)).limit(max(0, limit)))
    return [(key, organisation_label(name, acronym)) for key, name, acronym in rows]


def organisation_labels(session: Session, ids: Iterable[int]) -> dict[int, str]:
    """The names of the organisations of `ids` that exist, as the picker shows them."""
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    query = select(Organisation.id, Organisation.name, Organisation.acronym).where(
        Organisation.id.in_(wanted)
    )
    return {key: organisation_label(name, acronym) for key, name, acronym in session.execute(query)}


def person_page(
    session: Session, typed: str = "", offset: int = 0, limit: int = PAGE
) -> list[Choice]:
    """`limit` people from `offset`, by name (those known by their role first), holding every
    word of `typed` in their name, or in their role when they have no name."""
    query = select(Person.id, Person.name, Person.role)
    condition = _words(typed, "person", Person.id, Person.name, Person.role)
    if condition is not None:
        by_role = and_(Person.name == "", *(Person.role.like(f"%{word}%")
                                            for word in typed.split()))  # fmt: skip
        query = query.where(or_(condition, by_role))
    query = query.order_by(Person.name, Person.id)
    rows = session.execute(query.offset(max(0, offset)).limit(max(0, limit)))
    return [(key, person_label(name, role)) for key, name, role in rows]


def person_labels(session: Session, ids: Iterable[int]) -> dict[int, str]:
    """The names (or roles) of the people of `ids` that exist."""
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    query = select(Person.id, Person.name, Person.role).where(Person.id.in_(wanted))
    return {key: person_label(name, role) for key, name, role in session.execute(query)}
