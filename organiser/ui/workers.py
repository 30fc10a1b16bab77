"""One helper for slow work off the GUI thread, with progress, cancel, success and failure.

The work function gets a `Progress` to report through and to ask whether the user cancelled; it
never touches a widget. Callbacks run on the GUI thread: `on_success` with the work's result,
`on_failure` with the exception itself (an `OrganiserError`: a `ValidationError` keeps its
field; anything unforeseen arrives as an `UnexpectedError`), `on_cancel` when the user cancelled.

A job names the database it works on: jobs on one database that only read run together, a job
that writes runs alone (`job_gate`). What a job's transactions committed (`store_changes`) is
announced on `job_news().records_changed` once it succeeds, and each page refreshes itself when
a table it shows was written — no caller says by hand that data changed.
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from functools import partial
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget
from sqlalchemy import Engine

from organiser import store
from organiser.errors import OrganiserError, UnexpectedError
from organiser.store_changes import Changes, record_changes
from organiser.ui.collector import give_back_freed_memory
from organiser.ui.job_gate import gate_for

Failure = Callable[[OrganiserError], None]


class Cancelled(Exception):
    """Raised inside work when the user pressed Cancel."""


class Progress:
    """What the work sees: report(done, total, text), and cancelled()."""

    def __init__(self, signals: _Signals) -> None:
        self._signals = signals
        self._cancel = threading.Event()

        self.changes = Changes()  # what the job's transactions committed

    def report(self, done: int, total: int, text: str = "") -> None:
        if self._cancel.is_set():
            raise Cancelled()
        self._signals.progress.emit(done, total, text)

    def changed(self, table: str, ids: tuple[int, ...] = ()) -> None:
        """Work that writes without SQLAlchemy (a restore, a backup) says what it changed."""
        self.changes.add(table, ids)

    def cancel(self) -> None:
        self._cancel.set()

    def cancelled(self) -> bool:
        return self._cancel.is_set()


class _Signals(QObject):
    """The job's news for the GUI thread. The result itself stays in Python (`outcome`): no
    Python object crosses threads inside a queued Qt signal."""

    progress = Signal(int, int, str)
    succeeded = Signal()
    failed = Signal()
    cancelled = Signal()

    outcome: Any = None  # the result, or the exception that ended the job


class _Job:
    """What one job's thread works with. The GUI thread holds it until the thread has ended,
    so that the thread never lets go of the last reference to anything: a closure over a page
    or a dialog freed on that thread deleted the widget outside the GUI thread, and the window
    crashed later on memory that was no longer there."""

    def __init__(
        self,
        work: Callable[[Progress], Any],
        signals: _Signals,
        database: str | None,
        reads_only: bool,
    ) -> None:
        self.work: Callable[[Progress], Any] | None = work
        self.signals: _Signals | None = signals
        self.progress = Progress(signals)
        self.database = database
        self.reads_only = reads_only
        self.thread: threading.Thread | None = None
        self.busy = 0  # slots of its signals object running now (on the GUI thread)


def _as_failure(error: Exception) -> OrganiserError:
    """The exception a job's caller is given: the program's own as it was raised, a database
    refusal (busy, full, changed meanwhile) in plain words, anything else as UnexpectedError."""
    if isinstance(error, OrganiserError):
        return error
    plain = store.plain_error(error)
    if plain is None:
        traceback.print_exc()
        plain = UnexpectedError(QCoreApplication.translate("Jobs", "Unexpected error: %s") % error)
    plain.__cause__ = error
    return plain


def _take_turn(job: _Job) -> bool:
    """Wait until this job may run on its database; False if it was cancelled meanwhile."""
    if job.database is None or job.signals is None:
        return True
    text = QCoreApplication.translate("Jobs", "Waiting for another job on this database to end…")
    waiting = partial(job.signals.progress.emit, 0, 0, text)
    return gate_for(job.database).enter(job.reads_only, job.progress.cancelled, waiting)


def _run_job(job: _Job) -> None:
    """The job, on a Python thread of its own: no Qt runnable whose C++ side would be deleted
    on that thread while Python still holds parts of it. Everything it used is let go of here
    before the last signal, while the GUI thread still holds it too."""
    work, signals, progress = job.work, job.signals, job.progress
    assert work is not None and signals is not None
    news: Callable[[], None]
    if not _take_turn(job):
        del work
        signals.cancelled.emit()
        return
    changes = Changes()
    try:
        with record_changes() as changes:
            result = work(progress)
    except Cancelled:
        news = signals.cancelled.emit
    except Exception as error:  # shown to the user, never a traceback dialog
        signals.outcome = _as_failure(error)
        news = signals.failed.emit
    else:
        if progress.cancelled():
            news = signals.cancelled.emit
        else:
            signals.outcome = result
            news = signals.succeeded.emit
        del result
    finally:
        progress.changes.update(changes)  # committed before a failure or a cancel: said too
        if job.database is not None:
            gate_for(job.database).leave(job.reads_only)
    del work
    news()


class JobNews(QObject):
    """Announces, on the GUI thread, what a finished job changed in which database."""

    records_changed = Signal(str, object)  # the database's URL, the Changes


_NEWS: list[JobNews] = []


def job_news() -> JobNews:
    """The one announcer (made on the GUI thread the first time it is asked for)."""
    if not _NEWS:
        _NEWS.append(JobNews())
    return _NEWS[0]


def database_name(engine: Engine) -> str:
    """How jobs and pages name a database: its URL, the password hidden."""
    return engine.url.render_as_string(hide_password=True)


_RUNNING: set[_Job] = set()
_ENDED: list[_Job] = []  # jobs done, their signals object let go of once none of its slots runs


def _let_go_of_ended() -> None:
    """Release the signals objects of ended jobs, on the GUI thread, outside their own slots.

    A signals object is never deleted while one of its slots is running (a modal progress
    dialog's setValue runs a nested event loop inside the progress slot, where the job's last
    signal could arrive) and never by deleteLater (a deferred delete of it was once delivered
    after the object had already gone)."""
    for job in [job for job in _ENDED if not job.busy]:
        _ENDED.remove(job)
        signals, job.signals = job.signals, None
        if signals is not None and shiboken6.isValid(signals):
            signals.outcome = None
            # Qt holds the callbacks (and through them the page) until they are disconnected.
            for signal in (signals.progress, signals.succeeded, signals.failed, signals.cancelled):
                signal.disconnect()
    if not _RUNNING and not _ENDED:
        give_back_freed_memory()  # what the jobs held is let go of: the system may have it


def run_in_background(
    parent: QWidget,
    title: str,
    work: Callable[[Progress], Any],
    on_success: Callable[[Any], None],
    on_failure: Failure | None = None,
    show_progress: bool = True,
    *,
    database: Engine | None = None,
    reads_only: bool = False,
    on_cancel: Callable[[], None] | None = None,
) -> Progress:
    """Start `work` on a thread of its own; a modal progress dialog with Cancel follows it.
    `database`: the one the work uses, so that it takes its turn with the other jobs there
    (`reads_only`: it writes nothing, and runs beside other readers). Without `on_failure` a
    failure is shown in a message box. If `parent` is closed and deleted meanwhile, the job
    ends without calling back."""
    _let_go_of_ended()
    signals = _Signals()  # no parent: the GUI thread holds it (through the job) and frees it
    name = database_name(database) if database is not None else None
    job = _Job(work, signals, name, reads_only)
    progress = job.progress
    _RUNNING.add(job)
    dialog: QProgressDialog | None = None
    if show_progress:
        dialog = QProgressDialog(title, parent.tr("Cancel"), 0, 0, parent)
        dialog.setWindowTitle(title)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(300)
        dialog.canceled.connect(progress.cancel)

    def alive(widget: QWidget | None) -> bool:
        return widget is not None and shiboken6.isValid(widget)

    def on_progress(done: int, total: int, text: str) -> None:
        job.busy += 1
        try:
            if alive(dialog) and dialog is not None:
                dialog.setMaximum(total)
                dialog.setValue(done)  # modal: runs a nested event loop
                if text:
                    dialog.setLabelText(text)
        finally:
            job.busy -= 1

    def finish() -> bool:
        """The job is over; whether its parent is still there to be told."""
        if job.thread is not None:
            job.thread.join()  # its last signal is sent: it has only to return
        _RUNNING.discard(job)
        job.work = None  # the work and what it holds are let go of here, on the GUI thread
        _ENDED.append(job)
        QTimer.singleShot(0, _let_go_of_ended)
        if alive(dialog) and dialog is not None:
            dialog.reset()
            dialog.deleteLater()
        return alive(parent)

    def announce() -> None:
        """What the job committed, told to the pages once its caller has been told."""
        if progress.changes:
            job_news().records_changed.emit(name or "", progress.changes)

    def succeeded() -> None:
        job.busy += 1
        try:
            result, signals.outcome = signals.outcome, None
            if finish():
                on_success(result)
            announce()
        finally:
            job.busy -= 1

    def failed() -> None:
        job.busy += 1
        try:
            error, signals.outcome = signals.outcome, None
            if finish():
                if on_failure is not None:
                    on_failure(error)
                else:
                    from organiser.ui.dialogs.messages import show_error

                    show_error(parent, title, str(error))
            announce()
        finally:
            job.busy -= 1

    def cancelled() -> None:
        job.busy += 1
        try:
            if finish() and on_cancel is not None:
                on_cancel()
            announce()
        finally:
            job.busy -= 1

    signals.progress.connect(on_progress)
    signals.succeeded.connect(succeeded)
    signals.failed.connect(failed)
    signals.cancelled.connect(cancelled)
    job.thread = threading.Thread(target=_run_job, args=(job,), name=f"job: {title}", daemon=True)
    job.thread.start()
    return progress
