"""The organisations page's and the people tab's table models, over records made through the
service: headers, cells, sorting by every column (the people counted as numbers, kinds in their
declared order), the country's name as its tooltip, and no colours."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication
from sqlalchemy import Engine

from organiser import store
from organiser.services import organisations as orgs
from organiser.ui.pages.organisations import organisation_columns
from organiser.ui.pages.people_tab import person_columns
from organiser.ui.table_model import RecordTableModel
from tests.ui import model_probe as probe

Organisations = RecordTableModel[orgs.OrganisationView]
People = RecordTableModel[orgs.PersonView]


@pytest.fixture
def world(engine: Engine) -> tuple[Organisations, People]:
    with store.transaction(engine) as session:
        federation = orgs.create_organisation(
            session,
            orgs.OrganisationFields(
                name="IndustriALL", acronym="IAGU", kind="global-union-federation", country="CH",
                email="info@industriall-union.org",
            ),
        ).id  # fmt: skip
        union = orgs.create_organisation(
            session,
            orgs.OrganisationFields(
                name="Korean Metal Workers' Union",
                acronym="KMWU",
                country="KR",
                affiliate_of_id=federation,
            ),
        ).id
        orgs.create_organisation(
            session,
            orgs.OrganisationFields(name="cgt", kind="national-centre", affiliate_of_id=federation),
        )
        for number in range(10):
            orgs.create_person(
                session, orgs.PersonFields(name=f"Member {number:02}", organisation_id=union)
            )
        for name, title, email, language in [
            ("Kim Jin-ho", "President", "kim@kmwu.kr", "ko"),
            ("Atle Høie", "General secretary", "", "no"),
            ("ana garcía", "", "ana@industriall-union.org", ""),
        ]:
            orgs.create_person(
                session,
                orgs.PersonFields(
                    name=name, title=title, email=email, language=language,
                    organisation_id=federation,
                ),
            )  # fmt: skip
        organisations = orgs.list_organisations(session)
        people = orgs.list_people(session, federation)
    organisation_model: Organisations = RecordTableModel(organisation_columns())
    organisation_model.set_rows(organisations)
    person_model: People = RecordTableModel(person_columns())
    person_model.set_rows(people)
    return organisation_model, person_model


def test_organisation_headers_and_cells(world: tuple[Organisations, People]) -> None:
    model = world[0]
    assert probe.headers(model) == [
        "Name", "Acronym", "Kind", "Country", "Affiliate of", "People", "Email",
    ]  # fmt: skip
    assert probe.rows(model) == [  # the service's order: by name, case-insensitively
        ["cgt", "", "National centre", "", "IndustriALL", "0", ""],
        ["IndustriALL", "IAGU", "Global union federation", "CH", "", "3",
         "info@industriall-union.org"],
        ["Korean Metal Workers' Union", "KMWU", "Union", "KR", "IndustriALL", "10", ""],
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("Name", ["cgt", "IndustriALL", "Korean Metal Workers' Union"]),
        ("Acronym", ["", "IAGU", "KMWU"]),
        ("Kind", ["Global union federation", "National centre", "Union"]),  # declared order
        ("Country", ["", "CH", "KR"]),
        ("People", ["0", "3", "10"]),  # as numbers: "10" after "3"
    ],
)
def test_organisations_sort_by_each_column(
    world: tuple[Organisations, People], header: str, expected: list[str]
) -> None:
    probe.sorts_both_ways(world[0], header, expected)


def test_organisations_sort_by_affiliation_and_email_with_the_empty_ones_first(
    world: tuple[Organisations, People],
) -> None:  # two equal keys each: only where the one differing row goes is certain
    assert probe.sorted_by(world[0], "Affiliate of", show="Name")[0] == "IndustriALL"
    assert (
        probe.sorted_by(world[0], "Affiliate of", descending=True, show="Name")[-1] == "IndustriALL"
    )
    assert probe.sorted_by(world[0], "Email") == ["", "", "info@industriall-union.org"]


def test_organisation_tooltips_and_colours(world: tuple[Organisations, People]) -> None:
    model = world[0]
    assert probe.rows(model, probe.TIP)[2] == [
        "Korean Metal Workers' Union", "KMWU", None, "South Korea", "IndustriALL", None, None,
    ]  # fmt: skip
    assert probe.column(model, "Country", probe.TIP) == [None, "Switzerland", "South Korea"]
    for header in probe.headers(model):
        assert probe.colours(model, header, probe.FOREGROUND) == [None] * 3
        assert probe.colours(model, header, probe.BACKGROUND) == [None] * 3


def test_people_headers_cells_and_tooltips(world: tuple[Organisations, People]) -> None:
    model = world[1]
    assert probe.headers(model) == ["Name", "Title", "Email", "Language"]
    assert sorted(probe.rows(model)) == [
        ["Atle Høie", "General secretary", "", "no"],
        ["Kim Jin-ho", "President", "kim@kmwu.kr", "ko"],
        ["ana garcía", "", "ana@industriall-union.org", ""],
    ]
    assert sorted(probe.rows(model, probe.TIP), key=str)[0] == [
        "Atle Høie",
        "General secretary",
        None,
        "no",
    ]


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("Name", ["ana garcía", "Atle Høie", "Kim Jin-ho"]),  # case-insensitive
        ("Title", ["", "General secretary", "President"]),
        ("Email", ["", "ana@industriall-union.org", "kim@kmwu.kr"]),
        ("Language", ["", "ko", "no"]),
    ],
)
def test_people_sort_by_each_column(
    world: tuple[Organisations, People], header: str, expected: list[str]
) -> None:
    probe.sorts_both_ways(world[1], header, expected)


def test_headers_are_translated(qapp: QApplication) -> None:
    probe.assert_headers_translated(lambda: RecordTableModel(organisation_columns()))
    probe.assert_headers_translated(lambda: RecordTableModel(person_columns()))
