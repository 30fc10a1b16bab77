"""Background jobs on one database take turns: any number of jobs that only read run together,
a job that writes runs alone. (SQLite would make two writers take turns too, but only statement
by statement: two imports interleaved would each wait up to the busy timeout, and a job that read
its plan before another job's write would act on a stale plan.)"""

from __future__ import annotations

import threading
from collections.abc import Callable


class DatabaseGate:
    """A readers-writer gate for one database; writers are let in in the order they came, and
    readers that come while a writer waits queue behind it (a long series of readers never
    keeps a writer out)."""

    def __init__(self) -> None:
        self._lock = threading.Condition()
        self._readers = 0
        self._writing = False
        self._writers_waiting = 0

    def _free_for(self, reads_only: bool) -> bool:
        if reads_only:
            return not self._writing and not self._writers_waiting
        return not self._writing and not self._readers

    def enter(
        self, reads_only: bool, cancelled: Callable[[], bool], waiting: Callable[[], None]
    ) -> bool:
        """Wait for this job's turn; False when the job was cancelled while it waited.
        `waiting` is called once if the job has to wait."""
        with self._lock:
            if not reads_only:
                self._writers_waiting += 1
            try:
                told = False
                while not self._free_for(reads_only):
                    if not told:
                        waiting()
                        told = True
                    if cancelled():
                        return False
                    self._lock.wait(0.1)
                if cancelled():
                    return False
                if reads_only:
                    self._readers += 1
                else:
                    self._writing = True
                return True
            finally:
                if not reads_only:
                    self._writers_waiting -= 1

    def leave(self, reads_only: bool) -> None:
        with self._lock:
            if reads_only:
                self._readers -= 1
            else:
                self._writing = False
            self._lock.notify_all()


_GATES: dict[str, DatabaseGate] = {}
_GATES_LOCK = threading.Lock()


def gate_for(database: str) -> DatabaseGate:
    """The one gate of a database, named by its URL."""
    with _GATES_LOCK:
        gate = _GATES.get(database)
        if gate is None:
            gate = _GATES[database] = DatabaseGate()
        return gate
