"""Whichever models module is imported first, every mapping resolves (they import one another
one way only, campaigns -> organisations: an import-linter contract says so); a situation and its
campaigns link both ways."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import pytest
from sqlalchemy import Engine

from organiser import store
from organiser.models import Campaign, Situation, SituationKind
from organiser.services import campaigns, organisations

MODULES = ["organisations", "campaigns", "letters", "attachments", "drafts", "trash"]


@pytest.mark.parametrize("module", MODULES)
def test_each_models_module_imported_first_maps_everything(module: str) -> None:
    code = (
        f"import organiser.models.{module}\n"
        "from sqlalchemy.orm import configure_mappers\n"
        "configure_mappers()\n"
        "from organiser.models import Campaign, Situation\n"
        "print(Situation.campaigns.property.mapper.class_.__name__,"
        " Campaign.situations.property.mapper.class_.__name__)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["Campaign", "Situation"]


def test_a_situation_and_its_campaigns_link_both_ways(engine: Engine) -> None:
    with store.transaction(engine) as session:
        campaign_id = campaigns.create_campaign(session, campaigns.CampaignFields(title="Free")).id
        person_id = organisations.create_person(
            session, organisations.PersonFields(name="Kim Jin-ho")
        ).id
        situation = Situation(
            person_id=person_id, kind=SituationKind.ARRESTED, since=date(2026, 5, 1)
        )
        session.add(situation)
        situation.campaigns.append(session.get_one(Campaign, campaign_id))
    with store.transaction(engine) as session:
        campaign = session.get_one(Campaign, campaign_id)
        assert [s.person.name for s in campaign.situations] == ["Kim Jin-ho"]
        assert [c.title for c in campaign.situations[0].campaigns] == ["Free"]
