"""The calendar shows a multi-day and an ongoing action on every day they cover (an ongoing
one to today, with its day count there), a month-only one on no single day, and the actions
still to be dated in a list beside it, by target month."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from organiser import store
from organiser.services.actions import ActionFields, ActionView, create_action
from organiser.services.campaigns import CampaignFields, create_campaign
from organiser.ui.calendar.when import when_label
from organiser.ui.pages.calendar import AGENDA, CalendarPage

TODAY = date.today()


@pytest.fixture
def campaign(engine: Engine) -> int:
    with store.transaction(engine, write=True) as session:
        return create_campaign(session, CampaignFields(title="NHIS", country="KR")).id


def _add(engine: Engine, campaign: int, title: str, **given: object) -> ActionView:
    with store.transaction(engine, write=True) as session:
        fields = ActionFields(campaign_id=campaign, kind="strike", title=title, **given)  # type: ignore[arg-type]
        return create_action(session, fields).action


@pytest.fixture
def page(qtbot: QtBot, engine: Engine) -> CalendarPage:
    widget = CalendarPage(engine)
    qtbot.addWidget(widget)
    widget.resize(1280, 700)
    widget.show()
    return widget


def test_multi_day_and_ongoing_actions_are_on_every_day_they_cover(
    qtbot: QtBot, page: CalendarPage, engine: Engine, campaign: int
) -> None:
    since = TODAY - timedelta(days=9)
    ongoing = _add(engine, campaign, "Hunger strike", start=since, ongoing=True)
    strike = _add(engine, campaign, "Strike", start=TODAY - timedelta(days=2),
                  end=TODAY + timedelta(days=2))  # fmt: skip
    month = _add(engine, campaign, "Sentenced", start=TODAY.isoformat()[:7], date_precision="month")
    page.go_to(TODAY)
    grid = page.grid
    day = grid.first
    while day <= grid.last_day():
        on = {a.id for a in grid.actions_on(day)}
        assert (ongoing.id in on) == (since <= day <= TODAY), day
        assert (strike.id in on) == (abs((day - TODAY).days) <= 2), day
        assert month.id not in on  # dated to the month: on no one day
        day += timedelta(days=1)
    assert page.month_only_note.text() == f"In {TODAY:%B %Y}, no day given:\n• Sentenced"
    chip = grid.chip_for(ongoing.id, TODAY)
    assert chip is not None and grid.chip_text(chip) == "Day 10 · Hunger strike"
    page.view_choice.setCurrentIndex(AGENDA)
    qtbot.waitUntil(page.settled, timeout=5_000)  # read off the GUI thread
    texts = {page.agenda.model.rows()[r].title: when_label(page.agenda.model.rows()[r])
             for r in range(len(page.agenda.model.rows()))}  # fmt: skip
    assert texts["Hunger strike"] == f"since {since.isoformat()} (day 10)"
    assert texts["Sentenced"] == f"{TODAY:%B %Y}"


def test_the_actions_to_be_dated_are_listed_beside_by_target_month(
    page: CalendarPage, engine: Engine, campaign: int
) -> None:
    page.go_to(TODAY)
    assert page.undated_panel.isHidden()  # none yet: no panel
    _add(engine, campaign, "No month", undated=True)
    _add(engine, campaign, "Later", undated=True, target_month="2027-05")
    _add(engine, campaign, "Sooner", undated=True, target_month="2027-01")
    page.refresh()
    assert not page.undated_panel.isHidden()
    assert page.undated_heading.text() == "To be dated (3)"
    model = page.undated.model
    assert [a.title for a in model.rows()] == ["Sooner", "Later", "No month"]
    shown = [model.data(model.index(r, 1)) for r in range(3)]
    assert shown == ["January 2027", "May 2027", "no month yet"]
    assert {a.title for a in page.shown_actions}.isdisjoint({"Sooner", "Later", "No month"})
