"""The letter editor's language versions with qtbot on a demo database: each language marked
missing or out of date, a version typed and saved with the letter, Mark as current."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from organiser import store
from organiser.services import letter_versions
from organiser.services.letter_versions import VersionState
from organiser.ui.letters.editor import LetterEditor
from tests.ui.test_letters_page import DRAFT_ID, demo_engine, get, open_editor

__all__ = ["demo_engine"]


def _saved(engine: Engine) -> letter_versions.LetterVersions:
    with store.transaction(engine) as session:
        return letter_versions.list_versions(session, DRAFT_ID)


def _type_version(editor: LetterEditor, language: str, subject: str, body: str) -> None:
    panel = editor.versions
    panel.add_language(language)
    panel.version_subject.setText(subject)
    panel.version_subject.textEdited.emit(subject)
    panel.version_body.setPlainText(body)


def test_a_version_typed_in_the_panel_is_saved_with_the_letter(
    qtbot: QtBot, demo_engine: Engine
) -> None:
    editor = open_editor(qtbot, demo_engine)
    _type_version(editor, "fr", "Libérez-les", "Chers camarades")
    assert editor.versions.state("fr") is VersionState.UP_TO_DATE
    assert editor.submit(), editor.general_error.text()
    saved = _saved(demo_engine).version("fr")
    assert saved is not None and (saved.subject, saved.body) == ("Libérez-les", "Chers camarades")
    assert saved.state is VersionState.UP_TO_DATE


def test_a_version_goes_out_of_date_as_the_original_is_typed_and_is_marked_current(
    qtbot: QtBot, demo_engine: Engine
) -> None:
    with store.transaction(demo_engine, write=True) as session:
        letter_versions.set_version(session, DRAFT_ID, "de", "Freiheit", "Liebe Kollegen")
    editor = open_editor(qtbot, demo_engine, DRAFT_ID)
    panel = editor.versions
    assert panel.state("de") is VersionState.UP_TO_DATE
    editor.body.setPlainText(editor.body.toPlainText() + "\n\nOne more paragraph.")
    assert panel.state("de") is VersionState.OUT_OF_DATE
    qtbot.waitUntil(lambda: "out of date" in panel.languages.item(0).text())
    panel.languages.setCurrentRow(0)
    assert panel.current_button.isEnabled()
    panel.current_button.click()
    assert panel.state("de") is VersionState.UP_TO_DATE
    assert editor.submit(), editor.general_error.text()
    assert _saved(demo_engine).version("de").state is VersionState.UP_TO_DATE


def test_a_bad_version_is_refused_at_the_panel_and_nothing_saved(
    qtbot: QtBot, demo_engine: Engine
) -> None:
    editor = open_editor(qtbot, demo_engine)
    _type_version(editor, "xx", "S", "B")
    assert not editor.submit()
    assert "xx" in editor.error_text("versions")
    assert get(demo_engine, DRAFT_ID).version == editor.letter.version  # nothing saved
    editor.versions.remove_shown()
    assert editor.versions.state("xx") is VersionState.MISSING
    assert editor.submit()
    assert _saved(demo_engine).versions == ()


def test_the_preview_shows_the_version_chosen_with_its_printed_words(
    qtbot: QtBot, demo_engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The preview's choice offers each version written; choosing one renders its subject and
    body with the dates and labels in its language; editing it renders again."""
    with store.transaction(demo_engine, write=True) as session:
        letter_versions.set_version(
            session, DRAFT_ID, "fr", "Libérez les dirigeants", "Chers camarades, la grève continue."
        )
    editor = open_editor(qtbot, demo_engine, DRAFT_ID)
    shown: list[bytes] = []
    monkeypatch.setattr(editor.preview, "show_pdf", shown.append)
    choice = editor.preview_language
    assert [choice.itemData(n) for n in range(choice.count())] == ["", "fr"]
    choice.setCurrentIndex(choice.findData("fr"))
    qtbot.waitUntil(lambda: editor.preview_ready() and bool(shown), timeout=30_000)
    text = _text(shown[-1])
    assert "Libérez les dirigeants" in text and "la grève continue" in text
    assert "Copie à" in text and "Page 1 sur 1" in text  # its printed words: French
    editor.versions.show_language("fr")
    editor.versions.version_body.setPlainText("Chers camarades, la lutte continue.")
    qtbot.waitUntil(lambda: editor.preview_ready() and "lutte" in _text(shown[-1]), timeout=30_000)
    choice.setCurrentIndex(choice.findData(""))
    qtbot.waitUntil(
        lambda: editor.preview_ready() and "lutte" not in _text(shown[-1]), timeout=30_000
    )


def _text(pdf: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
