"""The trash: every kind of delete goes there and comes back whole, links included."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import Engine, delete, func, select
from sqlalchemy.orm import Session

from organiser import store
from organiser.errors import NotFound, ValidationError
from organiser.models import Action, Attachment, Commitment, Letter, Organisation, Person
from organiser.services import actions, campaigns, commitments, letters, situations, trash
from organiser.services import organisations as orgs
from tests.trash_world import TrashWorld, all_rows, make_trash_world

Delete = Callable[[Session, TrashWorld], trash.TrashView]

DELETES: dict[str, Delete] = {
    "campaign": lambda s, w: campaigns.delete_campaign(s, w.campaign_id),
    "organisation": lambda s, w: orgs.delete_organisation(s, w.organisation_id),
    "person": lambda s, w: orgs.delete_person(s, w.person_id),
    "action": lambda s, w: actions.delete_action(s, w.action_id),
    "commitment": lambda s, w: commitments.delete_commitment(s, w.commitment_id),
    "letter": lambda s, w: letters.delete_letter(s, w.sent_id),
    "situation": lambda s, w: situations.delete_situation(s, w.situation_id),
}


def _delete(engine: Engine, world: TrashWorld, kind: str) -> trash.TrashView:
    with store.transaction(engine) as session:
        return DELETES[kind](session, world)


def _restore(engine: Engine, entry_id: int) -> list[trash.TrashView]:
    with store.transaction(engine) as session:
        return trash.restore(session, entry_id)


def _trash(engine: Engine) -> list[trash.TrashView]:
    with store.transaction(engine) as session:
        return trash.list_trash(session)


@pytest.mark.parametrize("kind", sorted(DELETES))
def test_a_delete_goes_to_the_trash_and_comes_back_the_same(engine: Engine, kind: str) -> None:
    world = make_trash_world(engine)
    before = all_rows(engine)
    entry = _delete(engine, world, kind)
    assert all_rows(engine) != before
    listed = _trash(engine)
    assert [(e.id, e.kind) for e in listed] == [(entry.id, kind)]
    assert listed[0].label
    restored = _restore(engine, entry.id)
    assert [e.id for e in restored] == [entry.id]
    assert all_rows(engine) == before
    assert _trash(engine) == []


def test_a_campaign_goes_with_its_actions_commitments_and_letters(engine: Engine) -> None:
    world = make_trash_world(engine)
    before = all_rows(engine)
    entry = _delete(engine, world, "campaign")
    assert entry.label == "Free the strikers"
    assert entry.contents["action"] == 1
    assert entry.contents["commitment"] == 1
    assert entry.contents["letter"] == 2
    assert entry.contents["campaign_demand"] == 2
    assert entry.contents["attachment"] == 1  # the commitment's evidence, bytes and all
    with store.transaction(engine) as session:
        assert session.scalar(select(func.count(Action.id))) == 0
        assert session.scalar(select(func.count(Letter.id))) == 0
        assert session.scalar(select(func.count(Commitment.id))) == 1  # the other campaign's
        assert session.scalar(select(func.count(Attachment.id))) == 0
    _restore(engine, entry.id)
    assert all_rows(engine) == before


def test_an_organisation_deleted_comes_back_with_its_links(engine: Engine) -> None:
    world = make_trash_world(engine)
    before = all_rows(engine)
    entry = _delete(engine, world, "organisation")
    assert entry.contents[trash.LINKS] >= 4  # lead, affiliate, person, commitment, sender
    with store.transaction(engine) as session:
        assert session.get_one(Person, world.person_id).organisation_id is None
    _restore(engine, entry.id)
    assert all_rows(engine) == before


def test_links_follow_a_row_deleted_in_between(engine: Engine) -> None:
    """Organisation, then its person, deleted; the organisation restored first, then the person:
    the person comes back in the organisation, as before."""
    world = make_trash_world(engine)
    before = all_rows(engine)
    organisation = _delete(engine, world, "organisation")
    person = _delete(engine, world, "person")
    _restore(engine, organisation.id)
    _restore(engine, person.id)
    assert all_rows(engine) == before


def test_a_record_it_refers_to_in_the_trash_comes_back_first(engine: Engine) -> None:
    world = make_trash_world(engine)
    before = all_rows(engine)
    campaign = _delete(engine, world, "campaign")
    organisation = _delete(engine, world, "organisation")  # the campaign's lead and sender
    restored = _restore(engine, campaign.id)
    assert [e.id for e in restored] == [organisation.id, campaign.id]
    assert all_rows(engine) == before


def test_a_restore_refused_changes_nothing(engine: Engine) -> None:
    world = make_trash_world(engine)
    campaign = _delete(engine, world, "campaign")
    with store.transaction(engine) as session:  # the lead goes for good, not to the trash
        session.execute(delete(Organisation).where(Organisation.id == world.organisation_id))
    before = all_rows(engine)
    with pytest.raises(ValidationError, match="no longer in the database or the trash"):
        _restore(engine, campaign.id)
    assert all_rows(engine) == before
    assert [e.id for e in _trash(engine)] == [campaign.id]


def test_a_restore_refuses_a_number_given_to_another_record(engine: Engine) -> None:
    world = make_trash_world(engine)
    entry = _delete(engine, world, "letter")
    with store.transaction(engine) as session:  # SQLite gives the freed highest id again
        taken = letters.create_letter(
            session,
            letters.LetterFields(
                kind="statement", campaign_id=world.campaign_id, subject="New", body="x"
            ),
        )
    assert taken.id == world.sent_id
    before = all_rows(engine)
    with pytest.raises(ValidationError, match="given to another record"):
        _restore(engine, entry.id)
    assert all_rows(engine) == before


def test_emptying_the_trash_deletes_for_good(engine: Engine) -> None:
    world = make_trash_world(engine)
    _delete(engine, world, "action")
    entry = _delete(engine, world, "campaign")
    with store.transaction(engine) as session:
        assert trash.empty_trash(session) == 2
    assert _trash(engine) == []
    with pytest.raises(NotFound):
        _restore(engine, entry.id)
    with store.transaction(engine) as session:
        assert session.scalar(select(func.count(Letter.id))) == 0


def test_a_restore_never_links_to_a_new_record_given_a_freed_id(engine: Engine) -> None:
    world = make_trash_world(engine)
    with store.transaction(engine) as session:  # led by the union, the highest organisation id
        campaign = campaigns.delete_campaign(session, world.other_campaign_id)
    with store.transaction(engine) as session:
        union_entry = orgs.delete_organisation(session, world.union_id)
        newcomer = orgs.create_organisation(session, orgs.OrganisationFields(name="Newcomer"))
    assert newcomer.id == world.union_id  # SQLite gave the freed id again
    before = all_rows(engine)
    with pytest.raises(ValidationError, match="given to another record"):
        _restore(engine, campaign.id)  # its lead is the union, in the trash, not the newcomer
    assert all_rows(engine) == before
    assert {e.id for e in _trash(engine)} == {campaign.id, union_entry.id}


def test_a_campaigns_demands_come_back_under_new_numbers_when_theirs_were_taken(
    engine: Engine,
) -> None:
    world = make_trash_world(engine)
    entry = _delete(engine, world, "campaign")
    with store.transaction(engine) as session:
        new = campaigns.create_campaign(
            session, campaigns.CampaignFields(title="New", demands=["A", "B"])
        )
    taken = all_rows(engine)["campaign_demand"]
    assert {row["id"] for row in taken} == {1, 2}  # the numbers the deleted demands had
    _restore(engine, entry.id)
    with store.transaction(engine) as session:
        back = campaigns.get_campaign(session, world.campaign_id)
        assert back.demands == ["Release", "Reinstate"]
        assert campaigns.get_campaign(session, new.id).demands == ["A", "B"]
