"""A world for merge tests: a campaign with demands, a sender and its signatory, a federation
with affiliates of several languages (one with a French version of the letter, one missing its
address), and a template letter whose subject and body use merge fields."""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine

from organiser import store
from organiser.models import Letter, LetterVersion
from organiser.services import campaigns, commitments, letters, organisations

BODY = """Dear {{ recipient.name }},

We write to you about {{ campaign.title }}, with the demands:

{% for demand in campaign.demands %}- {{ demand }}
{% endfor %}
Please answer to {{ sender.name }} quoting {{ our_reference }}.

In solidarity,"""

FRENCH_BODY = """Chers camarades de {{ recipient.name }},

{% for n in range(60) %}Nous sommes à vos côtés, paragraphe {{ n }}.

{% endfor %}Solidairement,"""


@dataclass(frozen=True)
class MergeWorld:
    campaign_id: int
    sender_id: int
    federation_id: int
    letter_id: int
    affiliates: tuple[int, ...]
    names: tuple[str, ...]


def make_world(engine: Engine, affiliates: int = 4, body: str = BODY) -> MergeWorld:
    """Affiliate 1 is French (and has the French version: a long letter), 2 Korean (no version:
    the original stands in), 3 has no address, the others English."""
    with store.transaction(engine, write=True) as session:
        campaign = campaigns.create_campaign(
            session,
            campaigns.CampaignFields(
                title="Free the KCTU leaders",
                country="KR",
                demands=["Release Han Sang-gyun", "Drop the charges"],
            ),
        )
        sender = organisations.create_organisation(
            session,
            organisations.OrganisationFields(
                name="IndustriALL Global Union", acronym="IALL", address="Geneva"
            ),
        )
        signer = organisations.create_person(
            session,
            organisations.PersonFields(
                name="Atle Høie", title="General Secretary", organisation_id=sender.id
            ),
        )
        federation = organisations.create_organisation(
            session, organisations.OrganisationFields(name="Federation of Unions", acronym="FOU")
        )
        ids, names = [], []
        for n in range(1, affiliates + 1):
            language = {1: "fr", 2: "ko"}.get(n, "en")
            name = f"Union {n:03d} Local"
            made = organisations.create_organisation(
                session,
                organisations.OrganisationFields(
                    name=name,
                    acronym=f"U{n:03d}",
                    country=("FR" if n == 1 else "KR" if n == 2 else "GB"),
                    address="" if n == 3 else f"{n} Union Street\nCity {n}",
                    language=language,
                    affiliate_of_id=federation.id,
                ),
            )
            ids.append(made.id)
            names.append(name)
        letter = letters.create_letter(
            session,
            letters.LetterFields(
                kind="solidarity-letter",
                campaign_id=campaign.id,
                sender_id=sender.id,
                subject="Solidarity with {{ recipient.name }}",
                letter_date="2026-03-02",
                body=body,
                our_reference="OUR/2026/017",
                signatory_ids=[signer.id],
            ),
        )
        record = session.get_one(Letter, letter.id)
        record.versions.append(
            LetterVersion(language="fr", subject="Solidarité avec {{ recipient.name }}",
                          body=FRENCH_BODY)
        )  # fmt: skip
        commitments.create_commitment(
            session,
            commitments.CommitmentFields(
                campaign_id=campaign.id, organisation_id=ids[0], what="A rally"
            ),
        )
        if len(ids) > 1:
            commitments.create_commitment(
                session,
                commitments.CommitmentFields(
                    campaign_id=campaign.id, organisation_id=ids[1], what="A letter",
                    status="withdrawn",
                ),
            )  # fmt: skip
    return MergeWorld(campaign.id, sender.id, federation.id, letter.id, tuple(ids), tuple(names))


def set_body(engine: Engine, letter_id: int, body: str) -> None:
    with store.transaction(engine, write=True) as session:
        session.get_one(Letter, letter_id).body = body


def pdf_text(path: Path, first: int | None = None, last: int | None = None) -> str:
    args = ["pdftotext", "-enc", "UTF-8"]
    if first is not None:
        args += ["-f", str(first), "-l", str(last or first)]
    text = subprocess.run([*args, str(path), "-"], capture_output=True, text=True, check=True)
    return re.sub(r"\s+", " ", text.stdout).strip()
