"""The lazy tables: the Organisations and Letters pages hold only the pages of rows scrolled to,
filter and sort in the database (their order is the one a direct ORDER BY gives), and keep
their selection, details and forms as when everything was loaded."""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine, event, insert
from sqlalchemy.orm import Session

from organiser import store
from organiser.models import (
    Campaign,
    Letter,
    LetterKind,
    LetterRecipient,
    LetterStatus,
    Organisation,
    OrganisationKind,
    Person,
    RecipientRole,
)
from organiser.services import organisations as service
from organiser.services.letters import LetterView
from organiser.ui.pages.letters import LettersPage
from organiser.ui.pages.organisations import ORGANISATION_SORT_KEYS, OrganisationsPage
from organiser.ui.table_model import PAGE, ROW_ROLE
from tests.ui.helpers import built

COUNT = 2_500  # two and a half pages
NAMES = ("Syndicat des cheminots", "Профсоюз горняков", "전국금속노동조합", "Unión Minera")


@pytest.fixture
def many(engine: Engine) -> Engine:
    """COUNT organisations and some people, put in by one bulk insert each (no services)."""
    now = datetime(2026, 12, 1, tzinfo=UTC)
    organisations = [
        {
            "id": n,
            "uuid": f"00000000-0000-4000-8000-{n:012d}",
            "name": f"{NAMES[n % len(NAMES)]} {n:04d}",
            "acronym": f"U{n}",
            "kind": OrganisationKind.GOVERNMENT if n % 50 == 0 else OrganisationKind.UNION,
            "country": ("KR", "KZ", "FR")[n % 3],
            "email": f"office{n}@example.org" if n % 2 else "",
            "affiliate_of_id": 1 if n > 1 and n % 7 == 0 else None,
            "created_at": now,
            "updated_at": now,
        }
        for n in range(1, COUNT + 1)
    ]
    people = [
        {"id": n, "uuid": f"10000000-0000-4000-8000-{n:012d}", "name": f"Person {n}",
         "organisation_id": (n * 37) % COUNT + 1, "created_at": now, "updated_at": now}
        for n in range(1, 1_200)
    ]  # fmt: skip
    with store.transaction(engine, write=True) as session:
        session.execute(insert(Organisation), organisations)
        session.execute(insert(Person), people)
    return engine


@pytest.fixture
def page(qtbot: QtBot, many: Engine) -> OrganisationsPage:
    widget = OrganisationsPage(many)
    qtbot.addWidget(widget)
    built(qtbot, widget)
    widget.resize(1000, 700)
    widget.show()
    return widget


def shown_ids(page: OrganisationsPage) -> list[int]:
    model = page.table.model
    return [model.row_at(row).id for row in range(model.rowCount())]


def direct_order(
    db_path: Path, order_by: str, where: str = "", table: str = "organisation"
) -> list[int]:
    connection = sqlite3.connect(db_path)
    try:
        query = f"SELECT {table}.id FROM {table} {where} ORDER BY {order_by}"
        return [key for (key,) in connection.execute(query)]
    finally:
        connection.close()


def type_filter(qtbot: QtBot, page: OrganisationsPage, text: str) -> None:
    """Type into the filter box; the table follows once the typing pauses (its first page
    read off the GUI thread)."""
    page.table.filter_edit.setText(text)
    qtbot.waitUntil(lambda: not page.table._filter_timer.isActive(), timeout=5_000)
    qtbot.waitUntil(page.table.settled, timeout=5_000)


def fetch_more(qtbot: QtBot, model: Any) -> None:
    """As the view asks at the end of the rows; a filtered list's next page comes from the
    background."""
    model.fetchMore(QModelIndex())
    qtbot.waitUntil(lambda: not model.fetching(), timeout=5_000)


