"""Deleting an organisation or a person from the Organisations page: the question names the
letters that went out to them, and those letters' register entries stay as they were; an
organisation's commitments stay under its name."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from organiser import store
from organiser.services import commitments, letters
from organiser.ui.letters.columns import letter_html
from organiser.ui.pages import people_tab, records
from organiser.ui.pages.organisations import OrganisationsPage
from organiser.ui.pages.people_tab import PeopleTab
from tests.ui.helpers import built

KCTU = "Korean Confederation of Trade Unions"


@pytest.fixture
def page(qtbot: QtBot, demo: Engine) -> OrganisationsPage:
    widget = OrganisationsPage(demo)
    qtbot.addWidget(widget)
    built(qtbot, widget)
    widget.show()
    return widget


def register_html(engine: Engine) -> list[str]:
    """The Letters page's summary of every letter, as the organiser reads it."""
    with store.transaction(engine) as session:
        return [letter_html(view) for view in letters.list_letters(session)]


def answer_yes(monkeypatch: pytest.MonkeyPatch, module: object) -> list[str]:
    asked: list[str] = []

    def fake_confirm(_parent: object, _title: str, message: str, action: str = "Delete") -> bool:
        asked.append(message)
        return True

    monkeypatch.setattr(module, "confirm", fake_confirm)
    return asked


def test_deleting_an_organisation_names_the_sent_letters_that_keep_their_copy(
    page: OrganisationsPage, engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = register_html(engine)
    asked = answer_yes(monkeypatch, records)
    assert page.table.select_where(lambda row: row.name == KCTU)
    page.delete_action.trigger()
    assert len(asked) == 1
    assert f"Delete “{KCTU}”?" in asked[0]
    assert "“Solidarity with the NHIS customer service centre workers” (PSI/KR/2021-07)" in asked[0]
    assert "“Release Han Sang-gyun and Cho Sung-deok” (IALL/KR/2016-14)" in asked[0]
    assert "keep their copy as it was" in asked[0] and "more" not in asked[0]
    assert not page.table.select_where(lambda row: row.name == KCTU)
    after = register_html(engine)
    assert after == before and any(KCTU in summary for summary in after)


def test_a_long_list_of_letters_is_cut_short_with_how_many_more(
    page: OrganisationsPage, engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    with store.transaction(engine) as session:
        sent = letters.list_letters(session, letters.LetterFilter(status="sent"))[0]
        fields = sent.fields()
        fields.status = "approved"
        for number in range(4):
            fields.subject = f"Approved letter {number}"
            letters.create_letter(session, fields)
    asked = answer_yes(monkeypatch, records)
    page.refresh()
    assert page.table.select_where(lambda row: row.name == KCTU)
    page.delete_action.trigger()
    assert "and 3 more" in asked[0]


def test_removing_a_person_names_the_letters_they_signed(
    page: OrganisationsPage, engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = register_html(engine)
    asked = answer_yes(monkeypatch, people_tab)
    assert page.table.select_where(lambda row: row.name == "Public Services International")
    people = next(tab for tab in page.detail_tabs if isinstance(tab, PeopleTab))
    assert people.table.select_where(lambda person: person.name == "Rosa Pavanelli")
    people.remove_button.click()
    assert asked[0].startswith("Remove Rosa Pavanelli?")
    assert "“Solidarity with the NHIS customer service centre workers”" in asked[0]
    assert [p.name for p in people.table.model.rows()] == []
    assert register_html(engine) == before


def test_deleting_an_organisation_says_its_commitments_stay_and_they_do(
    page: OrganisationsPage, engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked = answer_yes(monkeypatch, records)
    assert page.table.select_where(lambda row: row.name == "IG Metall")
    page.delete_action.trigger()
    assert "its 2 commitments stay under its name" in asked[0]
    with store.transaction(engine) as session:
        kept = [c for c in commitments.list_commitments(session) if c.organisation_id is None]
    assert [c.organisation_name for c in kept] == ["IG Metall", "IG Metall"]
