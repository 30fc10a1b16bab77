"""The full kill harness: SIGKILL at random moments of eight kinds of write (CSV and .ics
imports, a batch letter export, a backup, the first open, a migration, a restore, an archive
import), 50 kills each (400 in all) at full size, then the figures per operation. Run by hand
from the top folder:

    .venv/bin/python bench/kill_test.py [KILLS_PER_OPERATION]
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.kill_harness import Scale, run_harness


def main() -> int:
    kills = int(sys.argv[1]) if len(sys.argv) > 1 else 50
    scale = Scale()
    began = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="kill-test-") as work:
        outcomes = run_harness(Path(work), kills, scale)
    print(
        f"kill harness: {kills} kills per operation; csv {scale.csv_rows} rows, "
        f"ics {scale.ics_events} events, {scale.letters} letters"
    )
    header = "operation", "unkilled s", "kills", "none", "all", "corrupt", "partial", "truncated"
    print("{:<14} {:>10} {:>6} {:>6} {:>6} {:>8} {:>8} {:>10}".format(*header))
    for name, o in outcomes.items():
        print(
            f"{name:<14} {o.seconds_unkilled:>10.2f} {o.kills:>6} {o.none_written:>6} "
            f"{o.all_written:>6} {o.corrupt:>8} {o.partial:>8} {o.truncated_files:>10}"
        )
        for problem in o.problems:
            print(f"    {problem}")
    total = sum(o.kills for o in outcomes.values())
    bad = sum(o.corrupt + o.partial + o.truncated_files for o in outcomes.values())
    print(f"{total} kills in {time.monotonic() - began:.0f} s; {bad} corrupt, partial or truncated")
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