def test_the_page_opens_on_the_first_page_and_fetches_the_next_as_asked(
    page: OrganisationsPage, db_path: Path
) -> None:
    model = page.table.model
    assert (model.rowCount(), model.total(), model.fetched) == (PAGE, COUNT, PAGE)
    assert shown_ids(page) == direct_order(db_path, "lower(name), id")[:PAGE]
    assert model.canFetchMore(QModelIndex())
    page.table.view.scrollToBottom()  # the view asks for the next page as it reaches the end
    assert model.rowCount() == 2 * PAGE
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    assert model.rowCount() == model.fetched == COUNT
    assert shown_ids(page) == direct_order(db_path, "lower(name), id")


def test_a_filter_asks_the_database_and_reads_only_a_page(
    qtbot: QtBot, page: OrganisationsPage, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []
    real_page = page.page_rows

    def page_rows(session: Session, text: str, *rest: Any) -> list[Any]:
        asked.append(text)
        return real_page(session, text, *rest)

    monkeypatch.setattr(page, "page_rows", page_rows)
    monkeypatch.setattr(page, "count_rows", lambda *_: pytest.fail("a keystroke counts"))
    fetched = page.table.model.fetched
    for typed in ("Проф", "Профс", "Профсоюз"):  # typed quickly: one query, after the pause
        page.table.filter_edit.setText(typed)
    assert asked == []
    qtbot.waitUntil(lambda: asked == ["Профсоюз"], timeout=5_000)
    qtbot.waitUntil(page.table.settled, timeout=5_000)
    # By name, or by the name in Affiliate of (the affiliates of number 1, a Профсоюз).
    where = "WHERE name LIKE '%Профсоюз%' OR affiliate_of_id = 1"
    matching = direct_order(db_path, "lower(name), id", where)
    assert COUNT // 4 < len(matching) < PAGE
    model = page.table.model
    assert model.total() == len(matching)
    assert shown_ids(page) == matching  # fewer than a page: all of them, in order
    assert model.fetched - fetched == len(matching)
    # Lower case finds the Cyrillic capital; the Kind column's words match too.
    type_filter(qtbot, page, "профсоюз")
    assert model.total() == len(matching)
    type_filter(qtbot, page, "government")
    assert shown_ids(page) == direct_order(db_path, "lower(name), id", "WHERE kind = 'government'")
    type_filter(qtbot, page, "")
    assert model.rowCount() == PAGE and model.canFetchMore(QModelIndex())
    monkeypatch.undo()
    page.refresh()  # a refresh counts them
    assert model.total() == COUNT and model.total_known()


def test_a_filter_matching_many_holds_one_page(
    qtbot: QtBot, page: OrganisationsPage, db_path: Path
) -> None:
    type_filter(qtbot, page, "KR")  # a third of them, by their country
    assert page.table.model.total() == COUNT // 3
    type_filter(qtbot, page, "u1")  # by their acronym: U1, U10…, U100…, U1000…
    matching = direct_order(db_path, "lower(name), id", "WHERE acronym LIKE 'U1%'")
    model = page.table.model
    assert len(matching) > PAGE
    assert shown_ids(page) == matching[:PAGE]
    assert not model.total_known() and model.canFetchMore(QModelIndex())  # not counted
    fetch_more(qtbot, model)
    assert shown_ids(page) == matching and model.total() == len(matching)
    assert not model.canFetchMore(QModelIndex())


@pytest.mark.parametrize(
    ("column", "order_by"),
    [
        ("name", "lower(name) DESC, id"),
        (
            "people",
            "(SELECT count(*) FROM person WHERE organisation_id = organisation.id) DESC, id",
        ),
        ("country", "country DESC, id"),
        ("email", "lower(email) DESC, id"),
    ],
)
def test_a_header_click_sorts_every_row_in_the_database(
    qtbot: QtBot, page: OrganisationsPage, db_path: Path, column: str, order_by: str
) -> None:
    header = page.table.view.horizontalHeader()
    header.setSortIndicator(ORGANISATION_SORT_KEYS.index(column), Qt.SortOrder.DescendingOrder)
    qtbot.waitUntil(page.table.settled, timeout=5_000)  # read off the GUI thread
    assert page.table.model.rowCount() == PAGE
    assert shown_ids(page) == direct_order(db_path, order_by)[:PAGE]


def test_the_selection_details_and_the_record_stay_whole(
    page: OrganisationsPage, many: Engine
) -> None:
    view = page.table.view
    view.selectRow(3)
    chosen = view.currentIndex().data(ROW_ROLE)
    assert isinstance(chosen, service.OrganisationRow)
    record = page.selected_record()
    assert isinstance(record, service.OrganisationView) and record.id == chosen.id
    assert record.name in page.summary.text()
    page.refresh()
    assert page.table.selected().id == chosen.id  # the refresh kept it selected
    with store.transaction(many) as session:
        people = service.get_organisation(session, chosen.id).people_count
    assert page.table.model.row_at(3).people_count == people


def test_the_service_pages_never_overlap(many: Engine) -> None:
    with store.transaction(many) as session:
        seen: list[int] = []
        for offset in range(0, COUNT, 700):
            seen += [
                row.id for row in service.organisation_rows(session, None, offset, 700, "people")
            ]
        assert sorted(seen) == list(range(1, COUNT + 1))
        assert service.count_organisation_rows(session, service.OrganisationQuery("U12")) == len(
            service.organisation_rows(session, service.OrganisationQuery("U12"))
        )


LETTERS = 2_200


@pytest.fixture
def register(engine: Engine) -> Engine:
    """LETTERS letters of one campaign (every 10th undated, every 3rd sent), each to one
    organisation, by bulk insert."""
    now = datetime(2026, 12, 1, tzinfo=UTC)
    with store.transaction(engine, write=True) as session:
        session.execute(insert(Campaign), [{"id": 1, "title": "Free them"}])
        session.execute(
            insert(Organisation),
            [{"id": n, "name": f"Union {n}", "created_at": now, "updated_at": now}
             for n in (1, 2)],
        )  # fmt: skip
        session.execute(
            insert(Letter),
            [
                {
                    "id": n,
                    "kind": LetterKind.PROTEST_LETTER,
                    "campaign_id": 1,
                    "subject": f"{('Raid', 'Strike', 'Arrest')[n % 3]} number {n}",
                    "letter_date": None if n % 10 == 0 else date(2026, 1, 1) + timedelta(n % 300),
                    "status": LetterStatus.SENT if n % 3 == 0 else LetterStatus.DRAFT,
                    "created_at": now,
                    "updated_at": now,
                }
                for n in range(1, LETTERS + 1)
            ],
        )
        session.execute(
            insert(LetterRecipient),
            [{"letter_id": n, "role": RecipientRole.TO, "position": 0, "organisation_id": 1 + n % 2}
             for n in range(1, LETTERS + 1)],
        )  # fmt: skip
    return engine


@pytest.fixture
def letters_page(qtbot: QtBot, register: Engine) -> LettersPage:
    widget = LettersPage(register)
    qtbot.addWidget(widget)
    built(qtbot, widget)
    widget.resize(1000, 700)
    widget.show()
    return widget


def test_the_register_opens_newest_first_on_one_page(
    letters_page: LettersPage, db_path: Path
) -> None:
    model = letters_page.table.model
    assert (model.rowCount(), model.total()) == (PAGE, LETTERS)
    newest_first = "letter_date IS NULL DESC, letter_date DESC, id DESC"
    assert shown_ids(letters_page) == direct_order(db_path, newest_first, table="letter")[:PAGE]
    assert model.row_at(0).recipient_names in ("Union 1", "Union 2")
    model.fetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert shown_ids(letters_page) == direct_order(db_path, newest_first, table="letter")
    record = letters_page.selected_record()
    assert isinstance(record, LetterView) and record.id == shown_ids(letters_page)[0]


def test_the_register_filters_and_sorts_in_the_database(
    qtbot: QtBot, letters_page: LettersPage, db_path: Path
) -> None:
    type_filter(qtbot, letters_page, "strike")
    newest_first = "letter_date IS NULL DESC, letter_date DESC, id DESC"
    strikes = direct_order(db_path, newest_first, "WHERE subject LIKE 'Strike%'", table="letter")
    assert shown_ids(letters_page) == strikes  # fewer than a page
    type_filter(qtbot, letters_page, "Union 2")  # a recipient's name
    fetch_more(qtbot, letters_page.table.model)
    assert letters_page.table.model.total() == LETTERS // 2
    assert {row.recipient_names for row in letters_page.table.model.rows()} == {"Union 2"}
    type_filter(qtbot, letters_page, "")
    header = letters_page.table.view.horizontalHeader()
    header.setSortIndicator(2, Qt.SortOrder.AscendingOrder)  # Subject
    qtbot.waitUntil(letters_page.table.settled, timeout=5_000)
    assert (
        shown_ids(letters_page)
        == direct_order(db_path, "lower(subject), id", table="letter")[:PAGE]
    )
    letters_page.filter_bar.status.setCurrentIndex(letters_page.filter_bar.status.findData("sent"))
    assert letters_page.table.model.total() == LETTERS // 3
    assert all(row.status is LetterStatus.SENT for row in letters_page.table.model.rows())


def test_a_keystroke_costs_a_few_statements_not_one_per_row(
    qtbot: QtBot, page: OrganisationsPage, many: Engine
) -> None:
    statements: list[str] = []

    def seen(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        statements.append(statement)

    event.listen(many, "before_cursor_execute", seen)
    try:
        type_filter(qtbot, page, "u1")  # 1,111 match: a page of 1,000 is read
    finally:
        event.remove(many, "before_cursor_execute", seen)
    assert page.table.model.rowCount() == PAGE
    # The count, the page's ids, their columns; then the selected one's details and tabs.
    reads = [s for s in statements if "FROM organisation" in s]
    assert len(reads) >= 3 and len(statements) < 40


def test_a_record_beyond_the_pages_fetched_is_found_and_a_cleared_filter_applies_at_once(
    qtbot: QtBot, page: OrganisationsPage, db_path: Path
) -> None:
    last = direct_order(db_path, "lower(name), id")[-1]  # on the third page
    assert page.table.select_where(lambda row: row.id == last)
    assert page.table.selected().id == last and page.summary.text()
    assert page.table.model.rowCount() == COUNT  # fetched as far as it: a page, then two
    type_filter(qtbot, page, "KR")
    page.table.filter_edit.clear()  # as opening a record from the dashboard does
    assert page.table.model.rowCount() == PAGE and not page.table._filter_timer.isActive()
    assert not page.table.select_where(lambda row: row.id == COUNT + 1)  # none such


def test_a_keystroke_read_superseded_by_a_refresh_is_dropped(
    qtbot: QtBot, page: OrganisationsPage, db_path: Path
) -> None:
    """A refresh while a keystroke's page is still being read wins: the late read is not
    shown over it, and the table is settled."""
    page.table.filter_edit.setText("KR")
    qtbot.waitUntil(lambda: not page.table._filter_timer.isActive(), timeout=5_000)
    page.refresh()  # counted, read at once, with the text as it is
    assert page.table.settled()
    counted = page.table.model.total()
    qtbot.wait(300)  # the keystroke's own read comes back meanwhile, and is dropped
    assert page.table.model.total() == counted == COUNT // 3 and page.table.settled()


def test_a_refresh_with_a_text_in_the_filter_box_does_not_count_its_matches(
    qtbot: QtBot, page: OrganisationsPage, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Counting a text's matches reads every row: a refresh (after an edit, say) reads the
    first page only, and the view learns the end from a short page."""
    type_filter(qtbot, page, "u1")  # 1,111 match: more than a page
    monkeypatch.setattr(page, "count_rows", lambda *_: pytest.fail("a text is counted"))
    page.refresh()
    model = page.table.model
    assert model.rowCount() == PAGE and not model.total_known()
    fetch_more(qtbot, model)
    assert model.total() == model.rowCount() > PAGE and not model.canFetchMore(QModelIndex())
