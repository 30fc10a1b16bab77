"""A short round of the kill harness (the full one is bench/kill_test.py): ten kills in each of
eight writes, with smaller inputs, and not one corrupt database, partial write or truncated file."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.kill_harness import OPERATIONS, Scale, run_harness

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")

KILLS = 10


def test_kills_in_every_operation_leave_every_database_whole_and_no_file_truncated(
    tmp_path: Path,
) -> None:
    outcomes = run_harness(tmp_path, KILLS, Scale(csv_rows=4_000, ics_events=1_500, letters=120))
    assert sum(o.kills for o in outcomes.values()) == KILLS * len(OPERATIONS) >= 60
    problems = {name: o.problems for name, o in outcomes.items() if o.problems}
    assert problems == {}
    assert all(o.sound for o in outcomes.values())
    # The kills landed inside the writes, not only before or after them: some runs of the
    # longer writes were caught with nothing written yet.
    assert sum(o.none_written for o in outcomes.values()) > 0
