"""The commitments tables' models, over commitments made through the service: the page's lazy
model (headers, cells, pages fetched as the view scrolls, a row replaced in place, the service
sorting by each column) and an affiliate's tab (sorted in the table); overdue and status colours;
the evidence whole as its tooltip."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import QApplication
from sqlalchemy import Engine

from organiser import store
from organiser.services import actions, campaigns, commitments
from organiser.services import organisations as orgs
from organiser.services.commitments import CommitmentView
from organiser.ui import table_model
from organiser.ui.commitments.table_model import (
    OVERDUE_BACKGROUND,
    OVERDUE_TEXT,
    SORT_KEYS,
    STATUS_BACKGROUND,
    LazyCommitmentModel,
    commitment_columns,
)
from organiser.ui.table_model import RecordTableModel
from tests.ui import model_probe as probe

TODAY = date(2026, 7, 1)
PDF = "application/pdf"
HEADERS = [
    "Affiliate", "Campaign", "What was promised", "Action", "Due", "Status", "Fulfilled on",
    "Evidence",
]  # fmt: skip


@pytest.fixture
def world(engine: Engine) -> Engine:
    with store.transaction(engine) as session:

        def organisation(name: str) -> int:
            return orgs.create_organisation(session, orgs.OrganisationFields(name=name)).id

        kmwu, cgt = organisation("KMWU"), organisation("cgt")
        industriall = organisation("IndustriALL")
        free = campaigns.create_campaign(session, campaigns.CampaignFields(title="Free them")).id
        anses = campaigns.create_campaign(session, campaigns.CampaignFields(title="ANSES")).id
        strike = actions.create_action(
            session,
            actions.ActionFields(
                campaign_id=free, kind="strike", title="General strike",
                start="2026-07-01T09:00", timezone="Asia/Seoul",
            ),
        ).action.id  # fmt: skip
        for fields in [
            commitments.CommitmentFields(
                campaign_id=free, organisation_id=kmwu, action_id=strike,
                what="Send a delegation", due_date="2026-06-30",
            ),
            commitments.CommitmentFields(
                campaign_id=anses, organisation_id=cgt, what="Write to the minister",
                due_date="2026-08-15", status="in-progress", evidence="Draft shared",
                evidence_url="https://example.org/draft",
            ),
            commitments.CommitmentFields(
                campaign_id=free, organisation_id=industriall, what="fund the strike",
                status="fulfilled", fulfilled_on="2026-06-20",
                evidence_file=commitments.EvidenceFile("receipt.pdf", b"%PDF-1.4\n", PDF),
            ),
        ]:  # fmt: skip
            commitments.create_commitment(session, fields, today=TODAY)
    return engine


def listed(engine: Engine, sort: str = "due", descending: bool = False) -> list[CommitmentView]:
    with store.transaction(engine) as session:
        return commitments.list_commitments(session, today=TODAY, sort=sort, descending=descending)


def lazy_model(engine: Engine, sort: str = "due", descending: bool = False) -> LazyCommitmentModel:
    """As the page fills it: a count, then pages asked of the service in the order shown."""

    def loader(offset: int, limit: int) -> list[CommitmentView]:
        with store.transaction(engine) as session:
            return commitments.list_commitments(
                session, today=TODAY, offset=offset, limit=limit, sort=sort, descending=descending
            )

    model = LazyCommitmentModel(commitment_columns())
    model.set_source(3, loader)
    return model


def tab_model(engine: Engine) -> RecordTableModel[CommitmentView]:
    model: RecordTableModel[CommitmentView] = RecordTableModel(
        commitment_columns(with_affiliate=False)
    )
    model.set_rows(listed(engine))
    return model


def test_headers_and_cells_of_the_page(world: Engine) -> None:
    model = lazy_model(world)
    assert probe.headers(model) == HEADERS
    assert probe.rows(model) == [  # by due date, the undated last
        ["KMWU", "Free them", "Send a delegation", "General strike", "2026-06-30",
         "Pledged — overdue", "", ""],
        ["cgt", "ANSES", "Write to the minister", "", "2026-08-15", "In progress", "",
         "Draft shared · https://example.org/draft"],
        ["IndustriALL", "Free them", "fund the strike", "", "", "Fulfilled", "2026-06-20",
         "receipt.pdf"],
    ]  # fmt: skip


def test_an_affiliates_tab_shows_all_but_the_affiliate(world: Engine) -> None:
    assert probe.headers(tab_model(world)) == HEADERS[1:]


@pytest.mark.parametrize(
    ("sort", "expected"),  # empty values last either way, as the service sorts
    [
        ("affiliate", ["cgt", "IndustriALL", "KMWU"]),
        ("campaign", ["ANSES", "Free them", "Free them"]),
        ("what", ["fund the strike", "Send a delegation", "Write to the minister"]),
        ("action", ["General strike", "", ""]),
        ("due", ["2026-06-30", "2026-08-15", ""]),
        ("status", ["Pledged — overdue", "In progress", "Fulfilled"]),
        ("fulfilled_on", ["2026-06-20", "", ""]),
        ("evidence", ["Draft shared · https://example.org/draft", "receipt.pdf", ""]),
    ],
)
def test_the_page_sorts_each_column_in_the_service(
    world: Engine, sort: str, expected: list[str]
) -> None:
    header = HEADERS[SORT_KEYS.index(sort)]  # the probe.column a header click sorts by `sort`
    assert probe.column(lazy_model(world, sort), header) == expected
    if len(set(expected)) == 3:  # descending: backwards, but the empty ones still last
        filled = [text for text in expected if text]
        empty = expected[len(filled) :]
        assert (
            probe.column(lazy_model(world, sort, descending=True), header) == filled[::-1] + empty
        )


@pytest.mark.parametrize(
    ("header", "expected"),  # in the table: empty values first
    [
        ("What was promised", ["fund the strike", "Send a delegation", "Write to the minister"]),
        ("Due", ["", "2026-06-30", "2026-08-15"]),
        ("Status", ["Pledged — overdue", "In progress", "Fulfilled"]),  # by course, as above
    ],
)
def test_an_affiliates_tab_sorts_in_the_table(
    world: Engine, header: str, expected: list[str]
) -> None:
    probe.sorts_both_ways(tab_model(world), header, expected)


def test_overdue_commitments_are_red_and_the_others_tinted_by_status(world: Engine) -> None:
    model = lazy_model(world)
    assert probe.colours(model, "Status", probe.BACKGROUND) == [
        OVERDUE_BACKGROUND,
        STATUS_BACKGROUND[commitments.CommitmentStatus.IN_PROGRESS],
        STATUS_BACKGROUND[commitments.CommitmentStatus.FULFILLED],
    ]
    assert probe.colours(model, "Status", probe.FOREGROUND) == [OVERDUE_TEXT, None, None]
    assert probe.colours(model, "Due", probe.FOREGROUND) == [OVERDUE_TEXT, None, None]
    for header in HEADERS:
        if header not in ("Status", "Due"):
            assert probe.colours(model, header, probe.FOREGROUND) == [None] * 3
        if header != "Status":
            assert probe.colours(model, header, probe.BACKGROUND) == [None] * 3


def test_tooltips_give_the_evidence_and_texts_whole(world: Engine) -> None:
    model = lazy_model(world)
    assert probe.column(model, "Evidence", probe.TIP) == [
        None, "Draft shared · https://example.org/draft", "receipt.pdf",
    ]  # fmt: skip
    assert probe.rows(model, probe.TIP)[0] == [
        "KMWU", "Free them", "Send a delegation", "General strike", None, "Pledged — overdue",
        None, None,
    ]  # fmt: skip


def test_pages_are_fetched_as_the_view_scrolls_and_a_row_replaced_in_place(
    world: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(table_model, "PAGE", 2)
    model = lazy_model(world)
    assert (model.rowCount(), model.total()) == (2, 3)
    assert model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 3
    assert not model.canFetchMore(QModelIndex())
    changed: list[tuple[int, int]] = []
    model.dataChanged.connect(lambda first, last: changed.append((first.row(), last.column())))
    with store.transaction(world) as session:
        first = model.row_at(0)
        fulfilled = commitments.set_status(
            session,
            first.id,
            commitments.CommitmentStatus.FULFILLED,
            expected_version=first.version,
            today=TODAY,
        )
    model.replace_row(fulfilled)
    assert changed == [(0, len(HEADERS) - 1)]
    assert probe.column(model, "Status")[0] == "Fulfilled"
    assert probe.colours(model, "Status", probe.FOREGROUND)[0] is None


def test_headers_and_overdue_are_translated(qapp: QApplication, world: Engine) -> None:
    probe.assert_headers_translated(lambda: LazyCommitmentModel(commitment_columns()))
    with probe.bracketing():
        assert probe.column(lazy_model(world), "‹Status›")[0] == "‹%1 — overdue›".replace(
            "%1", "‹Pledged›"
        )
