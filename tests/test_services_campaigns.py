"""Campaign services: what is saved, what is refused and why, and edits made elsewhere."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import Engine

from organiser import store
from organiser.errors import ConflictError, NotFound, ValidationError
from organiser.models import CampaignStatus
from organiser.services import campaigns as service
from organiser.services.campaigns import CampaignFields
from organiser.services.organisations import OrganisationFields, create_organisation


def create(engine: Engine, **values: object) -> service.CampaignView:
    with store.transaction(engine) as session:
        return service.create_campaign(session, CampaignFields(**values))  # type: ignore[arg-type]


def test_a_campaign_is_saved_with_its_demands_in_order(engine: Engine) -> None:
    with store.transaction(engine) as session:
        lead = create_organisation(session, OrganisationFields(name="IndustriALL Global Union"))
    created = create(
        engine,
        title="Stop the crackdown",
        country="kr",
        target="Government of Korea",
        demands=["Release the leaders", "Withdraw the labour law changes"],
        status="active",
        start_date="2015-11-21",
        lead_id=lead.id,
    )
    with store.transaction(engine) as session:
        loaded = service.get_campaign(session, created.id)
    assert loaded.country == "KR"
    assert loaded.demands == ["Release the leaders", "Withdraw the labour law changes"]
    assert loaded.status is CampaignStatus.ACTIVE
    assert loaded.start_date == date(2015, 11, 21)
    assert loaded.lead_name == "IndustriALL Global Union"
    assert len(loaded.uuid) == 36 and loaded.version == 1


def test_editing_reorders_and_removes_demands(engine: Engine) -> None:
    created = create(engine, title="T", demands=["a", "b", "c"])
    with store.transaction(engine) as session:
        updated = service.update_campaign(
            session, created.id, CampaignFields(title="T", demands=["c", "a"]), created.version
        )
    assert updated.demands == ["c", "a"]
    assert updated.version == created.version + 1


@pytest.mark.parametrize(
    ("values", "field", "words"),
    [
        ({"title": "  "}, "title", "Title is required"),
        ({"title": "T", "start_date": "2016-02-30"}, "start_date", "not a date that exists"),
        ({"title": "T", "start_date": "21/11/2015"}, "start_date", "YYYY-MM-DD"),
        (
            {"title": "T", "start_date": "2016-03-01", "end_date": "2016-02-01"},
            "end_date",
            "before the start",
        ),
        ({"title": "T", "country": "Korea"}, "country", "ISO 3166"),
        ({"title": "T", "status": "ongoing"}, "status", "planned, active, won, closed"),
        ({"title": "T", "lead_id": 999}, "lead_id", "no organisation with id 999"),
        ({"title": "T", "colour": "red"}, "colour", "not a colour"),
    ],
)
def test_bad_values_are_refused_at_their_field_and_nothing_is_saved(
    engine: Engine, values: dict[str, object], field: str, words: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        create(engine, **values)
    assert caught.value.field == field
    assert words in str(caught.value)
    with store.transaction(engine) as session:
        assert service.count_campaigns(session) == 0


def test_an_edit_made_elsewhere_meanwhile_is_not_overwritten(engine: Engine) -> None:
    created = create(engine, title="First title")
    with store.transaction(engine) as session:
        service.update_campaign(
            session, created.id, CampaignFields(title="Edited elsewhere"), created.version
        )
    with pytest.raises(ConflictError) as refused, store.transaction(engine) as session:
        service.update_campaign(session, created.id, CampaignFields(title="Mine"), created.version)
    assert (refused.value.current_version, refused.value.expected_version) == (2, 1)
    assert "now at version 2" in str(refused.value)
    with store.transaction(engine) as session:
        assert service.get_campaign(session, created.id).title == "Edited elsewhere"


def test_deleting_a_campaign_takes_its_actions_commitments_and_letters(engine: Engine) -> None:
    from organiser.services.demo import load_demo

    with store.transaction(engine) as session:
        load_demo(session, today=date(2026, 11, 23))
        korea = next(
            c
            for c in service.list_campaigns(session)
            if c.country == "KR" and c.status.value == "active"
        )
        contents = service.campaign_contents(session, korea.id)
    assert contents.actions > 0 and contents.commitments > 0 and contents.letters > 0
    with store.transaction(engine) as session:
        service.delete_campaign(session, korea.id)
    with store.transaction(engine) as session:
        assert service.campaign_contents(session, korea.id) == service.CampaignContents(0, 0, 0)
        with pytest.raises(NotFound):
            service.get_campaign(session, korea.id)


def test_the_sample_data_goes_into_an_empty_database_only(engine: Engine) -> None:
    from organiser.errors import OrganiserError
    from organiser.services.demo import load_demo

    with store.transaction(engine) as session:
        summary = load_demo(session)
    assert summary.campaigns == 4 and summary.letters >= 3
    with (
        pytest.raises(OrganiserError, match="empty database"),
        store.transaction(engine) as session,
    ):
        load_demo(session)


def test_campaign_titles_are_the_campaigns_in_their_list_order(engine: Engine) -> None:
    from organiser.services.demo import load_demo

    with store.transaction(engine) as session:
        load_demo(session)
        listed = [(c.id, c.title) for c in service.list_campaigns(session)]
        assert service.campaign_titles(session) == listed and len(listed) > 1
