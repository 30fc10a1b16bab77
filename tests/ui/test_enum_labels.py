"""Kinds, statuses and channels are shown in the user's language: every label is listed for the
translators, and the window's tables, combo boxes and filters pass it through translation."""

from __future__ import annotations

import pathlib

from pytestqt.qtbot import QtBot

from organiser import enums
from organiser.enums import CommitmentStatus, LabelledEnum, LetterKind, OrganisationKind
from organiser.ui import labels
from organiser.ui.dialogs.widgets import enum_combo
from organiser.ui.table_model import display
from tests.ui.model_probe import bracketing

UI = pathlib.Path(labels.__file__).parent


def every_member() -> list[LabelledEnum]:
    classes = [
        c
        for c in vars(enums).values()
        if isinstance(c, type) and issubclass(c, LabelledEnum) and c is not LabelledEnum
    ]
    return [member for c in classes for member in c]


def test_every_label_is_listed_for_the_translators() -> None:
    missing = {m.label for m in every_member()} - set(labels.LABELS)
    assert not missing


def test_a_label_goes_through_translation(qtbot: QtBot) -> None:
    assert labels.enum_label(CommitmentStatus.IN_PROGRESS) == "In progress"
    with bracketing():
        assert labels.enum_label(CommitmentStatus.IN_PROGRESS) == "‹In progress›"
        assert display(OrganisationKind.NATIONAL_CENTRE) == "‹National centre›"
        combo = enum_combo(LetterKind)
        qtbot.addWidget(combo)
        assert combo.itemText(0) == "‹Solidarity letter›"
        assert combo.itemData(0) == LetterKind.SOLIDARITY_LETTER.value


def test_the_window_shows_no_label_without_translation() -> None:
    """`.label` (English) is read only by the labels module; elsewhere in the window, labels
    come through `enum_label`."""
    offenders = []
    for path in UI.rglob("*.py"):
        if path.name == "labels.py":
            continue
        for number, line in enumerate(path.read_text().splitlines(), 1):
            for member in ("status.label", "kind.label", "channel.label", "k.label", "s.label"):
                if member in line:
                    offenders.append(f"{path.relative_to(UI)}:{number}: {line.strip()}")
    assert not offenders
