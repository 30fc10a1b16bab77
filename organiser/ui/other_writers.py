"""Other writers of the window's database (another window, a script): the page on screen
follows their commits, and a save that has to wait for one of them says so."""

from __future__ import annotations

from PySide6.QtCore import QObject, QThread, QTimer, Signal
from PySide6.QtWidgets import QMainWindow
from sqlalchemy import Engine

from organiser import store

POLL_MS = 1000  # a change made elsewhere shows within two polls at most


class OtherWriters(QObject):
    """Polls `PRAGMA data_version` on a connection of its own and emits `changed` after a
    commit made by any other connection; shows a write's wait on the window's status bar."""

    changed = Signal()

    def __init__(self, window: QMainWindow, engine: Engine) -> None:
        super().__init__(window)
        self._window = window
        self._engine: Engine | None = None
        self._watcher: store.ChangeWatcher | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self.poll)
        self.watch(engine)

    def watch(self, engine: Engine) -> None:
        """Follow `engine` (the database the window now shows) instead of the one before."""
        self.stop()
        self._engine = engine
        self._watcher = store.ChangeWatcher(engine)
        store.on_write_wait(engine, self._waiting)
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        if self._watcher is not None:
            self._watcher.close()
            self._watcher = None
        if self._engine is not None:
            store.on_write_wait(self._engine, None)
            self._engine = None

    def poll(self) -> None:
        if self._watcher is not None and self._watcher.changed():
            self.changed.emit()

    def _waiting(self, waiting: bool) -> None:
        # Background jobs (drafts, imports) wait without freezing anything: nothing to say.
        if QThread.currentThread() is not self.thread():
            return
        bar = self._window.statusBar()
        if waiting:
            bar.showMessage(
                self.tr(
                    "Waiting for another window or program to finish writing to the "
                    "database (at most %1 seconds)…"
                ).replace("%1", str(store.WRITE_WAIT_MS // 1000))
            )
            bar.repaint()  # the wait holds this thread: show it now
        else:
            bar.clearMessage()
