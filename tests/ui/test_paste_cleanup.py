"""Text pasted from a PDF into a letter's body is offered a clean-up, shown before it is applied."""

from __future__ import annotations

from PySide6.QtCore import QMimeData
from PySide6.QtGui import QTextCursor
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from organiser import store
from organiser.services import demo
from tests.ui.test_letters_page import DRAFT_ID, open_editor

FROM_A_PDF = (
    "The federation demands the immediate\n"
    "release of the union's president and\n"
    "of all detained members.\n"
    "\n"
    "• an end to the police raids\n"
    "• the withdrawal of the charges\n"
    "1) reinstatement of the dismissed\n"
    "workers\n"
)
CLEANED = (
    "The federation demands the immediate release of the union's president and of all "
    "detained members.\n\n- an end to the police raids\n- the withdrawal of the charges\n"
    "1. reinstatement of the dismissed workers"
)


def paste(editor_body: object, text: str) -> None:
    mime = QMimeData()
    mime.setText(text)
    editor_body.insertFromMimeData(mime)  # type: ignore[attr-defined]


def test_a_paste_from_a_pdf_is_offered_its_clean_up_and_applied_in_one_click(
    qtbot: QtBot, engine: Engine
) -> None:
    with store.transaction(engine) as session:
        demo.load_demo(session)
    editor = open_editor(qtbot, engine, DRAFT_ID)
    body = editor.body
    body.setPlainText("Dear comrades,\n\n")
    body.moveCursor(QTextCursor.MoveOperation.End)
    paste(body, FROM_A_PDF)
    offer = body.offer
    assert not offer.isHidden()
    assert offer.preview.toPlainText() == CLEANED  # shown before anything is changed
    assert body.toPlainText() == "Dear comrades,\n\n" + FROM_A_PDF
    offer.apply_button.click()
    assert body.toPlainText() == "Dear comrades,\n\n" + CLEANED + "\n"
    assert offer.isHidden()
    body.undo()  # the clean-up is one step
    assert body.toPlainText() == "Dear comrades,\n\n" + FROM_A_PDF


def test_keeping_the_paste_or_a_plain_paste_leaves_the_text_as_pasted(
    qtbot: QtBot, engine: Engine
) -> None:
    with store.transaction(engine) as session:
        demo.load_demo(session)
    editor = open_editor(qtbot, engine, DRAFT_ID)
    body = editor.body
    body.setPlainText("")
    paste(body, "one line only")
    assert body.offer.isHidden()
    paste(body, "\n" + FROM_A_PDF)
    assert not body.offer.isHidden()
    body.offer.keep_button.click()
    assert body.offer.isHidden()
    assert body.toPlainText() == "one line only\n" + FROM_A_PDF


def test_an_offer_goes_once_the_pasted_text_is_changed(qtbot: QtBot, engine: Engine) -> None:
    with store.transaction(engine) as session:
        demo.load_demo(session)
    editor = open_editor(qtbot, engine, DRAFT_ID)
    body = editor.body
    body.setPlainText("")
    paste(body, FROM_A_PDF)
    assert not body.offer.isHidden()
    cursor = body.textCursor()
    cursor.setPosition(5)
    cursor.insertText("X")  # inside the paste: the clean-up would no longer fit it
    assert body.offer.isHidden()
    body.offer.apply_button.click()
    assert body.toPlainText().startswith("The fXederation")
