"""Two writers on one database: every edit carries the version it was made from, and one
writer waits its turn behind another instead of failing."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select, update

from organiser import store
from organiser.errors import ConflictError, DatabaseError
from organiser.models import Campaign, Organisation
from organiser.services import actions, campaigns, letters
from organiser.services import letter_register as register
from organiser.services.actions import ActionFields
from organiser.services.campaigns import CampaignFields
from tests.letter_world import make_world

ROOT = Path(__file__).parent.parent


def _campaign(engine: Engine) -> campaigns.CampaignView:
    with store.transaction(engine, write=True) as session:
        return campaigns.create_campaign(session, CampaignFields(title="Free the strikers"))


def test_a_calendar_move_over_an_edit_made_elsewhere_is_refused(engine: Engine) -> None:
    campaign = _campaign(engine)
    with store.transaction(engine, write=True) as session:
        saved = actions.create_action(
            session,
            ActionFields(campaign_id=campaign.id, kind="rally", title="Rally", start="2026-05-01"),
        ).action
    with store.transaction(engine, write=True) as session:
        fields = actions.fields_of(saved)
        fields.title = "Rally (renamed elsewhere)"
        actions.update_action(session, saved.id, fields, saved.version)
    with pytest.raises(ConflictError, match="now at version 2"), store.transaction(engine) as s:
        actions.move_action(s, saved.id, saved.start_date.replace(day=8), saved.version)
    with store.transaction(engine) as session:
        assert actions.get_action(session, saved.id).start_date == saved.start_date


def test_mark_sent_and_reply_over_a_changed_letter_are_refused(engine: Engine) -> None:
    world = make_world(engine)
    with store.transaction(engine) as session:
        opened = letters.get_letter(session, world.letter_id)
    with store.transaction(engine, write=True) as session:
        fields = opened.fields()
        fields.subject = "Changed elsewhere"
        letters.update_letter(session, opened.id, fields, opened.version)
    with pytest.raises(ConflictError), store.transaction(engine, write=True) as session:
        register.mark_sent(
            session, opened.id, "2026-03-03", "email", expected_version=opened.version
        )
    with store.transaction(engine, write=True) as session:
        sent = register.mark_sent(
            session, opened.id, "2026-03-03", "email", expected_version=opened.version + 1
        )
    with pytest.raises(ConflictError), store.transaction(engine, write=True) as session:
        register.record_reply(session, opened.id, "2026-03-09", expected_version=opened.version)
    with store.transaction(engine) as session:
        after = letters.get_letter(session, opened.id)
    assert (after.version, after.reply_received_on) == (sent.version, None)


def test_the_update_finding_no_row_of_its_version_is_a_conflict(engine: Engine) -> None:
    """SQLAlchemy's own check (UPDATE ... WHERE version = N) raising StaleDataError."""
    made = _campaign(engine)
    refused = pytest.raises(ConflictError, match="changed or deleted elsewhere")
    with refused, store.transaction(engine, write=True) as session:
        record = session.get(Campaign, made.id)
        assert record is not None
        bump = update(Campaign).values(version=Campaign.version + 1)
        session.execute(bump, execution_options={"synchronize_session": False})
        record.title = "Mine"
        session.flush()
    with store.transaction(engine) as session:
        assert campaigns.get_campaign(session, made.id).title == "Free the strikers"


def _hold_write_lock(path: Path, seconds: float, held: threading.Event) -> None:
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    held.set()
    time.sleep(seconds)
    other.execute("COMMIT")
    other.close()


def test_a_write_waits_its_turn_behind_another_and_says_so(engine: Engine, db_path: Path) -> None:
    _campaign(engine)
    told: list[bool] = []
    store.on_write_wait(engine, told.append)
    held = threading.Event()
    holder = threading.Thread(target=_hold_write_lock, args=(db_path, 0.8, held))
    holder.start()
    held.wait()
    started = time.monotonic()
    try:
        with store.transaction(engine, write=True) as session:
            campaigns.create_campaign(session, CampaignFields(title="After the import"))
    finally:
        holder.join()
        store.on_write_wait(engine, None)
    assert time.monotonic() - started >= 0.5
    assert told == [True, False]
    with store.transaction(engine) as session:
        assert campaigns.count_campaigns(session) == 2


def test_a_write_that_waits_too_long_is_refused_in_plain_words(
    engine: Engine, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _campaign(engine)
    monkeypatch.setattr(store, "WRITE_WAIT_MS", 200)
    held = threading.Event()
    holder = threading.Thread(target=_hold_write_lock, args=(db_path, 1.0, held))
    holder.start()
    held.wait()
    try:
        busy = pytest.raises(DatabaseError, match="busy")
        with busy as refused, store.transaction(engine, write=True) as session:
            campaigns.create_campaign(session, CampaignFields(title="Refused"))
    finally:
        holder.join()
    assert "nothing of this change was written" in str(refused.value)
    with store.transaction(engine) as session:
        assert campaigns.count_campaigns(session) == 1


def test_two_processes_adding_500_each_lose_none_and_fail_none(
    engine: Engine, db_path: Path
) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    children = [
        subprocess.Popen(
            [sys.executable, "-m", "tests.two_writers_child", str(db_path), label, "500"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for label in ("window", "script")
    ]
    results = [child.communicate(timeout=120) for child in children]
    for child, (out, err) in zip(children, results, strict=True):
        assert child.returncode == 0, err
        assert out.strip() == "500" and err == ""
    with store.transaction(engine) as session:
        names = set(session.scalars(select(Organisation.name)))
        assert session.scalar(select(func.count()).select_from(Organisation)) == 1000
    assert len(names) == 1000
