"""Cold start: process start to the window painted with the sample data, and two commands.

Each figure is a fresh process, best and median of N, beside its baseline measured in turn in the
same run: a bare Qt window (a QApplication and one empty QMainWindow) for the window, and
`python -c pass` for the interpreter. The window's time runs from the process's start
(interpreter included) to its first paint: the real start path (`organiser --db DB`, the
command line opening the window) on a database with the demo loaded, timed until the main
window's first paint event has been handled. Three window figures:
- "painted": a start after a session that closed the window (as every start but the first
  is): its first frame shows the Dashboard that session kept, before SQLAlchemy is loaded;
- "live": the same start until the Dashboard read from the database now is on screen;
- "nothing kept": a database the window never closed (the demo just loaded), which opens the
  database before it paints.
Run under a display server or offscreen:
`PYTHONPATH=$PWD xvfb-run -a .venv/bin/python bench/bench_startup.py [--runs 9]`
(without $DISPLAY, QT_QPA_PLATFORM=offscreen is used).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Reports on stdout once a top-level QMainWindow's first paint has been handled, then exits.
# The filter is put on the window itself, from the event loop's first turn (the window is built
# before it and painted after it): on the whole application it would be called, from Python,
# for every event of every widget being built, which costs a window of many widgets far more
# than an empty one.
PAINTED = """
import os, sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, done)  # after this paint pass, children included
        return False

def done():
    sys.stdout.write(f"painted {time.process_time()}\\n"); sys.stdout.flush(); os._exit(0)

def watch_windows():
    windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMainWindow)]
    for window in windows:
        window.installEventFilter(watcher)
    if not windows:
        QTimer.singleShot(0, watch_windows)

app = QApplication(sys.argv[:1])
watcher = FirstPaint()
QTimer.singleShot(0, watch_windows)
"""

BARE = (
    PAINTED
    + """
window = QMainWindow(); window.resize(1200, 760); window.show()
app.exec()
"""
)

OURS = (
    PAINTED
    + """
from organiser.cli import main
main(["--db", sys.argv[1]])
"""
)

# The same start, reported once the Dashboard read from the database (not the kept one) is on
# screen; with "keep" given, the window is then closed as a user closes it (it keeps its
# Dashboard for the next start).
LIVE = """
import os, sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

def poll():
    for window in QApplication.topLevelWidgets():
        page = window.pages[0] if getattr(window, "attached", False) else None
        if page is not None and page.summary is not None and not page.loading:
            if sys.argv[2:] == ["keep"]:
                window.close()
                return
            sys.stdout.write(f"painted {time.process_time()}\\n"); sys.stdout.flush(); os._exit(0)
    QTimer.singleShot(5, poll)

app = QApplication(sys.argv[:1])
QTimer.singleShot(0, poll)
from organiser.cli import main
main(["--db", sys.argv[1]])
"""


def environment() -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    # As installed, with its bytecode: compiled once by the warm-up run, then read.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"):
        env["QT_QPA_PLATFORM"] = "offscreen"
    return env


def timed(arguments: list[str], until_line: bool = False) -> tuple[float, float]:
    """Wall and CPU seconds from starting the process to its exit (or to its paint line)."""
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, *arguments],
        cwd=ROOT,
        env=environment(),
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert process.stdout is not None
    if until_line:
        said = process.stdout.readline().split()
        elapsed = time.perf_counter() - start
        process.kill()
        process.wait()
        if not said or said[0] != "painted":
            raise SystemExit(f"the window did not paint: {arguments[:2]}")
        return elapsed, float(said[1])
    process.stdout.read()
    _pid, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"exit status {process.returncode}: {arguments}")
    return elapsed, usage.ru_utime + usage.ru_stime


def line(label: str, runs: list[tuple[float, float]]) -> str:
    walls, cpus = [wall * 1000 for wall, _ in runs], [cpu * 1000 for _, cpu in runs]
    return (
        f"{label:<34} best {min(walls):6.0f} ms  median {statistics.median(walls):6.0f} ms"
        f"   CPU best {min(cpus):6.0f} ms  median {statistics.median(cpus):6.0f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as folder:
        db, fresh = str(Path(folder) / "bench.sqlite3"), str(Path(folder) / "fresh.sqlite3")
        for path in (db, fresh):
            subprocess.run(
                [sys.executable, "-m", "organiser", "--db", path, "demo"],
                cwd=ROOT,
                env=environment(),
                check=True,
                capture_output=True,
            )
        # The session before: the window opened on it and closed (it keeps its Dashboard).
        closed = subprocess.run(
            [sys.executable, "-c", LIVE, db, "keep"], cwd=ROOT, env=environment(), timeout=120
        )
        if closed.returncode != 0:
            raise SystemExit("the window did not close cleanly")
        # Warm the file cache once, as a second start would be.
        timed(["-c", OURS, db], until_line=True)
        timed(["-c", OURS, fresh], until_line=True)
        keys = ("pass", "bare", "ours", "live", "cold", "ver", "list")
        results: dict[str, list[tuple[float, float]]] = {key: [] for key in keys}
        for _ in range(runs):  # in turn, so that a change of load falls on every figure alike
            results["pass"].append(timed(["-c", "pass"]))
            results["bare"].append(timed(["-c", BARE], until_line=True))
            results["ours"].append(timed(["-c", OURS, db], until_line=True))
            results["live"].append(timed(["-c", LIVE, db], until_line=True))
            results["cold"].append(timed(["-c", OURS, fresh], until_line=True))
            results["ver"].append(timed(["-m", "organiser", "--version"]))
            results["list"].append(timed(["-m", "organiser", "--db", db, "campaign", "list"]))
    platform = environment().get("QT_QPA_PLATFORM") or "xcb (DISPLAY " + os.environ["DISPLAY"] + ")"
    print(
        f"{time.strftime('%Y-%m-%d %H:%M %Z')}, {runs} runs each, Qt platform {platform}, "
        f"load average {os.getloadavg()[0]:.2f}"
    )
    print(line("python -c pass", results["pass"]))
    print(line("bare Qt window painted", results["bare"]))
    print(line("our window painted (sample data)", results["ours"]))
    print(line("  its Dashboard live from the DB", results["live"]))
    print(line("  nothing kept (never closed)", results["cold"]))
    print(line("organiser --version", results["ver"]))
    print(line("organiser campaign list", results["list"]))
    for key, base, label in (
        ("ours", "bare", "window / bare Qt window (target <= 2x, and <= 0.4 s)"),
        ("live", "bare", "live Dashboard / bare Qt window"),
        ("cold", "bare", "nothing kept / bare Qt window"),
        ("ver", "pass", "--version / python -c pass"),
        ("list", "pass", "campaign list / python -c pass"),
    ):
        for what, index in (("wall", 0), ("CPU", 1)):
            ours = [run[index] for run in results[key]]
            theirs = [run[index] for run in results[base]]
            best = min(ours) / min(theirs)
            median = statistics.median(ours) / statistics.median(theirs)
            print(f"ratio {label}, {what}: best {best:.2f}x, median {median:.2f}x")


if __name__ == "__main__":
    main()
