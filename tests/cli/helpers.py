"""Running the command line in tests, and snapshots of a database file to prove nothing changed."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from organiser.cli import main
from tests.table_rows import table_rows


@dataclass
class Result:
    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)


def run(capsys: pytest.CaptureFixture[str], db: Path, *args: str) -> Result:
    """`organiser --db DB ARGS...` in this process; argparse exits are caught as codes."""
    try:
        code = main(["--db", str(db), *args])
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    captured = capsys.readouterr()
    return Result(code, captured.out, captured.err)


def snapshot(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, to compare before and after a refused command."""
    with sqlite3.connect(db) as connection:
        return table_rows(connection)
