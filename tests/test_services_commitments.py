"""Commitments: validation of every field, status changes, filters, the matrix and the report."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

import pytest
from sqlalchemy import Engine, select

from organiser import store
from organiser.errors import ConflictError, NotFound, ValidationError
from organiser.models import Action, Attachment, CommitmentStatus
from organiser.services import campaigns, organisations
from organiser.services.commitment_summary import campaign_matrix, campaign_report
from organiser.services.commitments import (
    CommitmentFields,
    CommitmentFilter,
    EvidenceFile,
    create_commitment,
    get_commitment,
    list_commitments,
    set_status,
)

TODAY = date(2026, 11, 18)  # a Wednesday


@pytest.fixture
def ids(engine: Engine) -> dict[str, int]:
    with store.transaction(engine) as session:
        one = campaigns.create_campaign(session, campaigns.CampaignFields(title="Korea"))
        two = campaigns.create_campaign(session, campaigns.CampaignFields(title="Kazakhstan"))
        kctu = organisations.create_organisation(
            session, organisations.OrganisationFields(name="KCTU", country="KR")
        )
        unite = organisations.create_organisation(
            session, organisations.OrganisationFields(name="Unite", country="GB")
        )
        rally = Action(
            campaign_id=one.id, kind="rally", title="National rally",
            start_date=date(2026, 11, 12), end_date=date(2026, 11, 13),
        )  # fmt: skip
        other = Action(
            campaign_id=two.id, kind="vigil", title="Vigil",
            start_date=date(2026, 11, 1), end_date=date(2026, 11, 1),
        )  # fmt: skip
        session.add_all([rally, other])
        session.flush()
        return {"one": one.id, "two": two.id, "kctu": kctu.id, "unite": unite.id,
                "rally": rally.id, "other": other.id}  # fmt: skip


def fields(ids: dict[str, int], **changes: Any) -> CommitmentFields:
    base = CommitmentFields(
        campaign_id=ids["one"], organisation_id=ids["kctu"], what="Bring 500 members",
        action_id=ids["rally"], due_date="2026-11-12",
    )  # fmt: skip
    return replace(base, **changes)


def add(engine: Engine, data: CommitmentFields) -> int:
    with store.transaction(engine) as session:
        return create_commitment(session, data, today=TODAY).id


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"what": "  "}, "what", "What was promised is required."),
        ({"campaign_id": None}, "campaign_id", "Choose the campaign"),
        ({"campaign_id": 999}, "campaign_id", "There is no campaign with id 999."),
        ({"organisation_id": 999}, "organisation_id", "There is no organisation with id 999."),
        ({"due_date": "12/11/2026"}, "due_date", "write it as YYYY-MM-DD"),
        ({"status": "kept"}, "status", "choose one of: pledged, in-progress"),
        ({"fulfilled_on": "2026-11-12"}, "fulfilled_on", "Only a fulfilled commitment"),
        ({"status": "fulfilled", "fulfilled_on": "2026-12-01"}, "fulfilled_on", "in the future"),
        ({"evidence_url": "www.example.org"}, "evidence_url", "should start with https://"),
        ({"evidence_file": EvidenceFile("empty.jpg", b"")}, "evidence_file", "is empty"),
    ],
)
def test_invalid_commitment_is_refused_at_its_field(
    engine: Engine, ids: dict[str, int], changes: dict[str, Any], field: str, message: str
) -> None:
    with pytest.raises(ValidationError, match=message) as caught:
        add(engine, fields(ids, **changes))
    assert caught.value.field == field
    with store.transaction(engine) as session:
        assert list_commitments(session) == []


def test_action_of_another_campaign_is_refused(engine: Engine, ids: dict[str, int]) -> None:
    with pytest.raises(ValidationError, match="belongs to another campaign"):
        add(engine, fields(ids, action_id=ids["other"]))


def test_commitment_with_evidence_file_is_kept_in_the_database(
    engine: Engine, ids: dict[str, int]
) -> None:
    photo = EvidenceFile("rally.jpg", b"\xff\xd8\xff fake jpeg")
    key = add(engine, fields(ids, status="fulfilled", fulfilled_on="2026-11-12",
                             evidence="Photo of our banner", evidence_url="https://kctu.org/a",
                             evidence_file=photo))  # fmt: skip
    with store.transaction(engine) as session:
        view = get_commitment(session, key, TODAY)
        stored = session.scalars(select(Attachment)).one()
        assert (stored.name, stored.media_type, stored.data) == (
            "rally.jpg", "image/jpeg", photo.data,
        )  # fmt: skip
    assert view.evidence_file_name == "rally.jpg"
    assert view.fulfilled_on == date(2026, 11, 12)
    assert not view.overdue


def test_status_changes_and_fulfilment_date(engine: Engine, ids: dict[str, int]) -> None:
    key = add(engine, fields(ids))
    with store.transaction(engine) as session:
        assert get_commitment(session, key, TODAY).overdue  # due the 12th, still pledged
        done = set_status(session, key, "fulfilled", expected_version=1, today=TODAY)
        assert (done.status, done.fulfilled_on, done.overdue) == (
            CommitmentStatus.FULFILLED, TODAY, False,
        )  # fmt: skip
        back = set_status(session, key, "in-progress", expected_version=done.version, today=TODAY)
        assert back.fulfilled_on is None and back.overdue
        gone = set_status(
            session, key, "withdrawn", evidence="Union congress said no", expected_version=3
        )
        assert gone.evidence == "Union congress said no" and not gone.overdue
        with pytest.raises(ConflictError):
            set_status(session, key, "pledged", expected_version=1)
        with pytest.raises(NotFound):
            set_status(session, 999, "pledged", expected_version=1)


def test_filters_overdue_and_this_week(engine: Engine, ids: dict[str, int]) -> None:
    late = add(engine, fields(ids))  # due 12 Nov: overdue on the 18th
    week = add(engine, fields(ids, due_date="2026-11-20", organisation_id=ids["unite"]))
    add(engine, fields(ids, campaign_id=ids["two"], action_id=None, due_date=None))
    with store.transaction(engine) as session:

        def found(**criteria: Any) -> list[int]:
            return [c.id for c in list_commitments(session, CommitmentFilter(**criteria), TODAY)]

        assert found(overdue=True) == [late]
        assert found(due_this_week=True) == [week]
        assert found(organisation_id=ids["unite"]) == [week]
        assert len(found(campaign_id=ids["one"])) == 2
        assert found(status=CommitmentStatus.FULFILLED) == []


def test_sorting_by_status_and_affiliate(engine: Engine, ids: dict[str, int]) -> None:
    done = add(engine, fields(ids, status="fulfilled", fulfilled_on="2026-11-12"))
    open_one = add(engine, fields(ids, organisation_id=ids["unite"], due_date=None))
    with store.transaction(engine) as session:
        by_status = [c.id for c in list_commitments(session, sort="status")]
        by_name = [c.id for c in list_commitments(session, sort="affiliate", descending=True)]
        by_due = [c.id for c in list_commitments(session, sort="due")]
        with pytest.raises(ValidationError):
            list_commitments(session, sort="colour")
    assert by_status == [open_one, done]  # pledged before fulfilled, in the order of the work
    assert by_name == [open_one, done]  # Unite before KCTU
    assert by_due == [done, open_one]  # no due date last


def test_matrix_puts_pledges_under_their_action(engine: Engine, ids: dict[str, int]) -> None:
    first = add(engine, fields(ids))
    second = add(engine, fields(ids, organisation_id=ids["unite"], action_id=None))
    with store.transaction(engine) as session:
        matrix = campaign_matrix(session, ids["one"], TODAY)
    assert [name for _, name in matrix.affiliates] == ["KCTU", "Unite"]
    assert [a.title for a in matrix.actions] == ["National rally", "Whole campaign"]
    assert [c.id for c in matrix.cells[(ids["kctu"], ids["rally"])]] == [first]
    assert [c.id for c in matrix.cells[(ids["unite"], None)]] == [second]


def test_matrix_lists_every_affiliate_of_the_lead_even_without_a_pledge(
    engine: Engine, ids: dict[str, int]
) -> None:
    """Who has not pledged yet is an empty row; a pledging non-affiliate still has its row."""
    with store.transaction(engine) as session:
        lead = organisations.create_organisation(
            session, organisations.OrganisationFields(name="IndustriALL", country="CH")
        )
        quiet = organisations.create_organisation(
            session,
            organisations.OrganisationFields(
                name="Building Workers", country="KR", affiliate_of_id=lead.id
            ),
        )
        campaigns.update_campaign(
            session,
            ids["one"],
            campaigns.CampaignFields(title="Korea", lead_id=lead.id),
            campaigns.get_campaign(session, ids["one"]).version,
        )
    add(engine, fields(ids))  # KCTU pledges though not an affiliate of the lead
    with store.transaction(engine) as session:
        matrix = campaign_matrix(session, ids["one"], TODAY)
    assert matrix.affiliates == [(quiet.id, "Building Workers"), (ids["kctu"], "KCTU")]
    assert not any(key[0] == quiet.id for key in matrix.cells)


def test_report_totals_and_fulfilment_rate(engine: Engine, ids: dict[str, int]) -> None:
    keys = [add(engine, fields(ids, what=f"Pledge {n}")) for n in range(4)]
    with store.transaction(engine) as session:
        set_status(session, keys[0], "fulfilled", expected_version=1, today=TODAY)
        set_status(session, keys[1], "withdrawn", expected_version=1, today=TODAY)
        report = campaign_report(session, ids["one"], TODAY)
    assert report.totals == {
        CommitmentStatus.PLEDGED: 2, CommitmentStatus.IN_PROGRESS: 0,
        CommitmentStatus.FULFILLED: 1, CommitmentStatus.WITHDRAWN: 1,
    }  # fmt: skip
    assert report.fulfilment_rate == pytest.approx(1 / 3)


SORTS = ("affiliate", "campaign", "what", "action", "due", "status", "fulfilled_on", "evidence")


@pytest.mark.parametrize("descending", [False, True])
@pytest.mark.parametrize("sort", SORTS)
def test_pages_follow_the_whole_lists_order_and_never_overlap(
    engine: Engine, ids: dict[str, int], sort: str, descending: bool
) -> None:
    """Pages of two, read as the lazy table reads them, make exactly the list read whole
    (empty values last either way), whatever the sort."""
    add(engine, fields(ids, what="Write to the minister", due_date=None, action_id=None))
    add(engine, fields(ids, organisation_id=ids["unite"], evidence="Photos"))
    add(engine, fields(ids, campaign_id=ids["two"], action_id=ids["other"], what="Vigil"))
    add(engine, fields(ids, status="fulfilled", fulfilled_on="2026-11-12", due_date="2026-11-30"))
    add(engine, fields(ids, what="bring banners"))
    with store.transaction(engine) as session:
        listed = list_commitments(session, None, TODAY, sort=sort, descending=descending)
        whole = [c.id for c in listed]
        paged: list[int] = []
        for offset in range(0, 6, 2):
            page = list_commitments(
                session, None, TODAY, offset=offset, limit=2, sort=sort, descending=descending
            )
            paged += [c.id for c in page]
    assert paged == whole and len(whole) == 5


def test_the_filter_text_finds_the_columns_shown_in_any_case(
    engine: Engine, ids: dict[str, int]
) -> None:
    """Affiliate, campaign, what was promised and the action: matched in SQL, a Cyrillic
    word in any case (SQLite's LIKE folds ASCII only)."""
    unite = add(engine, fields(ids, organisation_id=ids["unite"]))
    vigil = add(engine, fields(ids, campaign_id=ids["two"], action_id=ids["other"]))
    cyrillic = add(engine, fields(ids, what="Письмо в посольство"))
    with store.transaction(engine) as session:

        def found(text: str) -> list[int]:
            return [c.id for c in list_commitments(session, None, TODAY, limit=10, text=text)]

        assert found("unite") == [unite]
        assert found("kazakh") == [vigil]  # the campaign
        assert found("VIGIL") == [vigil]  # the action
        assert found("письмо") == [cyrillic]
        assert found("nobody") == []
        assert len(found("")) == 3
