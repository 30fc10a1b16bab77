"""Soak tests through the real window: the clicks of a week of use must not wear the program out.

A binding release that lost a reference to `None` per Qt call aborted the window after about 135
month changes and on the first "New letter" with 30,000 organisations. These loops drive the same
paths far longer than that and check the reference count of None at the end.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QToolButton
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine, insert

from organiser import store
from organiser.models import Organisation, OrganisationKind
from organiser.services.choices import PAGE
from organiser.services.demo import load_demo
from organiser.ui.letters.editor import LetterEditor
from organiser.ui.main_window import MainWindow
from organiser.ui.pages.calendar import CalendarPage
from organiser.ui.pages.letters import LettersPage

MONTH_CHANGES = 500
EDITOR_OPENINGS = 100
ORGANISATIONS = 5_000
# Python's own work (caches, the garbage collector) moves the count by a few hundred either way;
# with PySide6 6.12.0 the month changes alone lost about 14 references each, 7,000 over the loop.
TOLERANCE = 1_000


@pytest.fixture
def window(qtbot: QtBot, engine: Engine) -> Iterator[MainWindow]:
    with store.transaction(engine) as session:
        load_demo(session)
        session.execute(
            insert(Organisation),
            [
                {
                    "name": f"Union of workers number {n}",
                    "acronym": f"U{n}",
                    "kind": OrganisationKind.UNION,
                    "country": ("KR", "KZ", "FR", "BR", "ZA")[n % 5],
                }
                for n in range(ORGANISATIONS)
            ],
        )
    main = MainWindow(engine)
    qtbot.addWidget(main)
    main.resize(1366, 768)
    main.show()
    yield main


def none_references() -> int:
    return sys.getrefcount(None)


def test_five_hundred_month_changes_in_the_calendar(window: MainWindow, qtbot: QtBot) -> None:
    """Paging the calendar month after month, with the sample campaigns' actions painted."""
    window.show_page(CalendarPage)
    page = window.page(CalendarPage)
    assert isinstance(page, CalendarPage)
    (next_button,) = [b for b in page.findChildren(QToolButton) if b.toolTip() == "Next"]
    first_heading = page.heading.text()
    before = none_references()
    for _ in range(MONTH_CHANGES):
        qtbot.mouseClick(next_button, Qt.MouseButton.LeftButton)
    assert page.heading.text() != first_heading  # 500 months on: the page really moved
    assert none_references() >= before - TOLERANCE


def test_the_letter_editor_opened_and_closed_a_hundred_times(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """'New letter' with 5,000 organisations to pick from, shown, its preview rendered, closed;
    its sender's list, opened, reads a page of them, not all."""
    opened: list[int] = []

    def show_then_close(editor: LetterEditor) -> int:
        editor.sender_combo.open_list()
        opened.append(editor.sender_combo.pages.fetched)
        editor.show()
        qtbot.waitExposed(editor)
        editor.reject()
        editor.deleteLater()
        return int(editor.result())

    monkeypatch.setattr(LetterEditor, "exec", show_then_close)
    window.show_page(LettersPage)
    page = window.page(LettersPage)
    assert isinstance(page, LettersPage)
    before = none_references()
    for _ in range(EDITOR_OPENINGS):
        page.create_record()
        qtbot.wait(1)
    assert len(opened) == EDITOR_OPENINGS
    assert min(opened) > 0 and max(opened) <= PAGE < ORGANISATIONS  # a page, not them all
    assert none_references() >= before - TOLERANCE
