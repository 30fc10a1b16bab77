"""The Letters page and editor driven with qtbot on a demo database: preview, register, sending."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPushButton
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from organiser import store
from organiser.config import get_setting
from organiser.models import LetterStatus
from organiser.services import demo, letters
from organiser.ui.letters import pdf_settings
from organiser.ui.letters.campaign_tab import CampaignLettersTab
from organiser.ui.letters.dialogs import ReplyDialog, SentDialog
from organiser.ui.letters.editor import LetterEditor
from organiser.ui.pages import letters as letters_page
from organiser.ui.pages.letters import LettersPage
from tests.ui.helpers import built, drive_form, pick

DRAFT_ID = 3  # demo: the Kazakh protest letter, a draft


@pytest.fixture
def demo_engine(engine: Engine) -> Engine:
    with store.transaction(engine) as session:
        demo.load_demo(session)
    return engine


def get(engine: Engine, letter_id: int) -> letters.LetterView:
    with store.transaction(engine) as session:
        return letters.get_letter(session, letter_id)


def open_editor(qtbot: QtBot, engine: Engine, letter_id: int | None = DRAFT_ID) -> LetterEditor:
    view = get(engine, letter_id) if letter_id else None
    editor = LetterEditor(engine, view)
    qtbot.addWidget(editor)
    # the first page is rendered off the GUI thread, by a worker that may start slowly
    qtbot.waitUntil(editor.preview_ready, timeout=30_000)
    return editor


def test_editor_preview_follows_typing(qtbot: QtBot, demo_engine: Engine) -> None:
    """Typing restarts the preview timer; the page shown is redrawn from the typed text."""
    editor = open_editor(qtbot, demo_engine)
    assert len(editor.preview.pages) == 1 and editor.preview.message.isHidden()
    before = editor.preview.pages[0].pixmap().cacheKey()
    editor.body.moveCursor(editor.body.textCursor().MoveOperation.End)
    qtbot.keyClicks(editor.body, " With R&D <b> staff.")  # QTest types ASCII only
    editor.body.insertPlainText(" 한상균")
    qtbot.waitUntil(lambda: editor.preview.pages[0].pixmap().cacheKey() != before)
    assert editor.preview.message.isHidden()


def test_preview_names_a_character_no_font_has(qtbot: QtBot, demo_engine: Engine) -> None:
    editor = open_editor(qtbot, demo_engine)
    editor.body.setPlainText("A sign: \U00013000")
    editor.update_preview()
    qtbot.waitUntil(editor.preview_ready, timeout=30_000)
    assert not editor.preview.message.isHidden()
    assert "U+13000" in editor.preview.message.text()


def test_missing_font_message_names_the_real_place_to_add_one(
    qtbot: QtBot, demo_engine: Engine
) -> None:
    """The message's path through the window is made of the labels the window really shows."""
    editor = open_editor(qtbot, demo_engine)
    editor.body.setPlainText("A sign: \U00013000")
    editor.update_preview()
    qtbot.waitUntil(editor.preview_ready, timeout=30_000)
    message = editor.preview.message.text()
    page = LettersPage(demo_engine)
    qtbot.addWidget(page)
    built(qtbot, page)
    dialog = pdf_settings.PdfSettingsDialog(page)
    qtbot.addWidget(dialog)
    add_button = next(b for b in dialog.findChildren(QPushButton) if b.text() == "Add font…")
    place = f"on the {page.title} page, {page.settings_action.text()} > Extra fonts > "
    assert place + add_button.text() in message
    assert "pdf.extra_fonts" in message and "organiser --help" in message


def test_errors_show_at_the_field_and_typed_text_stays(qtbot: QtBot, demo_engine: Engine) -> None:
    editor = open_editor(qtbot, demo_engine, None)
    editor.body.setPlainText("Dear friends,")
    editor.campaign.setCurrentIndex(1)
    qtbot.mouseClick(
        editor.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
    )
    assert "Subject is required" in editor.error_text("subject")
    assert editor.result() != QDialog.DialogCode.Accepted
    assert editor.body.toPlainText() == "Dear friends,"


def test_new_letter_is_saved_with_its_people(qtbot: QtBot, demo_engine: Engine) -> None:
    editor = open_editor(qtbot, demo_engine, None)
    editor.campaign.setCurrentIndex(1)
    pick(editor.sender_combo, 1)
    qtbot.keyClicks(editor.subject, "Solidarity & <support>")
    editor.body.setPlainText("Dear **comrades**,\n\n- one\n- two")
    editor.signatories.set_checked(("person", 1))
    editor.to.set_checked(("org", 2))
    editor.cc.set_checked(("org", 4))
    editor.submit()
    saved = editor.result_value
    assert saved is not None
    stored = get(demo_engine, saved.id)
    assert stored.subject == "Solidarity & <support>"
    assert [p.ref for p in stored.to] == [("org", 2)] and [p.ref for p in stored.cc] == [("org", 4)]
    assert [p.ref for p in stored.signatories] == [("person", 1)]


