"""Python's cyclic garbage collector, run on the GUI thread only.

The collector runs in whichever thread happens to allocate when a threshold is crossed: a
background job or the drafts writer. Collecting a cycle that holds a Qt wrapper there deletes
the Qt object on the wrong thread, while the GUI thread may be handling its events — a crash
seen as a deferred delete of freed memory. So automatic collection is off, and a timer on the
GUI thread collects each generation when Python's own thresholds say it is due.
"""

from __future__ import annotations

import gc
from functools import cache

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 500


class GuiThreadCollector(QObject):
    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        gc.disable()
        self._timer = QTimer(self)
        self._timer.setInterval(INTERVAL_MS)
        self._timer.timeout.connect(self.collect_if_due)
        self._timer.start()

    def collect_if_due(self) -> None:
        """Collect the oldest generation whose count has passed its threshold, as gc would."""
        counts, thresholds = gc.get_count(), gc.get_threshold()
        for generation in (2, 1, 0):
            if counts[generation] > thresholds[generation]:
                gc.collect(generation)
                return


def keep_as_long_lived() -> None:
    """What exists now (the modules imported, the window and the pages built) lasts as long as
    the window: put out of the collector's sight (gc.freeze), so that a full collection on the
    GUI thread goes through what was made since, not the whole program's 100-250 ms of objects
    each time. Cycles among these that become garbage later are not collected: call it only
    once things that stay have been built."""
    gc.freeze()


@cache
def _malloc_trim() -> object | None:
    """glibc's malloc_trim, where the C library is glibc (None elsewhere)."""
    import ctypes  # with ctypes.util's subprocess: after the start, when first asked
    import ctypes.util

    try:
        return ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim
    except (OSError, AttributeError):
        return None


def give_back_freed_memory() -> None:
    """Hand the heap's free pages back to the system once a large job's objects are gone.

    A batch (an export of every letter) frees what each part held, but glibc keeps the freed
    pages of its heap as the process's own: the resident size stayed ~50 MB above where it
    was before the export, for as long as the window was open. Where glibc is not the C
    library this does nothing."""
    trim = _malloc_trim()
    if callable(trim):
        trim(0)


def collect_on_gui_thread(app: QObject) -> GuiThreadCollector:
    """Install once per application (a second call returns the first collector)."""
    found = _INSTALLED.get(id(app))
    if found is None or found.parent() is not app:
        found = _INSTALLED[id(app)] = GuiThreadCollector(app)
    return found


# The collector of each application, by its id (findChild would make Python objects of the
# application's other children, the style among them, at every start).
_INSTALLED: dict[int, GuiThreadCollector] = {}
