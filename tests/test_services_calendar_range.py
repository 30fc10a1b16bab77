"""The calendar's range query: bounded below by the longest span of any finished action (read
off its index), so a long action begun months before the window is still found, an action that
ended before it is not, and an ongoing one is found through the index of the ends."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import Engine, event

from organiser import store
from organiser.services.actions import ActionFields, create_action
from organiser.services.calendar import actions_between, longest_span
from organiser.services.campaigns import CampaignFields, create_campaign

TODAY = date.today()


@pytest.fixture
def campaign(engine: Engine) -> int:
    with store.transaction(engine, write=True) as session:
        return create_campaign(session, CampaignFields(title="NHIS", country="KR")).id


def add(engine: Engine, campaign: int, title: str, **given: object) -> int:
    with store.transaction(engine, write=True) as session:
        fields = ActionFields(kind="strike", campaign_id=campaign, title=title, **given)  # type: ignore[arg-type]
        return create_action(session, fields).action.id


def titles(engine: Engine, first: date, last: date) -> list[str]:
    with store.transaction(engine) as session:
        return [action.title for action in actions_between(session, first, last)]


def test_long_short_ended_and_ongoing_actions_in_a_window(engine: Engine, campaign: int) -> None:
    first, last = date(2026, 3, 1), date(2026, 3, 31)
    add(engine, campaign, "Year-long picket", start="2025-04-01", end="2026-03-10")
    add(engine, campaign, "Vigil", start="2026-03-05")
    add(engine, campaign, "Ended before", start="2026-02-20", end="2026-02-28")
    add(engine, campaign, "After", start="2026-04-01")
    add(engine, campaign, "Overnight", start="2026-02-28", end="2026-03-01")
    add(engine, campaign, "Hunger strike", start="2025-01-10", ongoing=True)
    add(engine, campaign, "To be dated", undated=True)
    with store.transaction(engine) as session:
        assert longest_span(session) == (date(2026, 3, 10) - date(2025, 4, 1)).days
    # In date order, the ongoing one merged in among the finished.
    assert titles(engine, first, last) == [
        "Hunger strike",
        "Year-long picket",
        "Overnight",
        "Vigil",
    ]
    assert titles(engine, date(2026, 3, 8), last) == ["Hunger strike", "Year-long picket"]
    assert titles(engine, date(2026, 3, 11), last) == ["Hunger strike"]


def test_an_ongoing_action_starting_after_the_window_reaches_none_before_it(
    engine: Engine, campaign: int
) -> None:
    later = TODAY + timedelta(days=60)
    add(engine, campaign, "Strike to come", start=later.isoformat(), ongoing=True)
    assert titles(engine, TODAY + timedelta(days=10), TODAY + timedelta(days=20)) == []
    assert titles(engine, later, later + timedelta(days=3)) == ["Strike to come"]


def test_the_longest_span_is_read_off_its_index(engine: Engine, campaign: int) -> None:
    """The query plan names ix_action_span: no action row is read to learn the bound."""
    add(engine, campaign, "Rally", start="2026-03-05", end="2026-03-07")
    plans: list[str] = []

    def explain(connection, cursor, statement, parameters, _context, _many) -> None:  # type: ignore[no-untyped-def]
        if "max(" in statement:
            plans.extend(
                str(row[-1])
                for row in cursor.connection.execute(f"EXPLAIN QUERY PLAN {statement}", parameters)
            )

    event.listen(engine, "before_cursor_execute", explain)
    try:
        with store.transaction(engine) as session:
            assert longest_span(session) == 2
    finally:
        event.remove(engine, "before_cursor_execute", explain)
    assert any("ix_action_span" in plan for plan in plans), plans
