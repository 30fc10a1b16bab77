"""Cold start of the window: process start to the main window painted, median of several runs.

Baseline in the same run: a bare QApplication with one empty QMainWindow. Offscreen, so it
measures the program rather than a display server. Run: .venv/bin/python bench/bench_startup.py
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RUNS = 7

BARE = """
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
window = QMainWindow(); window.resize(1200, 760); window.show(); app.processEvents()
"""

OURS = """
import sys
from PySide6.QtWidgets import QApplication
app = QApplication([])
from organiser import store
from organiser.ui.main_window import MainWindow
engine = store.open_database(sys.argv[1])
window = MainWindow(engine); window.show(); app.processEvents()
"""


def timed(code: str, *args: str) -> float:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code, *args], env=env, check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "bench.sqlite3"
        subprocess.run(
            [str(Path(sys.executable).with_name("organiser")), "--db", str(db), "demo"],
            check=True,
            capture_output=True,
        )
        timed(OURS, str(db))  # warm the file cache once, as a second start would be
        bare = statistics.median(timed(BARE) for _ in range(RUNS))
        ours = statistics.median(timed(OURS, str(db)) for _ in range(RUNS))
    print(f"bare Qt window          median of {RUNS}: {bare * 1000:7.0f} ms")
    print(f"Campaign Organiser      median of {RUNS}: {ours * 1000:7.0f} ms (sample data)")
    print(f"ratio ours / bare Qt: {ours / bare:.2f}")


if __name__ == "__main__":
    main()
