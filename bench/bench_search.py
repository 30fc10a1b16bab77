"""Search at a federation's scale: 100,000 letters of about 300 words and 50,000 organisations
(the shared large database, `bench/large_db.py`, with its million actions and the rest), and
the Dashboard's load time on the same database.

    PYTHONPATH=$PWD .venv/bin/python bench/bench_search.py [--scale 1] [--repeat 30]
        [--like-repeat 3] [--write 3000] [--reindex]

Prints, each beside its baseline measured in the same run and the ratio:
- latency of `services.search.search` (the whole use case: the index, the records' text, the
  words in context), median and 95th percentile, for one-word, two-word, Hangul, accent-free
  and transliterated queries, each query asked `--repeat` times in a shuffled order; the
  baseline is a LIKE scan of the letters and organisations for the same words;
- the index's size (FTS5's tables, by SQLite's `dbstat`) beside the records' own;
- the cost of keeping the index in step: letters per second written through the service
  (`letters.create_letter`, one transaction each) and in bulk, with the index and without it
  (its triggers dropped), on a fresh database each;
- the Dashboard's load (`services.dashboard.dashboard`, every section) on the large database,
  beside the same on the sample data.

`--reindex` makes the index again from the records first (timed).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import Engine, insert, select, text

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import corpus_text, large_db, letter_corpus  # noqa: E402
from organiser import store  # noqa: E402
from organiser.models import Campaign, Letter, LetterKind, Organisation  # noqa: E402
from organiser.search import schema  # noqa: E402
from organiser.services import letters, search  # noqa: E402
from organiser.services.letters import LetterFields  # noqa: E402

SEED = 2026
BATCH = 5_000
# Names in their own scripts and with accents, among the generated ones: what the queries find.
NAMED = (
    ("전국민주노동조합총연맹", "KCTU", "KR"),
    ("전국공공운수사회서비스노동조합", "KPTU", "KR"),
    ("한국노동조합총연맹", "FKTU", "KR"),
    ("Профсоюз работников нефтегазовой отрасли", "", "KZ"),
    ("Федерация профсоюзов Республики Казахстан", "FPRK", "KZ"),
    ("Конфедерация труда России", "KTR", "RU"),
    ("Confédération générale du travail", "CGT", "FR"),
    ("Fédération syndicale unitaire", "FSU", "FR"),
    ("Central Única dos Trabalhadores", "CUT", "BR"),
    ("Confederación Sindical de Comisiones Obreras", "CCOO", "ES"),
    ("Syndicat des services publics de Genève", "SSP", "CH"),
    ("Türkiye Devrimci İşçi Sendikaları Konfederasyonu", "DİSK", "TR"),
)
PEOPLE = ("Han Sang-gyun (한상균)", "Ерлан Сағынтайұлы", "Cho Sung-deok (조성덕)", "Léa Dubois")
# Words the large database holds (bench/large_db.py: its names and corpus_text's paragraphs).
QUERIES: dict[str, tuple[str, ...]] = {
    "one word": ("dormitory", "solidarity", "warrant", "reinstatement", "stewards"),
    "two words": ("shop stewards", "independent inquiry", "labour court", "criminal charges"),
    "Hangul": ("조합", "운수", "금속노동조합", "보건의료"),
    "accent-free": ("federation des travailleurs", "confederation", "metallurgie", "energie"),
    "transliterated": ("Profsoyuz", "Erlan Qudaybergenov", "Seong-ho", "Federatsiya profsoyuzov"),
}


def _organisations(rng: random.Random, count: int) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    for number in range(count):
        if number % 50 < len(NAMED):
            name, acronym, country = NAMED[number % 50]
            name = f"{name} — {number}"
            address = f"{rng.randint(1, 240)} {rng.choice(corpus_text.STREETS)}"
        else:
            org = letter_corpus._org(rng, number)
            name, acronym, country, address = org.name, org.acronym, org.country, org.address
        rows.append(
            {"name": name, "acronym": acronym, "country": country, "address": address,
             "notes": rng.choice(("", "", f"Contact: {rng.choice(PEOPLE)}"))}
        )  # fmt: skip
    return rows


def _letters(
    rng: random.Random, count: int, campaign: int, senders: Sequence[int], first: int = 0
) -> list[dict[str, object]]:
    languages = list(letter_corpus.LANGUAGE_WEIGHTS)
    weights = list(letter_corpus.LANGUAGE_WEIGHTS.values())
    start = date(2016, 1, 1)
    rows: list[dict[str, object]] = []
    for number in range(first, first + count):
        language = rng.choices(languages, weights)[0]
        name = rng.choice(PEOPLE) if rng.random() < 0.2 else letter_corpus._name(rng)
        body = letter_corpus.body(rng, language, rng.choice((1, 1, 2)), name)
        subject = rng.choice(corpus_text.SUBJECTS[language])
        rows.append(
            {"kind": LetterKind.PROTEST_LETTER, "campaign_id": campaign,
             "sender_id": rng.choice(senders), "subject": f"{subject} ({number})",
             "letter_date": start + timedelta(days=number % 3650), "language": language,
             "body": body, "our_reference": f"GUF/{2016 + number % 10}/{number:06d}"}
        )  # fmt: skip
    return rows


def _bulk(engine: Engine, model: type, rows: list[dict[str, object]]) -> float:
    began = time.perf_counter()
    for at in range(0, len(rows), BATCH):
        with store.transaction(engine, write=True) as session:
            session.execute(insert(model), rows[at : at + BATCH])
    return time.perf_counter() - began


def _campaign_and_senders(engine: Engine) -> tuple[int, list[int]]:
    with store.transaction(engine, write=True) as session:
        campaign = session.execute(
            insert(Campaign).returning(Campaign.id), [{"title": "Ten years of letters"}]
        ).scalar_one()
        first_six = select(Organisation.id).order_by(Organisation.id).limit(6)
        senders = list(session.scalars(first_six))
    return campaign, senders


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def _like(engine: Engine, query: str) -> Callable[[], int]:
    """The baseline: every word somewhere in a letter's subject or body, or in an
    organisation's name, acronym or address, by LIKE (SQLite's LIKE folds ASCII case only)."""
    words = query.split()
    letter_where = " AND ".join(
        f"(subject LIKE :w{n} OR body LIKE :w{n})" for n in range(len(words))
    )
    org_where = " AND ".join(
        f"(name LIKE :w{n} OR acronym LIKE :w{n} OR address LIKE :w{n})" for n in range(len(words))
    )
    values = {f"w{n}": f"%{word}%" for n, word in enumerate(words)}

    def run() -> int:
        with engine.connect() as connection:
            found = connection.execute(
                text(f"SELECT id FROM letter WHERE {letter_where} LIMIT 50"), values
            ).all()
            found += connection.execute(
                text(f"SELECT id FROM organisation WHERE {org_where} LIMIT 50"), values
            ).all()
        return len(found)

    return run


def _ours(engine: Engine, query: str) -> Callable[[], int]:
    def run() -> int:
        with store.transaction(engine) as session:
            return len(search.search(session, query).hits)

    return run


def latency(engine: Engine, repeat: int, like_repeat: int) -> None:
    rng = random.Random(SEED)
    print(f"\nlatency (ms), each query {repeat} times shuffled; LIKE {like_repeat} times each")
    print(f"{'queries':<15} {'ours median':>11} {'p95':>7} {'LIKE median':>12} {'p95':>8} "
          f"{'ratio':>7}  hits per query (ours / LIKE)")  # fmt: skip
    everything: list[float] = []
    all_cpu: list[float] = []
    for category, queries in QUERIES.items():
        asked = [q for q in queries for _ in range(repeat)]
        rng.shuffle(asked)
        ours: list[float] = []
        cpu: list[float] = []
        for query in asked:
            began, began_cpu = time.perf_counter(), time.process_time()
            _ours(engine, query)()
            ours.append((time.perf_counter() - began) * 1000)
            cpu.append((time.process_time() - began_cpu) * 1000)
        likes: list[float] = []
        for query in [q for q in queries for _ in range(like_repeat)]:
            began = time.perf_counter()
            _like(engine, query)()
            likes.append((time.perf_counter() - began) * 1000)
        hits = " ".join(f"{_ours(engine, q)()}/{_like(engine, q)()}" for q in queries)
        everything += ours
        all_cpu += cpu
        median, like_median = statistics.median(ours), statistics.median(likes)
        print(
            f"{category:<15} {median:>11.2f} {percentile(ours, 0.95):>7.2f} "
            f"{like_median:>12.1f} {percentile(likes, 0.95):>8.1f} "
            f"{like_median / median:>6.0f}x  {hits}  (CPU median {statistics.median(cpu):.2f})"
        )
    print(
        f"{'all':<15} {statistics.median(everything):>11.2f} "
        f"{percentile(everything, 0.95):>7.2f}   (target: median < 10 ms, p95 < 50 ms); "
        f"CPU median {statistics.median(all_cpu):.2f}, p95 {percentile(all_cpu, 0.95):.2f}"
    )


def index_size(engine: Engine) -> None:
    with engine.connect() as connection:
        try:
            sizes = dict(
                connection.execute(text("SELECT name, sum(pgsize) FROM dbstat GROUP BY name")).all()
            )
        except Exception as error:
            print(f"\nindex size: dbstat not available here ({error})")
            return
    index = sum(size for name, size in sizes.items() if schema.is_index_table(name))
    letters_size = sum(size for name, size in sizes.items() if "letter" in name)
    orgs_size = sum(size for name, size in sizes.items() if "organisation" in name)
    total = sum(sizes.values())
    print(
        f"\nindex size: {index / 2**20:,.0f} MB of {total / 2**20:,.0f} MB in all; "
        f"the letters' own tables {letters_size / 2**20:,.0f} MB, organisations' "
        f"{orgs_size / 2**20:,.0f} MB; index / (letters + organisations) "
        f"{index / max(1, letters_size + orgs_size):.2f}x"
    )


def write_cost(count: int) -> None:
    """Letters written through the service, and in bulk, with the index and without."""
    print(f"\nkeeping the index in step: {count:,} letters, each way on a fresh database")
    results: dict[tuple[str, bool], float] = {}
    for indexed in (False, True, False, True):  # in turn, twice: the best of two each
        with tempfile.TemporaryDirectory() as folder:
            engine = store.open_database(str(Path(folder) / "write.sqlite3"))
            if not indexed:
                with engine.begin() as connection:
                    schema.uninstall(connection)
            rng = random.Random(SEED + 1)
            _bulk(engine, Organisation, _organisations(rng, 50))
            campaign, senders = _campaign_and_senders(engine)
            rows = _letters(rng, count, campaign, senders)
            began = time.perf_counter()
            for row in rows[: count // 3]:
                with store.transaction(engine, write=True) as session:
                    letters.create_letter(
                        session,
                        LetterFields(
                            kind=LetterKind.PROTEST_LETTER, campaign_id=campaign,
                            sender_id=int(str(row["sender_id"])), subject=str(row["subject"]),
                            body=str(row["body"]), language=str(row["language"]),
                        ),
                    )  # fmt: skip
            service = (count // 3) / (time.perf_counter() - began)
            bulk = count / _bulk(engine, Letter, rows)
            engine.dispose()
        for way, rate in (("service", service), ("bulk", bulk)):
            results[(way, indexed)] = max(results.get((way, indexed), 0.0), rate)
    for way in ("service", "bulk"):
        without, with_index = results[(way, False)], results[(way, True)]
        print(
            f"  {way:<8} without the index {without:>8,.0f} letters/s, with it "
            f"{with_index:>8,.0f} letters/s: {with_index / without:.2f}x the rate"
        )


def dashboard_load(engine: Engine, repeat: int = 10) -> None:
    """The Dashboard's every section, on this database and on the sample data."""
    from organiser.services.dashboard import dashboard
    from organiser.services.demo import load_demo

    def timed(on: Engine) -> list[float]:
        dashboard(on)  # the first: its pages read from disk
        times = []
        for _ in range(repeat):
            began = time.perf_counter()
            dashboard(on)
            times.append((time.perf_counter() - began) * 1000)
        return times

    large = timed(engine)
    with tempfile.TemporaryDirectory() as folder:
        sample = store.open_database(str(Path(folder) / "sample.sqlite3"))
        with store.transaction(sample, write=True) as session:
            load_demo(session)
        small = timed(sample)
        sample.dispose()
    print(
        f"\nDashboard load, median of {repeat}: {statistics.median(large):.0f} ms on this "
        f"database (p95 {percentile(large, 0.95):.0f}), {statistics.median(small):.0f} ms on the "
        f"sample data: {statistics.median(large) / statistics.median(small):.1f}x"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="of the large database")
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--like-repeat", type=int, default=3)
    parser.add_argument("--write", type=int, default=3_000)
    parser.add_argument(
        "--reindex", action="store_true", help="make the index again from the records (timed)"
    )
    args = parser.parse_args(argv)
    path = large_db.cached(scale=args.scale)
    engine = store.open_database(str(path))
    if args.reindex:
        began = time.perf_counter()
        with engine.begin() as connection:
            schema.install(connection)
        print(f"index made again from the records in {time.perf_counter() - began:.1f} s")
    with engine.connect() as connection:
        counts = {
            table: connection.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar()
            for table in ("letter", "organisation", "action", "commitment", "person")
        }
        words = connection.exec_driver_sql(
            "SELECT avg(length(body) - length(replace(body, ' ', '')) + 1) FROM "
            "(SELECT body FROM letter LIMIT 2000)"
        ).scalar()
    print(
        f"database: {path.stat().st_size / 2**20:,.0f} MB; "
        + ", ".join(f"{count:,} {table}s" for table, count in counts.items())
        + f"; letters of {words:.0f} words on average"
    )
    began = time.perf_counter()
    _ours(engine, "solidarity")()
    print(f"first search after opening: {(time.perf_counter() - began) * 1000:.1f} ms")
    latency(engine, args.repeat, args.like_repeat)
    index_size(engine)
    dashboard_load(engine)
    engine.dispose()
    write_cost(args.write)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
