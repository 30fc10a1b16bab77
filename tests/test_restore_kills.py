"""A restore killed at random moments: each time the database passes its checks and holds the
old data or the restored data, whole."""

from __future__ import annotations

import random
from pathlib import Path

from tests.kill_harness import Restore, Scale, run_operation

KILLS = 12


def test_a_killed_restore_leaves_the_old_data_or_the_new_whole(tmp_path: Path) -> None:
    operation = Restore(tmp_path, Scale())
    operation.prepare()
    runs = tmp_path / "runs"
    runs.mkdir()
    outcome = run_operation(operation, KILLS, random.Random(20261202), runs)
    assert outcome.kills == KILLS
    assert outcome.problems == [] and outcome.sound
    assert outcome.none_written + outcome.all_written == KILLS
