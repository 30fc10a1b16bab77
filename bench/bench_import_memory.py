"""A 50,000-row affiliates import on the command line: its peak resident memory and time.

Run by hand: `PYTHONPATH=$PWD .venv/bin/python bench/bench_import_memory.py [--repeat 2]`.

`organiser --db DB org import FILE.csv` in a fresh process on a fresh database (start-up
included), the CSV that bench_commitments.py writes (50,000 affiliates, names in four scripts,
two-line addresses). Peak memory is the process tree's (bench/measure.py: the sum of the
processes' high-water marks). Baselines in the same run, timed the same way: a fresh process
that reads the same CSV whole with `csv.reader` into a list (what holding the rows costs), and
`organiser --version` (the interpreter and the program's start). Target: under 300 MB peak.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import measure
from bench.bench_commitments import AFFILIATES, write_affiliates_csv

MEMORY_TARGET_MB = 300
READ_WHOLE = (
    "import csv, sys\n"
    "with open(sys.argv[1], encoding='utf-8-sig', newline='') as f:\n"
    "    rows = list(csv.reader(f, delimiter=';'))\n"
    "print(len(rows))\n"
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=2, help="best of this many runs each")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp:
        work = Path(temp)
        env = {**measure.organiser_env(), "XDG_CONFIG_HOME": str(work / "config"),
               "XDG_DATA_HOME": str(work / "data")}  # fmt: skip
        csv_path = work / "affiliates.csv"
        write_affiliates_csv(csv_path)
        size = csv_path.stat().st_size / 1e6
        ours, whole, start = [], [], []
        for attempt in range(args.repeat):
            database = work / f"import-{attempt}.sqlite3"
            command = ["--db", str(database), "org", "import", str(csv_path)]
            ours.append(measure.run(measure.organiser_command(*command), env))
            whole.append(measure.run([sys.executable, "-c", READ_WHOLE, str(csv_path)], env))
            start.append(measure.run(measure.organiser_command("--version"), env))
        best = min(ours, key=lambda r: r.seconds)
        peak = max(r.hwm_sum_mb for r in ours)
        print(f"{AFFILIATES:,} affiliates, {size:.1f} MB of CSV; best of {args.repeat}, in turn\n")
        print(f"ours (org import): {best.seconds:.2f} s, CPU {best.cpu_seconds:.2f} s; peak "
              f"memory {peak:.0f} MB (sum of high-water marks, the largest of the runs; "
              f"sampled tree peak {best.peak_tree_mb:.0f} MB)")  # fmt: skip
        for name, runs in (("the CSV read whole by csv.reader", whole),
                           ("organiser --version", start)):  # fmt: skip
            low = min(runs, key=lambda r: r.seconds)
            high = max(r.hwm_sum_mb for r in runs)
            print(f"baseline, {name}: {low.seconds:.2f} s; peak memory {high:.0f} MB "
                  f"(ours is {peak / high:.1f}x)")  # fmt: skip
        verdict = "met" if peak < MEMORY_TARGET_MB else "NOT met"
        print(f"\npeak memory {peak:.0f} MB (target < {MEMORY_TARGET_MB} MB: {verdict})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
