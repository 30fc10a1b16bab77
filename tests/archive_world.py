"""A world holding every kind of record an archive carries, and a snapshot comparing databases
row by row under UUIDs (integer keys differ from one database to another)."""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, Table, select

from organiser import store
from organiser.models import (
    Action,
    ActionKind,
    ActionOrganisation,
    ActionRole,
    Attachment,
    Base,
    Campaign,
    CampaignDemand,
    CampaignOrganisation,
    CampaignOrganisationRole,
    Channel,
    Commitment,
    InternationalDay,
    Letter,
    LetterKind,
    LetterRecipient,
    LetterSignatory,
    LetterStatus,
    LetterVersion,
    Organisation,
    Person,
    RecipientRole,
    Situation,
    SituationKind,
    Template,
)

SKIPPED_TABLES = {"draft", "alembic_version"}


def _file(name: str, data: bytes, media_type: str) -> Attachment:
    return Attachment(
        name=name,
        media_type=media_type,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        data=data,
    )


def make_campaign_world(engine: Engine, tag: str) -> int:
    """One campaign with every kind of record around it; returns the campaign's id."""
    with store.transaction(engine) as session:
        logo = _file(f"logo-{tag}.png", b"\x89PNG\r\n\x1a\n" + tag.encode() * 50, "image/png")
        signature = _file(f"sig-{tag}.png", bytes(range(256)) * 4, "image/png")
        pdf = _file(f"letter-{tag}.pdf", b"%PDF-1.4 kept " + tag.encode(), "application/pdf")
        evidence = _file(f"evidence-{tag}.txt", "Ақжайық 민주노총".encode(), "text/plain")
        federation = Organisation(name=f"Federation {tag}", acronym="GUF")
        union = Organisation(
            name=f"전국민주노동조합총연맹 {tag}", country="KR", affiliate_of=federation,
            members=1_100_000, membership="1.1 million members",
        )  # fmt: skip
        session.add_all([logo, signature, pdf, evidence, federation, union])
        session.flush()
        federation.logo_id = logo.id
        person = Person(name=f"Айгүл {tag}", title="General Secretary", organisation=union)
        person.signature_id = signature.id
        campaign = Campaign(title=f"Campaign {tag}", country="KZ", lead=federation)
        campaign.demands = [CampaignDemand(text="Release them"), CampaignDemand(text="Reinstate")]
        campaign.organisations = [
            CampaignOrganisation(organisation=union, role=CampaignOrganisationRole.ALLY)
        ]
        session.add_all([person, campaign])
        session.flush()
        action = Action(
            campaign=campaign,
            kind=ActionKind.STRIKE,
            title=f"Strike {tag}",
            all_day=False,
            start_date=date(2026, 7, 1),
            end_date=date(2026, 7, 1),
            starts_at=datetime(2026, 7, 1, 4, 0, tzinfo=UTC),
            ends_at=datetime(2026, 7, 1, 12, 0, tzinfo=UTC),
            timezone="Asia/Aqtau",
            organisations=[
                ActionOrganisation(organisation=union, role=ActionRole.STRIKING_UNION),
                ActionOrganisation(organisation=federation, role=ActionRole.ORGANISER),
            ],
        )
        session.add(action)
        session.flush()
        pledge = Commitment(
            campaign=campaign,
            organisation=union,
            organisation_name=union.name,
            action=action,
            what="Send a letter",
            due_date=date(2026, 7, 10),
            evidence_file_id=evidence.id,
            number=2,
            joint_pledgers="its affiliates",
        )
        session.add(pledge)
        letter = Letter(
            kind=LetterKind.PROTEST_LETTER,
            campaign=campaign,
            sender=federation,
            subject=f"Protest {tag}",
            body="**Free** them",
            status=LetterStatus.SENT,
            sent_on=date(2026, 7, 2),
            channel=Channel.EMAIL,
            pdf_id=pdf.id,
            parties_fixed_at=datetime(2026, 7, 2, 9, 0, tzinfo=UTC),
            sender_name=federation.name,
            sender_address="Geneva",
        )
        letter.signatories = [
            LetterSignatory(person=person, name=person.name, title=person.title,
                            signature_id=signature.id)
        ]  # fmt: skip
        letter.recipients = [
            LetterRecipient(role=RecipientRole.TO, organisation=union, name=union.name),
            LetterRecipient(role=RecipientRole.CC, person=person, name=person.name),
        ]
        letter.versions = [  # based_on travels: the version stays up to date in the other database
            LetterVersion(language="ru", subject="Протест", body="Свободу", based_on="ab" * 32)
        ]
        session.add(letter)
        session.flush()
        pledge.source_letter_id = letter.id  # the letter it was made in
        situation = Situation(
            person=person,
            kind=SituationKind.DETAINED,
            since=date(2026, 6, 1),
            sentence="5 years",
            sentence_months=60,
            lawyer="Kwon Young-kook",
        )
        situation.campaigns = [campaign]
        situation.actions = [action]  # type: ignore[attr-defined]  # its hearing
        session.add(situation)
        session.add(
            Template(name=f"Template {tag}", kind=LetterKind.STATEMENT, campaign_id=campaign.id)
        )
        session.flush()
        return campaign.id


def make_world(engine: Engine) -> int:
    """Two campaigns' worlds and an international day; returns the first campaign's id."""
    first = make_campaign_world(engine, "one")
    make_campaign_world(engine, "two")
    with store.transaction(engine) as session:
        session.add(InternationalDay(name="May Day", month=5, day=1))
    return first


def snapshot(engine: Engine) -> dict[str, Any]:
    """Every row of every table, keys replaced by the UUIDs of what they name; rows with a UUID
    under it, the others (demands, signatories...) as a sorted list."""
    metadata = Base.metadata
    result: dict[str, Any] = {}
    with engine.connect() as connection:
        uuids = {
            table.name: dict(connection.execute(select(table.c.id, table.c.uuid)).all())
            for table in metadata.sorted_tables
            if "uuid" in table.c
        }
        for table in metadata.sorted_tables:
            if table.name in SKIPPED_TABLES:
                continue
            result[table.name] = _rows(connection.execute(select(table)).mappings(), table, uuids)
    return result


def _rows(rows: Any, table: Table, uuids: dict[str, dict[int, str]]) -> Any:
    converted = []
    for row in rows:
        values = {}
        for column in table.columns:
            value = row[column.key]
            if column.key == "id":
                continue
            targets = [fk.column.table.name for fk in column.foreign_keys]
            if targets and value is not None and targets[0] in uuids:
                value = ("ref", uuids[targets[0]][value])
            values[column.key] = value
        converted.append(values)
    if "uuid" in table.c:
        return {values["uuid"]: values for values in converted}
    return sorted(converted, key=repr)


def file_hash(path: Path) -> str:
    """The database's bytes, and its WAL's when there is one."""
    digest = hashlib.sha256(path.read_bytes())
    wal = Path(f"{path}-wal")
    if wal.exists():
        digest.update(wal.read_bytes())
    return digest.hexdigest()
