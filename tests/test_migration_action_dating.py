"""Migration 0014 on the sample data as the 0009 schema holds it: every row of every table comes
through unchanged, each action is dated to the day, neither ongoing nor undated, and involves
no organisation yet; the new facts can then be stored."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from organiser import store
from organiser.models import ActionRole
from organiser.services.actions import ActionFields, create_action, get_action
from organiser.services.database_check import check_database
from organiser.services.demo import load_demo
from tests.migration_samples import rows as rows_of
from tests.migration_samples import sample_at


def test_the_sample_data_of_0009_upgrades_without_loss(tmp_path: Path) -> None:
    db_path = sample_at(tmp_path, "0009")
    before = rows_of(db_path)
    assert before["action"], "the sample data has actions"
    engine = store.create_db_engine(f"sqlite:///{db_path}")
    store.upgrade(engine, "0014")
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


def test_after_the_upgrade_an_undated_action_with_organisations_is_stored(
    tmp_path: Path,
) -> None:
    db_path = sample_at(tmp_path, "0009")
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
