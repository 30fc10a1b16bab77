"""The words a letter prints around its text ("Our ref.", "Page 2 of 3", "cc", the date), in the
letter's own language, not the interface's: a letter to a Korean union is printed in Korean even
from an English desktop. Dates come from Babel's CLDR data; the labels are ours.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.dates import format_date


@dataclass(frozen=True)
class LetterWords:
    """Each template holds one placeholder: `{ref}`, `{names}`, or `{page}` and `{pages}`."""

    our_reference: str
    their_reference: str
    page: str
    cc: str

    def texts(self) -> list[str]:
        """Every character these words may print, for the font coverage check."""
        return [self.our_reference, self.their_reference, self.page, self.cc, "0123456789"]


# Each as a letter in that language writes it (Russian and Kazakh letters number the outgoing
# letter, "Исх. №", and answer "На №"; German letters have "Unser Zeichen").
WORDS: dict[str, LetterWords] = {
    "en": LetterWords(
        "Our ref.: {ref}", "Your ref.: {ref}", "Page {page} of {pages}", "cc: {names}"
    ),
    "fr": LetterWords(
        "Notre réf. : {ref}", "Votre réf. : {ref}", "Page {page} sur {pages}", "Copie à : {names}"
    ),
    "es": LetterWords(
        "Nuestra ref.: {ref}", "Su ref.: {ref}", "Página {page} de {pages}", "Copia a: {names}"
    ),
    "de": LetterWords(
        "Unser Zeichen: {ref}",
        "Ihr Zeichen: {ref}",
        "Seite {page} von {pages}",
        "Kopie an: {names}",
    ),
    "ko": LetterWords(
        "문서번호: {ref}", "귀 문서번호: {ref}", "{page} / {pages}쪽", "참조: {names}"
    ),
    "ru": LetterWords("Исх. № {ref}", "На № {ref}", "Страница {page} из {pages}", "Копия: {names}"),
    "kk": LetterWords(
        "Шығыс № {ref}", "Сіздің № {ref}", "{pages} беттің {page}-беті", "Көшірме: {names}"
    ),
}
ENGLISH = WORDS["en"]
# English as a British letter dates it ("27 July 2021"), as the letters always have.
_DATE_LOCALES = {"en": "en_GB"}


def _base(language: str) -> str:
    return (language or "en").replace("-", "_").split("_")[0].lower()


def words_for(language: str) -> LetterWords:
    """The letter's words in `language` (an ISO 639-1 code, perhaps with a region); English for
    a language we have no words for."""
    return WORDS.get(_base(language), ENGLISH)


@lru_cache(maxsize=64)
def _date_locale(language: str) -> Locale:
    base = _base(language)
    try:
        return Locale.parse(_DATE_LOCALES.get(base, base))
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en_GB")


@lru_cache(maxsize=1024)  # a merge's letters bear one date in a few languages
def date_text(value: date, language: str) -> str:
    """The letter's date as that language writes it in full: `27 juillet 2021`, `2021년 7월
    27일`, `27 июля 2021 г.`; any language CLDR knows, British English otherwise."""
    return str(format_date(value, format="long", locale=_date_locale(language)))
