"""Open a record named by its kind and id, on its own page: the Dashboard's items and the
reminders' notices use it (anything that lists records of several kinds can).

A campaign or a person at risk is shown selected on its page; an action, a commitment or a
letter still in draft opens in its form there too. The pages' modules are imported here only
when a record of theirs is opened, as the window itself builds its pages when first shown.
"""

from __future__ import annotations

from datetime import date
from typing import Protocol, TypeVar

from PySide6.QtWidgets import QWidget
from sqlalchemy import Engine

from organiser import store
from organiser.errors import NotFound
from organiser.ui.pages.base import Page

KINDS = ("campaign", "action", "commitment", "letter", "person", "organisation", "situation")
P = TypeVar("P", bound=Page)


class Window(Protocol):
    """What opening a record needs of the main window."""

    engine: Engine

    def page(self, page_class: type[Page]) -> Page: ...

    def show_page(self, page_class: type[Page]) -> None: ...

    def refresh_pages(self) -> None: ...


def open_record(window: Window, kind: str, record_id: int) -> bool:
    """Show the record; False when it is gone (deleted meanwhile) or of no kind we know."""
    opener = {
        "campaign": _open_campaign,
        "action": _open_action,
        "commitment": _open_commitment,
        "letter": _open_letter,
        "person": _open_person,
        "organisation": _open_organisation,
        "situation": _open_situation,
    }.get(kind)
    if opener is None:
        return False
    try:
        return opener(window, record_id)
    except NotFound:
        return False


def _shown(window: Window, page_class: type[P]) -> P:
    window.show_page(page_class)
    page = window.page(page_class)
    assert isinstance(page, page_class)
    return page


def _open_campaign(window: Window, record_id: int) -> bool:
    from organiser.ui.pages.campaigns import CampaignsPage

    page = _shown(window, CampaignsPage)
    page.table.filter_edit.clear()
    return page.table.select_where(lambda row: row.id == record_id)


def _open_action(window: Window, record_id: int) -> bool:
    from organiser.services.actions import get_action
    from organiser.ui.pages.calendar import CalendarPage

    with store.transaction(window.engine) as session:
        action = get_action(session, record_id)
    page = _shown(window, CalendarPage)
    page.go_to(action.start_date or date.today())
    page.edit(action)
    return True


def _open_commitment(window: Window, record_id: int) -> bool:
    from organiser.services.commitments import get_commitment
    from organiser.ui.pages.commitments import CommitmentsPage

    with store.transaction(window.engine) as session:
        commitment = get_commitment(session, record_id)
    page = _shown(window, CommitmentsPage)
    page.table.select_where(lambda row: row.id == record_id)
    page.edit_commitment(commitment)
    return True


def _open_letter(window: Window, record_id: int) -> bool:
    from organiser.services.letters import EDITABLE, get_letter
    from organiser.ui.pages.letters import LettersPage

    with store.transaction(window.engine) as session:
        letter = get_letter(session, record_id)
    page = _shown(window, LettersPage)
    page.table.filter_edit.clear()
    bar = page.filter_bar
    if not page.table.select_where(lambda row: row.id == record_id) and bar is not None:
        for combo in (bar.campaign, bar.kind, bar.status):  # a filter hid it
            combo.setCurrentIndex(0)
        bar.awaiting.setChecked(False)
        page.table.select_where(lambda row: row.id == record_id)
    if letter.status in EDITABLE:
        page.edit_selected()
    return True


def _open_person(window: Window, record_id: int) -> bool:
    from organiser.ui.pages.people_at_risk import PeopleAtRiskPage

    page = _shown(window, PeopleAtRiskPage)
    if page.table.select_where(lambda row: row.person_id == record_id):
        return True
    page.campaign_filter.setCurrentIndex(0)  # all campaigns
    if page.table.select_where(lambda row: row.person_id == record_id):
        return True
    return _edit_person(window, record_id)  # not at risk now: their own form


def _edit_person(window: Window, record_id: int) -> bool:
    from organiser.services.organisations import get_person
    from organiser.ui.dialogs.organisation_form import PersonForm

    with store.transaction(window.engine) as session:
        person = get_person(session, record_id)
    parent = window if isinstance(window, QWidget) else None
    if PersonForm(window.engine, person, parent=parent).exec():
        window.refresh_pages()
    return True


def _open_organisation(window: Window, record_id: int) -> bool:
    from organiser.ui.pages.organisations import OrganisationsPage

    page = _shown(window, OrganisationsPage)
    page.table.filter_edit.clear()
    return page.table.select_where(lambda row: row.id == record_id)


def _open_situation(window: Window, record_id: int) -> bool:
    from organiser.services.situations import get_situation

    with store.transaction(window.engine) as session:
        situation = get_situation(session, record_id)
    return _open_person(window, situation.person_id)
