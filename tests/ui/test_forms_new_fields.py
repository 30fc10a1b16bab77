"""The forms set the new fields and show them again: a campaign's target organisations and
allies, an organisation's members and membership, a commitment's number, source and joint
pledgers; a bad members count is shown at its field."""

from __future__ import annotations

from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from organiser import store
from organiser.errors import ValidationError
from organiser.services import campaigns, commitments, letters, organisations
from organiser.services.demo import load_demo
from organiser.ui.commitments.form import CommitmentForm
from organiser.ui.dialogs.campaign_form import CampaignForm
from organiser.ui.dialogs.organisation_form import OrganisationForm
from organiser.ui.dialogs.snapshot import shown_text


def _demo(engine: Engine) -> None:
    with store.transaction(engine, write=True) as session:
        load_demo(session)


def test_campaign_form_sets_targets_and_allies_in_order(qtbot: QtBot, engine: Engine) -> None:
    _demo(engine)
    with store.transaction(engine) as session:
        campaign = campaigns.list_campaigns(session)[-1]
        by_acronym = {o.acronym: o.id for o in organisations.list_organisations(session)}
    form = CampaignForm(engine, campaign)
    qtbot.addWidget(form)
    form.target_organisations.set_ids([])
    form.target_organisations.add(by_acronym["NHIS"])
    form.allies.set_ids([])
    for acronym in ("ITUC", "KCTU", "ITUC"):  # the second ITUC is left: once is enough
        form.allies.add(by_acronym[acronym])
    form.allies.list.setCurrentRow(0)
    form.allies.remove_current()
    form.allies.add(by_acronym["PSI"])
    saved = form.save()
    assert saved.target_organisation_ids == [by_acronym["NHIS"]]
    assert saved.ally_ids == [by_acronym["KCTU"], by_acronym["PSI"]]
    again = CampaignForm(engine, saved)
    qtbot.addWidget(again)
    assert again.allies.ids() == saved.ally_ids
    assert "Public Services International" in shown_text(again.allies)


def test_organisation_form_sets_members_and_membership(qtbot: QtBot, engine: Engine) -> None:
    form = OrganisationForm(engine)
    qtbot.addWidget(form)
    form.name.setText("International Trade Union Confederation")
    form.kind.setCurrentIndex(form.kind.findData("international-confederation"))
    form.members.setText("many")
    try:
        form.save()
    except ValidationError as error:
        form.show_validation_error(error)
    assert "number of members" in form.error_text("members")
    form.members.setText("191,000,000")
    form.membership.setText("191 million workers")
    form.website.setText("https://www.ituc-csi.org")
    saved = form.save()
    assert (saved.members, saved.membership, saved.kind.value) == (
        191_000_000,
        "191 million workers",
        "international-confederation",
    )
    again = OrganisationForm(engine, saved)
    qtbot.addWidget(again)
    assert (again.members.text(), again.membership.text()) == ("191000000", "191 million workers")


def test_commitment_form_sets_number_source_and_joint_pledgers(
    qtbot: QtBot, engine: Engine
) -> None:
    _demo(engine)
    with store.transaction(engine) as session:
        pledge = next(c for c in commitments.list_commitments(session) if c.number is None)
        sources = letters.list_letters(session)
        source = next(x for x in sources if x.campaign_id == pledge.campaign_id)
    form = CommitmentForm(engine, pledge)
    qtbot.addWidget(form)
    form.number.setText("4")
    form.source.setCurrentIndex(form.source.findData(source.id))
    form.joint.setText("its affiliates")
    saved = form.save()
    assert (saved.number, saved.source_letter_id, saved.joint_pledgers) == (
        4,
        source.id,
        "its affiliates",
    )
    again = CommitmentForm(engine, saved)
    qtbot.addWidget(again)
    assert again.source.currentData() == source.id and again.number.text() == "4"
