"""Tabs other areas add to a campaign's and an organisation's detail panel.

Each entry is a class taking (engine, parent) whose instances have `show_record(id | None)`;
the Campaigns page makes one tab per entry of CAMPAIGN_TABS (its letters, its timeline...), the
Organisations page one per entry of ORGANISATION_TABS (what an affiliate promised...).
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtWidgets import QWidget
from sqlalchemy import Engine


class DetailTab(Protocol):
    tab_title: str

    def __init__(self, engine: Engine, parent: QWidget | None = None) -> None: ...

    def show_record(self, record_id: int | None) -> None: ...


def campaign_tabs() -> list[type[DetailTab]]:
    """Tabs shown under the selected campaign: areas add their tab class here."""
    from organiser.ui.calendar.timeline import CampaignTimelineTab
    from organiser.ui.letters.campaign_tab import CampaignLettersTab
    from organiser.ui.people.campaign_tab import CampaignPeopleAtRiskTab

    return [CampaignTimelineTab, CampaignLettersTab, CampaignPeopleAtRiskTab]


def organisation_tabs() -> list[type[DetailTab]]:
    """Tabs shown under the selected organisation: areas add their tab class here."""
    from organiser.ui.commitments.affiliate_tab import AffiliateCommitmentsTab

    return [AffiliateCommitmentsTab]
