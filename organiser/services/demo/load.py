"""Loading the sample tables into an empty database, in an order that keeps the ids stable."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy.orm import Session

from organiser.errors import OrganiserError
from organiser.models import Action, InternationalDay, LetterStatus
from organiser.services.campaigns import count_campaigns, create_campaign
from organiser.services.demo.data import (
    AFFILIATIONS,
    INTERNATIONAL_DAYS,
    ORGANISATIONS,
    PEOPLE,
    SampleIds,
    campaigns,
)
from organiser.services.demo.dating import date_as_documented, dating_actions
from organiser.services.demo.letters import sample_letters
from organiser.services.demo.people_at_risk import add_people_at_risk
from organiser.services.demo.resolution import add_resolution_facts
from organiser.services.demo.timeline import sample_actions, sample_commitments
from organiser.services.letters import fix_parties
from organiser.services.organisations import (
    count_organisations,
    create_organisation,
    create_person,
    get_organisation,
    update_organisation,
)


@dataclass(frozen=True)
class DemoSummary:
    organisations: int
    people: int
    campaigns: int
    actions: int
    commitments: int
    letters: int
    situations: int = 0


def load_demo(session: Session, today: date | None = None) -> DemoSummary:
    """Fill an empty database with sample campaigns; refuses a database that has data."""
    _refuse_filled(session)
    today = today or date.today()
    ids = SampleIds()
    _add_organisations(session, ids)
    _add_affiliations(session, ids)
    _add_people(session, ids)
    _add_international_days(session)
    _add_campaigns(session, ids, today)
    actions = _add_actions(session, ids, today)
    action_ids = {action.title: action.id for action in actions}
    commitments = sample_commitments(today, ids, action_ids)
    session.add_all(commitments)
    letters = sample_letters(today, ids)
    session.add_all(letters)
    session.flush()
    for letter in letters:
        if letter.status is not LetterStatus.DRAFT:
            fix_parties(session, letter)  # they have gone out: they keep their copy
    session.flush()
    situations = add_people_at_risk(session, ids, today, action_ids)
    resolution_commitments = add_resolution_facts(session, ids, action_ids)
    return DemoSummary(
        organisations=len(ids.organisations),
        people=len(ids.people),
        campaigns=len(ids.campaigns),
        actions=len(actions),
        commitments=len(commitments) + resolution_commitments,
        letters=len(letters) + 1,  # and the resolution
        situations=situations,
    )


def _refuse_filled(session: Session) -> None:
    if count_campaigns(session) or count_organisations(session):
        raise OrganiserError("The sample data goes into an empty database only; this one has data.")


def _add_organisations(session: Session, ids: SampleIds) -> None:
    for key, fields in ORGANISATIONS:
        ids.organisations[key] = create_organisation(session, fields).id


def _add_affiliations(session: Session, ids: SampleIds) -> None:
    """A second pass, as a user would link them, so the table need not list federations first."""
    fields = dict(ORGANISATIONS)
    for child, parent in AFFILIATIONS.items():
        linked = replace(fields[child], affiliate_of_id=ids.organisations[parent])
        key = ids.organisations[child]
        update_organisation(session, key, linked, get_organisation(session, key).version)


def _add_people(session: Session, ids: SampleIds) -> None:
    for key, organisation, fields in PEOPLE:
        # A copy: the table is shared by every load and must keep no ids of this database.
        person = replace(fields, organisation_id=ids.organisations[organisation])
        ids.people[key] = create_person(session, person).id


def _add_international_days(session: Session) -> None:
    for name, month, day in INTERNATIONAL_DAYS:
        session.add(InternationalDay(name=name, month=month, day=day))


def _add_campaigns(session: Session, ids: SampleIds, today: date) -> None:
    for key, lead, fields in campaigns(today):
        led = replace(fields, lead_id=ids.organisations[lead])
        ids.campaigns[key] = create_campaign(session, led).id


def _add_actions(session: Session, ids: SampleIds, today: date) -> list[Action]:
    """Flushed, so the commitments can point at the actions they serve."""
    actions = sample_actions(today, ids.campaigns) + dating_actions(ids)
    date_as_documented(actions, ids)
    session.add_all(actions)
    session.flush()
    return actions
