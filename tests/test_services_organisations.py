"""Organisation and people services: validation, the affiliate-of link, people per organisation."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine

from organiser import store
from organiser.errors import ValidationError
from organiser.models import OrganisationKind
from organiser.services import organisations as service
from organiser.services.organisations import OrganisationFields, PersonFields


def test_an_affiliate_is_linked_to_its_federation_and_listed_under_it(engine: Engine) -> None:
    with store.transaction(engine) as session:
        gufed = service.create_organisation(
            session,
            OrganisationFields(
                name="Public Services International",
                acronym="PSI",
                kind="global-union-federation",
                country="fr",
            ),
        )
        kptu = service.create_organisation(
            session,
            OrganisationFields(
                name="Korean Public Service and Transport Workers' Union",
                kind=OrganisationKind.UNION,
                country="KR",
                language="KO",
                affiliate_of_id=gufed.id,
            ),
        )
    with store.transaction(engine) as session:
        assert [o.id for o in service.list_organisations(session, affiliates_of=gufed.id)] == [
            kptu.id
        ]
        loaded = service.get_organisation(session, kptu.id)
    assert loaded.affiliate_of_name == "Public Services International"
    assert loaded.language == "ko" and loaded.country == "KR"
    assert gufed.display_name == "Public Services International (PSI)"


def test_an_organisation_cannot_become_an_affiliate_of_its_own_affiliate(engine: Engine) -> None:
    with store.transaction(engine) as session:
        top = service.create_organisation(session, OrganisationFields(name="Federation"))
        child = service.create_organisation(
            session, OrganisationFields(name="Union", affiliate_of_id=top.id)
        )
    with pytest.raises(ValidationError) as caught, store.transaction(engine) as session:
        service.update_organisation(
            session,
            top.id,
            OrganisationFields(name="Federation", affiliate_of_id=child.id),
            top.version,
        )
    assert caught.value.field == "affiliate_of_id"


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"name": ""}, "name"),
        ({"name": "X", "kind": "party"}, "kind"),
        ({"name": "X", "country": "XX"}, "country"),
        ({"name": "X", "email": "not-an-address"}, "email"),
        ({"name": "X", "language": "korean"}, "language"),
        ({"name": "X", "affiliate_of_id": 42}, "affiliate_of_id"),
    ],
)
def test_bad_organisation_values_are_refused_at_their_field(
    engine: Engine, values: dict[str, object], field: str
) -> None:
    with pytest.raises(ValidationError) as caught, store.transaction(engine) as session:
        service.create_organisation(session, OrganisationFields(**values))  # type: ignore[arg-type]
    assert caught.value.field == field
    with store.transaction(engine) as session:
        assert service.count_organisations(session) == 0


def test_people_belong_to_an_organisation_and_stay_when_it_is_deleted(engine: Engine) -> None:
    with store.transaction(engine) as session:
        kctu = service.create_organisation(session, OrganisationFields(name="KCTU"))
        han = service.create_person(
            session,
            PersonFields(name="Han Sang-gyun (한상균)", title="President", organisation_id=kctu.id),
        )
    with store.transaction(engine) as session:
        assert service.get_organisation(session, kctu.id).people_count == 1
        assert [p.name for p in service.list_people(session, kctu.id)] == ["Han Sang-gyun (한상균)"]
        service.delete_organisation(session, kctu.id)
    with store.transaction(engine) as session:
        person = service.get_person(session, han.id)
    assert person.organisation_id is None and person.title == "President"


def test_a_person_needs_a_name_and_an_existing_organisation(engine: Engine) -> None:
    with pytest.raises(ValidationError) as caught, store.transaction(engine) as session:
        service.create_person(session, PersonFields(name="Someone", organisation_id=7))
    assert caught.value.field == "organisation_id"
    with pytest.raises(ValidationError) as caught, store.transaction(engine) as session:
        service.create_person(session, PersonFields(name=" "))
    assert caught.value.field == "name"


def test_organisation_names_are_the_list_s_display_names_in_its_order(engine: Engine) -> None:
    from organiser.services.demo import load_demo

    with store.transaction(engine) as session:
        load_demo(session)
        listed = [(o.id, o.display_name) for o in service.list_organisations(session)]
        assert service.organisation_names(session) == listed and len(listed) > 1
        assert any("(" in name for _key, name in listed)  # acronyms said as the list says them
