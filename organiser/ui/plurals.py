"""English plurals for the window's counted texts, so that `self.tr("%n letter(s)", "", n)`
reads "1 letter" and "2 letters" without an English translation file.

A counted source text marks each word that changes with the count: `letter(s)` or
`match(es)` take the ending for any count but one; `person(people)` and `is(are)` name the form
for any count but one in full. A real translation, installed after this one, answers first.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication, QTranslator

COUNTED_WORD = re.compile(r"(\w+)\((\w+)\)")
ENDINGS = ("s", "es")


def english_numerus(source: str, n: int) -> str:
    """The source text with each marked word in its form for the count n."""

    def form(match: re.Match[str]) -> str:
        one, other = match.group(1), match.group(2)
        if n == 1:
            return one
        return one + other if other in ENDINGS else other

    return COUNTED_WORD.sub(form, source)


class EnglishPlurals(QTranslator):
    """Answers only counted texts (those translated with an n) that mark a word."""

    def translate(  # returning None, Qt's null string, means "not translated"
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        if n < 0 or not COUNTED_WORD.search(source):
            return None  # not ours: Qt asks the next translator, else shows the source text
        return english_numerus(source, n)

    def isEmpty(self) -> bool:
        return False


def install_english_plurals(app: QCoreApplication) -> EnglishPlurals:
    """Install once per application; the translator lives as long as the application."""
    found = _INSTALLED.get(id(app))
    if found is not None and found.parent() is app:
        return found
    translator = _INSTALLED[id(app)] = EnglishPlurals(app)
    app.installTranslator(translator)
    return translator


# The translator installed in each application (by the application's id: findChild would make
# Python objects of the application's other children, the style among them, at every start).
_INSTALLED: dict[int, EnglishPlurals] = {}
