"""Nothing typed is lost: closing a changed form asks, and an open form keeps a draft on disk."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from organiser import store
from organiser.services import campaigns, demo, drafts, letters
from organiser.ui import draft_forms
from organiser.ui.dialogs import form as form_module
from organiser.ui.dialogs.campaign_form import CampaignForm
from organiser.ui.dialogs.form import RecordForm
from organiser.ui.dialogs.messages import Answer
from organiser.ui.letters.editor import LetterEditor

WAIT_MS = 15000  # the draft is written about 2.5 s after the last change


@pytest.fixture(autouse=True)
def _never_block(monkeypatch: pytest.MonkeyPatch) -> None:
    """A changed form still open when the test ends is closed by pytest-qt: it must not wait
    for an answer nobody gives."""
    monkeypatch.setattr(form_module, "ask_discard_changes", lambda _parent, _title: Answer.DISCARD)


def answer_with(monkeypatch: pytest.MonkeyPatch, answer: Answer) -> list[str]:
    """Patch the Discard-changes question; returns the titles it was asked with."""
    asked: list[str] = []

    def ask(_parent: object, title: str) -> Answer:
        asked.append(title)
        return answer

    monkeypatch.setattr(form_module, "ask_discard_changes", ask)
    return asked


def open_form(qtbot: QtBot, form: RecordForm) -> RecordForm:
    qtbot.addWidget(form)
    form.show()
    return form


def typed_form(qtbot: QtBot, engine: Engine, text: str, field: str = "title") -> CampaignForm:
    """A new-campaign form on screen with `text` typed into one field."""
    form = CampaignForm(engine)
    open_form(qtbot, form)
    qtbot.keyClicks(form.field(field), text)
    return form


def draft_rows(db_path: Path) -> list[tuple[str, str, str]]:
    """The draft table as the file on disk holds it: (key, label, payload)."""
    with sqlite3.connect(db_path) as raw:
        return raw.execute("SELECT key, label, payload FROM draft").fetchall()


def saved_titles(engine: Engine) -> list[str]:
    with store.transaction(engine) as session:
        return [c.title for c in campaigns.list_campaigns(session)]


def test_esc_on_a_changed_form_asks_and_cancel_goes_back_to_the_text(
    qtbot: QtBot, engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked = answer_with(monkeypatch, Answer.CANCEL)
    form = typed_form(qtbot, engine, "Free the jailed leaders")
    qtbot.keyClick(form, Qt.Key.Key_Escape)
    assert asked == ["New campaign"]
    assert form.isVisible()
    assert form.title_edit.text() == "Free the jailed leaders"


def test_discard_closes_the_changed_form_and_saves_nothing(
    qtbot: QtBot, engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked = answer_with(monkeypatch, Answer.DISCARD)
    form = typed_form(qtbot, engine, "Gone")
    form.close()  # the window's close button
    assert asked == ["New campaign"]
    assert not form.isVisible()
    assert saved_titles(engine) == []


def test_an_unchanged_form_closes_without_asking(
    qtbot: QtBot, engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked = answer_with(monkeypatch, Answer.CANCEL)
    form = typed_form(qtbot, engine, "x")
    qtbot.keyClick(form.field("title"), Qt.Key.Key_Backspace)  # back as it opened
    qtbot.keyClick(form, Qt.Key.Key_Escape)
    assert asked == []
    assert not form.isVisible()


def test_save_in_the_question_saves_or_stays_open_on_an_error(
    qtbot: QtBot, engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    answer_with(monkeypatch, Answer.SAVE)
    form = typed_form(qtbot, engine, "The ministry", "target")  # no title: refused
    qtbot.keyClick(form, Qt.Key.Key_Escape)
    assert form.isVisible()
    assert form.error_text("title")
    qtbot.keyClicks(form.field("title"), "Kept")
    qtbot.keyClick(form, Qt.Key.Key_Escape)
    assert not form.isVisible()
    assert saved_titles(engine) == ["Kept"]


def test_a_draft_reaches_the_database_file_after_typing_and_saving_removes_it(
    qtbot: QtBot, engine: Engine, db_path: Path
) -> None:
    form = typed_form(qtbot, engine, "Solidarity with the dockers")
    form.demands.add_demand("Reinstate the sacked")
    qtbot.waitUntil(lambda: len(draft_rows(db_path)) == 1, timeout=WAIT_MS)
    key, label, payload = draft_rows(db_path)[0]
    assert key.startswith("campaign:new:")
    assert label == "New campaign “Solidarity with the dockers”"
    assert json.loads(payload)["demands"] == ["Reinstate the sacked"]
    qtbot.mouseClick(
        form.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
    )
    assert saved_titles(engine) == ["Solidarity with the dockers"]
    assert draft_rows(db_path) == []


def test_discarding_the_changes_removes_the_draft(
    qtbot: QtBot, engine: Engine, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    answer_with(monkeypatch, Answer.DISCARD)
    form = typed_form(qtbot, engine, "Second thoughts")
    qtbot.waitUntil(lambda: len(draft_rows(db_path)) == 1, timeout=WAIT_MS)
    qtbot.keyClick(form, Qt.Key.Key_Escape)
    assert draft_rows(db_path) == []


def kept_drafts(engine: Engine) -> list[drafts.DraftView]:
    with store.transaction(engine) as session:
        return drafts.list_drafts(session)


def test_a_letter_draft_restores_its_pickers_date_and_body_into_a_new_editor(
    qtbot: QtBot, engine: Engine, db_path: Path
) -> None:
    with store.transaction(engine) as session:
        demo.load_demo(session)
        letter = letters.get_letter(session, 3)
    editor = open_form(qtbot, LetterEditor(engine, letter))
    assert isinstance(editor, LetterEditor)
    editor.subject.setText("Солидарность с бастующими")
    editor.body.setPlainText("Dear comrades,\n\n- one")
    editor.signatories.set_refs([("person", 2), ("person", 1)])
    editor.letter_date.set_value(None)
    qtbot.waitUntil(lambda: len(draft_rows(db_path)) == 1, timeout=WAIT_MS)
    typed = editor.fields()
    (draft,) = kept_drafts(engine)
    assert draft.key == "letter:3" and draft.record_id == 3

    again = draft_forms.reopen(engine, draft, editor)
    assert isinstance(again, LetterEditor)
    assert again.fields() == typed
    assert again.has_changes()
    again.deleteLater()


def test_a_draft_of_a_deleted_record_is_offered_as_a_new_one(
    qtbot: QtBot, engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    with store.transaction(engine) as session:
        view = campaigns.create_campaign(session, campaigns.CampaignFields(title="Old"))
    form = open_form(qtbot, CampaignForm(engine, view))
    form.title_edit.setText("Renamed before the crash")
    qtbot.waitUntil(lambda: len(kept_drafts(engine)) == 1, timeout=WAIT_MS)
    (draft,) = kept_drafts(engine)
    with store.transaction(engine) as session:
        campaigns.delete_campaign(session, view.id)
    told: list[str] = []
    monkeypatch.setattr(
        draft_forms, "ask_restore_as_new", lambda _p, _t, message: told.append(message) or True
    )

    again = draft_forms.reopen(engine, draft, form)
    assert isinstance(again, CampaignForm)
    assert "deleted" in told[0]
    assert again.campaign is None
    assert again.title_edit.text() == "Renamed before the crash"
    assert [d.key for d in kept_drafts(engine)] != [draft.key]
    again.deleteLater()
