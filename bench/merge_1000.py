"""A 1,000-letter merge: letters per second and peak memory, beside LibreOffice in the same run.

Run by hand: `.venv/bin/python bench/merge_1000.py [--count 1000] [--via merge|pdf-all]
[--profile FILE] [--keep DIR]`.

The database is fresh: a federation with 1,000 affiliated organisations, each with its postal
address, and one two-page template letter with merge fields (bench/letter_corpus.py). Ours is
`organiser letter merge ID --affiliates-of FED --out DIR` in a fresh process, its start
included; with `--via pdf-all` (the stand-in used before the merge existed, and the default
while `letter merge` is missing) the template is first rendered for each affiliate and stored
as 1,000 letters, and `organiser letter pdf-all DIR` exports them.

The program's modules are compiled to bytecode first, as installing it does
(`measure.compile_modules`): where PYTHONDONTWRITEBYTECODE is set, each fresh process would
otherwise compile them again (about 0.1 s of CPU in each of ours).

Peak memory is the resident set of the process and its worker processes (bench/measure.py:
the sum of their high-water marks, which can only overstate the peak). LibreOffice converts
the same 1,000 letters (HTML of the letters as the program prints them) in the same run, in
runs of 200, its start-up (one empty document) timed apart. Targets: peak memory under 300 MB,
at least 5 times LibreOffice's rate.

`--profile FILE` runs our command under cProfile (workers are not profiled: they are other
processes; the parent's share and the time waiting for them are) and prints the top entries.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import letter_corpus, measure
from organiser import store

MEMORY_TARGET_MB = 300
RATE_TARGET = 5.0


def has_merge(env: dict[str, str]) -> bool:
    done = subprocess.run(measure.organiser_command("letter", "merge", "--help"), env=env,
                          capture_output=True)  # fmt: skip
    return done.returncode == 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--via", choices=("merge", "pdf-all"), default=None)
    parser.add_argument("--profile", type=Path, default=None, help="cProfile output of ours")
    parser.add_argument("--keep", type=Path, default=None, help="keep the files in this folder")
    parser.add_argument("--no-lo", action="store_true", help="ours only")
    parser.add_argument("--repeat", type=int, default=2, help="best of this many runs each")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp:
        work = args.keep or Path(temp)
        work.mkdir(parents=True, exist_ok=True)
        env = {**measure.organiser_env(), "XDG_CONFIG_HOME": str(work / "config"),
               "XDG_DATA_HOME": str(work / "data")}  # fmt: skip
        via = args.via or ("merge" if has_merge(env) else "pdf-all")
        database = work / "merge.sqlite3"
        engine = store.open_database(str(database))
        setup = letter_corpus.load_merge(engine, args.count)
        engine.dispose()
        # The same letters, personalised by the program's template service, for LibreOffice
        # (and for ours too with --via pdf-all): kept in a database of their own.
        stand_in = work / "stand-in.sqlite3"
        engine = store.open_database(str(stand_in))
        letter_corpus.load_merge(engine, args.count)
        ids = letter_corpus.load_merged(engine, setup)
        html = letter_corpus.write_html(letter_corpus.printables(engine, ids), work / "html")
        engine.dispose()

        def ours_once(attempt: int) -> measure.Run:
            """Ours on a fresh copy of the database, into a fresh folder."""
            source = database if via == "merge" else stand_in
            fresh, out = work / f"run-{attempt}.sqlite3", work / f"ours-{attempt}"
            _copy_database(source, fresh)
            if via == "merge":
                command = [
                    "--db",
                    str(fresh),
                    "letter",
                    "merge",
                    str(setup.letter_id),
                    "--affiliates-of",
                    str(setup.federation_id),
                    "--out",
                    str(out),
                ]
            else:
                command = ["--db", str(fresh), "letter", "pdf-all", str(out)]  # fmt: skip
            if args.profile:
                command = ["-m", "cProfile", "-o", str(args.profile), "-m", "organiser", *command]
                done = measure.run([sys.executable, *command], env)
            else:
                done = measure.run(measure.organiser_command(*command), env)
            made = len(list(out.glob("*.pdf")))
            if made != args.count:
                raise SystemExit(f"ours made {made} PDFs of {args.count}")
            return done

        print(
            f"{args.count} letters, one per affiliate; ours via `letter {via}`; "
            f"cores: {os.cpu_count()}; best of {args.repeat}, ours and LibreOffice in turn\n"
        )
        measure.compile_modules()  # as an install does: not at every start
        measure.run(measure.organiser_command("--version"), env)  # the file cache, once
        if args.profile:
            print(f"profiled run: {ours_once(0).seconds:.2f} s")
            _print_profile(args.profile)
            return 0
        program = measure.soffice()
        office = measure.LibreOffice(program, work) if program and not args.no_lo else None
        empty = office.empty() if office else None
        ours_runs, lo_runs = [], []
        for attempt in range(args.repeat):
            ours_runs.append(ours_once(attempt))
            if office:
                lo_runs.append(office.convert(html, work / f"lo-pdf-{attempt}"))
        ours = min(ours_runs, key=lambda r: r.seconds)
        pages = measure.pages_of(work / f"ours-{ours_runs.index(ours)}")
        rate = args.count / ours.seconds
        times = ", ".join(f"{r.seconds:.1f}" for r in ours_runs)
        print(
            f"ours: {ours.seconds:.2f} s = {rate:.1f} letters/s, fresh process, start "
            f"included (runs: {times} s); CPU {ours.cpu_seconds:.1f} s = "
            f"{1000 * ours.cpu_seconds / args.count:.0f} ms per letter"
        )
        print(
            f"ours: peak memory {ours.hwm_sum_mb:.0f} MB (sum of the processes' high-water "
            f"marks; sampled tree peak {ours.peak_tree_mb:.0f} MB, largest single process "
            f"{ours.largest_process_mb:.0f} MB); pages: {measure.spread(pages)}"
        )
        if not office or not empty:
            print("LibreOffice: skipped" + ("" if program else " (soffice not installed)"))
            return 0
        lo = min(lo_runs, key=lambda r: r.seconds)
        lo_rate = args.count / lo.seconds
        lo_running = args.count / max(1e-9, lo.seconds - lo.runs * empty.seconds)
        lo_pages = measure.pages_of(work / f"lo-pdf-{lo_runs.index(lo)}")
        times = ", ".join(f"{r.seconds:.1f}" for r in lo_runs)
        print(f"\nLibreOffice: start-up (one empty document converted): {empty.seconds:.2f} s")
        print(
            f"LibreOffice: {args.count} letters in {lo.runs} soffice runs: {lo.seconds:.2f} s "
            f"= {lo_rate:.1f} letters/s, start-ups included (runs: {times} s); "
            f"{lo_running:.1f} letters/s without them; CPU {lo.cpu_seconds:.1f} s = "
            f"{1000 * lo.cpu_seconds / args.count:.0f} ms per letter"
        )
        print(f"LibreOffice: peak memory {lo.peak_mb:.0f} MB; pages: {measure.spread(lo_pages)}")
        ratio = rate / lo_rate
        print(
            f"\nratio ours / LibreOffice (start-ups included): {ratio:.2f}x "
            f"(target {RATE_TARGET:.0f}x: {'met' if ratio >= RATE_TARGET else 'NOT met'})"
        )
        print(f"ratio ours / LibreOffice without its start-ups: {rate / lo_running:.2f}x")
        print(
            f"ratio of CPU time per letter (LibreOffice / ours): "
            f"{lo.cpu_seconds / ours.cpu_seconds:.2f}x"
        )
        print(
            f"peak memory {ours.hwm_sum_mb:.0f} MB (target < {MEMORY_TARGET_MB} MB: "
            f"{'met' if ours.hwm_sum_mb < MEMORY_TARGET_MB else 'NOT met'})"
        )
    return 0


def _copy_database(source: Path, target: Path) -> None:
    """A whole copy of a database (SQLite's backup: never a file copy of a WAL database)."""
    with sqlite3.connect(source) as old, sqlite3.connect(target) as new:
        old.backup(new)
    old.close()
    new.close()


def _print_profile(path: Path) -> None:
    import pstats

    stats = pstats.Stats(str(path))
    stats.sort_stats("cumulative").print_stats(30)
    stats.sort_stats("tottime").print_stats(20)


if __name__ == "__main__":
    raise SystemExit(main())