def test_register_filters(qtbot: QtBot, demo_engine: Engine) -> None:
    page = LettersPage(demo_engine)
    qtbot.addWidget(page)
    built(qtbot, page)
    assert page.table.model.rowCount() == 4  # three letters and the Korea resolution
    bar = page.filter_bar
    assert bar is not None
    bar.status.setCurrentIndex(bar.status.findData("answered"))
    assert [r.id for r in page.table.model.rows()] == [2]
    bar.status.setCurrentIndex(0)
    bar.awaiting.setChecked(True)
    assert [r.id for r in page.table.model.rows()] == [1]
    bar.awaiting.setChecked(False)
    bar.kind.setCurrentIndex(bar.kind.findData("protest-letter"))
    assert {r.id for r in page.table.model.rows()} == {2, 3}
    bar.date_from.set_value(get(demo_engine, 3).letter_date)
    assert [r.id for r in page.table.model.rows()] == [3]


def select(page: LettersPage, letter_id: int) -> None:
    assert page.table.select_where(lambda row: row.id == letter_id)


def test_mark_sent_then_reply_updates_the_register(
    qtbot: QtBot, demo_engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = LettersPage(demo_engine)
    qtbot.addWidget(page)
    built(qtbot, page)
    select(page, DRAFT_ID)

    def fill_sent(form: SentDialog) -> None:
        form.channel.setCurrentIndex(form.channel.findData("registered-post"))
        form.tracking.setText("RR555CH")

    drive_form(monkeypatch, qtbot, SentDialog, fill_sent)
    page.sent_action.trigger()
    sent = get(demo_engine, DRAFT_ID)
    assert sent.status is LetterStatus.SENT and sent.tracking_number == "RR555CH"
    assert sent.pdf_id is not None  # the PDF that went out is kept
    assert page.table.selected().status is LetterStatus.SENT

    drive_form(monkeypatch, qtbot, ReplyDialog, lambda form: form.note.setText("Answered"))
    page.reply_action.trigger()
    answered = get(demo_engine, DRAFT_ID)
    assert answered.status is LetterStatus.ANSWERED and answered.reply_note == "Answered"
    assert not page.edit_action.isEnabled()  # what went out is not edited


def test_duplicate_makes_a_new_draft(qtbot: QtBot, demo_engine: Engine) -> None:
    page = LettersPage(demo_engine)
    qtbot.addWidget(page)
    built(qtbot, page)
    select(page, 2)
    page.duplicate_action.trigger()
    copy = page.table.selected()
    assert copy.id not in (1, 2, 3) and copy.status is LetterStatus.DRAFT
    assert copy.subject == get(demo_engine, 2).subject


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
def test_export_pdf_writes_the_file_and_keeps_it(
    qtbot: QtBot, demo_engine: Engine, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    page = LettersPage(demo_engine)
    qtbot.addWidget(page)
    built(qtbot, page)
    select(page, DRAFT_ID)
    target = tmp_path / "letter.pdf"
    monkeypatch.setattr(
        letters_page.QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "")
    )
    infos: list[str] = []
    monkeypatch.setattr(letters_page, "show_info", lambda _p, _t, text: infos.append(text))
    page.pdf_action.trigger()
    text = subprocess.run(["pdftotext", str(target), "-"], capture_output=True, text=True).stdout
    assert "Құдайбергенов" in text and infos
    assert get(demo_engine, DRAFT_ID).pdf_id is not None


def test_print_goes_through_the_print_dialog(
    qtbot: QtBot, demo_engine: Engine, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    page = LettersPage(demo_engine)
    qtbot.addWidget(page)
    built(qtbot, page)
    select(page, DRAFT_ID)
    target = tmp_path / "printed.pdf"

    def fake_exec(dialog: Any) -> int:
        printer: QPrinter = dialog.printer()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(target))
        return int(QDialog.DialogCode.Accepted)

    monkeypatch.setattr(QPrintDialog, "exec", fake_exec)
    page.print_action.trigger()
    assert target.exists() and target.stat().st_size > 1000


def test_campaign_tab_lists_its_letters(qtbot: QtBot, demo_engine: Engine) -> None:
    tab = CampaignLettersTab(demo_engine)
    qtbot.addWidget(tab)
    campaign_id = get(demo_engine, DRAFT_ID).campaign_id
    tab.show_record(campaign_id)
    assert [row.id for row in tab.table.model.rows()] == [DRAFT_ID]
    tab.show_record(None)
    assert tab.table.model.rowCount() == 0 and not tab.new_button.isEnabled()


def test_pdf_settings_refuse_a_bad_font_and_keep_a_good_one(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    errors: list[str] = []
    monkeypatch.setattr(pdf_settings, "show_error", lambda _p, _t, text: errors.append(text))
    dialog = pdf_settings.PdfSettingsDialog()
    qtbot.addWidget(dialog)
    not_a_font = tmp_path / "notes.ttf"
    not_a_font.write_text("not a font")
    assert not dialog.add_font(str(not_a_font)) and "cannot be embedded" in errors[0]
    good = next(Path("/usr/share/fonts").rglob("DejaVuSans.ttf"))
    assert dialog.add_font(str(good))
    dialog.paper.setCurrentIndex(dialog.paper.findData("letter"))
    dialog.save()
    assert get_setting("pdf.extra_fonts") == [str(good)]
    assert get_setting("pdf.paper") == "letter"


def test_editor_keeps_a_scanned_signature_and_shows_it(
    qtbot: QtBot, demo_engine: Engine, tmp_path: Path
) -> None:
    from PIL import Image

    from organiser.models import Person

    image = tmp_path / "signature.png"
    Image.new("RGB", (240, 80), (20, 20, 120)).save(image)
    editor = open_editor(qtbot, demo_engine)
    signer_id = editor.signatories.refs()[0][1]
    before = editor.preview.pages[0].pixmap().cacheKey()
    for row in range(editor.signatories.count()):
        if editor.signatories.item(row).data(Qt.ItemDataRole.UserRole)[1] == signer_id:
            editor.signatories.setCurrentRow(row)
    editor.set_image("signature", str(image))
    qtbot.waitUntil(editor.preview_ready, timeout=30_000)
    with store.transaction(demo_engine) as session:
        person = session.get(Person, signer_id)
        assert person is not None and person.signature_id is not None
    assert editor.preview.pages[0].pixmap().cacheKey() != before


def test_export_all_shown_writes_one_pdf_per_letter_in_the_background(
    qtbot: QtBot, demo_engine: Engine, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    page = LettersPage(demo_engine)
    qtbot.addWidget(page)
    built(qtbot, page)
    bar = page.filter_bar
    assert bar is not None
    bar.kind.setCurrentIndex(bar.kind.findData("protest-letter"))  # letters 2 and 3
    from PySide6.QtWidgets import QFileDialog

    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *_a, **_k: str(tmp_path))
    told: list[str] = []
    monkeypatch.setattr(letters_page, "show_info", lambda _p, _t, message: told.append(message))
    page.export_all_action.trigger()
    qtbot.waitUntil(lambda: bool(told), timeout=20000)
    files = sorted(tmp_path.glob("*.pdf"))
    assert [f.name.split("-")[1] for f in files] == ["2", "3"]
    texts = [
        subprocess.run(["pdftotext", str(f), "-"], capture_output=True, text=True).stdout
        for f in files
    ]
    assert "Release Han Sang-gyun and Cho Sung-deok" in texts[0]
    assert "Құдайбергенов" in texts[1]
    assert told == [f"2 letters written to {tmp_path}."]


def test_a_reply_recorded_with_its_file_can_be_saved_out_again(
    qtbot: QtBot, demo_engine: Engine, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    page = LettersPage(demo_engine)
    qtbot.addWidget(page)
    built(qtbot, page)
    select(page, 1)  # demo: sent, awaiting a reply
    assert not page.reply_file_action.isEnabled()
    scan = tmp_path / "reply-scan.pdf"
    scan.write_bytes(b"%PDF-1.4 the ministry's answer")

    def fill_reply(form: ReplyDialog) -> None:
        form.note.setText("The ministry answered")
        form.file.path.setText(str(scan))

    drive_form(monkeypatch, qtbot, ReplyDialog, fill_reply)
    page.reply_action.trigger()
    assert page.reply_file_action.isEnabled()
    from PySide6.QtWidgets import QFileDialog

    target = tmp_path / "saved" / "answer.pdf"
    target.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(target), ""))
    monkeypatch.setattr(letters_page, "show_info", lambda *_a: None)
    page.reply_file_action.trigger()
    assert target.read_bytes() == scan.read_bytes()


def test_export_of_an_unsigned_letter_without_closing_asks_first_and_cancel_writes_nothing(
    qtbot: QtBot, demo_engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The service's warning is shown before the PDF is made; Cancel makes no PDF, asks no file."""
    with store.transaction(demo_engine) as session:
        made = letters.create_letter(
            session,
            letters.LetterFields(
                kind="statement", campaign_id=1, sender_id=1, subject="Release them",
                body="We demand the release of the strikers.",
            ),
        )  # fmt: skip
    page = LettersPage(demo_engine)
    qtbot.addWidget(page)
    built(qtbot, page)
    select(page, made.id)
    asked: list[str] = []
    monkeypatch.setattr(letters_page, "confirm", lambda _p, _t, text, _a: asked.append(text))
    monkeypatch.setattr(
        letters_page.QFileDialog, "getSaveFileName", lambda *a, **k: pytest.fail("no file asked")
    )
    page.pdf_action.trigger()
    assert asked and "no signatory and no closing" in asked[0]
    assert get(demo_engine, made.id).pdf_id is None
