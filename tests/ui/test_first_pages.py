"""A page's first rows as it is built, and a filtered list's later pages, are read off the GUI
thread: the page shows at once, its rows (and the count) follow; column widths are fitted to
the header and a sample of rows, not every row fetched."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex
from PySide6.QtGui import QFontMetricsF
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from organiser.services import commitments as commitment_service
from organiser.services import letters as letter_service
from organiser.ui.pages.commitments import CommitmentsPage
from organiser.ui.pages.letters import LettersPage
from organiser.ui.pages.organisations import OrganisationsPage
from organiser.ui.table_model import PAGE, Column, RecordTableModel
from organiser.ui.tables import FIT_SAMPLE_ROWS, MAX_COLUMN_WIDTH, RecordTable, fit_columns
from tests.ui.helpers import built
from tests.ui.test_lazy_tables import COUNT, LETTERS, direct_order, many, register, shown_ids

__all__ = ["many", "register"]  # the fixtures, shared with the lazy tables' tests
NEWEST_FIRST = "letter_date IS NULL DESC, letter_date DESC, id DESC"


def on_gui_thread() -> bool:
    return threading.current_thread() is threading.main_thread()


def test_the_letters_page_shows_at_once_and_its_first_page_and_count_follow(
    qtbot: QtBot, register: Engine, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    read_on: list[tuple[str, bool]] = []
    real_rows, real_count = letter_service.letter_rows, letter_service.count_letter_rows

    def letter_rows(*args: Any, **kwargs: Any) -> Any:
        read_on.append(("page", on_gui_thread()))
        return real_rows(*args, **kwargs)

    def count_letter_rows(*args: Any, **kwargs: Any) -> Any:
        read_on.append(("count", on_gui_thread()))
        return real_count(*args, **kwargs)

    monkeypatch.setattr(letter_service, "letter_rows", letter_rows)
    monkeypatch.setattr(letter_service, "count_letter_rows", count_letter_rows)
    page = LettersPage(register)
    qtbot.addWidget(page)
    page.show()
    model = page.table.model
    assert not page.settled() and model.rowCount() == model.fetched == 0  # shown, rows to come
    assert page.body.currentWidget() is page.table  # not "No letters match" meanwhile
    assert not page.edit_action.isEnabled()
    built(qtbot, page)
    assert read_on == [("count", False), ("page", False)]  # both off the GUI thread
    assert (model.rowCount(), model.fetched, model.total()) == (PAGE, PAGE, LETTERS)
    assert model.total_known()
    assert shown_ids(page) == direct_order(db_path, NEWEST_FIRST, table="letter")[:PAGE]
    assert page.table.selected().id == shown_ids(page)[0] and page.summary.text()
    assert page.duplicate_action.isEnabled()  # the actions follow the selection


def test_the_organisations_page_reads_its_first_page_off_the_gui_thread(
    qtbot: QtBot, many: Engine, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    read_on: list[bool] = []
    real = OrganisationsPage.page_rows

    def page_rows(self: OrganisationsPage, session: Session, *rest: Any) -> Any:
        read_on.append(on_gui_thread())
        return real(self, session, *rest)

    monkeypatch.setattr(OrganisationsPage, "page_rows", page_rows)
    page = OrganisationsPage(many)
    qtbot.addWidget(page)
    assert page.table.model.rowCount() == 0
    built(qtbot, page)
    assert read_on == [False]
    assert page.table.model.total() == COUNT and page.table.model.fetched == PAGE
    assert shown_ids(page) == direct_order(db_path, "lower(name), id")[:PAGE]


def test_the_commitments_page_counts_and_reads_its_first_page_off_the_gui_thread(
    qtbot: QtBot, demo: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    read_on: list[tuple[str, bool]] = []
    real_list = commitment_service.list_commitments
    real_count = commitment_service.count_commitments

    def list_commitments(*args: Any, **kwargs: Any) -> Any:
        read_on.append(("page", on_gui_thread()))
        return real_list(*args, **kwargs)

    def count_commitments(*args: Any, **kwargs: Any) -> Any:
        read_on.append(("count", on_gui_thread()))
        return real_count(*args, **kwargs)

    monkeypatch.setattr(commitment_service, "list_commitments", list_commitments)
    monkeypatch.setattr(commitment_service, "count_commitments", count_commitments)
    page = CommitmentsPage(demo)
    qtbot.addWidget(page)
    assert page.list_model.rowCount() == 0 and not page.settled()
    built(qtbot, page)
    assert read_on == [("count", False), ("page", False)]
    shown = page.list_model.rowCount()
    assert shown > 0 and page.list_model.total() == shown
    assert page.count_label.text() == f"{shown} commitments"


def test_scrolling_a_filtered_list_reads_its_later_pages_off_the_gui_thread(
    qtbot: QtBot, many: Engine, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = built(qtbot, OrganisationsPage(many))
    qtbot.addWidget(page)
    read_at: list[tuple[int, bool]] = []
    real = page.page_rows

    def page_rows(session: Session, text: str, offset: int, *rest: Any) -> Any:
        read_at.append((offset, on_gui_thread()))
        return real(session, text, offset, *rest)

    monkeypatch.setattr(page, "page_rows", page_rows)
    page.table.filter_edit.setText("u1")  # by the acronym: 1,111 match, a page and more
    qtbot.waitUntil(lambda: not page.table._filter_timer.isActive(), timeout=5_000)
    built(qtbot, page)
    model = page.table.model
    matching = direct_order(db_path, "lower(name), id", "WHERE acronym LIKE 'U1%'")
    assert model.rowCount() == PAGE and model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())  # as the view does when scrolled to the end
    assert model.rowCount() == PAGE and model.fetching()  # the rows come later
    assert not model.canFetchMore(QModelIndex())  # and are not asked for twice meanwhile
    qtbot.waitUntil(lambda: not model.fetching(), timeout=5_000)
    assert read_at == [(0, False), (PAGE, False)]
    assert shown_ids(page) == matching and model.fetched == PAGE + len(matching)
    assert not model.canFetchMore(QModelIndex())  # a short page: the end
    # A later page asked for, then the filter changed: what comes back is not shown.
    page.table.filter_edit.setText("u2")
    qtbot.waitUntil(lambda: not page.table._filter_timer.isActive(), timeout=5_000)
    built(qtbot, page)
    model.fetchMore(QModelIndex())
    page.table.filter_edit.clear()  # at once, unfiltered: later pages read here again
    assert model.rowCount() == PAGE and not model.fetching()
    qtbot.wait(300)
    assert shown_ids(page) == direct_order(db_path, "lower(name), id")[:PAGE]
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 2 * PAGE and read_at[-1] == (PAGE, True)


@dataclass(frozen=True)
class Named:
    id: int
    name: str


def test_columns_are_fitted_to_the_header_and_a_sample_of_rows(qtbot: QtBot) -> None:
    rows = [Named(n, f"Union {n}") for n in range(3 * FIT_SAMPLE_ROWS)]
    rows[10] = Named(10, "Federation of mine workers")  # in the sample: the column fits it
    rows[2 * FIT_SAMPLE_ROWS] = Named(0, "W" * 40)  # beyond it: the column does not
    model: RecordTableModel[Named] = RecordTableModel(
        [Column("Name", lambda r: r.name), Column("N", lambda r: r.id)]
    )
    table: RecordTable[Named] = RecordTable(model)
    qtbot.addWidget(table)
    table.show()
    model.set_rows(rows)
    view = table.view
    assert fit_columns(view) == FIT_SAMPLE_ROWS  # rows measured
    metrics = QFontMetricsF(view.font())
    fitted = metrics.horizontalAdvance("Federation of mine workers")
    assert fitted < view.columnWidth(0) < metrics.horizontalAdvance("W" * 40)
    assert view.columnWidth(1) >= view.horizontalHeader().sectionSizeHint(1)
    model.set_rows([Named(1, "W" * 200)])
    assert fit_columns(view) == 1 and view.columnWidth(0) == MAX_COLUMN_WIDTH


def test_modules_asked_for_soon_are_imported_once_off_the_gui_thread() -> None:
    import sys

    from organiser.ui.warm_imports import import_soon

    sys.modules.pop("tests.ui.warm_probe", None)
    thread = import_soon("tests.ui.warm_probe", "organiser.ui.tables")  # the second is in
    assert thread is not None
    thread.join(10)
    from tests.ui import warm_probe

    assert warm_probe.IMPORTED_ON == "import soon"
    assert import_soon("tests.ui.warm_probe") is None  # asked for once


def test_the_letters_page_asks_for_the_editors_services_as_it_is_built(
    qtbot: QtBot, register: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    from organiser.ui.pages import letters as letters_module

    asked: list[tuple[str, ...]] = []
    monkeypatch.setattr(letters_module, "import_soon", lambda *names: asked.append(names))
    page = LettersPage(register)
    qtbot.addWidget(page)
    built(qtbot, page)
    assert asked == [letters_module.EDITOR_SERVICES]
    assert "organiser.services.letter_output" in letters_module.EDITOR_SERVICES
