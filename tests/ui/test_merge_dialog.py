"""The Merge dialog: recipients and output chosen, the pre-flight shown as a table before
anything is written, the run off the GUI thread, and the Letters page's Merge… action."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine, func, select

from organiser import store
from organiser.models import Letter
from organiser.services import letters
from organiser.ui.letters import merge_dialog
from organiser.ui.letters.merge_dialog import MergeDialog
from organiser.ui.pages.letters import LettersPage
from tests.merge_world import MergeWorld, make_world, pdf_text, set_body
from tests.ui.helpers import built

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
BG = Qt.ItemDataRole.BackgroundRole


@pytest.fixture
def messages(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(merge_dialog, "show_info", lambda _p, _t, text: shown.append(text))
    monkeypatch.setattr(merge_dialog, "show_error", lambda _p, _t, text: shown.append(text))
    return shown


@pytest.fixture
def world(engine: Engine) -> MergeWorld:
    return make_world(engine)


def _dialog(qtbot: QtBot, engine: Engine, world: MergeWorld) -> MergeDialog:
    with store.transaction(engine) as session:
        letter = letters.get_letter(session, world.letter_id)
    dialog = MergeDialog(engine, letter)
    qtbot.addWidget(dialog)
    return dialog


def _merged(engine: Engine) -> int:
    with store.transaction(engine) as session:
        return session.scalar(select(func.count()).where(Letter.merged_from_id.is_not(None))) or 0


def test_the_pre_flight_is_shown_before_anything_is_written_then_the_merge_runs(
    qtbot: QtBot, engine: Engine, world: MergeWorld, tmp_path: Path, messages: list[str]
) -> None:
    dialog = _dialog(qtbot, engine, world)
    assert dialog.committed.isChecked()  # one organisation committed: the first choice
    dialog.affiliates.setChecked(True)
    dialog.folder_edit.setText(str(tmp_path / "out"))
    assert not dialog.merge_button.isEnabled()  # not checked yet
    dialog.check()
    qtbot.waitUntil(dialog.settled, timeout=20000)
    model = dialog.model
    assert model.rowCount() == 4
    notes = [model.index(r, 6).data() for r in range(4)]
    assert notes[0] == "3 pages" and notes[3] == "OK"
    assert notes[1] == "No version in ko: the original is used"
    assert notes[2] == "No postal address"
    assert model.index(0, 3).data() == "FR-U001.pdf"
    assert model.index(3, 0).data(BG) is None and model.index(2, 0).data(BG) is not None
    assert dialog.summary.text() == "4 letters, 6 pages; 3 with warnings."
    assert not (tmp_path / "out").exists() and _merged(engine) == 0
    assert dialog.merge_button.isEnabled()
    dialog.merge()
    qtbot.waitUntil(lambda: dialog.result_value is not None, timeout=20000)
    assert _merged(engine) == 4
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "FR-U001.pdf", "GB-U003.pdf", "GB-U004.pdf", "KR-U002.pdf"
    ]  # fmt: skip
    assert "Dear Union 004 Local" in pdf_text(tmp_path / "out" / "GB-U004.pdf")
    assert messages == [
        f"4 letters written to {tmp_path / 'out'}; in the register as "
        "OUR/2026/017-U001 … OUR/2026/017-U004."
    ]


def test_a_refused_template_shows_why_and_cannot_be_merged(
    qtbot: QtBot, engine: Engine, world: MergeWorld, tmp_path: Path
) -> None:
    set_body(engine, world.letter_id, "Dear {{ recipient.shoe_size }}")
    dialog = _dialog(qtbot, engine, world)
    dialog.affiliates.setChecked(True)
    dialog.folder_edit.setText(str(tmp_path / "out"))
    dialog.check()
    qtbot.waitUntil(dialog.settled, timeout=20000)
    assert dialog.model.index(3, 6).data().startswith("Cannot be made: body, line 1:")
    assert "3 cannot be made" in dialog.summary.text()
    assert not dialog.merge_button.isEnabled()


def test_a_change_after_the_check_asks_for_a_new_check(
    qtbot: QtBot, engine: Engine, world: MergeWorld, tmp_path: Path
) -> None:
    dialog = _dialog(qtbot, engine, world)
    dialog.to_file.setChecked(True)
    dialog.file_edit.setText(str(tmp_path / "all"))
    dialog.odd_pages.setChecked(True)
    dialog.check()
    qtbot.waitUntil(dialog.settled, timeout=20000)
    assert dialog.model.columnCount() == 6  # no file names for one combined file
    assert dialog.merge_button.isEnabled()
    dialog.one_by_one.setChecked(True)
    assert not dialog.merge_button.isEnabled() and dialog.model.rowCount() == 0
    dialog.picker.set_refs([("org", world.affiliates[3]), ("org", world.affiliates[0])])
    dialog.check()
    qtbot.waitUntil(dialog.settled, timeout=20000)
    assert (
        dialog.summary.text()
        == "2 letters, 5 pages (1 blank for odd-page starts); 1 with warnings."
    )


def test_nowhere_to_write_is_said_at_once(qtbot: QtBot, engine: Engine, world: MergeWorld) -> None:
    dialog = _dialog(qtbot, engine, world)
    dialog.check()
    assert dialog.summary.text() == "Choose where the letters go." and dialog.settled()


def test_the_letters_page_opens_the_merge_dialog_on_the_selected_letter(
    qtbot: QtBot, engine: Engine, world: MergeWorld, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[MergeDialog] = []
    monkeypatch.setattr(MergeDialog, "exec", lambda self: opened.append(self) or 0)
    page = LettersPage(engine)
    qtbot.addWidget(page)
    built(qtbot, page)
    assert page.merge_action.text() == "Merge…"
    page.table.select_where(lambda row: row.id == world.letter_id)
    assert page.merge_action.isEnabled()
    page.merge_action.trigger()
    assert [dialog.letter.id for dialog in opened] == [world.letter_id]


def test_the_editor_saves_then_opens_the_merge_dialog_on_the_letter_saved(
    qtbot: QtBot, engine: Engine, world: MergeWorld, monkeypatch: pytest.MonkeyPatch
) -> None:
    from organiser.ui.letters.editor import LetterEditor

    with store.transaction(engine) as session:
        letter = letters.get_letter(session, world.letter_id)
    opened: list[Any] = []
    monkeypatch.setattr(MergeDialog, "exec", lambda dialog: opened.append(dialog.letter) or 0)
    editor = LetterEditor(engine, letter)
    qtbot.addWidget(editor)
    editor.subject.setText("Free the Aktau Five, {{ recipient.organisation }}")
    editor.merge_button.click()
    assert editor.result() == QDialog.DialogCode.Accepted
    (merged,) = opened
    assert merged.id == letter.id and merged.subject.startswith("Free the Aktau Five")
    with store.transaction(engine) as session:
        assert letters.get_letter(session, letter.id).subject == merged.subject
