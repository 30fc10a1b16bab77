"""Which language version of a letter a recipient gets: theirs, else the original."""

from __future__ import annotations

from dataclasses import dataclass

from organiser.models.letters import Letter
from organiser.models.organisations import Organisation, Person


@dataclass(frozen=True)
class ChosenVersion:
    """The subject and body to use, their language, and whether the original stood in."""

    language: str
    subject: str
    body: str
    wanted: str
    fell_back: bool


def preferred_language(person: Person | None, organisation: Organisation | None) -> str:
    """The person's language, else their organisation's, else none."""
    if person is not None and person.language:
        return person.language
    if organisation is not None and organisation.language:
        return organisation.language
    if person is not None and person.organisation is not None:
        return person.organisation.language or ""
    return ""


def choose_version(letter: Letter, wanted: str) -> ChosenVersion:
    """The letter's version in `wanted`, else the original with the fallback noted."""
    if not wanted or wanted == letter.language:
        return ChosenVersion(letter.language, letter.subject, letter.body, wanted, False)
    for version in letter.versions:
        if version.language == wanted:
            return ChosenVersion(wanted, version.subject, version.body, wanted, False)
    return ChosenVersion(letter.language, letter.subject, letter.body, wanted, True)
