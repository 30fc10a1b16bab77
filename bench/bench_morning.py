"""An organiser's morning on the large database, the GUI thread watched throughout.

The real MainWindow on `bench.large_db.cached(scale=...)` is driven from its own event loop
(each step scheduled by a timer; typing one character every 120 ms, as a person types): every
page opened, filters typed into on Organisations, Letters, Commitments and People at risk, a
few header sorts, the calendar paged in month, week and agenda views, a campaign form, an
organisation form and the letter editor opened and closed (a sentence typed into the letter's
body and its preview let render, then discarded), Ctrl+K search with a few queries, and the
Letters page's Export all shown let run a while and cancelled. `bench/watchdog.py` pings the
GUI thread every 15 ms throughout: the longest stall, the stalls over 100 ms (overall and per
step), the window's first paint, and memory (VmRSS, VmHWM) after.

Baseline in the same run: a bare Qt window's event loop under the same watchdog for as long.

    PYTHONPATH=$PWD QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_morning.py [--scale 0.05]
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

if __package__ in (None, ""):  # run as a script: the repository root on the path
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QHeaderView,
    QMainWindow,
    QMessageBox,
    QProgressDialog,
    QTableView,
    QWidget,
)

from bench import large_db
from bench.watchdog import Watchdog, memory

KEY_MS = 120  # between two keystrokes
Script = Iterator[float]  # yields how long to wait (ms) before going on


class FirstPaint(QObject):
    """The time of the first paint event the window gets."""

    def __init__(self) -> None:
        super().__init__()
        self.at: float | None = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self.at is None and event.type() == QEvent.Type.Paint:
            self.at = time.perf_counter()
        return False


def type_into(widget: QWidget, text: str) -> Script:
    for character in text:  # any script: QTest's key clicks know ASCII only
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(
                widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, character)
            )
        yield KEY_MS


def clear(widget: QWidget) -> Script:
    QTest.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(widget, Qt.Key.Key_Backspace)
    yield 800


def click_header(view: QTableView, column: int) -> None:
    header: QHeaderView = view.horizontalHeader()
    at = QPoint(header.sectionViewportPosition(column) + 6, header.height() // 2)
    QTest.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=at)


def modal() -> QWidget | None:
    return QApplication.activeModalWidget()


def wait_for(test: Callable[[], object], most_ms: float = 30_000) -> Script:
    waited = 0.0
    while not test() and waited < most_ms:
        yield 50
        waited += 50


SECTIONS = ("pages", "filters", "sorts", "calendar", "forms", "editor", "search", "export")


def morning(
    window: object, dog: Watchdog, export_seconds: float, only: Sequence[str] = SECTIONS
) -> Script:
    from organiser.ui.main_window import PAGES, MainWindow

    assert isinstance(window, MainWindow)
    rows = {entry.title: row for row, entry in enumerate(PAGES)}

    def page(title: str):  # type: ignore[no-untyped-def]
        return window._loaded(rows[title])

    yield 1500  # the window settles (the Dashboard loads)
    if "pages" in only:
        for entry in PAGES:
            dog.step(f"open {entry.title}")
            window.sidebar.setCurrentRow(rows[entry.title])
            yield 1500

    if "filters" in only:
        for title, typed in (
            ("Organisations", "fédération"),
            ("Letters", "campaign"),
            ("Commitments", "union"),
            ("People at risk", "ana"),
        ):
            dog.step(f"filter {title}")
            window.sidebar.setCurrentRow(rows[title])
            yield 600
            field = page(title).filter_field()
            assert field is not None, title
            yield from type_into(field, typed)
            yield 1200
            dog.step(f"filter {title}: clear")
            yield from clear(field)

    if "sorts" in only:
        for title, columns in (
            ("Organisations", (0, 2, 0)),
            ("Letters", (2, 0)),
            ("Commitments", (1, 3)),
        ):
            window.sidebar.setCurrentRow(rows[title])
            yield 600
            view = page(title).table.view
            for column in columns:
                dog.step(f"sort {title} column {column}")
                click_header(view, column)
                yield 1000

    if "calendar" in only:
        calendar = page("Calendar")
        window.sidebar.setCurrentRow(rows["Calendar"])
        yield 800
        for index, name in ((0, "month"), (1, "week"), (2, "agenda")):
            dog.step(f"calendar {name}")
            calendar.view_choice.setCurrentIndex(index)
            yield 800
            for direction in (1, 1, -1, -1, -1):
                calendar.step(direction)
                yield 500
        calendar.view_choice.setCurrentIndex(0)

    if "forms" in only:
        for title in ("Campaigns", "Organisations"):
            dog.step(f"{title} form")
            window.sidebar.setCurrentRow(rows[title])
            yield 600
            form = page(title).form(None)
            form.show()
            yield 1500
            form.reject()
            yield 600

    if "editor" in only:
        dog.step("letter editor: open")
        window.sidebar.setCurrentRow(rows["Letters"])
        yield 600
        editor = page("Letters").form(None)
        editor.show()
        yield from wait_for(editor.preview_ready)
        yield 500
        dog.step("letter editor: type")
        editor.body.setFocus()
        yield from type_into(editor.body, "We write to ask for the release of our colleagues. ")
        dog.step("letter editor: preview")
        asked = editor._preview_asked
        yield from wait_for(lambda: editor._preview_shown >= asked and editor.preview_ready())
        yield 1000
        dog.step("letter editor: close")
        QTimer.singleShot(0, editor.reject)
        yield from wait_for(lambda: isinstance(modal(), QMessageBox), 3000)
        box = modal()
        if isinstance(box, QMessageBox):
            box.button(QMessageBox.StandardButton.Discard).click()
        yield 800

    if "search" in only:
        dog.step("search (Ctrl+K)")
        QTimer.singleShot(0, window.show_search)
        yield from wait_for(lambda: modal() is not None, 5000)
        dialog = modal()
        assert dialog is not None
        for query in ("fédé", "colleague", "Ким", "release"):
            query_field = dialog.query  # type: ignore[attr-defined]
            yield from type_into(query_field, query)
            yield 1200
            yield from clear(query_field)
        dialog.reject()
        yield 600

    if "export" in only:
        dog.step("export all letters")
        window.sidebar.setCurrentRow(rows["Letters"])
        yield 600
        page("Letters").export_all_shown()
        waited = 0.0
        while waited < export_seconds * 1000:
            yield 100
            waited += 100
            if not page("Letters").findChildren(QProgressDialog):
                break
        dog.step("export all letters: cancel")
        for progress in page("Letters").findChildren(QProgressDialog):
            progress.canceled.emit()  # as its Cancel button does (cancel() alone only hides it)
        yield 2000
        # The job ends before the baseline is measured (the chunks under way finish).
        from organiser.ui import workers

        yield from wait_for(lambda: not workers._RUNNING, 120_000)
        box = modal()
        if isinstance(box, QMessageBox):
            box.accept()

    dog.step("end")
    yield 500


def drive(script: Script, done: Callable[[], None]) -> None:
    """Run the script from the event loop: each wait a single-shot timer."""

    def go_on() -> None:
        try:
            wait = next(script)
        except StopIteration:
            done()
            return
        QTimer.singleShot(int(wait), go_on)

    QTimer.singleShot(0, go_on)


def keep_first_frame(database: Path) -> None:
    """What a window closed on this database the day before kept for its next start."""
    from organiser import store
    from organiser.services import first_frame
    from organiser.services.dashboard import dashboard

    engine = store.open_database(str(database))
    try:
        first_frame.keep(engine, dashboard(engine), "UTC")
    finally:
        engine.dispose()


def run_window(
    app: QApplication,
    database: Path,
    export_seconds: float,
    sample: bool = False,
    only: Sequence[str] = SECTIONS,
) -> tuple[Watchdog, dict]:
    dog = Watchdog(sample=sample)
    dog.start()
    dog.step("window: build and first paint")
    began = time.perf_counter()
    # As the program starts (organiser/app.py): the first frame, then the database given.
    from organiser import app as start

    figures: dict[str, float] = {}
    made = time.perf_counter()
    window = start.show_window(str(database))
    assert window is not None
    painted = FirstPaint()
    window.installEventFilter(painted)
    folder = tempfile.mkdtemp(prefix="morning-export-")
    QFileDialog.getExistingDirectory = staticmethod(lambda *_a, **_k: folder)  # type: ignore

    def done() -> None:
        dog.stop()
        figures["first_paint"] = (painted.at or time.perf_counter()) - made
        figures["since_imports"] = (painted.at or time.perf_counter()) - began
        figures.update(memory())
        window.close()
        app.quit()

    drive(morning(window, dog, export_seconds, only), done)
    app.exec()
    shutil.rmtree(folder, ignore_errors=True)
    figures["exported"] = len(os.listdir(folder)) if os.path.isdir(folder) else 0
    return dog, figures


def run_bare(app: QApplication, seconds: float) -> Watchdog:
    window = QMainWindow()
    window.resize(1200, 760)
    window.show()
    dog = Watchdog()
    dog.start()
    dog.step("bare window, idle")

    def done() -> None:
        dog.stop()
        window.close()
        app.quit()

    QTimer.singleShot(int(seconds * 1000), done)
    app.exec()
    return dog


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--export-seconds", type=float, default=8.0)
    parser.add_argument("--sample", action="store_true", help="what the GUI thread ran when late")
    parser.add_argument("--only", nargs="+", choices=SECTIONS, default=SECTIONS)
    arguments = parser.parse_args()
    database = large_db.cached(scale=arguments.scale)
    # A copy: the morning writes nothing, but drafts and settings stay out of the cache.
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory() as home:
        os.environ["HOME"] = os.environ["XDG_CONFIG_HOME"] = home
        os.environ["XDG_DATA_HOME"] = os.environ["XDG_CACHE_HOME"] = home
        copy = Path(home) / "morning.sqlite3"
        shutil.copyfile(database, copy)
        keep_first_frame(copy)
        app = QApplication(sys.argv[:1])
        # As organiser/app.py starts the window: plurals, the collector on the GUI thread.
        from organiser.ui.collector import collect_on_gui_thread
        from organiser.ui.plurals import install_english_plurals

        app.setApplicationName("Campaign Organiser")
        app.setOrganizationName("organiser-bench")
        install_english_plurals(app)
        collect = collect_on_gui_thread(app)
        dog, figures = run_window(
            app, copy, arguments.export_seconds, arguments.sample, arguments.only
        )
        bare = run_bare(app, dog.duration())
        del collect
    stamp = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    print(
        f"{stamp}, scale {arguments.scale:g} ({database.name}), "
        f"platform {os.environ['QT_QPA_PLATFORM']}, load average {os.getloadavg()[0]:.1f}"
    )
    print(
        f"first paint: {figures['first_paint'] * 1000:.0f} ms after MainWindow() began "
        f"({figures['since_imports'] * 1000:.0f} ms after importing the window's modules began)"
    )
    print(
        f"memory after: VmRSS {figures['VmRSS']:.0f} MB, VmHWM {figures['VmHWM']:.0f} MB "
        f"(target < 300 MB: {'met' if figures['VmHWM'] < 300 else 'NOT met'})"
    )
    print("ours:  " + dog.report())
    print("bare:  " + bare.summary())
    ratio = dog.longest_ms() / max(bare.longest_ms(), 1.0)
    print(
        f"ratio longest stall ours / bare: {ratio:.1f}x; stalls > 100 ms: "
        f"{len(dog.long_stalls())} vs {len(bare.long_stalls())}"
    )


if __name__ == "__main__":
    main()
