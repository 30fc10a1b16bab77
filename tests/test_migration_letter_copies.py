"""Migration 0003 on a database written at 0002: letters already approved, sent or answered are
given their copy of sender, signatories and recipients from the records as they read then, and
commitments the name of their organisation."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from sqlalchemy import Connection, Engine, text

from organiser import store
from organiser.search.schema import outside_index
from organiser.services import commitments, letters, organisations


def insert(connection: Connection, table: str, **values: Any) -> int:
    """A row as the 0002 schema has it, with the columns every record carries."""
    if table not in ("letter_recipient", "letter_signatory"):
        values = {
            "uuid": str(uuid.uuid4()),
            "created_at": "2026-01-05 10:00:00.000000",
            "updated_at": "2026-01-05 10:00:00.000000",
            "version": 1,
            **values,
        }
    columns = ", ".join(values)
    marks = ", ".join(f":{name}" for name in values)
    result = connection.execute(text(f"INSERT INTO {table} ({columns}) VALUES ({marks})"), values)
    return int(result.lastrowid or 0)


def organisation(connection: Connection, name: str, address: str, country: str) -> int:
    return insert(
        connection, "organisation", name=name, acronym="", kind="union", country=country,
        address=address, email="", phone="", website="", language="", notes="",
    )  # fmt: skip


def letter(connection: Connection, campaign: int, sender: int, status: str, subject: str) -> int:
    return insert(
        connection, "letter", kind="protest-letter", campaign_id=campaign, sender_id=sender,
        subject=subject, letter_date="2026-01-05", language="en", body="Dear all,",
        status=status, tracking_number="", our_reference="", their_reference="", reply_note="",
    )  # fmt: skip


@pytest.fixture
def at_0002(db_path: Path) -> Iterator[Engine]:
    engine = store.create_db_engine(f"sqlite:///{db_path}")
    store.upgrade(engine, "0002")
    yield engine
    engine.dispose()


def test_upgrading_gives_sent_letters_their_copy_and_leaves_drafts_following(
    at_0002: Engine,
) -> None:
    with at_0002.begin() as connection:
        campaign = insert(
            connection, "campaign", title="Free them", country="", target="", summary="",
            status="active", colour="#1f6feb",
        )  # fmt: skip
        sender = organisation(connection, "ITF", "49-60 Borough Road\nLondon", "GB")
        union = organisation(connection, "KPTU", "Seoul", "KR")
        person = insert(
            connection, "person", name="Kim Jin-ho", title="President", organisation_id=union,
            email="", address="", language="", notes="",
        )  # fmt: skip
        insert(
            connection, "commitment", campaign_id=campaign, organisation_id=union,
            what="Rally", status="pledged", evidence="", evidence_url="",
        )  # fmt: skip
        sent = letter(connection, campaign, sender, "sent", "We stand with you")
        draft = letter(connection, campaign, sender, "draft", "Not yet")
        for key in (sent, draft):
            insert(connection, "letter_signatory", letter_id=key, person_id=person, position=0)
            insert(connection, "letter_recipient", letter_id=key, role="to", position=0,
                   organisation_id=union)  # fmt: skip
            insert(connection, "letter_recipient", letter_id=key, role="cc", position=1,
                   person_id=person)  # fmt: skip
    store.upgrade(at_0002)

    with at_0002.connect() as connection:
        copies = connection.execute(
            text(
                "SELECT role, name, title, organisation_name, address, country "
                "FROM letter_recipient WHERE letter_id = :id ORDER BY position"
            ),
            {"id": sent},
        ).all()
        fixed = connection.execute(
            text("SELECT sender_name, sender_address, parties_fixed_at FROM letter WHERE id = :id"),
            {"id": sent},
        ).one()
    assert [tuple(row) for row in copies] == [
        ("to", "KPTU", "", "", "Seoul", "KR"),
        ("cc", "Kim Jin-ho", "President", "KPTU", "Seoul", "KR"),  # the union's address
    ]
    assert fixed[:2] == ("ITF", "49-60 Borough Road\nLondon") and fixed[2] is not None
    with at_0002.connect() as connection:
        pledged = connection.execute(text("SELECT organisation_name FROM commitment")).all()
    assert pledged == [("KPTU",)]

    with store.transaction(at_0002) as session:
        organisations.delete_organisation(session, union)
        organisations.delete_organisation(session, sender)
        organisations.delete_person(session, person)
    with store.transaction(at_0002) as session:
        kept = letters.get_letter(session, sent)
        followed = letters.get_letter(session, draft)
    assert kept.sender_name == "ITF"
    assert [(p.name, p.detail) for p in kept.to] == [("KPTU", "")]
    assert [(p.name, p.detail) for p in kept.cc] == [("Kim Jin-ho", "President, KPTU")]
    assert [(p.name, p.detail) for p in kept.signatories] == [("Kim Jin-ho", "President")]
    assert followed.to == [] and followed.cc == [] and followed.signatories == []
    assert followed.sender_name == ""
    with store.transaction(at_0002) as session:
        survivors = commitments.list_commitments(session)
    assert [(c.organisation_id, c.organisation_name) for c in survivors] == [(None, "KPTU")]


def test_going_back_to_0002_and_up_again_keeps_the_schema_the_models_declare(
    at_0002: Engine,
) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from organiser.models import Base

    store.upgrade(at_0002)
    with at_0002.begin() as connection:
        config = store.alembic_config(at_0002)
        config.attributes["connection"] = connection
        command.downgrade(config, "0002")
        shape = connection.execute(
            text("SELECT sql FROM sqlite_master WHERE name = 'letter_recipient'")
        ).scalar_one()
        assert "(person_id IS NULL) <> (organisation_id IS NULL)" in shape
    store.upgrade(at_0002)
    with at_0002.connect() as connection:
        context = MigrationContext.configure(connection, opts={"include_name": outside_index})
        assert compare_metadata(context, Base.metadata) == []
