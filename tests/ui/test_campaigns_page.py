"""The Campaigns page driven as a user would: create, edit and delete through the form."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from organiser import store
from organiser.services import campaigns
from organiser.services.organisations import OrganisationFields, create_organisation
from organiser.ui.dialogs.campaign_form import CampaignForm
from organiser.ui.pages import records
from organiser.ui.pages.campaigns import CampaignsPage
from tests.ui.helpers import drive_form


@pytest.fixture
def page(qtbot: QtBot, engine: Engine) -> CampaignsPage:
    widget = CampaignsPage(engine)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def saved_campaigns(engine: Engine) -> list[campaigns.CampaignView]:
    with store.transaction(engine) as session:
        return campaigns.list_campaigns(session)


def test_an_empty_page_says_how_to_start(page: CampaignsPage) -> None:
    assert page.body.currentWidget() is page.empty
    assert "Ctrl+N" in page.empty.text()


def test_creating_a_campaign_through_the_form_saves_it_and_shows_it(
    page: CampaignsPage, engine: Engine, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    with store.transaction(engine) as session:
        lead = create_organisation(
            session, OrganisationFields(name="Public Services International")
        )

    def fill(form: CampaignForm) -> None:
        qtbot.keyClicks(form.title_edit, "Keep the call centre public")
        form.country.setCurrentIndex(form.country.findData("AR"))
        qtbot.keyClicks(form.target, "ANSES")
        form.demands.add_demand("Cancel the outsourcing tender")
        form.demands.add_demand("Negotiate staffing")
        form.demands.list.setCurrentRow(1)
        form.demands.move_current(-1)
        form.status.setCurrentIndex(form.status.findData("active"))
        form.start.set_value(date(2026, 11, 1))
        form.lead.set_value(lead.id)

    drive_form(monkeypatch, qtbot, CampaignForm, fill)
    page.new_action.trigger()

    [saved] = saved_campaigns(engine)
    assert saved.title == "Keep the call centre public"
    assert saved.country == "AR" and saved.target == "ANSES"
    assert saved.demands == ["Negotiate staffing", "Cancel the outsourcing tender"]
    assert saved.status.value == "active" and saved.start_date == date(2026, 11, 1)
    assert saved.lead_name == "Public Services International"
    assert page.body.currentWidget() is page.table
    assert page.table.selected().id == saved.id
    assert "Negotiate staffing" in page.overview.text()


def test_a_bad_value_is_shown_at_its_field_and_what_was_typed_is_kept(
    page: CampaignsPage, engine: Engine, qtbot: QtBot
) -> None:
    form = CampaignForm(engine, None, page)
    qtbot.addWidget(form)
    qtbot.keyClicks(form.target, "Government of Kazakhstan")
    form.submit()
    assert "Title is required" in form.error_text("title")
    assert form.result() != QDialog.DialogCode.Accepted

    qtbot.keyClicks(form.title_edit, "Right to strike")
    form.start.set_value(date(2026, 12, 11))
    form.end.set_value(date(2026, 12, 1))
    form.submit()
    assert form.error_text("title") == ""
    assert "before the start" in form.error_text("end_date")
    assert form.title_edit.text() == "Right to strike"
    assert form.target.text() == "Government of Kazakhstan"
    assert saved_campaigns(engine) == []

    form.end.set_value(date(2026, 12, 31))
    form.submit()
    assert form.result() == QDialog.DialogCode.Accepted
    assert [c.title for c in saved_campaigns(engine)] == ["Right to strike"]


def test_editing_the_selected_campaign_changes_it_in_the_database(
    page: CampaignsPage, engine: Engine, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    with store.transaction(engine) as session:
        created = campaigns.create_campaign(
            session, campaigns.CampaignFields(title="Old title", demands=["one"])
        )
    page.refresh()

    def fill(form: CampaignForm) -> None:
        assert form.title_edit.text() == "Old title"
        form.title_edit.clear()
        qtbot.keyClicks(form.title_edit, "New title")
        form.demands.add_demand("two")

    opened = drive_form(monkeypatch, qtbot, CampaignForm, fill)
    page.table.select_where(lambda row: row.id == created.id)
    qtbot.keyClick(page.table.view, Qt.Key.Key_Return)
    assert len(opened) == 1
    [saved] = saved_campaigns(engine)
    assert saved.title == "New title" and saved.demands == ["one", "two"]
    assert page.table.model.rows()[0].title == "New title"


def test_deleting_asks_first_and_only_deletes_when_confirmed(
    page: CampaignsPage, engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    with store.transaction(engine) as session:
        campaigns.create_campaign(session, campaigns.CampaignFields(title="Keep me"))
    page.refresh()
    questions: list[str] = []
    answer = {"value": False}

    def fake_confirm(_parent: object, _title: str, message: str, action: str = "Delete") -> bool:
        questions.append(message)
        return answer["value"]

    monkeypatch.setattr(records, "confirm", fake_confirm)
    page.delete_action.trigger()
    assert "Keep me" in questions[0] and "0 actions" in questions[0]
    assert len(saved_campaigns(engine)) == 1

    answer["value"] = True
    page.delete_action.trigger()
    assert saved_campaigns(engine) == []
    assert page.body.currentWidget() is page.empty
