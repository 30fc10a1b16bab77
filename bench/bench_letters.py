"""Letters per second, honestly: the program's own command in a fresh process beside LibreOffice.

Run by hand: `.venv/bin/python bench/bench_letters.py [--count 200] [--single 5] [--keep DIR]`.

The letters really differ (bench/letter_corpus.py: senders, recipients, subjects, dates,
languages, 1 to 3 pages drawn from a corpus of forty paragraphs, lists). They are loaded into a
fresh database through the program's services; then, each in a fresh process so that the
interpreter's start, the imports and the fonts are paid every time:

- `organiser letter pdf ID FILE.pdf`, one letter per process, for the first few letters;
- `organiser letter pdf-all FOLDER`, every letter in one process (on every core).

LibreOffice converts the same letters (HTML files of what the program prints, read back from
the database) in the same run: one letter per `soffice` run for the same few, and all of them in
runs of 200. Its own start-up, converting one empty document, is timed separately, and its
rates are given with and without it.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import letter_corpus, measure
from organiser import store


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--single", type=int, default=5, help="letters made one per process")
    parser.add_argument("--repeat", type=int, default=2, help="best of this many, all letters")
    parser.add_argument("--keep", type=Path, default=None, help="keep the files in this folder")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp:
        work = args.keep or Path(temp)
        work.mkdir(parents=True, exist_ok=True)
        env = {**measure.organiser_env(), "XDG_CONFIG_HOME": str(work / "config"),
               "XDG_DATA_HOME": str(work / "data")}  # fmt: skip
        database = work / "bench.sqlite3"
        engine = store.open_database(str(database))
        ids = letter_corpus.load_letters(engine, letter_corpus.generate(args.count))
        html = letter_corpus.write_html(letter_corpus.printables(engine, ids), work / "html")
        engine.dispose()
        print(f"{args.count} different letters; cores: {os.cpu_count()}; "
              f"cold process start included on both sides\n")  # fmt: skip

        db = ["--db", str(database)]
        measure.run(measure.organiser_command("--version"), env)  # the file cache, once
        start = measure.run(measure.organiser_command("--version"), env)
        single = [
            measure.run(measure.organiser_command(*db, "letter", "pdf", str(n),
                                                  str(work / f"one-{n}.pdf")), env).seconds
            for n in ids[: args.single]
        ]  # fmt: skip
        batches = [
            measure.run(measure.organiser_command(*db, "letter", "pdf-all",
                                                  str(work / f"ours-{k}")), env)
            for k in range(args.repeat)
        ]  # fmt: skip
        batch = min(batches, key=lambda r: r.seconds)
        pages = measure.pages_of(work / "ours-0")
        if len(pages) != args.count:
            raise SystemExit(f"pdf-all made {len(pages)} PDFs of {args.count}")
        ours_one = statistics.median(single)
        print(f"ours: start-up (`organiser --version`, fresh process): {start.seconds:.2f} s")
        print(
            f"ours: `letter pdf ID`, one letter per fresh process, median of {len(single)}: "
            f"{ours_one:.2f} s = {1 / ours_one:.2f} letters/s"
        )
        print(
            f"ours: `letter pdf-all`, {args.count} letters in one fresh process, "
            f"best of {args.repeat}: "
            f"{batch.seconds:.2f} s = {args.count / batch.seconds:.1f} letters/s "
            f"(peak memory {batch.hwm_sum_mb:.0f} MB; pages: {measure.spread(pages)})"
        )

        program = measure.soffice()
        if program is None:
            print("LibreOffice: soffice not installed, skipped")
            return 0
        office = measure.LibreOffice(program, work)
        empty = office.empty()
        lo_single = [
            office.convert([path], work / f"lo-one-{n}").seconds for n, path in
            enumerate(html[: args.single])
        ]  # fmt: skip
        lo = min((office.convert(html, work / f"lo-pdf-{k}") for k in range(args.repeat)),
                 key=lambda c: c.seconds)  # fmt: skip
        lo_seconds, lo_peak, runs = lo.seconds, lo.peak_mb, lo.runs
        lo_one = statistics.median(lo_single)
        lo_rate = args.count / lo_seconds
        lo_running = args.count / max(1e-9, lo_seconds - runs * empty.seconds)
        print(f"\nLibreOffice: start-up (one empty document converted): {empty.seconds:.2f} s")
        print(
            f"LibreOffice: one letter per soffice run, median of {len(lo_single)}: "
            f"{lo_one:.2f} s = {1 / lo_one:.2f} letters/s"
        )
        print(
            f"LibreOffice: {args.count} letters in {runs} soffice run(s), best of {args.repeat}: "
            f"{lo_seconds:.2f} s = "
            f"{lo_rate:.1f} letters/s, start-up included (peak memory {lo_peak:.0f} MB); "
            f"{lo_running:.1f} letters/s without its start-up"
        )
        batch_rate = args.count / batch.seconds
        print(f"\nratio, one letter per process (ours / LibreOffice): {lo_one / ours_one:.2f}x")
        print(
            f"ratio, all letters, start-ups included (ours / LibreOffice): "
            f"{batch_rate / lo_rate:.2f}x"
        )
        print(f"ratio, ours with its start-up / LibreOffice without its start-up: "
              f"{batch_rate / lo_running:.2f}x")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
