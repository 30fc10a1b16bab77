"""A statement's world for the co-signed tests: a campaign, its statement, and sixty
organisations in a dozen countries (Korean and Cyrillic names among them) that committed."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine

from organiser import store
from organiser.services import campaigns, commitments, letters, organisations, statements

COUNTRIES = ("KR", "KZ", "RU", "FR", "DE", "ES", "BR", "ZA", "IN", "JP", "GB", "US")
SPECIAL = {
    0: "전국민주노동조합총연맹",
    1: "Конфедерация труда России",
    2: "한국노동조합총연맹",
    3: "Федерация профсоюзов Казахстана",
}


def union_name(number: int) -> str:
    return SPECIAL.get(number, f"Union of Workers Number {number:02d}")


@dataclass(frozen=True)
class StatementWorld:
    campaign_id: int
    letter_id: int
    organisation_ids: tuple[int, ...]
    commitment_ids: tuple[int, ...]


def make_statement_world(engine: Engine, count: int = 60) -> StatementWorld:
    """`count` organisations, each with one pledged commitment (the first also a second one, to
    be counted once); the letter is signed by the committed organisations, by country."""
    with store.transaction(engine, write=True) as session:
        campaign = campaigns.create_campaign(
            session, campaigns.CampaignFields(title="Free the strikers", country="KZ")
        )
        sender = organisations.create_organisation(
            session, organisations.OrganisationFields(name="Global Federation of Workers")
        )
        org_ids, commitment_ids = [], []
        for number in range(count):
            org = organisations.create_organisation(
                session,
                organisations.OrganisationFields(
                    name=union_name(number), country=COUNTRIES[number % len(COUNTRIES)]
                ),
            )
            org_ids.append(org.id)
            made = commitments.create_commitment(
                session,
                commitments.CommitmentFields(
                    campaign_id=campaign.id, organisation_id=org.id, what="Sign the statement"
                ),
            )
            commitment_ids.append(made.id)
        commitments.create_commitment(
            session,
            commitments.CommitmentFields(
                campaign_id=campaign.id, organisation_id=org_ids[0], what="Write to the embassy"
            ),
        )
        letter = letters.create_letter(
            session,
            letters.LetterFields(
                kind="statement",
                campaign_id=campaign.id,
                sender_id=sender.id,
                subject="Joint statement: free the strikers",
                letter_date="2026-03-02",
                body="We, the undersigned, demand the release of the strikers.",
            ),
        )
        statements.set_cosigned(
            session, letter.id, "committed", "country", expected_version=letter.version
        )
    return StatementWorld(campaign.id, letter.id, tuple(org_ids), tuple(commitment_ids))


NEW_LETTER_COLUMNS = ("cosigned_by", "cosigned_order", "cosigners_sent")
