"""The action form's dating (Ongoing, Not yet dated with a target month, Month only) and its
organisations in their roles: saved through the service, shown again on edit, and a bad month
refused at its field."""

from __future__ import annotations

from datetime import date

from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from organiser import store
from organiser.models import ActionRole, DatePrecision
from organiser.services.actions import get_action
from organiser.services.campaigns import CampaignFields, create_campaign
from organiser.services.organisations import OrganisationFields, create_organisation
from organiser.ui.calendar.action_form import ActionForm


def _world(engine: Engine) -> tuple[int, int, int]:
    with store.transaction(engine, write=True) as session:
        campaign = create_campaign(session, CampaignFields(title="NHIS", country="KR")).id
        kptu = create_organisation(session, OrganisationFields(name="KPTU")).id
        nhis = create_organisation(session, OrganisationFields(name="NHIS")).id
    return campaign, kptu, nhis


def _form(qtbot: QtBot, engine: Engine, campaign: int, day: date) -> ActionForm:
    form = ActionForm(engine, campaign_id=campaign, day=day)
    qtbot.addWidget(form)
    form.title_edit.setText("Hunger strike")
    return form


def test_an_ongoing_action_with_its_organisations_is_saved_and_shown_again(
    qtbot: QtBot, engine: Engine
) -> None:
    campaign, kptu, nhis = _world(engine)
    form = _form(qtbot, engine, campaign, date(2026, 7, 23))
    form.end.set_text("2026-07-30")  # left out once Ongoing is ticked
    form.ongoing.setChecked(True)
    assert not form.end.isEnabled() and not form.month_only.isEnabled()
    form.involved.organisation.set_value(kptu)
    form.involved.role.setCurrentIndex(form.involved.role.findData("striking-union"))
    form.involved.add_chosen()
    form.involved.add(nhis, ActionRole.EMPLOYER)
    form.involved.add(nhis, ActionRole.EMPLOYER)  # once only
    assert form.involved.listing.count() == 2
    assert form.involved.listing.item(0).text() == "KPTU — Striking union"
    saved = form.save().action
    assert (saved.ongoing, saved.start_date) == (True, date(2026, 7, 23))
    assert [(o.name, o.role) for o in saved.organisations] == [
        ("KPTU", ActionRole.STRIKING_UNION),
        ("NHIS", ActionRole.EMPLOYER),
    ]
    again = ActionForm(engine, action=saved)
    qtbot.addWidget(again)
    assert again.ongoing.isChecked() and again.end.text() == ""
    assert again.involved.pairs() == [(kptu, "striking-union"), (nhis, "employer")]
    again.involved.listing.setCurrentRow(0)
    again.involved.remove_selected()
    assert again.save().action.organisations[0].name == "NHIS"


def test_not_yet_dated_with_a_target_month_and_a_bad_month_refused_at_its_field(
    qtbot: QtBot, engine: Engine
) -> None:
    campaign, _, _ = _world(engine)
    form = _form(qtbot, engine, campaign, date(2026, 7, 23))
    form.undated.setChecked(True)
    assert not form.start.isEnabled() and form.target_month.isEnabled()
    form.target_month.setText("2027-13")
    assert form.target_month.styleSheet()  # marked as typed
    assert not form.submit()
    assert "not a month" in form.error_text("target_month")
    form.target_month.setText("2027-03")
    saved = form.save().action
    assert (saved.undated, saved.start_date, saved.target_month) == (True, None, "2027-03")
    again = ActionForm(engine, action=saved)
    qtbot.addWidget(again)
    assert again.undated.isChecked() and again.target_month.text() == "2027-03"


def test_month_only_is_all_day_and_kept_on_the_first(qtbot: QtBot, engine: Engine) -> None:
    campaign, _, _ = _world(engine)
    form = _form(qtbot, engine, campaign, date(2016, 7, 19))
    form.all_day.setChecked(False)
    form.month_only.setChecked(True)
    assert form.all_day.isChecked() and not form.end.isEnabled()
    saved = form.save().action
    with store.transaction(engine) as session:
        stored = get_action(session, saved.id)
    assert (stored.date_precision, stored.start_date) == (DatePrecision.MONTH, date(2016, 7, 1))
    assert stored.when_text() == "July 2016"


def test_a_day_that_does_not_exist_is_refused_at_the_start_field(
    qtbot: QtBot, engine: Engine
) -> None:
    campaign, _, _ = _world(engine)
    form = _form(qtbot, engine, campaign, date(2026, 7, 23))
    form.start.set_text("2026-02-30")
    assert not form.submit()
    assert form.error_text("start")
    with store.transaction(engine) as session:
        from organiser.services.calendar import actions_between

        assert actions_between(session) == []
