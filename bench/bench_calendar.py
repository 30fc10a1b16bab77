"""Calendar benchmarks, run by hand: month view with 100,000 actions, .ics export and import.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_calendar.py [--actions 100000]

Prints medians in milliseconds and ratios against baselines measured in the same run: the naive
full-table load filtered in Python (month view), and one flush per event (import).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication
from sqlalchemy import Engine, insert

from organiser import store
from organiser.formats.ics import export_calendar
from organiser.formats.ics_read import parse_calendar
from organiser.models import Action, ActionKind, ActionStatus, Campaign
from organiser.services.action_import import import_events
from organiser.services.calendar import actions_between, visible_range
from organiser.services.campaigns import PALETTE
from organiser.ui.pages.calendar import CalendarPage

FIRST_DAY = date(2024, 1, 1)
DAYS = 3 * 365
ZONES = ("Asia/Seoul", "Asia/Aqtau", "Europe/Berlin", "America/Argentina/Buenos_Aires", "UTC")


def median_ms(work: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def fill(engine: Engine, count: int) -> None:
    rng = random.Random(7)
    kinds, statuses = list(ActionKind), list(ActionStatus)
    with store.transaction(engine) as session:
        campaigns = [
            Campaign(title=f"Campaign {n}", country="KR", colour=PALETTE[n % len(PALETTE)])
            for n in range(20)
        ]
        session.add_all(campaigns)
        session.flush()
        rows = []
        for n in range(count):
            start = FIRST_DAY + timedelta(days=rng.randrange(DAYS))
            timed = rng.random() < 0.6
            at = datetime.combine(start, datetime.min.time(), UTC) + timedelta(
                hours=rng.randrange(24)
            )
            rows.append(
                {
                    "campaign_id": campaigns[n % 20].id,
                    "kind": rng.choice(kinds),
                    "title": f"Action {n}",
                    "all_day": not timed,
                    "start_date": start,
                    "end_date": start + timedelta(days=0 if timed else rng.choice((0, 0, 0, 1, 2))),
                    "starts_at": at if timed else None,
                    "ends_at": at + timedelta(hours=2) if timed else None,
                    "timezone": rng.choice(ZONES),
                    "status": rng.choice(statuses),
                    "uuid": f"{n:08d}-0000-4000-8000-000000000000",
                    "version": 1,
                }
            )
        session.execute(insert(Action), rows)


def month_view(engine: Engine, repeat: int) -> None:
    page = CalendarPage(engine)
    page.resize(1280, 800)
    page.show()
    page.go_to(date(2025, 1, 15))
    QApplication.processEvents()

    def change_page() -> None:
        page.step(1)
        page.grid.repaint()

    def query_only() -> None:
        first, last = visible_range(date(2025, 6, 15), 6)
        with store.transaction(engine) as session:
            actions_between(session, first, last)

    def naive() -> None:
        first, last = visible_range(date(2025, 6, 15), 6)
        with store.transaction(engine) as session:
            everything = actions_between(session)
        shown = [a for a in everything if a.start_date <= last and a.end_date >= first]
        page.grid.set_actions(shown, [])
        page.grid.repaint()

    changed = median_ms(change_page, repeat)
    queried = median_ms(query_only, repeat)
    baseline = median_ms(naive, max(3, repeat // 4))
    print(
        f"month window query (42 days, ~{len(page.shown_actions)} actions): "
        f"{queried:8.1f} ms median"
    )
    print(f"month page change, query + render:          {changed:8.1f} ms median")
    print(f"baseline, full-table load + filter + render: {baseline:8.1f} ms median")
    print(f"  -> {baseline / changed:.1f}x faster than the baseline")
    page.close()
    page.deleteLater()
    QApplication.processEvents()


def ics(engine: Engine, events: int, folder: Path) -> None:
    with store.transaction(engine) as session:
        actions = actions_between(session, date(2025, 1, 1), None)[:events]
    started = time.perf_counter()
    data = export_calendar(actions)
    exported = time.perf_counter() - started
    print(
        f".ics export of {len(actions)} events: {exported * 1000:8.0f} ms "
        f"({len(data) / 1e6:.1f} MB)"
    )
    fresh = store.open_database(str(folder / "import.sqlite3"))
    with store.transaction(fresh) as session:
        session.add(Campaign(title="Imported", colour="#1f6feb"))
    started = time.perf_counter()
    parsed = parse_calendar(data)
    parse_time = time.perf_counter() - started
    with store.transaction(fresh) as session:
        result = import_events(session, 1, parsed)
    total = time.perf_counter() - started
    print(
        f".ics import of {len(parsed)} events: {total * 1000:8.0f} ms "
        f"(parse {parse_time * 1000:.0f} ms, write {(total - parse_time) * 1000:.0f} ms; "
        f"{result.created} created)"
    )
    started = time.perf_counter()
    with store.transaction(fresh) as session:
        again = import_events(session, 1, parsed)
    print(
        f".ics re-import of {len(parsed)} events (updates): "
        f"{(time.perf_counter() - started) * 1000:8.0f} ms "
        f"({again.updated} updated, {again.created} created)"
    )
    fresh.dispose()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--actions", type=int, default=100_000)
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=21)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as folder:
        engine = store.open_database(str(Path(folder) / "bench.sqlite3"))
        started = time.perf_counter()
        fill(engine, args.actions)
        print(f"{args.actions} actions inserted in {time.perf_counter() - started:.1f} s")
        month_view(engine, args.repeat)
        ics(engine, args.events, Path(folder))
        engine.dispose()
    app.processEvents()


if __name__ == "__main__":
    main()
