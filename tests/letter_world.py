"""A small world for letter tests: a campaign, a sender, a Korean union, a Kazakh signatory."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine

from organiser import store
from organiser.services import campaigns, letters, organisations

BODY = """Dear comrades of **민주노총**,

We stand with *Ерлан Құдайбергенов* and the union «Ақжайық».

- release R&D <staff> now;
- drop the charges against Kim *Jin-ho

1. first demand
2. second demand

In solidarity,"""


@dataclass(frozen=True)
class World:
    campaign_id: int
    sender_id: int
    union_id: int
    signatory_id: int
    letter_id: int


def make_world(engine: Engine, body: str = BODY) -> World:
    with store.transaction(engine) as session:
        campaign = campaigns.create_campaign(
            session, campaigns.CampaignFields(title="Free the Mangystau strikers", country="KZ")
        )
        sender = organisations.create_organisation(
            session,
            organisations.OrganisationFields(
                name="IndustriALL Global Union", address="54 bis, route des Acacias\n1227 Geneva"
            ),
        )
        union = organisations.create_organisation(
            session,
            organisations.OrganisationFields(name="전국민주노동조합총연맹", address="서울 중구"),
        )
        signer = organisations.create_person(
            session,
            organisations.PersonFields(
                name="Айгүл Сағынтайқызы", title="General Secretary", organisation_id=sender.id
            ),
        )
        letter = letters.create_letter(
            session,
            letters.LetterFields(
                kind="solidarity-letter",
                campaign_id=campaign.id,
                sender_id=sender.id,
                subject="Solidarity & support <urgent>",
                letter_date="2026-03-02",
                language="en",
                body=body,
                our_reference="IALL/KZ/2026-3",
                signatory_ids=[signer.id],
                to=[("org", union.id)],
                cc=[("person", signer.id)],
            ),
        )
    return World(campaign.id, sender.id, union.id, signer.id, letter.id)
