"""While the window is open, due reminders are noticed: a timer asks the service (a cheap,
indexed query), and each reminder newly due is told once — by the system tray's message where
the desktop has a tray, else by a notice beside the window — then marked shown. At start, the
reminders missed while the program was closed are listed once."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Protocol

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QSystemTrayIcon, QWidget
from sqlalchemy import Engine

from organiser import store
from organiser.errors import OrganiserError
from organiser.services import reminders
from organiser.services.reminder_view import ReminderView
from organiser.ui.calendar.zones import organiser_zone
from organiser.ui.icons import icon
from organiser.ui.reminders.notice import ReminderNotice

CHECK_EVERY_MS = 60 * 1000


class Window(Protocol):
    engine: Engine

    def open_record(self, kind: str, record_id: int) -> None: ...


class ReminderNotifier(QObject):
    changed = Signal()  # reminders were shown or done: the Dashboard's badge follows

    def __init__(self, window: QWidget, started_at: datetime | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.started_at = started_at or datetime.now(UTC)
        self.notice: ReminderNotice | None = None
        self.tray: QSystemTrayIcon | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_EVERY_MS)
        self.timer.timeout.connect(self.check)
        self._last: list[ReminderView] = []

    @property
    def engine(self) -> Engine:
        return self.window.engine  # type: ignore[attr-defined]

    def start(self) -> None:
        self.timer.start()
        QTimer.singleShot(0, self.show_missed)

    def stop(self) -> None:
        self.timer.stop()
        if self.tray is not None:
            self.tray.hide()

    def _take(self, moment: datetime) -> list[ReminderView]:
        """The reminders due at `moment` and never shown, marked shown now."""
        zone = organiser_zone()
        try:
            with store.transaction(self.engine) as session:
                found = reminders.to_notify(session, moment, zone)
            if found:
                with store.transaction(self.engine, write=True) as session:
                    reminders.mark_shown(session, [r.id for r in found], datetime.now(UTC))
        except OrganiserError:  # a read-only or busy database: asked again at the next tick
            return []
        return found

    def show_missed(self) -> list[ReminderView]:
        """Once, at start: what fell due while the program was closed."""
        missed = self._take(self.started_at)
        if missed:
            self._notice().add(missed, missed_while_closed=True)
            self.changed.emit()
        return missed

    def check(self) -> list[ReminderView]:
        found = self._take(datetime.now(UTC))
        if not found:
            return []
        if QSystemTrayIcon.isSystemTrayAvailable():
            self._tray_message(found)
        else:
            self._notice().add(found)
        self.changed.emit()
        return found

    def _tray_message(self, found: list[ReminderView]) -> None:
        if self.tray is None:
            self.tray = QSystemTrayIcon(icon("reminder"), self)
            self.tray.setToolTip(self.tr("Campaign Organiser"))
            self.tray.messageClicked.connect(self._open_last)
        self.tray.show()
        self._last = found
        title = (
            self.tr("Reminder") if len(found) == 1 else self.tr("%n reminder(s)", "", len(found))
        )
        text = "\n".join(r.target_title + (f" — {r.note}" if r.note else "") for r in found[:5])
        self.tray.showMessage(title, text, QSystemTrayIcon.MessageIcon.Information, 15000)

    def _open_last(self) -> None:
        if self._last:
            first = self._last[0]
            self.window.open_record(first.target_kind, first.target_id)  # type: ignore[attr-defined]

    def _notice(self) -> ReminderNotice:
        if self.notice is None:
            self.notice = ReminderNotice(self.engine, self.window)
            self.notice.open_requested.connect(
                lambda kind, key: self.window.open_record(kind, key)  # type: ignore[attr-defined]
            )
            self.notice.changed.connect(self.changed)
            self.notice.destroyed.connect(self._notice_gone)
        return self.notice

    def _notice_gone(self) -> None:
        self.notice = None
