"""Every form's draft holds all it shows: a form reopened from the draft gives the same fields."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from organiser import store
from organiser.services import demo, drafts
from organiser.ui import draft_forms
from organiser.ui.calendar.action_form import ActionForm
from organiser.ui.commitments.form import CommitmentForm
from organiser.ui.dialogs import form as form_module
from organiser.ui.dialogs.campaign_form import CampaignForm
from organiser.ui.dialogs.messages import Answer
from organiser.ui.dialogs.organisation_form import OrganisationForm, PersonForm
from organiser.ui.dialogs.situation_form import SituationForm
from tests.ui.helpers import pick


def fill_campaign(form: Any, _tmp: Path) -> None:
    form.title_edit.setText("Free the jailed leaders")
    form.country.setCurrentIndex(form.country.findData("KR"))
    form.target.setText("The ministry of labour")
    form.summary.setPlainText("Two lines\nof summary")
    form.demands.set_demands(["Release them", "Drop the charges"])
    form.status.setCurrentIndex(2)
    form.start.set_value(date(2026, 7, 1))
    pick(form.lead, 1)
    form.set_colour("#d1242f")
    for picker, rows in ((form.target_organisations, (3, 1)), (form.allies, (2,))):
        for row in rows:
            pick(picker.choose, row)


def fill_action(form: Any, _tmp: Path) -> None:
    form.campaign.setCurrentIndex(1)
    form.kind.setCurrentIndex(3)
    form.title_edit.setText("Rally at the court")
    form.all_day.setChecked(False)
    form.start.set_text("2026-12-09 09:30")
    form.end.set_text("2026-12-09 12:00")
    form.zone.setCurrentText("Asia/Seoul")
    form.location.setText("Seoul Central District Court")
    form.notes.setPlainText("Bring banners")


def fill_commitment(form: Any, tmp: Path) -> None:
    form.campaign.setCurrentIndex(1)
    form.action.setCurrentIndex(form.action.count() - 1)
    pick(form.organisation, 2)
    form.what.setPlainText("A letter to the embassy")
    form.due.set_value(date(2026, 12, 20))
    form.status.setCurrentIndex(1)
    form.evidence.setPlainText("Promised at the congress")
    form.url.setText("https://example.org/pledge")
    form.number.setText("3")
    form.source.setCurrentIndex(form.source.count() - 1)
    form.joint.setText("its affiliates")
    photo = tmp / "pledge.png"
    photo.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    form.file.set_path(str(photo))


def fill_organisation(form: Any, _tmp: Path) -> None:
    form.name.setText("Korean Confederation of Trade Unions")
    form.acronym.setText("KCTU")
    form.kind.setCurrentIndex(1)
    form.country.setCurrentIndex(form.country.findData("KR"))
    pick(form.affiliate_of, 1)
    form.address.setPlainText("서울 중구")
    form.language.setText("ko")
    form.website.setText("https://nodong.org")
    form.members.setText("1100000")
    form.membership.setText("1.1 million members")
    form.notes.setPlainText("Offices raided on 21 November 2015")


def fill_person(form: Any, _tmp: Path) -> None:
    form.name.setText("Kim Jin-ho")
    form.title_edit.setText("First vice-chair")
    pick(form.organisation, 2)
    form.notes.setPlainText("Detained since July")


def fill_situation(form: Any, _tmp: Path) -> None:
    pick(form.person, 2)
    form.kind.setCurrentIndex(form.kind.findData("sentenced"))
    form.since.set_value(date(2016, 7, 4))
    form.until.set_text("2018-05-21")
    form.court.setText("Seoul Central District Court")
    form.sentence.setText("5 years in prison")
    form.sentence_months.setText("60")
    form.lawyer.setText("Kwon Young-kook")
    form.campaigns.set_refs([("campaign", 1)])
    form.hearings.set_refs([("action", form.hearings.item(0).data(Qt.ItemDataRole.UserRole)[1])])
    form.notes.setPlainText("Appeal lodged")


FORMS: list[tuple[Callable[[Engine], Any], Callable[[Any, Path], None]]] = [
    (lambda engine: CampaignForm(engine), fill_campaign),
    (lambda engine: ActionForm(engine), fill_action),
    (lambda engine: CommitmentForm(engine), fill_commitment),
    (lambda engine: OrganisationForm(engine), fill_organisation),
    (lambda engine: PersonForm(engine), fill_person),
    (lambda engine: SituationForm(engine), fill_situation),
]


@pytest.mark.parametrize(("make", "fill"), FORMS, ids=[fill.__name__[5:] for _, fill in FORMS])
def test_a_form_reopened_from_its_draft_holds_every_field_it_held(
    qtbot: QtBot,
    engine: Engine,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    make: Callable[[Engine], Any],
    fill: Callable[[Any, Path], None],
) -> None:
    monkeypatch.setattr(form_module, "ask_discard_changes", lambda _p, _t: Answer.DISCARD)
    with store.transaction(engine) as session:
        demo.load_demo(session)
    form = make(engine)
    qtbot.addWidget(form)
    form.show()
    fill(form, tmp_path)
    typed = form.fields()

    def kept() -> list[drafts.DraftView]:
        with store.transaction(engine) as session:
            return drafts.list_drafts(session)

    qtbot.waitUntil(lambda: len(kept()) == 1, timeout=15000)  # filled before the timer ran
    again = draft_forms.reopen(engine, kept()[0], form)
    assert again is not None
    assert again.fields() == typed
    again.deleteLater()
