"""People at risk: situations added, edited and deleted; who is held or on hunger strike now,
with the day counts (the first day is day 1), the next hearing, current against history."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import Engine

from organiser import store
from organiser.errors import NotFound, ValidationError
from organiser.models import Person
from organiser.services import actions, campaigns, letter_register, letters, trash
from organiser.services import organisations as orgs
from organiser.services import situations as service
from organiser.services.situations import SituationFields

TODAY = date(2016, 7, 28)


def _person(engine: Engine, name: str = "", role: str = "") -> int:
    with store.transaction(engine, write=True) as session:
        return orgs.create_person(session, orgs.PersonFields(name=name, role=role)).id


def _campaign(engine: Engine) -> int:
    with store.transaction(engine, write=True) as session:
        return campaigns.create_campaign(
            session, campaigns.CampaignFields(title="Free Han Sang-gyun", country="KR")
        ).id


def _add(engine: Engine, person: int, kind: str, since: str, **more: object) -> int:
    with store.transaction(engine, write=True) as session:
        fields = SituationFields(person_id=person, kind=kind, since=since, **more)  # type: ignore[arg-type]
        return service.create_situation(session, fields).id


def _risk(engine: Engine, today: date = TODAY, campaign: int | None = None) -> list:  # type: ignore[type-arg]
    with store.transaction(engine) as session:
        return service.at_risk_now(session, campaign, today=today)


def test_day_counts_count_the_first_day_as_day_one() -> None:
    assert service.day_number(date(2021, 7, 23), date(2021, 7, 23)) == 1
    assert service.day_number(date(2021, 7, 23), date(2021, 8, 3)) == 12
    # over a year's end, and a leap day: 10 Dec 2015 to 27 Jul 2016 is 231 days
    assert service.day_number(date(2015, 12, 10), date(2016, 7, 27)) == 231
    assert service.day_number(date(2015, 12, 31), date(2016, 1, 1)) == 2


def test_a_hunger_strike_on_its_first_day_is_day_one(engine: Engine) -> None:
    vice_chair = _person(engine, role="the KPTU NHIS branch's first vice-chair")
    _add(engine, vice_chair, "on-hunger-strike", "2021-07-23")
    [first_day] = _risk(engine, date(2021, 7, 23))
    assert first_day.person_name == "the KPTU NHIS branch's first vice-chair"
    assert (first_day.hunger_strike_day, first_day.held_days) == (1, None)
    assert first_day.count_text == "day 1 of hunger strike"
    [later] = _risk(engine, date(2021, 8, 3))
    assert later.count_text == "day 12 of hunger strike"
    assert _risk(engine, date(2021, 7, 22)) == []  # not begun yet


def test_held_from_the_first_arrest_of_the_episode_with_the_sentence(engine: Engine) -> None:
    han = _person(engine, name="Han Sang-gyun")
    campaign = _campaign(engine)
    _add(engine, han, "arrested", "2015-12-10", campaign_ids=[campaign])
    _add(engine, han, "sentenced", "2016-07-04", sentence="5 years", sentence_months=60,
         court="Seoul Central District Court", campaign_ids=[campaign])  # fmt: skip
    [held] = _risk(engine, date(2016, 7, 27))
    assert (held.person_name, held.kind.value, held.held_since) == (
        "Han Sang-gyun", "sentenced", date(2015, 12, 10)
    )  # fmt: skip
    assert held.count_text == "held 231 days of 5 years"
    assert held.campaign_titles == ("Free Han Sang-gyun",)
    assert [r.person_id for r in _risk(engine, campaign=campaign)] == [han]
    with store.transaction(engine) as session:
        other = campaigns.create_campaign(session, campaigns.CampaignFields(title="Other")).id
    assert _risk(engine, campaign=other) == []


def test_a_release_ends_the_episode_and_keeps_the_history(engine: Engine) -> None:
    han = _person(engine, name="Han Sang-gyun")
    arrested = _add(engine, han, "arrested", "2015-12-10")
    sentenced = _add(engine, han, "sentenced", "2016-07-04", sentence_months=60)
    released = _add(engine, han, "released", "2018-05-21")
    assert _risk(engine, date(2018, 5, 21)) == []
    assert [r.held_days for r in _risk(engine, date(2018, 5, 20))] == [893]
    with store.transaction(engine) as session:
        history = service.list_situations(session, person_id=han, today=date(2018, 6, 1))
        current = service.list_situations(session, current=True, today=date(2018, 6, 1))
        then = service.list_situations(session, current=True, today=date(2016, 8, 1))
    assert [s.id for s in history] == [arrested, sentenced, released]
    assert [s.current for s in history] == [False, False, False]
    assert current == []
    assert [(s.id, s.day) for s in then] == [(arrested, 236), (sentenced, 29)]
    # a second arrest after the release starts a new count
    _add(engine, han, "detained", "2019-01-10")
    [again] = _risk(engine, date(2019, 1, 10))
    assert (again.held_days, again.sentence_months) == (1, None)


def test_the_next_hearing_is_the_next_linked_action(engine: Engine) -> None:
    han = _person(engine, name="Han Sang-gyun")
    campaign = _campaign(engine)
    with store.transaction(engine, write=True) as session:

        def hearing(title: str, day: str, status: str = "planned") -> int:
            fields = actions.ActionFields(
                campaign_id=campaign, kind="court-hearing", title=title, start=day,
                status=status,
            )  # fmt: skip
            return actions.create_action(session, fields).action.id

        past = hearing("First hearing", "2016-06-01")
        cancelled = hearing("Cancelled hearing", "2016-08-10", "cancelled")
        appeal = hearing("Appeal hearing", "2016-09-20")
        later = hearing("Supreme Court", "2017-05-31")
    _add(engine, han, "detained", "2015-12-10", action_ids=[later, past, cancelled, appeal])
    [held] = _risk(engine)
    assert held.next_hearing is not None
    assert (held.next_hearing.action_id, held.next_hearing.start_date) == (
        appeal, date(2016, 9, 20)
    )  # fmt: skip
    with store.transaction(engine) as session:
        [situation] = service.list_situations(session, person_id=han, today=TODAY)
    assert situation.action_ids == (past, cancelled, appeal, later)  # by date


def test_edit_checks_the_version_and_delete_goes_to_the_trash(engine: Engine) -> None:
    han = _person(engine, name="Han Sang-gyun")
    campaign = _campaign(engine)
    key = _add(engine, han, "arrested", "2015-12-10", campaign_ids=[campaign])
    with store.transaction(engine, write=True) as session:
        saved = service.update_situation(
            session, key,
            SituationFields(person_id=han, kind="detained", since="2015-12-10", lawyer="Kim"),
            expected_version=1,
        )  # fmt: skip
    assert (saved.kind.value, saved.lawyer, saved.campaign_ids, saved.version) == (
        "detained", "Kim", (), 2
    )  # fmt: skip
    with store.transaction(engine, write=True) as session:
        entry = service.delete_situation(session, key)
    assert (entry.kind, entry.label) == ("situation", "Han Sang-gyun: detained")
    with store.transaction(engine) as session:
        assert service.list_situations(session) == []
        trash.restore(session, entry.id)
    with store.transaction(engine) as session:
        assert [s.lawyer for s in service.list_situations(session)] == ["Kim"]


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"kind": "abducted"}, "kind"),
        ({"kind": ""}, "kind"),
        ({"since": ""}, "since"),
        ({"since": "2016-02-30"}, "since"),
        ({"until": "2015-01-01"}, "until"),
        ({"sentence_months": "five"}, "sentence_months"),
        ({"sentence_months": 0}, "sentence_months"),
        ({"person_id": 999}, "person_id"),
        ({"campaign_ids": [999]}, "campaign"),
    ],
)
def test_bad_situations_are_refused_and_nothing_is_written(
    engine: Engine, fields: dict[str, object], field: str
) -> None:
    han = _person(engine, name="Han Sang-gyun")
    given = {"person_id": han, "kind": "arrested", "since": "2015-12-10", **fields}
    with (
        pytest.raises((ValidationError, NotFound)) as raised,
        store.transaction(engine, write=True) as session,
    ):
        service.create_situation(session, SituationFields(**given))  # type: ignore[arg-type]
    if isinstance(raised.value, ValidationError):
        assert raised.value.field == field
    with store.transaction(engine) as session:
        assert service.list_situations(session) == []


def test_a_person_needs_a_name_or_a_role(engine: Engine) -> None:
    with pytest.raises(ValidationError) as raised:
        _person(engine)
    assert raised.value.field == "name"
    role_only = _person(engine, role="the branch's first vice-chair")
    with store.transaction(engine) as session:
        [person] = orgs.list_people(session)
    assert (person.id, person.name, person.display_name) == (
        role_only, "", "the branch's first vice-chair"
    )  # fmt: skip


def test_someone_known_by_role_is_named_by_it_in_letters_and_the_trash(engine: Engine) -> None:
    with store.transaction(engine, write=True) as session:
        union = orgs.create_organisation(session, orgs.OrganisationFields(name="KPTU"))
        fields = orgs.PersonFields(role="the branch's first vice-chair", organisation_id=union.id)
        key = orgs.create_person(session, fields).id
        _orgs, people = letter_register.choices(session)
        assert people == [(key, "the branch's first vice-chair")]
        party = letters.read_party(session.get_one(Person, key))
        assert party is not None and party.name == "the branch's first vice-chair"
        entry = orgs.delete_person(session, key)
    assert entry.label == "the branch's first vice-chair"
