"""Calendar page turns: the window read off the GUI thread and shown when it comes (a turn
asked for meanwhile wins), and a legend that names the first campaigns, not a thousand."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from organiser import store
from organiser.services.actions import ActionFields, create_action
from organiser.services.campaigns import CampaignFields, create_campaign
from organiser.ui.calendar.window import LEGEND_MOST
from organiser.ui.pages.calendar import CalendarPage

MARCH = date(2026, 3, 1)
CAMPAIGNS = LEGEND_MOST + 6


@pytest.fixture
def page(qtbot: QtBot, engine: Engine) -> CalendarPage:
    """A strike in March for each of CAMPAIGNS campaigns; one rally in May."""
    with store.transaction(engine, write=True) as session:
        for number in range(CAMPAIGNS):
            campaign = create_campaign(session, CampaignFields(title=f"Campaign {number:02d}"))
            day = (MARCH + timedelta(days=9 + number % 14)).isoformat()  # not in February's grid
            create_action(
                session,
                ActionFields(campaign_id=campaign.id, kind="strike", title="Strike", start=day),
            )
        create_action(
            session,
            ActionFields(campaign_id=campaign.id, kind="rally", title="Rally", start="2026-05-04"),
        )
    widget = CalendarPage(engine)
    qtbot.addWidget(widget)
    widget.resize(1100, 760)
    widget.show()
    widget.go_to(date(2026, 2, 1))
    return widget


def titles(page: CalendarPage) -> list[str]:
    return sorted({action.title for action in page.shown_actions})


def test_a_page_turn_is_read_in_the_background_and_shown_when_it_comes(
    qtbot: QtBot, page: CalendarPage
) -> None:
    assert titles(page) == []  # February
    page.step(1)
    qtbot.waitUntil(lambda: titles(page) == ["Strike"], timeout=5_000)
    assert page.heading.text() == "March 2026"
    assert len(page.shown_actions) == CAMPAIGNS
    legend = page.legend.text()
    assert legend.count("■") == LEGEND_MOST and "Campaign 00" in legend
    assert f"and {CAMPAIGNS - LEGEND_MOST} more campaigns" in legend


def test_turns_asked_quickly_show_the_last_one(qtbot: QtBot, page: CalendarPage) -> None:
    page.step(1)
    page.step(1)
    page.step(1)  # to May before March's read has come
    assert page.heading.text() == "May 2026"  # at once; its actions follow
    qtbot.waitUntil(page.settled, timeout=5_000)
    qtbot.wait(300)  # any read still coming for March or April is dropped
    assert page.heading.text() == "May 2026" and titles(page) == ["Rally"]
