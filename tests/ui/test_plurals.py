"""Counts read right in English: "1 letter", "2 letters", through Qt's own tr(..., n)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from organiser import store
from organiser.services import campaigns, organisations
from organiser.services.actions import ActionFields, create_action
from organiser.ui.pages.campaigns import CampaignsPage
from organiser.ui.pages.organisations import OrganisationsPage
from organiser.ui.plurals import english_numerus


@pytest.mark.parametrize(
    ("source", "n", "expected"),
    [
        ("%n letter(s)", 1, "%n letter"),
        ("%n letter(s)", 2, "%n letters"),
        ("%n letter(s)", 0, "%n letters"),
        ("%n match(es)", 3, "%n matches"),
        ("Its %n person(people) stays(stay)", 1, "Its %n person stays"),
        ("Its %n person(people) stays(stay)", 4, "Its %n people stay"),
        ("%n row(s) is(are) ready", 1, "%n row is ready"),
    ],
)
def test_english_numerus_picks_the_form_for_the_count(source: str, n: int, expected: str) -> None:
    assert english_numerus(source, n) == expected


def test_tr_with_a_count_reads_right_and_other_texts_are_untouched() -> None:
    translate = QCoreApplication.translate
    assert translate("Test", "%n letter(s)", "", 1) == "1 letter"
    assert translate("Test", "%n letter(s)", "", 12) == "12 letters"
    assert translate("Test", "+%n more", "", 2) == "+2 more"
    assert translate("Test", "Reply(s) stay") == "Reply(s) stay"  # no count: not ours


def test_delete_questions_count_each_thing_right(qtbot: QtBot, engine: Engine) -> None:
    with store.transaction(engine) as session:
        campaign = campaigns.create_campaign(session, campaigns.CampaignFields(title="ANSES"))
        create_action(
            session,
            ActionFields(campaign_id=campaign.id, kind="rally", title="Rally", start="2026-11-14"),
        )
        org = organisations.create_organisation(
            session, organisations.OrganisationFields(name="ATE", country="AR")
        )
        organisations.create_person(
            session, organisations.PersonFields(name="Rodolfo Aguiar", organisation_id=org.id)
        )
        org = organisations.get_organisation(session, org.id)
        campaign_page, organisation_page = CampaignsPage(engine), OrganisationsPage(engine)
        qtbot.addWidget(campaign_page)
        qtbot.addWidget(organisation_page)
        about_campaign = campaign_page.delete_question(session, campaign)
        about_org = organisation_page.delete_question(session, org)
    assert "with its 1 action, 0 commitments and 0 letters?" in about_campaign
    assert "Its 1 person stays, without an organisation" in about_org
