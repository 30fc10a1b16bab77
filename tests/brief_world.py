"""The sample campaigns, loaded once for a module of the campaign brief's tests."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import Engine

from organiser import store
from organiser.services import campaigns
from organiser.services.demo import load_demo

TODAY = date.today()  # the sample data is dated around the day it is loaded
KOREA = "Stop the crackdown on Korean unions"
MANGYSTAU = "Right to strike for Mangystau oil workers"
Demo = tuple[Engine, dict[str, int]]


def load(folder: Path) -> Demo:
    """The sample data in a new database in `folder`, and its campaigns' ids by title."""
    engine = store.open_database(str(folder / "demo.sqlite3"))
    with store.transaction(engine, write=True) as session:
        load_demo(session, today=TODAY)
        ids = {c.title: c.id for c in campaigns.list_campaigns(session)}
    return engine, ids
