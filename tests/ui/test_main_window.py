"""The main window: welcome on an empty database, sample data, pages, remembered layout, and
the Organisations page with its people."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from organiser import store
from organiser.services import campaigns, organisations
from organiser.services.backups import make_backup
from organiser.ui.dialogs.organisation_form import OrganisationForm, PersonForm
from organiser.ui.main_window import MainWindow
from organiser.ui.pages.campaigns import CampaignsPage
from organiser.ui.pages.dashboard import DashboardPage
from organiser.ui.pages.organisations import OrganisationsPage
from tests.ui.helpers import drive_form, pick


def test_an_empty_database_opens_on_a_welcome_that_loads_the_sample_campaigns(
    window: MainWindow, engine: Engine, qtbot: QtBot
) -> None:
    dashboard = window.page(DashboardPage)
    assert isinstance(dashboard, DashboardPage)
    assert window.stack.currentWidget() is dashboard
    assert dashboard.layers.currentWidget() is dashboard.welcome
    qtbot.mouseClick(dashboard.sample_button, Qt.MouseButton.LeftButton)
    with store.transaction(engine) as session:
        assert campaigns.count_campaigns(session) == 4
    assert dashboard.layers.currentWidget() is dashboard.overview
    window.show_page(CampaignsPage)
    assert window.page(CampaignsPage).table.model.rowCount() == 4


def test_every_page_of_the_sidebar_opens(window: MainWindow) -> None:
    titles = [window.sidebar.item(row).text() for row in range(window.sidebar.count())]
    assert titles == [
        "Dashboard",
        "Campaigns",
        "Calendar",
        "Commitments",
        "Letters",
        "Organisations",
        "People at risk",
    ]
    for row in range(window.sidebar.count()):
        window.sidebar.setCurrentRow(row)
        assert window.stack.currentIndex() == row


def test_window_size_splitter_and_page_are_remembered(qtbot: QtBot, engine: Engine) -> None:
    first = MainWindow(engine)
    qtbot.addWidget(first)
    first.show()
    first.resize(760, 560)
    size = first.size()
    first.show_page(OrganisationsPage)
    first.close()
    second = MainWindow(engine)
    qtbot.addWidget(second)
    second.show()
    assert second.size() == size
    assert second.stack.currentWidget() is second.page(OrganisationsPage)


def test_an_organisation_and_its_person_are_added_through_the_forms(
    window: MainWindow, engine: Engine, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    with store.transaction(engine) as session:
        psi = organisations.create_organisation(
            session, organisations.OrganisationFields(name="PSI")
        )
    page = window.page(OrganisationsPage)
    assert isinstance(page, OrganisationsPage)
    window.show_page(OrganisationsPage)

    def fill_org(form: OrganisationForm) -> None:
        qtbot.keyClicks(form.name, "Korean Public Service and Transport Workers' Union")
        qtbot.keyClicks(form.acronym, "KPTU")
        form.country.setCurrentIndex(form.country.findData("KR"))
        assert pick(form.affiliate_of, 0, "PSI") == psi.id
        qtbot.keyClicks(form.email, "not an email")

    forms = drive_form(monkeypatch, qtbot, OrganisationForm, fill_org)
    page.new_action.trigger()
    assert "not an email address" in forms[0].error_text("email")
    forms[0].email.setText("intl@kptu.net")
    forms[0].submit()
    with store.transaction(engine) as session:
        kptu = next(o for o in organisations.list_organisations(session) if o.acronym == "KPTU")
    assert kptu.affiliate_of_name == "PSI" and kptu.email == "intl@kptu.net"

    page.refresh()
    page.table.select_where(lambda row: row.id == kptu.id)

    def fill_person(form: PersonForm) -> None:
        assert form.organisation.value() == kptu.id
        qtbot.keyClicks(form.name, "Hyun Jung-hee ")
        form.name.insert("(현정희)")  # QTest types ASCII only
        qtbot.keyClicks(form.title_edit, "President")

    drive_form(monkeypatch, qtbot, PersonForm, fill_person)
    people_tab = page.detail_tabs[0]
    people_tab.add_person()  # type: ignore[attr-defined]
    with store.transaction(engine) as session:
        assert [p.name for p in organisations.list_people(session, kptu.id)] == [
            "Hyun Jung-hee (현정희)"
        ]
    assert people_tab.table.model.rowCount() == 1  # type: ignore[attr-defined]


def test_the_welcome_page_starts_a_new_campaign_on_the_campaigns_page(
    window: MainWindow, engine: Engine, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    from organiser.ui.dialogs.campaign_form import CampaignForm

    def fill(form: CampaignForm) -> None:
        qtbot.keyClicks(form.title_edit, "First campaign")

    drive_form(monkeypatch, qtbot, CampaignForm, fill)
    dashboard = window.page(DashboardPage)
    assert isinstance(dashboard, DashboardPage)
    qtbot.mouseClick(dashboard.campaign_button, Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.page(CampaignsPage)
    with store.transaction(engine) as session:
        assert [c.title for c in campaigns.list_campaigns(session)] == ["First campaign"]


def test_backing_up_from_the_file_menu_writes_a_consistent_copy(
    window: MainWindow,
    engine: Engine,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    import sqlite3

    from PySide6.QtWidgets import QFileDialog

    from organiser.ui import main_window

    target = tmp_path / "copy.sqlite3"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(target), ""))
    told: list[str] = []
    monkeypatch.setattr(main_window, "show_info", lambda _p, _t, message: told.append(message))
    dashboard = window.page(DashboardPage)
    assert isinstance(dashboard, DashboardPage)
    dashboard.load_sample_data()
    window.back_up()
    qtbot.waitUntil(lambda: bool(told), timeout=5000)
    with sqlite3.connect(target) as copy:
        assert copy.execute("SELECT count(*) FROM campaign").fetchone() == (4,)
    assert str(target) in told[0]


def test_pages_are_built_when_first_shown_and_match_their_sidebar_entry(window: MainWindow) -> None:
    """Lazy pages keep start-up quick; each entry's title must be its page's own."""
    from organiser.ui.main_window import PAGES

    assert window.pages[0] is not None and all(page is None for page in window.pages[1:])
    for row, entry in enumerate(PAGES):
        window.sidebar.setCurrentRow(row)
        page = window.pages[row]
        assert page is not None and page.title == entry.title == type(page).title
        assert window.stack.currentWidget() is page


def test_the_dashboard_says_when_a_week_of_changes_has_no_backup(
    qtbot: QtBot, demo: Engine
) -> None:
    page = DashboardPage(demo)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: page.summary is not None)  # read off the GUI thread
    assert "No checked backup" not in page.backup_line.text()  # the sample data is minutes old
    with demo.begin() as connection:  # as if typed in ten days ago and never backed up
        for table in ("campaign", "organisation", "person"):
            connection.exec_driver_sql(
                f"UPDATE {table} SET created_at = datetime('now', '-10 days')"
            )
    page.refresh()
    qtbot.waitUntil(lambda: "No checked backup of 10 days of changes" in page.backup_line.text())
    make_backup(demo, "manual")
    page.refresh()
    qtbot.waitUntil(lambda: not page.loading)
    assert "No checked backup" not in page.backup_line.text()
