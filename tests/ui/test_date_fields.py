"""Every date field in the window: a day that does not exist is refused at its field with the
reason and kept as typed, never turned into another date; an end before a start likewise."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pytest
from PySide6.QtCore import QDate, QPoint, Qt
from PySide6.QtWidgets import QCalendarWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from organiser import store
from organiser.services import letters
from organiser.services.campaigns import list_campaigns
from organiser.ui.commitments.form import CommitmentForm
from organiser.ui.dialogs.campaign_form import CampaignForm
from organiser.ui.dialogs.fit import free_area
from organiser.ui.dialogs.form import RecordForm
from organiser.ui.dialogs.widgets import OptionalDateEdit
from organiser.ui.letters.dialogs import ReplyDialog, SentDialog
from organiser.ui.letters.editor import LetterEditor
from organiser.ui.letters.filters import LetterFilterBar
from tests.ui.test_letters_page import DRAFT_ID, demo_engine, get

__all__ = ["demo_engine"]  # the letters tests' demo database, a fixture here too


def _letter(engine: Engine) -> letters.LetterView:
    return get(engine, DRAFT_ID)


def _first_campaign(engine: Engine) -> int:
    with store.transaction(engine) as session:
        return list_campaigns(session)[0].id


FORMS: dict[str, Callable[[Engine], RecordForm]] = {
    "campaign": lambda engine: CampaignForm(engine),
    "commitment": lambda engine: CommitmentForm(engine, campaign_id=_first_campaign(engine)),
    "letter": lambda engine: LetterEditor(engine, _letter(engine)),
    "sent": lambda engine: SentDialog(engine, _letter(engine)),
    "reply": lambda engine: ReplyDialog(engine, _letter(engine)),
}
DATE_FIELDS = [
    ("campaign", "start_date"),
    ("campaign", "end_date"),
    ("commitment", "due_date"),
    ("commitment", "fulfilled_on"),
    ("letter", "letter_date"),
    ("sent", "sent_on"),
    ("reply", "received_on"),
]


def _type(qtbot: QtBot, field: OptionalDateEdit, text: str) -> None:
    field.edit.clear()
    qtbot.keyClicks(field.edit, text)


@pytest.mark.parametrize(("form_name", "field_name"), DATE_FIELDS)
@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("2026-02-30", "February 2026 has 28 days"),
        ("2026-13-01", "there is no month 13"),
        ("30.02.2026", "write it as YYYY-MM-DD"),
    ],
)
def test_a_day_that_does_not_exist_is_refused_at_its_field_and_kept(
    qtbot: QtBot, demo_engine: Engine, form_name: str, field_name: str, typed: str, reason: str
) -> None:
    form = FORMS[form_name](demo_engine)
    qtbot.addWidget(form)
    field = form.field(field_name)
    assert isinstance(field, OptionalDateEdit)
    _type(qtbot, field, typed)
    form.submit()
    assert reason in form.error_text(field_name)
    assert field.text() == typed and form.result_value is None and not form.result()


def test_the_field_marks_the_problem_as_it_is_typed_and_the_calendar_picks_iso(
    qtbot: QtBot,
) -> None:
    field = OptionalDateEdit()
    qtbot.addWidget(field)
    changes: list[None] = []
    field.changed.connect(lambda: changes.append(None))
    field.edit.setText("2026-02-29")
    assert "February 2026 has 28 days" in field.edit.toolTip() and changes == []
    assert field.edit.placeholderText() == "YYYY-MM-DD"
    field.edit.setText("2028-02-29")  # a leap year
    assert field.value() == date(2028, 2, 29) and field.edit.toolTip() == "" and changes
    field.open_calendar().clicked.emit(QDate(2026, 3, 5))
    assert field.text() == "2026-03-05"
    field.edit.clear()
    assert field.value() is None


def test_switching_to_a_time_keeps_the_day_and_never_fixes_a_wrong_one(qtbot: QtBot) -> None:
    field = OptionalDateEdit()
    qtbot.addWidget(field)
    field.set_value(date(2026, 11, 14))
    field.set_with_time(True)
    assert field.text() == "2026-11-14 10:00" and "HH:MM" in field.edit.placeholderText()
    field.set_with_time(False)
    assert field.text() == "2026-11-14"
    field.set_text("2026-04-31")
    field.set_with_time(True)
    assert field.text() == "2026-04-31"
    field.set_text("2026-11-14 14:30")
    field.open_calendar().clicked.emit(QDate(2026, 11, 20))
    assert field.text() == "2026-11-20 14:30"  # picking a day keeps the time typed


def test_a_period_filter_with_a_day_that_is_none_does_not_filter(qtbot: QtBot) -> None:
    bar = LetterFilterBar()
    qtbot.addWidget(bar)
    changes: list[None] = []
    bar.changed.connect(lambda: changes.append(None))
    bar.date_from.edit.setText("2026-02-30")
    assert changes == [] and bar.value().date_from is None
    assert "February 2026 has 28 days" in bar.date_from.edit.toolTip()
    bar.date_from.edit.setText("2026-02-28")
    assert changes and bar.value().date_from == date(2026, 2, 28)


def test_a_campaign_ending_before_it_starts_is_refused_at_the_end(
    qtbot: QtBot, engine: Engine
) -> None:
    form = CampaignForm(engine)
    qtbot.addWidget(form)
    form.title_edit.setText("Free the jailed leaders")
    _type(qtbot, form.start, "2026-12-11")
    _type(qtbot, form.end, "2026-12-01")
    form.submit()
    assert "before the start" in form.error_text("end_date")
    assert form.error_text("start_date") == ""
    assert (form.start.text(), form.end.text()) == ("2026-12-11", "2026-12-01")
    assert form.result_value is None


def test_the_letter_preview_says_why_its_date_is_none(qtbot: QtBot, demo_engine: Engine) -> None:
    editor = LetterEditor(demo_engine, _letter(demo_engine))
    qtbot.addWidget(editor)
    editor.letter_date.edit.setText("2026-02-30")
    editor.update_preview()
    qtbot.waitUntil(editor.preview_ready, timeout=30_000)  # rendered off the GUI thread
    assert "February 2026 has 28 days" in editor.preview.message.text()


def test_a_letter_sent_before_its_date_is_refused_at_sent_on(
    qtbot: QtBot, demo_engine: Engine
) -> None:
    letter = _letter(demo_engine)
    assert letter.letter_date is not None
    dialog = SentDialog(demo_engine, letter)
    qtbot.addWidget(dialog)
    typed = (letter.letter_date - timedelta(days=1)).isoformat()
    _type(qtbot, dialog.sent_on, typed)
    dialog.submit()
    assert "before the letter's date" in dialog.error_text("sent_on")
    assert dialog.sent_on.text() == typed and dialog.result_value is None


def test_the_calendar_pops_up_on_the_typed_day_and_goes_once_a_day_is_picked(
    qtbot: QtBot,
) -> None:
    field = OptionalDateEdit()
    qtbot.addWidget(field)
    field.show()
    assert field.findChildren(QCalendarWidget) == []  # none made until asked for
    field.set_text("2026-11-14")
    qtbot.mouseClick(field.pick, Qt.MouseButton.LeftButton)
    (popup,) = field.findChildren(QCalendarWidget)
    assert popup.isVisible() and popup.selectedDate() == QDate(2026, 11, 14)
    popup.clicked.emit(QDate(2026, 11, 21))
    assert field.text() == "2026-11-21"
    qtbot.waitUntil(lambda: field.findChildren(QCalendarWidget) == [])


def test_the_calendar_opens_above_a_field_at_the_foot_of_the_screen(qtbot: QtBot) -> None:
    field = OptionalDateEdit()
    qtbot.addWidget(field)
    field.show()
    area = free_area(field)
    field.move(area.left() + 10, area.bottom() - field.height() - 5)
    qtbot.waitUntil(lambda: field.mapToGlobal(QPoint(0, 0)).y() > area.center().y())
    popup = field.open_calendar()
    assert area.contains(popup.frameGeometry())
    assert popup.geometry().bottom() < field.mapToGlobal(QPoint(0, 0)).y()
