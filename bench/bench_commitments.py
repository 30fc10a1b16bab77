"""Affiliates in bulk and the Commitments page at scale, with baselines measured in the same run.

1. Import of a 50,000-row affiliates CSV (UTF-8 BOM, semicolons, quoted line breaks, Latin,
   Cyrillic and Hangul names): read + validate + preview + all-or-nothing write, against
   (a) plain csv.reader over the same file and (b) raw sqlite3 executemany of the same rows.
2. The Commitments page opening on 100,000 commitments (count + first lazily fetched page,
   offscreen), a further page, and the matrix of one campaign, against a raw sqlite3 SELECT of
   all 100,000 rows.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_commitments.py
"""

from __future__ import annotations

import csv
import os
import random
import sqlite3
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from sqlalchemy import insert

from organiser import store
from organiser.formats.csv_affiliates import read_table
from organiser.models import Campaign, Commitment, Organisation
from organiser.services.affiliates_import import import_affiliates

AFFILIATES = 50_000
COMMITMENTS = 100_000
NAMES = ("Metalworkers' Union", "Профсоюз работников", "금속노동조합", "Syndicat des cheminots")
COUNTRIES = ("KR", "KZ", "FR", "GB", "DE", "BR", "ZA", "Kazakhstan", "Korea, Republic of")


def timed(work: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = work()
    return time.perf_counter() - start, result


def write_affiliates_csv(path: Path) -> None:
    rng = random.Random(5)
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=";", lineterminator="\r\n")
        writer.writerow(["Name", "Acronym", "Country", "Email", "Address", "Language"])
        for n in range(AFFILIATES):
            writer.writerow([
                f"{NAMES[n % len(NAMES)]} {n}", f"U{n}", rng.choice(COUNTRIES),
                f"office{n}@union.example.org", f"Street {n}\nCity {n % 97}", "en",
            ])  # fmt: skip


def baseline_parse(path: Path) -> float:
    def parse() -> int:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            return sum(1 for _ in csv.reader(handle, delimiter=";"))

    return timed(parse)[0]


def baseline_executemany(folder: Path, path: Path) -> float:
    engine = store.open_database(str(folder / "raw.sqlite3"))
    engine.dispose()
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";"))[1:]
    now = "2026-01-01 00:00:00.000000"
    params = [
        (str(uuid.uuid4()), now, now, 1, r[0], r[1], "union", r[2][:2], r[4], r[3], "", "",
         "en", "")
        for r in rows
    ]  # fmt: skip
    connection = sqlite3.connect(folder / "raw.sqlite3")
    sql = (
        "INSERT INTO organisation (uuid, created_at, updated_at, version, name, acronym, kind, "
        "country, address, email, phone, website, language, notes) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
    )
    seconds, _ = timed(lambda: (connection.executemany(sql, params), connection.commit()))
    connection.close()
    return seconds


def bench_import(folder: Path) -> None:
    path = folder / "affiliates.csv"
    write_affiliates_csv(path)
    parse = baseline_parse(path)
    raw = baseline_executemany(folder, path)
    engine = store.open_database(str(folder / "import.sqlite3"))

    def run() -> int:
        table = read_table(path)
        with store.transaction(engine) as session:
            return import_affiliates(session, table).created

    seconds, created = timed(run)
    engine.dispose()
    size = path.stat().st_size / 1e6
    print(f"Import of {AFFILIATES:,} affiliates ({size:.1f} MB CSV): {seconds:.2f} s "
          f"({created:,} created; target < 5 s)")  # fmt: skip
    print(f"  baseline csv.reader parse:        {parse:.3f} s  -> import is {seconds / parse:.1f}x")
    print(f"  baseline raw sqlite3 executemany: {raw:.3f} s  -> import is {seconds / raw:.1f}x")


def fill_commitments(engine: Any) -> int:
    rng = random.Random(7)
    start = date(2026, 1, 1)
    with store.transaction(engine) as session:
        campaigns = list(session.scalars(
            insert(Campaign).returning(Campaign.id), [{"title": f"Campaign {n}"} for n in range(20)]
        ))  # fmt: skip
        orgs = list(session.scalars(
            insert(Organisation).returning(Organisation.id),
            [{"name": f"Affiliate {n}"} for n in range(2000)],
        ))  # fmt: skip
        statuses = ("pledged", "in-progress", "fulfilled", "withdrawn")
        rows = [
            {"campaign_id": rng.choice(campaigns), "organisation_id": rng.choice(orgs),
             "what": f"Pledge {n}", "status": rng.choice(statuses),
             "due_date": start + timedelta(days=rng.randrange(400))}
            for n in range(COMMITMENTS)
        ]  # fmt: skip
        session.execute(insert(Commitment), rows)
    return campaigns[0]


def bench_page(folder: Path) -> None:
    from PySide6.QtWidgets import QApplication

    from organiser.ui.pages.commitments import CommitmentsPage

    app = QApplication.instance() or QApplication([])
    db = folder / "commitments.sqlite3"
    engine = store.open_database(str(db))
    first_campaign = fill_commitments(engine)
    connection = sqlite3.connect(db)
    raw, _ = timed(lambda: connection.execute("SELECT * FROM commitment").fetchall())
    connection.close()

    def open_page() -> CommitmentsPage:
        page = CommitmentsPage(engine)
        page.resize(1200, 700)
        page.show()
        app.processEvents()
        return page

    opened, page = timed(open_page)
    total, fetched = page.list_model.total(), page.list_model.rowCount()
    more, _ = timed(lambda: page.list_model.fetchMore(page.list_model.index(-1, -1)))
    matrix, _ = timed(lambda: (page.filters.select_campaign(first_campaign), app.processEvents()))
    print(f"Commitments page with {total:,} commitments: opens and paints in "
          f"{opened:.3f} s ({fetched:,} rows fetched so far)")  # fmt: skip
    print(f"  next page of 1,000 rows: {more:.3f} s")
    print(f"  one campaign chosen (list + matrix of ~5,000 pledges): {matrix:.3f} s")
    print(f"  baseline raw SELECT of all rows: {raw:.3f} s -> opening is {opened / raw:.1f}x")
    engine.dispose()


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        bench_import(Path(folder))
        bench_page(Path(folder))


if __name__ == "__main__":
    main()
