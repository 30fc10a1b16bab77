"""Migration 0014 on the sample data as the 0009 schema holds it: every row of every table comes
through unchanged, each action is dated to the day, neither ongoing nor undated, and involves
no organisation yet; the new facts can then be stored."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from organiser import store
from organiser.models import ActionRole
from organiser.services.actions import ActionFields, create_action, get_action
from organiser.services.database_check import check_database
from organiser.services.demo import load_demo


def rows_of(path: Path) -> dict[str, list[dict[str, Any]]]:
    with sqlite3.connect(path) as connection:
        connection.row_factory = sqlite3.Row
        listed = "SELECT name FROM sqlite_master WHERE type='table' AND name != 'alembic_version'"
        tables = [r[0] for r in connection.execute(listed)]
        return {
            t: [dict(r) for r in connection.execute(f'SELECT * FROM "{t}" ORDER BY 1')]
            for t in tables
        }


def as_at_0009(path: Path) -> None:
    """The database without 0014's columns and table (the dates stay nullable: SQLite cannot
    put NOT NULL back without copying the table, and the upgrade does not mind)."""
    with sqlite3.connect(path) as connection:
        connection.execute("DROP TABLE action_organisation")
        for column in ("ongoing", "undated", "target_month", "date_precision"):
            connection.execute(f"ALTER TABLE action DROP COLUMN {column}")
        connection.execute("UPDATE alembic_version SET version_num = '0009'")


def _sample_at_0009(db_path: Path) -> None:
    engine = store.open_database(str(db_path))
    with store.transaction(engine, write=True) as session:
        load_demo(session)
    engine.dispose()
    as_at_0009(db_path)
    # What only 0014 can hold goes: the sample's undated and ongoing actions become plain
    # dated ones, as a 0009 database would have them.
    with sqlite3.connect(db_path) as connection:
        connection.execute("UPDATE action SET start_date = '2026-01-01' WHERE start_date IS NULL")
        connection.execute("UPDATE action SET end_date = start_date WHERE end_date IS NULL")


def test_the_sample_data_of_0009_upgrades_without_loss(db_path: Path) -> None:
    _sample_at_0009(db_path)
    before = rows_of(db_path)
    assert before["action"], "the sample data has actions"
    engine = store.create_db_engine(f"sqlite:///{db_path}")
    store.upgrade(engine)
    engine.dispose()
    after = rows_of(db_path)
    assert set(after) == set(before) | {"action_organisation"}
    for table, rows in before.items():
        kept = [{k: row[k] for k in rows[0]} for row in after[table]] if rows else after[table]
        assert kept == rows, table
    facts = {
        (a["ongoing"], a["undated"], a["target_month"], a["date_precision"])
        for a in after["action"]
    }
    assert facts == {(0, 0, None, "day")}
    assert after["action_organisation"] == []
    assert check_database(db_path).problems == []


def test_after_the_upgrade_an_undated_action_with_organisations_is_stored(db_path: Path) -> None:
    _sample_at_0009(db_path)
    engine = store.create_db_engine(f"sqlite:///{db_path}")
    store.upgrade(engine)
    with sqlite3.connect(db_path) as connection:
        campaign, organisation = connection.execute(
            "SELECT (SELECT min(id) FROM campaign), (SELECT min(id) FROM organisation)"
        ).fetchone()
    with store.transaction(engine, write=True) as session:
        fields = ActionFields(
            campaign_id=campaign,
            kind="global-day-of-action",
            title="Global day of action",
            undated=True,
            target_month="2027-03",
            organisations=[(organisation, "organiser")],
        )
        key = create_action(session, fields).action.id
    with store.transaction(engine) as session:
        stored = get_action(session, key)
    engine.dispose()
    assert (stored.undated, stored.start_date, stored.target_month) == (True, None, "2027-03")
    assert [(o.organisation_id, o.role) for o in stored.organisations] == [
        (organisation, ActionRole.ORGANISER)
    ]


def test_a_downgrade_gives_the_undated_and_ongoing_actions_dates(db_path: Path) -> None:
    """The older schema needs dates: the target month's 1st, and today as an ongoing end."""
    from alembic import command

    engine = store.open_database(str(db_path))
    with store.transaction(engine, write=True) as session:
        load_demo(session)
    with engine.begin() as connection:
        config = store.alembic_config(engine)
        config.attributes["connection"] = connection
        command.downgrade(config, "0009")
    engine.dispose()
    after = rows_of(db_path)
    assert "action_organisation" not in after
    assert all(a["start_date"] and a["end_date"] for a in after["action"])
    undated = next(a for a in after["action"] if a["title"].startswith("Global day of action: K"))
    assert undated["start_date"] == undated["end_date"]
