"""An open form's values as it opened, and its draft kept in the database while it is open.

The draft is written a moment after the last change, on a thread of its own: the write works
on a snapshot taken on the GUI thread and never touches a widget.
"""

from __future__ import annotations

import traceback
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget
from sqlalchemy import Engine

from organiser import store
from organiser.services import drafts
from organiser.ui.dialogs import snapshot

DRAFT_DELAY_MS = 2500
LABEL_TEXT = 60

# One thread: the writes of a form land in the order they were made, and a form that closes
# can wait for its last write before it removes the draft.
_WRITER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="drafts")


def _write(work: Callable[[], None]) -> None:
    try:
        work()
    except Exception:  # a draft is a safety net: failing to keep one must not stop typing
        traceback.print_exc()


def _draft_label(form: QWidget, fields: dict[str, QWidget]) -> str:
    """The form's title and the first thing typed in it: “Edit letter “Solidarity with…””."""
    for widget in fields.values():
        text = ""
        if isinstance(widget, QLineEdit):
            text = widget.text()
        elif isinstance(widget, QPlainTextEdit):
            text = widget.toPlainText()
        text = " ".join(text.split())
        if text:
            short = text if len(text) <= LABEL_TEXT else text[: LABEL_TEXT - 1] + "…"
            return f"{form.windowTitle()} “{short}”"
    return form.windowTitle()


class DraftKeeper(QObject):
    """Compares the form with how it opened; with `keep_drafts`, also keeps its draft."""

    def __init__(self, form: QWidget, fields: dict[str, QWidget]) -> None:
        super().__init__(form)
        self._form, self._fields = form, fields
        self.pristine = snapshot.take(fields)
        self.engine: Engine | None = None
        self.form_name, self.key = "", ""
        self.record_id: int | None = None
        self._stored: snapshot.Snapshot | None = None  # what the database holds under `key`
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DRAFT_DELAY_MS)
        self._timer.timeout.connect(self.write_now)

    def keep_drafts(self, engine: Engine, form_name: str, record_id: int | None) -> None:
        self.engine, self.form_name, self.record_id = engine, form_name, record_id
        suffix = str(record_id) if record_id is not None else f"new:{uuid.uuid4()}"
        self.key = f"{form_name}:{suffix}"
        snapshot.watch(self._form, self._field_changed)

    def _field_changed(self, *_signal_arguments: object) -> None:
        # Not `self._timer.start` itself: a combo's index would become the delay.
        self._timer.start()

    def changed(self) -> bool:
        return snapshot.take(self._fields) != self.pristine

    def restore(self, values: snapshot.Snapshot, key: str | None) -> None:
        """Fill the form from a kept draft; with `key`, go on keeping it under that key."""
        snapshot.restore(self._fields, values)
        if key is not None and self.engine is not None:
            self.key, self._stored = key, dict(values)
        self.write_now()  # under a new key: kept at once, the old one is about to go

    def write_now(self) -> None:
        """Keep what the form holds now (or forget the draft when it is back as it opened)."""
        self._timer.stop()
        if self.engine is None:
            return
        now = snapshot.take(self._fields)
        if now == self._stored:
            return
        if now == self.pristine:
            if self._stored is not None:
                self._submit(self._discard_work())
                self._stored = None
            return
        label = _draft_label(self._form, self._fields)
        engine, key, form_name, record_id = self.engine, self.key, self.form_name, self.record_id

        def work() -> None:
            with store.transaction(engine, write=True) as session:
                drafts.save_draft(session, key, form_name, record_id, label, now)

        self._submit(work)
        self._stored = now

    def finish(self) -> None:
        """The form closes (saved or discarded): nothing of it is to be offered back."""
        self._timer.stop()
        _WRITER.submit(lambda: None).result()  # one thread, in order: every write is done
        if self._stored is not None:
            _write(self._discard_work())  # a read-only database keeps no draft to forget
            self._stored = None

    def _discard_work(self) -> Callable[[], None]:
        engine, key = self.engine, self.key
        assert engine is not None

        def work() -> None:
            with store.transaction(engine, write=True) as session:
                drafts.discard_draft(session, key)

        return work

    @staticmethod
    def _submit(work: Callable[[], Any]) -> None:
        _WRITER.submit(_write, work)
