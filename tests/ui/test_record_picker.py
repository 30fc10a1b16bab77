"""The shared organisation and person picker: typed letters find names, a page is read at a time
(not every row), the choice is saved by id, "(none)" where allowed, and a form whose choice
changed still asks before closing."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine, insert

from organiser import store
from organiser.models import Organisation, Person
from organiser.services import choices, organisations
from organiser.services.organisations import OrganisationFields
from organiser.ui.dialogs import form as form_module
from organiser.ui.dialogs.campaign_form import CampaignForm
from organiser.ui.dialogs.messages import Answer
from organiser.ui.dialogs.organisation_form import OrganisationForm, PersonForm
from organiser.ui.dialogs.record_picker import NONE_KEY, RecordPicker, organisation_picker
from organiser.ui.letters.parties import PartiesPicker
from tests.ui.helpers import pick

COUNT = 180  # more than three pages


@pytest.fixture
def many(engine: Engine) -> Iterator[Engine]:
    """COUNT unions named "Union 000"…, a few others, and some people."""
    rows = [
        {"name": f"Union {number:03d}", "acronym": f"U{number:03d}", "kind": "union"}
        for number in range(COUNT)
    ]
    rows += [
        {"name": "Korean Confederation of Trade Unions", "acronym": "KCTU", "kind": "union"},
        {"name": "Конфедерация труда России", "acronym": "КТР", "kind": "union"},
    ]
    with store.transaction(engine, write=True) as session:
        session.execute(insert(Organisation), rows)
        people = [{"name": f"Person {n:03d}", "role": ""} for n in range(70)]
        people.append({"name": "", "role": "the branch's first vice-chair"})
        session.execute(insert(Person), people)
    yield engine


@pytest.fixture(autouse=True)
def _discard_on_close(monkeypatch: pytest.MonkeyPatch) -> None:
    """A form left changed at the end of a test closes without asking."""
    monkeypatch.setattr(form_module, "ask_discard_changes", lambda *_args: Answer.DISCARD)


def picker_on(qtbot: QtBot, engine: Engine, **options: object) -> RecordPicker:
    picker = organisation_picker(engine, "(none)", **options)  # type: ignore[arg-type]
    qtbot.addWidget(picker)
    picker.show()
    picker.setFocus()
    return picker


def test_opening_reads_nothing_and_the_list_reads_one_page(qtbot: QtBot, many: Engine) -> None:
    """A picker made for a form reads no row; its list, opened, reads one page of names in
    order (after "(none)"), and the next page only when scrolled to its end."""
    picker = picker_on(qtbot, many)
    assert picker.pages.fetched == 0
    qtbot.keyClick(picker, Qt.Key.Key_Down)
    assert picker.popup.isVisible()
    assert picker.pages.fetched == choices.PAGE
    assert picker.pages.rows[0] == (NONE_KEY, "(none)")
    assert picker.pages.rows[1][1] == "Korean Confederation of Trade Unions (KCTU)"
    picker.popup.scrollToBottom()
    qtbot.waitUntil(lambda: picker.pages.fetched == 2 * choices.PAGE)
    assert picker.pages.fetched < COUNT


def test_typing_a_few_letters_and_choosing(qtbot: QtBot, many: Engine) -> None:
    """Typed words are found at the start of any word of the name or acronym, in any script;
    Enter on the highlighted name chooses it, and the line shows the name."""
    picker = picker_on(qtbot, many)
    qtbot.keyClicks(picker, "confed trad")
    assert [label for _key, label in picker.pages.rows] == [
        "Korean Confederation of Trade Unions (KCTU)"
    ]
    qtbot.keyClick(picker.popup, Qt.Key.Key_Return)
    assert picker.label() == picker.text() == "Korean Confederation of Trade Unions (KCTU)"
    kctu = picker.value()
    picker.setText("конф")  # as typed (QTest types ASCII keys only)
    picker.textEdited.emit(picker.text())
    assert [label for _key, label in picker.pages.rows] == ["Конфедерация труда России (КТР)"]
    assert picker.value() == kctu  # typed, not chosen: the choice stays


def test_text_typed_and_not_chosen_goes_back_and_empty_is_none(qtbot: QtBot, many: Engine) -> None:
    """Leaving the line after typing puts the chosen name back; emptied, it chooses none (and
    where none is not allowed, the name comes back)."""
    picker = picker_on(qtbot, many)
    with store.transaction(many) as session:
        first = choices.organisation_page(session, "u001")[0]
    picker.set_choice(*first)
    picker.setText("Union 00")
    picker._settle()
    assert (picker.value(), picker.text()) == first
    picker.setText("")
    picker._settle()
    assert picker.value() is None and picker.placeholderText() == "(none)"
    strict = picker_on(qtbot, many, allow_none=False)
    strict.set_choice(*first)
    strict.setText("")
    strict._settle()
    assert (strict.value(), strict.text()) == first
    assert not strict.pages.none_label


def test_a_lone_letter_and_people_known_by_role(many: Engine) -> None:
    """One letter (no index prefix that short) is matched at the start of the name; a person
    with no name is found by role; labels are read for the ids asked."""
    with store.transaction(many) as session:
        assert [label for _k, label in choices.organisation_page(session, "k")] == [
            "Korean Confederation of Trade Unions (KCTU)"
        ]
        role = choices.person_page(session, "vice-chair")
        assert [label for _k, label in role] == ["the branch's first vice-chair"]
        assert choices.person_labels(session, [role[0][0]]) == {role[0][0]: role[0][1]}
        page = choices.person_page(session, "", 10, 5)
        assert [label for _k, label in page] == [f"Person {n:03d}" for n in range(9, 14)]


def test_organisation_form_saves_the_chosen_id(qtbot: QtBot, many: Engine) -> None:
    """Affiliate of: a few letters typed, a name chosen, Save: the record on disk has the id;
    the organisation itself is never offered."""
    with store.transaction(many, write=True) as session:
        own = organisations.create_organisation(session, OrganisationFields(name="Union branch"))
    form = OrganisationForm(many, own)
    qtbot.addWidget(form)
    form.show()
    picker = form.affiliate_of
    picker.setFocus()
    qtbot.keyClicks(picker, "unio")
    before = picker.pages.fetched
    qtbot.keyClick(picker, "n")
    assert own.id not in [key for key, _label in picker.pages.rows]
    assert picker.pages.fetched - before == choices.PAGE  # each key reads a page, not every union
    qtbot.keyClick(picker.popup, Qt.Key.Key_Down)  # the second
    qtbot.keyClick(picker.popup, Qt.Key.Key_Return)
    chosen = picker.value()
    assert chosen is not None and picker.text() == "Union 000 (U000)"  # after the KCTU
    assert form.has_changes()
    assert form.submit()
    with store.transaction(many) as session:
        assert organisations.get_organisation(session, own.id).affiliate_of_id == chosen
    again = OrganisationForm(many, form.result_value)
    qtbot.addWidget(again)
    assert again.affiliate_of.text() == picker.text()  # the current value shown by name


def test_a_changed_choice_asks_before_closing(
    qtbot: QtBot, many: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Choosing a lead organisation makes the campaign form changed: closing asks first."""
    asked: list[bool] = []

    def ask(*_args: object) -> Answer:
        asked.append(True)
        return Answer.CANCEL

    monkeypatch.setattr(form_module, "ask_discard_changes", ask)
    form = CampaignForm(many)
    qtbot.addWidget(form)
    form.show()
    with store.transaction(many) as session:
        key, label = choices.organisation_page(session, "kctu")[0]
    form.lead.set_choice(key, label)
    form.target_organisations.add(key, label)
    assert form.fields().lead_id == key and form.fields().target_organisation_ids == [key]
    form.reject()
    assert asked and form.isVisible()


