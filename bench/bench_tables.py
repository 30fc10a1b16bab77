"""The Organisations and Letters pages on the large database (`large_db.cached()`): open,
refresh, filter keystrokes and sorts, offscreen, each beside the raw SQL time of the same
statements (the baseline: what the page sent, captured and replayed through plain sqlite3) and
the ratio; then the organisations loaded whole as the page did before, and the resident memory.

    PYTHONPATH=$PWD QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_tables.py [--scale 1]
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import event

from bench import large_db
from organiser import store

KEYSTROKES = ("S", "Sy", "Syn", "Synd", "п", "пр", "про", "проф")
LETTER_KEYSTROKES = ("s", "st", "str", "stri", "забас")


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


class Captured:
    """The statements an engine runs while `recording`, to replay them raw."""

    def __init__(self, engine: Any) -> None:
        self.statements: list[tuple[str, Any]] = []
        self.recording = False
        event.listen(engine, "before_cursor_execute", self._seen)

    def _seen(self, _conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        if self.recording and statement.lstrip().upper().startswith("SELECT"):
            self.statements.append((statement, parameters))

    def run(self, work: Callable[[], Any]) -> tuple[float, list[tuple[str, Any]]]:
        self.statements, self.recording = [], True
        start = time.perf_counter()
        work()
        took = time.perf_counter() - start
        self.recording = False
        return took, self.statements


def replay(connection: sqlite3.Connection, statements: list[tuple[str, Any]]) -> float:
    start = time.perf_counter()
    for statement, parameters in statements:
        connection.execute(statement, parameters).fetchall()
    return time.perf_counter() - start


def line(what: str, ours: float, raw: float) -> None:
    ratio = f"{ours / raw:.1f}x" if raw > 0 else "-"
    print(f"  {what:<42} {ours * 1000:8.1f} ms   raw SQL {raw * 1000:7.1f} ms   {ratio}")


def bench_page(
    app: Any,
    captured: Captured,
    raw: sqlite3.Connection,
    make: Callable[[], Any],
    keystrokes: tuple[str, ...],
    sorts: tuple[tuple[int, str], ...],
) -> None:
    """One lazy page: open, refresh, each keystroke of a filter, sorts, a scroll to the end."""
    from PySide6.QtCore import Qt

    page: Any = None

    def open_page() -> None:
        nonlocal page
        page = make()
        page.resize(1200, 800)
        page.show()
        app.processEvents()

    took, sent = captured.run(open_page)
    print(f"{page.title} page, {page.table.model.total():,} rows:")
    line(f"open (first {page.table.model.rowCount():,} rows shown)", took, replay(raw, sent))

    def each(what: str, work: Callable[[], Any], times: int = 3) -> None:
        runs = [captured.run(work) for _ in range(times)]
        ours = statistics.median(run[0] for run in runs)
        baseline = statistics.median(replay(raw, run[1]) for run in runs)
        line(what, ours, baseline)

    each("refresh", lambda: (page.refresh(), app.processEvents()))
    table = page.table

    def keystroke(text: str) -> None:
        table.filter_edit.setText(text)
        table._filter_timer.stop()  # what the pause after typing sets off, at once
        page.refresh()
        app.processEvents()

    times, baselines = [], []
    for text in keystrokes:
        took, sent = captured.run(lambda text=text: keystroke(text))
        times.append(took)
        baselines.append(replay(raw, sent))
        print(f"    keystroke {text!r:>8}: {took * 1000:7.1f} ms, {table.model.total():,} rows")
    line("filter keystroke (median)", statistics.median(times), statistics.median(baselines))
    keystroke("")
    header = table.view.horizontalHeader()
    for column, name in sorts:
        took, sent = captured.run(
            lambda column=column: (
                header.setSortIndicator(column, Qt.SortOrder.DescendingOrder),
                app.processEvents(),
            )
        )
        line(f"sort by {name}, descending", took, replay(raw, sent))
    took, sent = captured.run(lambda: (table.view.scrollToBottom(), app.processEvents()))
    line(f"scroll to the end ({table.model.rowCount():,} rows held)", took, replay(raw, sent))
    print(f"  RSS after: {rss_mb():.0f} MB")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0)
    options = parser.parse_args()
    path = large_db.cached(scale=options.scale)

    from PySide6.QtWidgets import QApplication

    from organiser.services import organisations
    from organiser.ui.pages.letters import LettersPage
    from organiser.ui.pages.organisations import OrganisationsPage, organisation_columns
    from organiser.ui.table_model import RecordTableModel
    from organiser.ui.tables import RecordTable

    app = QApplication.instance() or QApplication([])
    engine = store.open_database(str(path))
    captured = Captured(engine)
    raw = sqlite3.connect(path)
    with store.transaction(engine) as session:
        count = organisations.count_organisations(session)
    print(f"{path.name}: {count:,} organisations; RSS at start {rss_mb():.0f} MB")

    bench_page(
        app, captured, raw, lambda: OrganisationsPage(engine), KEYSTROKES,
        ((0, "name"), (5, "people"), (4, "affiliate of")),
    )  # fmt: skip
    bench_page(
        app, captured, raw, lambda: LettersPage(engine), LETTER_KEYSTROKES,
        ((0, "date"), (2, "subject"), (5, "status")),
    )  # fmt: skip

    # As it was: every organisation loaded whole, a proxy filtering and sorting in Python.
    def old_open() -> RecordTable[Any]:
        old = RecordTable(RecordTableModel(organisation_columns()))
        with store.transaction(engine) as session:
            old.set_rows(organisations.list_organisations(session))
        old.resize(1200, 800)
        old.show()
        app.processEvents()
        return old

    start = time.perf_counter()
    old = old_open()
    opened = time.perf_counter() - start
    start = time.perf_counter()
    old.filter_edit.setText("Syn")
    app.processEvents()
    typed = time.perf_counter() - start
    print(f"  before (loaded whole, as the page was): open {opened * 1000:.0f} ms, "
          f"one keystroke {typed * 1000:.0f} ms; RSS {rss_mb():.0f} MB")  # fmt: skip
    raw.close()
    engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
