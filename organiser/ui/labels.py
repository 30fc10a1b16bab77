"""The window's words for the domain's enumerated values (a kind, a status, a channel), through
Qt's translation: the models give the English label, the window shows it in the user's language.

Every label is listed here so that `pyside6-lupdate` finds it; a test checks none is missing.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from organiser.enums import LabelledEnum

E = TypeVar("E", bound=LabelledEnum)

CONTEXT = "EnumLabel"

LABELS = (
    QT_TRANSLATE_NOOP("EnumLabel", "Rally"),
    QT_TRANSLATE_NOOP("EnumLabel", "Strike"),
    QT_TRANSLATE_NOOP("EnumLabel", "Hunger strike"),
    QT_TRANSLATE_NOOP("EnumLabel", "Global day of action"),
    QT_TRANSLATE_NOOP("EnumLabel", "March"),
    QT_TRANSLATE_NOOP("EnumLabel", "Vigil"),
    QT_TRANSLATE_NOOP("EnumLabel", "Meeting"),
    QT_TRANSLATE_NOOP("EnumLabel", "Court hearing"),
    QT_TRANSLATE_NOOP("EnumLabel", "Court ruling"),
    QT_TRANSLATE_NOOP("EnumLabel", "Appeal"),
    QT_TRANSLATE_NOOP("EnumLabel", "Police raid"),
    QT_TRANSLATE_NOOP("EnumLabel", "Arrest"),
    QT_TRANSLATE_NOOP("EnumLabel", "Deadline"),
    QT_TRANSLATE_NOOP("EnumLabel", "Online action"),
    QT_TRANSLATE_NOOP("EnumLabel", "Other"),
    QT_TRANSLATE_NOOP("EnumLabel", "Planned"),
    QT_TRANSLATE_NOOP("EnumLabel", "Confirmed"),
    QT_TRANSLATE_NOOP("EnumLabel", "Happened"),
    QT_TRANSLATE_NOOP("EnumLabel", "Cancelled"),
    QT_TRANSLATE_NOOP("EnumLabel", "Active"),
    QT_TRANSLATE_NOOP("EnumLabel", "Won"),
    QT_TRANSLATE_NOOP("EnumLabel", "Closed"),
    QT_TRANSLATE_NOOP("EnumLabel", "Email"),
    QT_TRANSLATE_NOOP("EnumLabel", "Post"),
    QT_TRANSLATE_NOOP("EnumLabel", "Registered post"),
    QT_TRANSLATE_NOOP("EnumLabel", "Fax"),
    QT_TRANSLATE_NOOP("EnumLabel", "By hand"),
    QT_TRANSLATE_NOOP("EnumLabel", "Pledged"),
    QT_TRANSLATE_NOOP("EnumLabel", "In progress"),
    QT_TRANSLATE_NOOP("EnumLabel", "Fulfilled"),
    QT_TRANSLATE_NOOP("EnumLabel", "Withdrawn"),
    QT_TRANSLATE_NOOP("EnumLabel", "Solidarity letter"),
    QT_TRANSLATE_NOOP("EnumLabel", "Protest letter"),
    QT_TRANSLATE_NOOP("EnumLabel", "Statement"),
    QT_TRANSLATE_NOOP("EnumLabel", "Resolution"),
    QT_TRANSLATE_NOOP("EnumLabel", "Press release"),
    QT_TRANSLATE_NOOP("EnumLabel", "Draft"),
    QT_TRANSLATE_NOOP("EnumLabel", "Approved"),
    QT_TRANSLATE_NOOP("EnumLabel", "Sent"),
    QT_TRANSLATE_NOOP("EnumLabel", "Answered"),
    QT_TRANSLATE_NOOP("EnumLabel", "Global union federation"),
    QT_TRANSLATE_NOOP("EnumLabel", "National centre"),
    QT_TRANSLATE_NOOP("EnumLabel", "Union"),
    QT_TRANSLATE_NOOP("EnumLabel", "Government"),
    QT_TRANSLATE_NOOP("EnumLabel", "Employer"),
    QT_TRANSLATE_NOOP("EnumLabel", "International body"),
    QT_TRANSLATE_NOOP("EnumLabel", "International confederation"),
    QT_TRANSLATE_NOOP("EnumLabel", "Target"),
    QT_TRANSLATE_NOOP("EnumLabel", "Ally"),
    QT_TRANSLATE_NOOP("EnumLabel", "To"),
    QT_TRANSLATE_NOOP("EnumLabel", "Cc"),
    QT_TRANSLATE_NOOP("EnumLabel", "Arrested"),
    QT_TRANSLATE_NOOP("EnumLabel", "Charged"),
    QT_TRANSLATE_NOOP("EnumLabel", "Detained"),
    QT_TRANSLATE_NOOP("EnumLabel", "Sentenced"),
    QT_TRANSLATE_NOOP("EnumLabel", "Dismissed"),
    QT_TRANSLATE_NOOP("EnumLabel", "On hunger strike"),
    QT_TRANSLATE_NOOP("EnumLabel", "Released"),
    QT_TRANSLATE_NOOP("EnumLabel", "On trial"),
    QT_TRANSLATE_NOOP("EnumLabel", "Acquitted"),
    QT_TRANSLATE_NOOP("EnumLabel", "Day"),
    QT_TRANSLATE_NOOP("EnumLabel", "Month"),
    QT_TRANSLATE_NOOP("EnumLabel", "Organiser"),
    QT_TRANSLATE_NOOP("EnumLabel", "Striking union"),
    # Who co-signs a statement, and in which order (CosignedBy, CosignedOrder)
    QT_TRANSLATE_NOOP("EnumLabel", "None"),
    QT_TRANSLATE_NOOP("EnumLabel", "Committed"),
    QT_TRANSLATE_NOOP("EnumLabel", "Country"),
    QT_TRANSLATE_NOOP("EnumLabel", "Name"),
    QT_TRANSLATE_NOOP("EnumLabel", "Target"),
    QT_TRANSLATE_NOOP("EnumLabel", "Raided"),
)


def enum_label(member: LabelledEnum) -> str:
    """`member`'s label in the user's language: “Pledged”, “Engagé”, “약속함”."""
    return QCoreApplication.translate(CONTEXT, member.label)


def named(members: Iterable[E], text: str) -> tuple[E, ...]:
    """The members whose label in the user's language holds `text` (for a filter box that
    matches a column of them as shown); none for no text."""
    folded = text.strip().casefold()
    return tuple(m for m in members if folded and folded in enum_label(m).casefold())
