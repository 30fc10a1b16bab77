"""Modules a page will soon need, imported on a thread of their own while the page is read.

The letter editor's services bring ReportLab and the PDF batch's pieces with them (0.1–0.2 s of
imports); imported on the GUI thread when the editor is first opened, they held the window up.
`import_soon` imports them on a daemon thread instead, once the page that leads there is built.
Only modules that make no widget nor Qt object when imported (services, the PDF layer) are
imported this way; Python's import locks keep a module imported once, whichever thread asks
first. Worker processes are spawned, never forked, so no child inherits a lock held here.
"""

from __future__ import annotations

import importlib
import sys
import threading

_ASKED: set[str] = set()


def import_soon(*modules: str) -> threading.Thread | None:
    """Import `modules` (not imported nor asked for yet) on a daemon thread; the thread, or
    None when there is nothing to import. A module that fails to import here is imported again
    where it is used, and its error raised there."""
    wanted = [name for name in modules if name not in sys.modules and name not in _ASKED]
    if not wanted:
        return None
    _ASKED.update(wanted)

    def run() -> None:
        for name in wanted:
            try:
                importlib.import_module(name)
            except Exception:  # raised again where it is used
                continue

    thread = threading.Thread(target=run, name="import soon", daemon=True)
    thread.start()
    return thread
