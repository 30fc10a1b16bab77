"""Reminders in the window, driven with pytest-qt on the sample data: the notifier's notice
where there is no system tray (due now, or missed while the program was closed; each told
once; Done and Open), the "Remind me" dialog (at a time, days before, a value refused at its
field with what was typed kept), and "Remind me…" on the Calendar, Commitments and Letters
pages, each saving a reminder of the record selected there."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QDate, QDateTime, Qt, QTime
from PySide6.QtWidgets import QApplication, QSystemTrayIcon
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from organiser import store
from organiser.config import set_setting
from organiser.services import calendar, commitments, letters, reminders
from organiser.services.reminder_view import ReminderView
from organiser.ui.commitments.form import CommitmentForm
from organiser.ui.main_window import MainWindow
from organiser.ui.pages.calendar import AGENDA, CalendarPage
from organiser.ui.pages.commitments import CommitmentsPage
from organiser.ui.pages.dashboard import DashboardPage
from organiser.ui.pages.letters import LettersPage
from organiser.ui.reminders.dialog import ReminderDialog
from organiser.ui.reminders.notice import ReminderNotice
from tests.ui.helpers import dashboard_read, drive_form

ZONE = "Europe/London"


@pytest.fixture(autouse=True)
def _london() -> None:
    """The organiser's zone, so that the times typed and read back are known."""
    set_setting("ui.organiser_timezone", ZONE)


def all_reminders(engine: Engine) -> list[ReminderView]:
    with store.transaction(engine) as session:
        return reminders.list_reminders(session, ZONE, include_done=True)


def add_reminder(engine: Engine, at: datetime, note: str = "", **target: int) -> int:
    with store.transaction(engine, write=True) as session:
        fields = reminders.ReminderFields(at=at, note=note, zone=ZONE, **target)
        return reminders.add_reminder(session, fields).id


def an_hour_ago() -> datetime:
    return datetime.now(UTC).replace(second=0, microsecond=0) - timedelta(hours=1)


def open_window(qtbot: QtBot, engine: Engine) -> MainWindow:
    window = MainWindow(engine)
    qtbot.addWidget(window)
    window.show()
    return window


def shown_notice(qtbot: QtBot, window: MainWindow) -> ReminderNotice:
    qtbot.waitUntil(lambda: window.reminders.notice is not None)
    notice = window.reminders.notice
    assert notice is not None
    qtbot.waitUntil(notice.isVisible)
    return notice


def opened_forms(monkeypatch: pytest.MonkeyPatch, form_class: type[Any]) -> list[Any]:
    opened: list[Any] = []
    monkeypatch.setattr(form_class, "exec", lambda form: opened.append(form) or 0)
    return opened


# The notifier, where the desktop has no system tray


def test_offscreen_has_no_system_tray() -> None:
    """What the notice tests below rely on: without a tray, reminders are told in the window."""
    assert not QSystemTrayIcon.isSystemTrayAvailable()


def test_a_reminder_falling_due_shows_a_notice_beside_the_window_once(
    demo: Engine, window: MainWindow, qtbot: QtBot
) -> None:
    assert window.reminders.notice is None  # nothing was due at start
    key = add_reminder(demo, an_hour_ago(), "ring the lawyer", commitment_id=3)
    assert [r.id for r in window.reminders.check()] == [key]
    notice = shown_notice(qtbot, window)
    assert not notice.isModal() and notice.windowModality() == Qt.WindowModality.NonModal
    assert QApplication.activeModalWidget() is None  # the window can still be used
    assert notice.heading.text() == "Due now:"
    assert notice.reminder_ids() == [key]
    assert "ring the lawyer" in notice.list.item(0).text()
    assert all_reminders(demo)[0].shown_at is not None
    assert window.reminders.check() == []  # told once: not again at the next tick
    assert notice.reminder_ids() == [key]


