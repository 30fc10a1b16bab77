"""A watchdog on the GUI thread: how long its event loop was kept from running, and memory.

A background thread posts an event to a QObject living on the GUI thread every `interval_ms`
(15 ms), carrying its send time; the receiver records the delay. A stall is a run of pings
delivered late: its length is the longest delay in it (or the gap between two deliveries, when
the pinger itself could not run — a long call holding Python's lock), one stall counted per run.
Each stall is put down to the scripted step current when it began (`step(name)`).

    dog = Watchdog(); dog.start(); dog.step("open Letters"); ...; dog.stop(); print(dog.report())

`memory()`: VmRSS and VmHWM of this process from /proc/self/status, in MB.
"""

from __future__ import annotations

import sys
import threading
import time
import traceback
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from PySide6.QtCore import QCoreApplication, QEvent, QObject

PING = QEvent.Type(QEvent.registerEventType())
STALL_MS = 100.0


def memory() -> dict[str, float]:
    """VmRSS (now) and VmHWM (the high-water mark) of this process, in MB."""
    found: dict[str, float] = {}
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            name, _, value = line.partition(":")
            if name in ("VmRSS", "VmHWM"):
                found[name] = int(value.split()[0]) / 1024
    return found


class _Ping(QEvent):
    def __init__(self, sent: float, step: str) -> None:
        super().__init__(PING)
        self.sent = sent
        self.step = step


@dataclass
class Stall:
    step: str
    began: float  # perf_counter seconds
    ms: float


@dataclass
class StepFigures:
    """One step's share: its time, its longest stall, its stalls over the threshold."""

    seconds: float = 0.0
    longest_ms: float = 0.0
    rss_after: float = 0.0  # MB, when the step ended
    stalls: list[float] = field(default_factory=list)


class _Receiver(QObject):
    def __init__(self, dog: Watchdog) -> None:
        super().__init__()
        self.dog = dog

    def event(self, event: QEvent) -> bool:
        if event.type() == PING and isinstance(event, _Ping):
            self.dog._received(event.sent, event.step, time.perf_counter())
            return True
        return super().event(event)


class Watchdog:
    """Made, started and stopped on the GUI thread."""

    def __init__(
        self, interval_ms: float = 15.0, threshold_ms: float = STALL_MS, sample: bool = False
    ) -> None:
        self.interval = interval_ms / 1000
        # `sample`: while the GUI thread is late, what it is running (for diagnosis), by step.
        self.sample = sample
        self.samples: dict[str, Counter[str]] = defaultdict(Counter)
        self._gui = threading.get_ident()
        self.threshold = threshold_ms
        self.receiver = _Receiver(self)
        self.current = "start"
        self.stalls: list[Stall] = []  # every late run, the short ones too
        self.steps: dict[str, StepFigures] = defaultdict(StepFigures)
        self.order: list[str] = []
        self._step_began = time.perf_counter()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._last_received: float | None = None
        self._last_stall_end = 0.0
        self.pings = 0
        self.longest_delay = 0.0  # ms, the longest of all, under 20 ms too
        self.started = self.stopped = 0.0

    def step(self, name: str) -> None:
        """The scripted step now running (stalls that begin from now on are put down to it)."""
        now = time.perf_counter()
        self.steps[self.current].seconds += now - self._step_began
        self.steps[self.current].rss_after = memory()["VmRSS"]
        self._step_began = now
        self.current = name
        if name not in self.order:
            self.order.append(name)

    def start(self) -> None:
        self.started = time.perf_counter()
        self._step_began = self._last_received = self.started
        self.order.append(self.current)
        self._thread = threading.Thread(target=self._ping, name="watchdog", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Stop pinging; the pings still queued are delivered first (so a last stall counts)."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
        QCoreApplication.sendPostedEvents(self.receiver, PING)
        self.stopped = time.perf_counter()
        self.step(self.current)

    def _ping(self) -> None:
        receiver = self.receiver
        while not self._stop.wait(self.interval):
            now = time.perf_counter()
            QCoreApplication.postEvent(receiver, _Ping(now, self.current))
            late = self._last_received is not None and now - self._last_received > 0.05
            if self.sample and late:
                self._sample_gui()

    def _sample_gui(self) -> None:
        frame = sys._current_frames().get(self._gui)
        if frame is None:
            return
        stack = traceback.extract_stack(frame)
        ours = [f for f in stack if "/organiser/" in f.filename or "/bench/" in f.filename]
        lines = [f"{f.filename.split('/')[-1]}:{f.lineno} {f.name}" for f in ours[-4:]]
        last = stack[-1]
        where = f"{last.filename.split('/')[-1]}:{last.lineno} {last.name}"
        self.samples[self.current][" < ".join(reversed(lines)) + f"  [in {where}]"] += 1

    def _received(self, sent: float, step: str, now: float) -> None:
        self.pings += 1
        delay = now - sent
        self.longest_delay = max(self.longest_delay, delay * 1000)
        previous, self._last_received = self._last_received, now
        if previous is not None and now - previous - self.interval > delay:
            # The pinger itself was held up (a long call keeping Python's lock): the gap says
            # how long the loop went without a delivery.
            delay = now - previous - self.interval
            sent = now - delay
        if delay * 1000 < 20:
            return
        if sent < self._last_stall_end and self.stalls:
            last = self.stalls[-1]  # the same stall, pings queued behind the first
            last.ms = max(last.ms, delay * 1000)
            self._last_stall_end = max(self._last_stall_end, now)
        else:
            self.stalls.append(Stall(step, sent, delay * 1000))
            self._last_stall_end = now
        figures = self.steps[self.stalls[-1].step]
        figures.longest_ms = max(figures.longest_ms, self.stalls[-1].ms)

    # figures
    def long_stalls(self, step: str | None = None) -> list[Stall]:
        return [
            s for s in self.stalls if s.ms > self.threshold and (step is None or s.step == step)
        ]

    def longest_ms(self) -> float:
        return max([self.longest_delay, *(s.ms for s in self.stalls)])

    def duration(self) -> float:
        return (self.stopped or time.perf_counter()) - self.started

    def summary(self) -> str:
        long = self.long_stalls()
        return (
            f"longest stall {self.longest_ms():7.0f} ms; stalls > {self.threshold:.0f} ms: "
            f"{len(long)} (their total {sum(s.ms for s in long) / 1000:.1f} s) over "
            f"{self.duration():.1f} s, {self.pings} pings"
        )

    def report(self) -> str:
        """One line overall, then one per step: its time, longest stall, stalls over 100 ms."""
        lines = [
            self.summary(),
            f"  {'step':44} {'time':>7} {'longest':>9} {'>100ms':>7} {'RSS':>6}  sizes",
        ]
        for name in self.order:
            figures = self.steps[name]
            long = sorted((s.ms for s in self.long_stalls(name)), reverse=True)
            sizes = ", ".join(f"{ms:.0f}" for ms in long[:6]) + (" …" if len(long) > 6 else "")
            lines.append(
                f"  {name[:44]:44} {figures.seconds:6.1f}s {figures.longest_ms:7.0f}ms "
                f"{len(long):7d} {figures.rss_after:6.0f}  {sizes}"
            )
        if self.sample:
            for name in self.order:
                for stack, count in self.samples[name].most_common(4):
                    lines.append(f"    {name[:30]}: {count * self.interval * 1000:5.0f} ms {stack}")
        return "\n".join(lines)
