"""Timing a command in a fresh process, with the resident memory of it and its workers measured,
and LibreOffice's conversion of files to PDF timed the same way. Shared by the letter benchmarks.

Memory: every 20 ms the process tree is walked through /proc and the resident sets (VmRSS) of
its processes summed; the largest sum is `peak_tree_mb`. Each process's own high-water mark
(VmHWM) is read at each look too: their sum, `hwm_sum_mb`, can only overstate the peak (the
processes need not peak together), so it is the figure to hold against a limit. A process
seen between its fork and its exec (the workers, multiprocessing's resource tracker, fc-list)
shows its parent's pages, shared, not its own: its mark counts from the exec on, as the
kernel's VmHWM itself restarts at an exec. The kernel's `ru_maxrss` of the children (the
largest single process, LibreOffice's runs before included) is `largest_process_mb`.
"""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

SAMPLE_SECONDS = 0.02
ROOT = Path(__file__).resolve().parent.parent
LO_BATCH = 200  # one soffice run stopped quietly after 246 files here: convert in batches


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_tree_mb: float
    hwm_sum_mb: float
    largest_process_mb: float
    cpu_seconds: float  # user + system time of the process and its workers
    stdout: str


def organiser_command(*args: str) -> list[str]:
    """`python -m organiser ARGS` with this interpreter."""
    return [sys.executable, "-m", "organiser", *args]


def compile_modules() -> None:
    """The program's modules compiled to bytecode beside them, as installing it does: where
    PYTHONDONTWRITEBYTECODE is set (this machine's environment sets it), a fresh process
    would otherwise compile every module it imports at each start."""
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "organiser")],
                   check=True, stdout=subprocess.DEVNULL)  # fmt: skip


def organiser_env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}


def run(command: Sequence[str], env: dict[str, str] | None = None) -> Run:
    """Run `command` to its end in a fresh process; its time (start included) and memory."""
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    before, cpu_before = used.ru_maxrss, used.ru_utime + used.ru_stime
    start = time.perf_counter()
    process = subprocess.Popen(
        list(command), env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    watcher = _Watcher(process.pid)
    watcher.start()
    out, err = process.communicate()
    seconds = time.perf_counter() - start
    watcher.stop()
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command[:4])}... failed ({process.returncode}): {err}")
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return Run(
        seconds, watcher.peak_kb / 1024, sum(watcher.hwm_kb.values()) / 1024,
        max(used.ru_maxrss, before) / 1024, used.ru_utime + used.ru_stime - cpu_before, out,
    )  # fmt: skip


class _Watcher(threading.Thread):
    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.peak_kb = 0
        self.hwm_kb: dict[int, int] = {}
        self._program: dict[int, bytes] = {}  # each process's command line when last seen
        self._done = threading.Event()

    def run(self) -> None:
        while not self._done.is_set():
            self._look()
            self._done.wait(SAMPLE_SECONDS)

    def stop(self) -> None:
        self._done.set()
        self.join()

    def _look(self) -> None:
        total = 0
        for pid in _tree(self.pid):
            program = _command_line(pid)
            status = _status(pid)
            if "VmRSS" in status:
                total += status["VmRSS"]
                if program != _command_line(pid):
                    continue  # it exec'd between the two looks: which program's mark is it?
                if self._program.setdefault(pid, program) != program:
                    self._program[pid] = program  # an exec: a new program, a new mark
                    self.hwm_kb[pid] = 0
                self.hwm_kb[pid] = max(self.hwm_kb.get(pid, 0), status.get("VmHWM", 0))
        self.peak_kb = max(self.peak_kb, total)


def _tree(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        try:
            for task in os.listdir(f"/proc/{current}/task"):
                children = Path(f"/proc/{current}/task/{task}/children").read_text()
                todo += [int(c) for c in children.split()]
        except OSError:
            continue
    return found


def _command_line(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


def _status(pid: int) -> dict[str, int]:
    try:
        lines = Path(f"/proc/{pid}/status").read_text().splitlines()
    except OSError:
        return {}
    fields = {}
    for line in lines:
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            fields[key] = int(value.split()[0])
    return fields


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


@dataclass(frozen=True)
class LibreOffice:
    """LibreOffice converting files to PDF, `soffice --headless --convert-to pdf`, with its own
    fresh profile (made by a first, untimed conversion)."""

    program: str
    work: Path

    def command(self, files: Sequence[Path], out: Path) -> list[str]:
        profile = (self.work / "lo-profile").as_uri()
        return [
            self.program, f"-env:UserInstallation={profile}", "--headless",
            "--infilter=HTML (StarWriter)",  # a Writer page (A4), not a web page
            "--convert-to", "pdf:writer_pdf_Export", "--outdir", str(out),
            *map(str, files),
        ]  # fmt: skip

    def empty(self) -> Run:
        """Its start-up: one empty document converted (the profile made first, untimed)."""
        empty = self.work / "empty.html"
        empty.write_text("<html><body></body></html>", encoding="utf-8")
        if not (self.work / "lo-profile").exists():
            run(self.command([empty], self.work / "lo-empty"))
        return run(self.command([empty], self.work / "lo-empty"))

    def convert(self, files: Sequence[Path], out: Path) -> Conversion:
        """All `files` to PDF in runs of LO_BATCH."""
        seconds, peak, cpu, runs = 0.0, 0.0, 0.0, 0
        for first in range(0, len(files), LO_BATCH):
            done = run(self.command(files[first : first + LO_BATCH], out))
            seconds, cpu, runs = seconds + done.seconds, cpu + done.cpu_seconds, runs + 1
            peak = max(peak, done.hwm_sum_mb)
        made = len(list(out.glob("*.pdf")))
        if made != len(files):
            raise SystemExit(f"LibreOffice made {made} PDFs of {len(files)}")
        return Conversion(seconds, peak, cpu, runs)


@dataclass(frozen=True)
class Conversion:
    seconds: float
    peak_mb: float  # of the largest soffice run
    cpu_seconds: float
    runs: int


def pages_of(folder: Path) -> list[int]:
    """The page count of each PDF in `folder`."""
    from pypdf import PdfReader

    return [len(PdfReader(path).pages) for path in sorted(folder.glob("*.pdf"))]


def spread(values: Sequence[int]) -> str:
    """How many files have 1, 2, 3... pages."""
    return ", ".join(f"{n} p: {values.count(n)}" for n in sorted(set(values)))