def test_with_a_system_tray_a_reminder_due_is_its_message_which_opens_the_record(
    demo: Engine, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    told: list[tuple[str, str]] = []
    monkeypatch.setattr(QSystemTrayIcon, "isSystemTrayAvailable", staticmethod(lambda: True))
    monkeypatch.setattr(QSystemTrayIcon, "showMessage", lambda _t, *a: told.append(a[:2]))
    forms = opened_forms(monkeypatch, CommitmentForm)
    add_reminder(demo, an_hour_ago(), "ring them", commitment_id=3)
    assert len(window.reminders.check()) == 1
    assert window.reminders.notice is None  # the tray told it: no notice in the window
    assert len(told) == 1 and "ring them" in told[0][1]
    tray = window.reminders.tray
    assert tray is not None
    tray.messageClicked.emit()
    assert isinstance(window.stack.currentWidget(), CommitmentsPage)
    assert [form.existing.id for form in forms] == [3]


def test_a_reminder_missed_while_closed_is_shown_at_start_and_only_then(
    demo: Engine, qtbot: QtBot
) -> None:
    key = add_reminder(demo, an_hour_ago(), letter_id=1)
    window = open_window(qtbot, demo)
    notice = shown_notice(qtbot, window)
    assert "fell due while the program was closed" in notice.heading.text()
    assert notice.reminder_ids() == [key]
    dashboard = window.stack.currentWidget()
    assert isinstance(dashboard, DashboardPage)
    dashboard_read(dashboard)
    when = dashboard.reminders.list.item(0).text().splitlines()[1]  # 'Fri 4 Dec 09:00'
    with store.transaction(demo) as session:
        subject = letters.get_letter(session, 1).subject
    assert notice.list.item(0).text().splitlines() == [subject, when]  # worded alike
    assert window.reminders.check() == []
    later = add_reminder(demo, an_hour_ago(), commitment_id=3)  # due now, the notice still open
    assert [r.id for r in window.reminders.check()] == [later]
    assert notice.reminder_ids() == [key, later]
    assert notice.heading.text() == "Due now, and 1 that fell due while the program was closed:"
    window.close()
    again = open_window(qtbot, demo)  # the program started again: shown_at says it was told
    assert again.reminders.show_missed() == []
    assert again.reminders.notice is None


def test_done_in_the_notice_marks_the_reminder_done_and_the_badge_follows(
    demo: Engine, qtbot: QtBot
) -> None:
    done_one = add_reminder(demo, an_hour_ago(), letter_id=1)
    other = add_reminder(demo, an_hour_ago() - timedelta(minutes=5), commitment_id=3)
    window = open_window(qtbot, demo)
    notice = shown_notice(qtbot, window)
    dashboard = window.stack.currentWidget()
    assert isinstance(dashboard, DashboardPage)
    assert dashboard_read(dashboard).reminders.badge.text() == "2"
    notice.list.setCurrentRow(notice.reminder_ids().index(done_one))
    qtbot.mouseClick(notice.done_button, Qt.MouseButton.LeftButton)
    by_id = {r.id: r for r in all_reminders(demo)}
    assert by_id[done_one].done_at is not None and by_id[other].done_at is None
    assert notice.reminder_ids() == [other]
    assert dashboard_read(dashboard).reminders.badge.text() == "1"
    assert dashboard.reminders.entries() == [("commitment", 3)]


def test_open_in_the_notice_opens_the_reminders_record(
    demo: Engine, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    forms = opened_forms(monkeypatch, CommitmentForm)
    add_reminder(demo, an_hour_ago(), commitment_id=3)
    window = open_window(qtbot, demo)
    notice = shown_notice(qtbot, window)
    qtbot.mouseClick(notice.open_button, Qt.MouseButton.LeftButton)
    assert isinstance(window.stack.currentWidget(), CommitmentsPage)
    assert [form.existing.id for form in forms] == [3]
    assert all_reminders(demo)[0].done_at is None  # opened, not done


# The dialog


@pytest.fixture
def dialogs() -> Iterator[list[ReminderDialog]]:
    """The dialogs a test opened, closed at its end without asking about what was typed."""
    opened: list[ReminderDialog] = []
    yield opened
    for dialog in opened:
        dialog.done(0)
        dialog.deleteLater()


def dialog_for(
    dialogs: list[ReminderDialog], engine: Engine, kind: str, record_id: int
) -> ReminderDialog:
    dialog = ReminderDialog(engine, kind, record_id, "A record")
    dialogs.append(dialog)
    dialog.show()
    return dialog


def save(qtbot: QtBot, dialog: ReminderDialog) -> None:
    button = dialog.buttons.button(dialog.buttons.StandardButton.Save)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_at_a_time_saves_that_time_in_the_organisers_zone(
    demo: Engine, qtbot: QtBot, dialogs: list[ReminderDialog]
) -> None:
    dialog = dialog_for(dialogs, demo, "letter", 1)
    dialog.at.setDateTime(QDateTime(QDate(2027, 7, 5), QTime(9, 30)))
    dialog.note.setText("chase the ministry")
    save(qtbot, dialog)
    assert dialog.result() == dialog.DialogCode.Accepted
    [saved] = all_reminders(demo)
    assert (saved.target_kind, saved.target_id, saved.note) == ("letter", 1, "chase the ministry")
    assert saved.remind_at == datetime(2027, 7, 5, 8, 30, tzinfo=UTC)  # 09:30 summer time


def test_days_before_saves_a_reminder_counted_back_from_the_commitments_date(
    demo: Engine, qtbot: QtBot, dialogs: list[ReminderDialog]
) -> None:
    with store.transaction(demo) as session:
        due = commitments.get_commitment(session, 3).due_date
    assert due is not None
    dialog = dialog_for(dialogs, demo, "commitment", 3)
    qtbot.mouseClick(dialog.before_choice, Qt.MouseButton.LeftButton)
    assert dialog.days.isEnabled() and not dialog.at.isEnabled()
    dialog.days.setValue(2)
    save(qtbot, dialog)
    [saved] = all_reminders(demo)
    assert (saved.target_kind, saved.target_id) == ("commitment", 3)
    assert saved.remind_at is None and saved.days_before == 2
    morning = datetime.combine(due - timedelta(days=2), time(9), ZoneInfo(ZONE))
    assert saved.due_at == morning.astimezone(UTC)


def test_a_time_the_clocks_skip_is_refused_at_its_field_and_kept(
    demo: Engine, qtbot: QtBot, dialogs: list[ReminderDialog]
) -> None:
    dialog = dialog_for(dialogs, demo, "action", 1)
    dialog.at.setDateTime(QDateTime(QDate(2027, 3, 28), QTime(1, 30)))  # London skips 01:00
    dialog.note.setText("check the hall")
    save(qtbot, dialog)
    assert dialog.isVisible() and dialog.result() != dialog.DialogCode.Accepted
    assert "does not exist in Europe/London" in dialog.error_text("at")
    qtbot.wait(50)  # laid out again with the message: still no scroll bar over the fields
    assert not dialog.fields_area.verticalScrollBar().isVisible()
    assert dialog.at.dateTime().toString("yyyy-MM-dd HH:mm") == "2027-03-28 01:30"
    assert dialog.note.text() == "check the hall"
    assert all_reminders(demo) == []


def test_a_note_too_long_is_refused_at_its_field_and_kept(
    demo: Engine, qtbot: QtBot, dialogs: list[ReminderDialog]
) -> None:
    dialog = dialog_for(dialogs, demo, "action", 1)
    dialog.note.setText("x" * 2001)
    save(qtbot, dialog)
    assert dialog.isVisible()
    assert dialog.error_text("note") and not dialog.error_text("at")
    assert dialog.note.text() == "x" * 2001
    assert all_reminders(demo) == []


def test_an_undated_action_cannot_count_days_back_said_at_the_field(
    demo: Engine, qtbot: QtBot, dialogs: list[ReminderDialog]
) -> None:
    with store.transaction(demo) as session:
        undated = calendar.to_be_dated(session)
    assert undated, "the sample data has actions to be dated"
    dialog = dialog_for(dialogs, demo, "action", undated[0].id)
    dialog.before_choice.setChecked(True)
    save(qtbot, dialog)
    assert dialog.isVisible() and "not dated yet" in dialog.error_text("days_before")
    assert all_reminders(demo) == []


def test_a_letter_cannot_use_days_before(
    demo: Engine, qtbot: QtBot, dialogs: list[ReminderDialog]
) -> None:
    dialog = dialog_for(dialogs, demo, "letter", 1)
    assert not dialog.before_choice.isEnabled() and not dialog.days.isEnabled()
    qtbot.mouseClick(dialog.before_choice, Qt.MouseButton.LeftButton)
    assert dialog.at_choice.isChecked() and dialog.at.isEnabled()


# "Remind me…" on the pages


def remind_an_hour_ago(form: ReminderDialog) -> None:
    """Fill the dialog with a time already past, so that the reminder is due at once."""
    local = an_hour_ago().astimezone(ZoneInfo(ZONE))
    form.at.setDateTime(
        QDateTime(QDate(local.year, local.month, local.day), QTime(local.hour, local.minute))
    )
    form.note.setText("from the page")


def badge_after(window: MainWindow) -> str:
    window.sidebar.setCurrentRow(0)
    dashboard = window.stack.currentWidget()
    assert isinstance(dashboard, DashboardPage)
    dashboard_read(dashboard)
    return dashboard.reminders.badge.text() if dashboard.reminders.badge.isVisible() else ""


def test_remind_me_on_the_calendar_is_of_the_action_selected(
    demo: Engine, window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    forms = drive_form(monkeypatch, qtbot, ReminderDialog, remind_an_hour_ago)
    window.show_page(CalendarPage)
    page = window.stack.currentWidget()
    assert isinstance(page, CalendarPage)
    assert not page.remind_action.isEnabled()  # nothing chosen yet
    page.view_choice.setCurrentIndex(AGENDA)
    qtbot.waitUntil(page.settled, timeout=5_000)  # read off the GUI thread
    chosen = page.shown_actions[0]
    assert page.agenda.select_where(lambda row: row.id == chosen.id)
    assert page.remind_action in page.menu_actions() and page.remind_action.isEnabled()
    page.remind_action.trigger()
    assert len(forms) == 1
    [saved] = all_reminders(demo)
    assert (saved.target_kind, saved.target_id, saved.note) == (
        "action",
        chosen.id,
        "from the page",
    )
    assert badge_after(window) == "1"


def test_remind_me_on_the_commitments_page_is_of_the_commitment_selected(
    demo: Engine, window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    forms = drive_form(monkeypatch, qtbot, ReminderDialog, remind_an_hour_ago)
    window.show_page(CommitmentsPage)
    page = window.stack.currentWidget()
    assert isinstance(page, CommitmentsPage)
    assert page.table.select_where(lambda row: row.id == 5)
    assert page.remind_action in page.table._context_actions()
    page.remind_action.trigger()
    [saved] = all_reminders(demo)
    assert (saved.target_kind, saved.target_id) == ("commitment", 5)
    with store.transaction(demo) as session:
        what = commitments.get_commitment(session, 5).what
    assert what in forms[0].record_label.text()  # the dialog says what it is of
    assert badge_after(window) == "1"


def test_remind_me_on_the_letters_page_is_of_a_letter_awaiting_a_reply(
    demo: Engine, window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    forms = drive_form(monkeypatch, qtbot, ReminderDialog, remind_an_hour_ago)
    window.show_page(LettersPage)
    page = window.stack.currentWidget()
    assert isinstance(page, LettersPage)
    with store.transaction(demo) as session:
        rows = letters.list_letters(session)
    sent = next(row for row in rows if row.awaiting_reply)
    draft = next(row for row in rows if not row.awaiting_reply)
    assert page.remind_action in page.toolbar.actions()
    assert page.table.select_where(lambda row: row.id == draft.id)
    assert not page.remind_action.isEnabled()  # not sent: no reply to wait for
    assert page.table.select_where(lambda row: row.id == sent.id)
    assert page.remind_action.isEnabled()
    page.remind_action.trigger()
    assert len(forms) == 1 and not forms[0].before_choice.isEnabled()
    [saved] = all_reminders(demo)
    assert (saved.target_kind, saved.target_id) == ("letter", sent.id)
    assert badge_after(window) == "1"
