"""Shared fixtures: every test gets its own database file and its own settings folder."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from organiser import store

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Qt reads its settings folder once per process: point it away from the user's before any test.
_SESSION_HOME = tempfile.mkdtemp(prefix="organiser-tests-")
os.environ["XDG_CONFIG_HOME"] = os.path.join(_SESSION_HOME, "config")
os.environ["XDG_DATA_HOME"] = os.path.join(_SESSION_HOME, "data")


@pytest.fixture(autouse=True)
def _isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Keep the user's real database and settings out of reach of every test."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.delenv("ORGANISER_DB", raising=False)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "organiser.sqlite3"


@pytest.fixture
def engine(db_path: Path) -> Iterator[Engine]:
    engine = store.open_database(str(db_path))
    yield engine
    engine.dispose()


@pytest.fixture(scope="module")
def module_campaign(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Engine, int]]:
    """One database for a whole module, with one campaign: for tests that import many files
    and leave the database as it was after each."""
    from organiser.services.campaigns import CampaignFields, create_campaign

    engine = store.open_database(str(tmp_path_factory.mktemp("module") / "module.sqlite3"))
    with store.transaction(engine) as session:
        campaign = create_campaign(session, CampaignFields(title="Imported here")).id
    yield engine, campaign
    engine.dispose()
