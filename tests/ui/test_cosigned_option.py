"""The editor's co-signers option: the preview prints the committed organisations as soon as it
is ticked, saving keeps the choice with the letter, and "Issue…" keeps an issue and says who
joined and withdrew."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from organiser import store
from organiser.models import CosignedBy, CosignedOrder
from organiser.services import letters, statement_issues
from organiser.ui.letters import cosigned_option
from organiser.ui.letters.editor import LetterEditor
from organiser.ui.pages.letters import LettersPage
from tests.statement_world import make_statement_world
from tests.ui.helpers import built


def _editor(qtbot: QtBot, engine: Engine, letter_id: int) -> LetterEditor:
    with store.transaction(engine) as session:
        view = letters.get_letter(session, letter_id)
    editor = LetterEditor(engine, view)
    qtbot.addWidget(editor)
    qtbot.waitUntil(editor.preview_ready, timeout=30_000)
    return editor


def test_the_option_is_shown_previewed_and_saved(qtbot: QtBot, engine: Engine) -> None:
    world = make_statement_world(engine, count=3)
    editor = _editor(qtbot, engine, world.letter_id)
    assert editor.cosigned.signed.isChecked()
    editor.cosigned.signed.setChecked(False)
    qtbot.waitUntil(editor.preview_ready, timeout=30_000)
    editor.cosigned.signed.setChecked(True)
    editor.cosigned.order.setCurrentIndex(editor.cosigned.order.findData("name"))
    qtbot.waitUntil(editor.preview_ready, timeout=30_000)
    assert len(editor.preview.pages) == 1
    editor.submit()
    saved = editor.result_value
    assert saved is not None
    with store.transaction(engine) as session:
        stored = letters.get_letter(session, world.letter_id)
    assert (stored.cosigned_by, stored.cosigned_order) == (CosignedBy.COMMITTED, CosignedOrder.NAME)


def test_issue_keeps_the_issue_and_says_so(
    qtbot: QtBot, engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    world = make_statement_world(engine, count=2)
    editor = _editor(qtbot, engine, world.letter_id)
    said: list[str] = []
    monkeypatch.setattr(cosigned_option, "show_info", lambda _p, _t, text: said.append(text))
    target = tmp_path / "issue.pdf"
    assert cosigned_option.issue_statement(editor, engine, world.letter_id, str(target))
    assert target.read_bytes().startswith(b"%PDF")
    assert said and "Issue 1" in said[0]
    with store.transaction(engine) as session:
        assert len(statement_issues.list_issues(session, world.letter_id)) == 1


def test_the_letters_page_issues_the_highlighted_statement(
    qtbot: QtBot, engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    world = make_statement_world(engine, count=2)
    page = LettersPage(engine)
    qtbot.addWidget(page)
    built(qtbot, page)
    target = tmp_path / "page-issue.pdf"
    said: list[str] = []
    monkeypatch.setattr(cosigned_option, "show_info", lambda _p, _t, text: said.append(text))
    monkeypatch.setattr(
        cosigned_option.QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(target), "")
    )
    monkeypatch.setattr(page.table, "selected", lambda: _view(engine, world.letter_id))
    page.issue_action.trigger()
    assert target.exists() and said and "Issue 1" in said[0]


def _view(engine: Engine, letter_id: int) -> letters.LetterView:
    with store.transaction(engine) as session:
        return letters.get_letter(session, letter_id)