def test_person_form_keeps_its_organisation(qtbot: QtBot, many: Engine) -> None:
    """A new person started in an organisation shows it by name and saves it."""
    with store.transaction(many) as session:
        key, label = choices.organisation_page(session, "kctu")[0]
    form = PersonForm(many, organisation_id=key)
    qtbot.addWidget(form)
    assert form.organisation.text() == label
    form.name.setText("Kim Jin-ho")
    assert form.submit()
    assert form.result_value.organisation_id == key


def test_a_letters_recipients_are_added_by_name_in_order(qtbot: QtBot, many: Engine) -> None:
    """To: an organisation and a person typed and chosen are listed in that order, each read
    for its name alone; the picker is emptied for the next."""
    parties = PartiesPicker(many)
    qtbot.addWidget(parties)
    parties.show()
    pick(parties.pickers["org"], 0, "kctu")
    pick(parties.pickers["person"], 0, "person 007")
    with store.transaction(many) as session:
        kctu = choices.organisation_page(session, "kctu")[0][0]
        person = choices.person_page(session, "person 007")[0][0]
    assert parties.refs() == [("org", kctu), ("person", person)]
    assert parties.display_text() == (
        "Korean Confederation of Trade Unions (KCTU); Person 007 (person)"
    )
    assert parties.pickers["org"].value() is None and not parties.pickers["org"].text()
    assert parties.pickers["org"].pages.fetched + parties.pickers["person"].pages.fetched < 10
