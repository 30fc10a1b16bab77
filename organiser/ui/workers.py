"""One helper for slow work off the GUI thread, with progress, cancel, success and failure.

The work function gets a `Progress` to report through and to ask whether the user cancelled; it
never touches a widget. Callbacks run on the GUI thread.
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from functools import partial
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from organiser.errors import OrganiserError


class Cancelled(Exception):
    """Raised inside work when the user pressed Cancel."""


class Progress:
    """What the work sees: report(done, total, text), and cancelled()."""

    def __init__(self, signals: _Signals) -> None:
        self._signals = signals
        self._cancel = threading.Event()

    def report(self, done: int, total: int, text: str = "") -> None:
        if self._cancel.is_set():
            raise Cancelled()
        self._signals.progress.emit(done, total, text)

    def cancel(self) -> None:
        self._cancel.set()

    def cancelled(self) -> bool:
        return self._cancel.is_set()


class _Signals(QObject):
    """The job's news for the GUI thread. The result itself stays in Python (`outcome`): no
    Python object crosses threads inside a queued Qt signal."""

    progress = Signal(int, int, str)
    succeeded = Signal()
    failed = Signal(str)
    cancelled = Signal()

    outcome: Any = None


class _Job:
    """What one job's thread works with. The GUI thread holds it until the thread has ended,
    so that the thread never lets go of the last reference to anything: a closure over a page
    or a dialog freed on that thread deleted the widget outside the GUI thread, and the window
    crashed later on memory that was no longer there."""

    def __init__(self, work: Callable[[Progress], Any], signals: _Signals) -> None:
        self.work: Callable[[Progress], Any] | None = work
        self.signals: _Signals | None = signals
        self.progress = Progress(signals)
        self.thread: threading.Thread | None = None


def _run_job(job: _Job) -> None:
    """The job, on a Python thread of its own: no Qt runnable whose C++ side would be deleted
    on that thread while Python still holds parts of it. Everything it used is let go of here
    before the last signal, while the GUI thread still holds it too."""
    work, signals, progress = job.work, job.signals, job.progress
    assert work is not None and signals is not None
    news: Callable[[], None]
    try:
        result = work(progress)
    except Cancelled:
        news = signals.cancelled.emit
    except OrganiserError as error:
        news = partial(signals.failed.emit, str(error))
    except Exception as error:  # shown to the user, never a traceback dialog
        traceback.print_exc()
        news = partial(signals.failed.emit, f"Unexpected error: {error}")
    else:
        if progress.cancelled():
            news = signals.cancelled.emit
        else:
            signals.outcome = result
            news = signals.succeeded.emit
        del result
    del work
    news()


_RUNNING: set[_Job] = set()


def run_in_background(
    parent: QWidget,
    title: str,
    work: Callable[[Progress], Any],
    on_success: Callable[[Any], None],
    on_failure: Callable[[str], None] | None = None,
    show_progress: bool = True,
) -> Progress:
    """Start `work` on the thread pool; a modal progress dialog with Cancel follows it."""
    # Owned by `parent`, so that the worker thread letting go of its Python reference never
    # deletes it there (a QObject deleted outside its thread crashed the window, rarely, when a
    # job finished); it is deleted on the GUI thread once the job has ended.
    signals = _Signals(parent)
    job = _Job(work, signals)
    progress = job.progress
    _RUNNING.add(job)
    dialog: QProgressDialog | None = None
    if show_progress:
        dialog = QProgressDialog(title, parent.tr("Cancel"), 0, 0, parent)
        dialog.setWindowTitle(title)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(300)
        dialog.canceled.connect(progress.cancel)

    def on_progress(done: int, total: int, text: str) -> None:
        if dialog is not None:
            dialog.setMaximum(total)
            dialog.setValue(done)
            if text:
                dialog.setLabelText(text)

    def finish() -> None:
        if job.thread is not None:
            job.thread.join()  # its last signal is sent: it has only to return
        _RUNNING.discard(job)
        job.work = None  # the work and what it holds are let go of here, on the GUI thread
        signals.deleteLater()
        if dialog is not None:
            dialog.reset()
            dialog.deleteLater()

    def succeeded() -> None:
        result, signals.outcome = signals.outcome, None
        finish()
        on_success(result)

    def failed(message: str) -> None:
        finish()
        if on_failure is not None:
            on_failure(message)
        else:
            from organiser.ui.dialogs.messages import show_error

            show_error(parent, title, message)

    signals.progress.connect(on_progress)
    signals.succeeded.connect(succeeded)
    signals.failed.connect(failed)
    signals.cancelled.connect(finish)
    job.thread = threading.Thread(target=_run_job, args=(job,), name=f"job: {title}", daemon=True)
    job.thread.start()
    return progress
