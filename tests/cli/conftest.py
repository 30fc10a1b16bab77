"""The command line's tests share one sample database made through `organiser demo`."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.helpers import run


@pytest.fixture
def demo_db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """A database holding the sample campaigns, loaded by the command line itself."""
    db = tmp_path / "demo.sqlite3"
    assert run(capsys, db, "demo").code == 0
    return db
