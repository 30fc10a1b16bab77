"""Two writers on one database, seen from the window: an edit over a campaign saved elsewhere
meanwhile opens the conflict dialog and saves the user's choice field by field; a commit made
by another writer shows on the page within two seconds, keeping the selection and the typing
of an open form."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from organiser import store
from organiser.services import campaigns, letters, organisations
from organiser.services.campaigns import CampaignFields
from organiser.services.editing import fields_from
from organiser.ui.dialogs.campaign_form import CampaignForm
from organiser.ui.dialogs.conflict_dialog import MINE, THEIRS, ConflictDialog
from organiser.ui.letters.editor import LetterEditor
from organiser.ui.main_window import MainWindow
from organiser.ui.pages.campaigns import CampaignsPage
from organiser.ui.pages.organisations import OrganisationsPage
from tests.letter_world import make_world
from tests.ui.helpers import drive_form


@pytest.fixture
def elsewhere(engine: Engine) -> Iterator[Engine]:
    """A second writer on the same file: another window's or a script's own connections."""
    other = store.create_db_engine(engine.url.render_as_string(hide_password=False))
    yield other
    other.dispose()


def _made(engine: Engine, **fields: Any) -> campaigns.CampaignView:
    with store.transaction(engine, write=True) as session:
        return campaigns.create_campaign(session, CampaignFields(**fields))


def _edit_elsewhere(engine: Engine, campaign_id: int, **changes: Any) -> None:
    with store.transaction(engine, write=True) as session:
        view = campaigns.get_campaign(session, campaign_id)
        fields = fields_from(view, CampaignFields)
        for name, value in changes.items():
            setattr(fields, name, value)
        campaigns.update_campaign(session, campaign_id, fields, view.version)


def test_an_edit_over_a_change_made_elsewhere_is_merged_field_by_field(
    window: MainWindow,
    engine: Engine,
    elsewhere: Engine,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    made = _made(engine, title="Free Han Sang-gyun", target="Seoul court")
    window.show_page(CampaignsPage)
    page = window.page(CampaignsPage)
    assert isinstance(page, CampaignsPage)
    page.table.select_where(lambda row: row.id == made.id)

    def fill(form: CampaignForm) -> None:
        form.show()  # as exec() would: what it opened with is what "untouched" means
        form.title_edit.selectAll()
        qtbot.keyClicks(form.title_edit, "Free KCTU president Han Sang-gyun")
        form.summary.setPlainText("Mine: jailed since 2015")
        # Meanwhile another window saves the title and the target
        _edit_elsewhere(elsewhere, made.id, title="Free Han (theirs)", target="Korean government")

    shown: list[ConflictDialog] = []

    def choose(dialog: ConflictDialog) -> int:
        shown.append(dialog)
        dialog.choose("title", MINE)  # the target stays on theirs: untouched here
        qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
        return int(dialog.result())

    monkeypatch.setattr(ConflictDialog, "exec", choose)
    forms = drive_form(monkeypatch, qtbot, CampaignForm, fill)
    page.edit_selected()

    assert len(forms) == 1 and len(shown) == 1
    assert {name: side for name, side in shown[0].choices().items()} == {
        "title": MINE,
        "target": THEIRS,
        "summary": MINE,
    }
    with store.transaction(engine) as session:
        saved = campaigns.get_campaign(session, made.id)
    assert (saved.title, saved.target, saved.summary) == (
        "Free KCTU president Han Sang-gyun",
        "Korean government",
        "Mine: jailed since 2015",
    )
    assert saved.version == 3  # made, edited elsewhere, merged here


def test_taking_theirs_saves_nothing_of_the_edit(
    engine: Engine, elsewhere: Engine, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = _made(engine, title="First")
    form = CampaignForm(engine, made)
    qtbot.addWidget(form)
    form.show()
    form.title_edit.setText("Mine")
    _edit_elsewhere(elsewhere, made.id, title="Theirs")
    monkeypatch.setattr(
        ConflictDialog,
        "exec",
        lambda dialog: (
            qtbot.mouseClick(dialog.take_button, Qt.MouseButton.LeftButton) or int(dialog.result())
        ),
    )
    assert form.submit()
    assert form.title_edit.text() == "Theirs"
    with store.transaction(engine) as session:
        kept = campaigns.get_campaign(session, made.id)
    assert (kept.title, kept.version) == ("Theirs", 2)


def test_the_page_follows_another_writer_within_two_seconds(
    window: MainWindow, engine: Engine, elsewhere: Engine, qtbot: QtBot
) -> None:
    with store.transaction(engine, write=True) as session:
        first = organisations.create_organisation(
            session, organisations.OrganisationFields(name="KCTU")
        )
        organisations.create_organisation(session, organisations.OrganisationFields(name="ITUC"))
    window.show_page(OrganisationsPage)
    page = window.page(OrganisationsPage)
    assert isinstance(page, OrganisationsPage)
    page.table.select_where(lambda row: row.id == first.id)
    form = CampaignForm(engine, None, window)  # a form open meanwhile, half typed
    qtbot.addWidget(form)
    form.show()
    form.title_edit.setText("Typed before the refresh")

    with store.transaction(elsewhere, write=True) as session:
        organisations.create_organisation(
            session, organisations.OrganisationFields(name="Added by a script")
        )

    def names() -> set[str]:
        model = page.table.model
        return {row.name for row in model.rows()}

    try:
        qtbot.waitUntil(lambda: "Added by a script" in names(), timeout=2000)
        selected = page.table.selected()
        assert selected is not None and selected.id == first.id
        assert form.title_edit.text() == "Typed before the refresh"
    finally:
        form.done(0)  # closed as discarded: the window's close asks nothing


def test_a_save_waiting_for_another_writer_says_so_on_the_status_bar(
    window: MainWindow, engine: Engine, db_path: Path, qtbot: QtBot
) -> None:
    told: list[str] = []
    window.statusBar().messageChanged.connect(told.append)
    held = threading.Event()

    def hold() -> None:
        other = sqlite3.connect(db_path, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")  # a long import elsewhere
        held.set()
        time.sleep(0.8)
        other.execute("COMMIT")
        other.close()

    holder = threading.Thread(target=hold)
    holder.start()
    held.wait()
    form = CampaignForm(engine, None, window)
    qtbot.addWidget(form)
    form.title_edit.setText("Saved after the wait")
    try:
        assert form.submit()
    finally:
        holder.join()
    assert told[0].startswith("Waiting for another window or program") and told[-1] == ""
    with store.transaction(engine) as session:
        assert [c.title for c in campaigns.list_campaigns(session)] == ["Saved after the wait"]


def test_a_letter_edited_in_two_windows_keeps_both_changes(
    engine: Engine, elsewhere: Engine, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    world = make_world(engine)
    with store.transaction(engine) as session:
        opened = letters.get_letter(session, world.letter_id)
    editor = LetterEditor(engine, opened)
    qtbot.addWidget(editor)
    editor.show()
    editor.subject.setText("Solidarity with the Mangystau strikers")
    with store.transaction(elsewhere, write=True) as session:
        fields = opened.fields()
        fields.body = "Changed in the other window."
        letters.update_letter(session, opened.id, fields, opened.version)
    differing: list[dict[str, str]] = []

    def merge(dialog: ConflictDialog) -> int:
        differing.append(dialog.choices())
        qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
        return int(dialog.result())

    monkeypatch.setattr(ConflictDialog, "exec", merge)
    assert editor.submit()
    assert differing == [{"subject": MINE, "body": THEIRS}]
    with store.transaction(engine) as session:
        saved = letters.get_letter(session, opened.id)
    assert (saved.subject, saved.body) == (
        "Solidarity with the Mangystau strikers",
        "Changed in the other window.",
    )
