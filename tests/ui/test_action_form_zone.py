"""The action form's time zone: the campaign country's zone when it has one."""

from __future__ import annotations

from datetime import datetime

from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from organiser import store
from organiser.services.campaigns import CampaignFields, create_campaign
from organiser.ui.calendar.action_form import ActionForm


def _campaigns(engine: Engine) -> tuple[int, int]:
    with store.transaction(engine, write=True) as session:
        korea = create_campaign(session, CampaignFields(title="Korea", country="KR")).id
        usa = create_campaign(session, CampaignFields(title="USA", country="US")).id
    return korea, usa


def test_a_new_action_of_a_korean_campaign_starts_in_seoul_time(
    qtbot: QtBot, engine: Engine
) -> None:
    """Opened on a Korean campaign, or switched to one, the zone is Asia/Seoul, whatever the
    organiser's own zone; a campaign of many zones leaves it as it was, and it is saved so."""
    korea, usa = _campaigns(engine)
    form = ActionForm(
        engine, campaign_id=korea, day=datetime(2026, 11, 14, 14), zone="Europe/Berlin"
    )
    qtbot.addWidget(form)
    assert form.zone.currentText() == "Asia/Seoul"
    other = ActionForm(
        engine, campaign_id=usa, day=datetime(2026, 11, 14, 14), zone="Europe/Berlin"
    )
    qtbot.addWidget(other)
    assert other.zone.currentText() == "Europe/Berlin"
    other.campaign.setCurrentIndex(other.campaign.findData(korea))
    assert other.zone.currentText() == "Asia/Seoul"
    other.campaign.setCurrentIndex(other.campaign.findData(usa))
    assert other.zone.currentText() == "Asia/Seoul"  # kept: the US has no one zone to give
    other.title_edit.setText("Rally")
    saved = other.save()
    assert saved.action.timezone == "Asia/Seoul"
