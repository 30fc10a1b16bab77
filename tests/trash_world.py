"""A world for trash tests: two campaigns, organisations, people, actions, commitments, a draft
and a sent letter, a person at risk; and every table's rows, to compare before and after."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Engine, select

from organiser import store
from organiser.models import (
    Action,
    Base,
    Campaign,
    CampaignOrganisation,
    CampaignOrganisationRole,
    Commitment,
    Situation,
    SituationKind,
)
from organiser.services import actions, campaigns, commitments, letter_register, letters
from organiser.services import organisations as orgs


@dataclass(frozen=True)
class TrashWorld:
    campaign_id: int
    other_campaign_id: int
    organisation_id: int
    union_id: int
    person_id: int
    action_id: int
    commitment_id: int
    draft_id: int
    sent_id: int
    situation_id: int


def make_trash_world(engine: Engine) -> TrashWorld:
    with store.transaction(engine) as session:
        federation = orgs.create_organisation(session, orgs.OrganisationFields(name="IndustriALL"))
        union = orgs.create_organisation(
            session, orgs.OrganisationFields(name="KMWU", affiliate_of_id=federation.id)
        )
        campaign = campaigns.create_campaign(
            session,
            campaigns.CampaignFields(
                title="Free the strikers", demands=["Release", "Reinstate"], lead_id=federation.id
            ),
        )
        other = campaigns.create_campaign(
            session, campaigns.CampaignFields(title="Other", lead_id=union.id)
        )
        person = orgs.create_person(
            session, orgs.PersonFields(name="Kim Jin-ho", organisation_id=federation.id)
        )
        action = actions.create_action(
            session,
            actions.ActionFields(
                campaign_id=campaign.id,
                kind="strike",
                title="General strike",
                start="2026-07-01T09:00",
                timezone="Asia/Seoul",
            ),
        ).action
        commitment = commitments.create_commitment(
            session,
            commitments.CommitmentFields(
                campaign_id=campaign.id,
                organisation_id=union.id,
                action_id=action.id,
                what="Send a delegation",
                due_date="2026-06-30",
                evidence_file=commitments.EvidenceFile(
                    "photo.png", b"\x89PNG\r\n\x00", "image/png"
                ),
            ),
        )
        commitments.create_commitment(
            session,
            commitments.CommitmentFields(
                campaign_id=other.id, organisation_id=federation.id, what="Write"
            ),
        )

        def letter(subject: str) -> int:
            return letters.create_letter(
                session,
                letters.LetterFields(
                    kind="solidarity-letter",
                    campaign_id=campaign.id,
                    sender_id=federation.id,
                    subject=subject,
                    letter_date="2026-03-02",
                    body="In solidarity,",
                    signatory_ids=[person.id],
                    to=[("org", union.id)],
                    cc=[("person", person.id)],
                ),
            ).id

        draft_id, sent_id = letter("Draft letter"), letter("Sent letter")
        letter_register.mark_sent(session, sent_id, "2026-03-03", "email", expected_version=1)
        situation = Situation(
            person_id=person.id, kind=SituationKind.ARRESTED, since=date(2026, 5, 1)
        )
        session.add(situation)
        session.flush()
        situation.campaigns.append(session.get_one(Campaign, campaign.id))
        situation.actions.append(session.get_one(Action, action.id))
        situation_id = situation.id
        # The pledge was made in the sent letter, and the federation is an ally too: a delete
        # of either (a link set to NULL, a link row cascaded) must come back whole.
        pledge = session.get_one(Commitment, commitment.id)
        pledge.source_letter_id, pledge.number, pledge.joint_pledgers = sent_id, 1, "KCTU"
        session.add(
            CampaignOrganisation(
                campaign_id=campaign.id, organisation_id=federation.id,
                role=CampaignOrganisationRole.ALLY,
            )
        )  # fmt: skip
    return TrashWorld(
        campaign.id, other.id, federation.id, union.id, person.id, action.id, commitment.id,
        draft_id, sent_id, situation_id,
    )  # fmt: skip


def all_rows(engine: Engine) -> dict[str, list[dict[str, Any]]]:
    """Every row of every table but the trash's own, in key order."""
    with engine.connect() as connection:
        return {
            table.name: [
                dict(row)
                for row in connection.execute(
                    select(table).order_by(*table.primary_key.columns)
                ).mappings()
            ]
            for table in Base.metadata.sorted_tables
            if table.name != "trash"
        }
