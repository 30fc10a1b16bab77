"""The sample data's facts from the organisers' own documents that need their own fields: the
IndustriALL Congress resolution on Korea and its four numbered commitments ("IndustriALL and
its affiliates will: 1. … 4. …"), the ITUC as an international confederation, membership
figures as the federations give them, and each campaign's target organisations and allies."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy.orm import Session

from organiser.services.campaigns import CampaignFields, get_campaign, update_campaign
from organiser.services.commitments import CommitmentFields, create_commitment
from organiser.services.demo.data import SampleIds
from organiser.services.editing import fields_from
from organiser.services.letters import LetterFields, create_letter
from organiser.services.organisations import (
    OrganisationFields,
    get_organisation,
    update_organisation,
)

RESOLUTION = """IndustriALL demands the government of South Korea respect workers' fundamental
rights, withdraw the proposed anti-worker changes to labour legislation and release all
imprisoned trade unionists.

IndustriALL and its affiliates commit to work with Korean unions, the International Trade Union
Confederation and other national and global unions to support this struggle and escalate
pressure on the government of South Korea to agree to our demands.

Specifically, IndustriALL and its affiliates will:

1. Support the 12-13 November People's Mass Mobilization and National Workers Rally taking
   place in Korea.
2. Participate in a global day of action taking place in the coming months demanding Korea
   respect workers' rights.
3. Participate in a public campaign to bring attention to Korea's violations of workers' rights
   including imprisonment of trade unionists by linking it to Korea hosting the February 2018
   Winter Olympics.
4. Explore possible action under labour provisions in Korea's free trade agreements with the
   EU and the U.S."""


@dataclass(frozen=True)
class Pledge:
    number: int
    what: str
    action: str | None  # the title of the sample action it serves
    due: date | None
    fulfilled_on: date


# The resolution's commitments, in its order, with what became of them.
PLEDGES = (
    Pledge(1, "Support the 12-13 November People's Mass Mobilization and National Workers Rally",
           "National Workers Rally", date(2016, 11, 12), date(2016, 11, 13)),
    Pledge(2, "Participate in a global day of action demanding Korea respect workers' rights",
           "Global day of action for Korean unions", None, date(2017, 3, 9)),
    Pledge(3, "Link Korea's violations of workers' rights to its hosting of the February 2018 "
           "Winter Olympics in a public campaign", None, date(2018, 2, 9), date(2018, 2, 9)),
    Pledge(4, "Explore action under the labour provisions of Korea's free trade agreements with "
           "the EU and the U.S.", None, None, date(2018, 12, 17)),
)  # fmt: skip

# As the federations give their size ("The 30 million workers around the world that we
# represent": PSI's letter).
MEMBERSHIP = {
    "psi": (30_000_000, "30 million workers"),
    "industriall": (50_000_000, "over 50 million workers in 140 countries"),
}

# campaign key -> (target organisations, allies)
CAMPAIGN_ORGANISATIONS = {
    "korea": (("kr-gov",), ("kctu", "kptu", "kmwu", "ituc")),
    "nhis": (("nhis", "kr-gov"), ("kptu", "kctu")),
    "kazakh": (("kz-gov",), ("kz-oil",)),
    "argentina": ((), ("ate",)),
}


def add_resolution_facts(session: Session, ids: SampleIds, action_ids: Mapping[str, int]) -> int:
    """The membership figures, the campaigns' targets and allies, and the resolution with its
    numbered commitments; returns how many commitments it added."""
    _add_membership(session, ids)
    _add_campaign_organisations(session, ids)
    resolution = create_letter(
        session,
        LetterFields(
            kind="resolution",
            campaign_id=ids.campaigns["korea"],
            sender_id=ids.organisations["industriall"],
            subject="Emergency resolution to support the struggle against the South Korean "
            "government's crackdown on unions",
            letter_date=date(2016, 10, 7),
            language="en",
            body=RESOLUTION,
            our_reference="IndustriALL Congress 2016",
            status="approved",  # adopted by the Congress
        ),
    )
    for pledge in PLEDGES:
        create_commitment(
            session,
            CommitmentFields(
                campaign_id=ids.campaigns["korea"],
                organisation_id=ids.organisations["industriall"],
                action_id=action_ids[pledge.action] if pledge.action else None,
                what=pledge.what,
                due_date=pledge.due,
                status="fulfilled",
                fulfilled_on=pledge.fulfilled_on,
                number=pledge.number,
                source_letter_id=resolution.id,
                joint_pledgers="its affiliates",
            ),
        )
    return len(PLEDGES)


def _add_membership(session: Session, ids: SampleIds) -> None:
    for key, (members, text) in MEMBERSHIP.items():
        current = get_organisation(session, ids.organisations[key])
        fields = fields_from(current, OrganisationFields)
        update_organisation(
            session, current.id, replace(fields, members=members, membership=text), current.version
        )


def _add_campaign_organisations(session: Session, ids: SampleIds) -> None:
    for key, (targets, allies) in CAMPAIGN_ORGANISATIONS.items():
        current = get_campaign(session, ids.campaigns[key])
        fields = replace(
            fields_from(current, CampaignFields),
            target_organisation_ids=[ids.organisations[k] for k in targets],
            ally_ids=[ids.organisations[k] for k in allies],
        )
        update_campaign(session, current.id, fields, current.version)
