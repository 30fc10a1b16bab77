"""The Commitments page driven with qtbot: the matrix's status change in place, filters, lazy
loading, the commitment form, the affiliate tab, reports and the affiliates import dialog."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine, func, insert, select

from organiser import store
from organiser.errors import ConflictError
from organiser.models import Campaign, Commitment, CommitmentStatus, Organisation
from organiser.services.commitment_summary import campaign_matrix
from organiser.services.commitments import CommitmentFilter, list_commitments
from organiser.services.demo import load_demo
from organiser.ui.commitments import import_dialog
from organiser.ui.commitments.affiliate_tab import AffiliateCommitmentsTab
from organiser.ui.commitments.form import CommitmentForm
from organiser.ui.commitments.import_dialog import AffiliateImportDialog
from organiser.ui.commitments.matrix_model import CommitmentMatrixModel
from organiser.ui.pages import commitments as page_module
from organiser.ui.pages.commitments import CommitmentsPage
from organiser.ui.table_model import PAGE
from tests.ui.helpers import built, pick

DATA = Path(__file__).parent.parent / "data" / "csv"
MANGYSTAU = "Right to strike for Mangystau oil workers"
TIP = Qt.ItemDataRole.ToolTipRole


@pytest.fixture
def messages(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Message boxes recorded instead of shown."""
    shown: list[str] = []
    for module in (page_module, import_dialog):
        monkeypatch.setattr(module, "show_info", lambda _p, _t, text: shown.append(text))
        monkeypatch.setattr(module, "show_error", lambda _p, _t, text: shown.append(text))
    return shown


@pytest.fixture
def page(qtbot: QtBot, demo: Engine, messages: list[str]) -> CommitmentsPage:
    widget = CommitmentsPage(demo)
    qtbot.addWidget(widget)
    built(qtbot, widget)
    widget.resize(1200, 700)
    widget.show()
    return widget


def campaign_id(engine: Engine, title: str) -> int:
    with store.transaction(engine) as session:
        return session.scalar(select(Campaign.id).where(Campaign.title == title)) or 0


def find_cell(page: CommitmentsPage, what: str) -> Any:
    model = page.matrix_model
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            items = model.cell(row, column)
            if items and items[0].what == what:
                return model.index(row, column)
    raise AssertionError(f"no cell for {what}")


def test_changing_a_status_in_the_matrix_saves_it(page: CommitmentsPage, demo: Engine) -> None:
    """Double-click a pledge, choose Fulfilled in the combobox: the database has it at once."""
    page.filters.select_campaign(campaign_id(demo, MANGYSTAU))
    page.tabs.setCurrentIndex(1)
    index = find_cell(page, "Send observers to the appeal hearing")
    assert "[Pledged — overdue]" in index.data()
    page.matrix_view.setCurrentIndex(index)
    page.matrix_view.edit(index)
    editor = page.matrix_view.findChild(QComboBox)
    assert editor is not None and editor.currentData() == "pledged"
    editor.setCurrentIndex(editor.findData("fulfilled"))
    editor.activated.emit(editor.currentIndex())
    assert "[Fulfilled]" in index.data()
    with store.transaction(demo) as session:
        saved = list_commitments(session, CommitmentFilter(status=CommitmentStatus.FULFILLED))
    mine = [c for c in saved if c.what == "Send observers to the appeal hearing"]
    assert mine and mine[0].fulfilled_on == date.today()
    listed = [page.list_model.row_at(r) for r in range(page.list_model.rowCount())]
    assert next(c for c in listed if c.id == mine[0].id).status is CommitmentStatus.FULFILLED


def test_matrix_set_data_refuses_an_unknown_status(page: CommitmentsPage, demo: Engine) -> None:
    page.filters.select_campaign(campaign_id(demo, MANGYSTAU))
    index = find_cell(page, "Send observers to the appeal hearing")
    assert not page.matrix_model.setData(index, "kept", Qt.ItemDataRole.EditRole)
    model = page.matrix_model
    empty = next(
        model.index(r, c)
        for r in range(model.rowCount())
        for c in range(model.columnCount())
        if not model.cell(r, c)
    )
    assert not model.flags(empty) & Qt.ItemFlag.ItemIsEditable
    assert not model.setData(empty, "fulfilled", Qt.ItemDataRole.EditRole)


def test_filters_overdue_and_campaign(page: CommitmentsPage, demo: Engine) -> None:
    assert page.list_model.total() == 15  # with the four of the Korea resolution
    page.filters.overdue.setChecked(True)
    rows = [page.list_model.row_at(r) for r in range(page.list_model.rowCount())]
    assert rows and all(row.overdue for row in rows)
    assert page.count_label.text() == f"{len(rows)} commitments"
    page.filters.overdue.setChecked(False)
    page.filters.select_campaign(campaign_id(demo, MANGYSTAU))
    assert page.list_model.total() == 4


def test_large_table_is_fetched_page_by_page(qtbot: QtBot, engine: Engine) -> None:
    with store.transaction(engine) as session:
        load_demo(session)
        org = session.scalar(select(func.min(Organisation.id)))
        rows = [{"campaign_id": 1, "organisation_id": org, "what": f"Pledge {n}"}
                for n in range(PAGE * 2 + 10)]  # fmt: skip
        session.execute(insert(Commitment), rows)
    widget = CommitmentsPage(engine)
    qtbot.addWidget(widget)
    built(qtbot, widget)
    model = widget.list_model
    assert model.total() == PAGE * 2 + 25  # the 15 of the sample data and these
    assert model.rowCount() == PAGE and model.canFetchMore(widget.list_model.index(-1, -1))
    model.fetchMore(widget.list_model.index(-1, -1))
    assert model.rowCount() == PAGE * 2
    header = widget.table.view.horizontalHeader()
    header.setSortIndicator(2, Qt.SortOrder.DescendingOrder)  # "What was promised", Z to A
    qtbot.waitUntil(widget.table.settled, timeout=5_000)  # read off the GUI thread
    assert model.rowCount() == PAGE  # sorted in the database: back to the first page
    first = widget.table.proxy.index(0, 2).data()
    assert first == "Write to the Korean embassy in London"  # the last of all, not of a page


def test_the_filter_box_asks_the_database_for_one_page_of_matches(
    qtbot: QtBot, engine: Engine
) -> None:
    """Typing in the filter box reads, off the GUI thread once the typing pauses, the first
    page of the commitments holding the text in a column shown (affiliate, campaign, what,
    action) — never every row; a cleared box shows the first page of all again at once."""
    with store.transaction(engine, write=True) as session:
        load_demo(session)
        org = session.scalar(select(func.min(Organisation.id)))
        rows = [{"campaign_id": 1, "organisation_id": org,
                 "what": f"Picket {n}" if n % 10 == 0 else f"Pledge {n}"}
                for n in range(PAGE * 3)]  # fmt: skip
        session.execute(insert(Commitment), rows)
    widget = CommitmentsPage(engine)
    qtbot.addWidget(widget)
    built(qtbot, widget)
    model = widget.list_model
    assert (model.rowCount(), model.fetched) == (PAGE, PAGE)  # a page of 3,015
    fetched = model.fetched
    asked: list[dict[str, Any]] = []
    real = page_module.service.list_commitments

    def listing(*args: Any, **given: Any) -> list[Any]:
        asked.append(given)
        return real(*args, **given)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(page_module.service, "list_commitments", listing)
        for typed in ("pi", "pic", "picket"):  # typed quickly: one read, after the pause
            widget.table.filter_edit.setText(typed)
        assert asked == []
        qtbot.waitUntil(lambda: bool(asked) and widget.table.settled(), timeout=5_000)
    assert [(a["text"], a["offset"], a["limit"]) for a in asked] == [("picket", 0, PAGE)]
    shown = {model.row_at(r).what for r in range(model.rowCount())}
    assert len(shown) == PAGE * 3 // 10 < PAGE and all(w.startswith("Picket") for w in shown)
    assert model.fetched - fetched == PAGE * 3 // 10  # the matches only
    assert not model.canFetchMore(widget.list_model.index(-1, -1))  # a short page: the end
    assert "picket" in widget.count_label.text()
    widget.table.filter_edit.clear()
    assert model.rowCount() == PAGE
    assert widget.count_label.text() == f"{PAGE * 3 + 15} commitments"


def test_form_shows_the_error_at_the_field_and_keeps_the_text(
    qtbot: QtBot, demo: Engine, messages: list[str]
) -> None:
    form = CommitmentForm(demo, campaign_id=campaign_id(demo, MANGYSTAU))
    qtbot.addWidget(form)
    pick(form.organisation, 0)
    form.url.setText("example.org")
    form.what.setPlainText("Send a message")
    form.submit()
    assert "https://" in form.error_text("evidence_url")
    assert form.what.toPlainText() == "Send a message"
    form.url.setText("https://example.org")
    form.submit()
    assert form.result_value is not None and form.result_value.what == "Send a message"


def test_affiliate_tab_lists_everything_it_promised(qtbot: QtBot, demo: Engine) -> None:
    tab = AffiliateCommitmentsTab(demo)
    qtbot.addWidget(tab)
    with store.transaction(demo) as session:
        unite = session.scalar(
            select(Organisation.id).where(Organisation.name == "Unite the Union")
        )
    tab.show_record(unite)
    assert tab.table.model.rowCount() == 2
    assert tab.summary.text().startswith("2 promised")
    tab.show_record(None)
    assert tab.table.model.rowCount() == 0


def test_report_buttons_write_pdf_and_csv(
    page: CommitmentsPage, demo: Engine, tmp_path: Path, messages: list[str]
) -> None:
    assert not page.write_report(str(tmp_path / "none.pdf"))  # no campaign chosen
    page.filters.select_campaign(campaign_id(demo, MANGYSTAU))
    assert page.write_report(str(tmp_path / "r.pdf"))
    assert page.write_report(str(tmp_path / "r.csv"))
    assert (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF")
    assert "Send observers" in (tmp_path / "r.csv").read_text(encoding="utf-8-sig")


def org_count(engine: Engine) -> int:
    with store.transaction(engine) as session:
        return session.scalar(select(func.count(Organisation.id))) or 0


def test_import_dialog_previews_bad_rows_and_imports_only_when_allowed(
    qtbot: QtBot, engine: Engine, messages: list[str]
) -> None:
    dialog = AffiliateImportDialog(engine)
    qtbot.addWidget(dialog)
    dialog.load_file(str(DATA / "bad_rows.csv"))
    qtbot.waitUntil(dialog.settled, timeout=5000)  # read and checked off the GUI thread
    problems = [dialog.model.index(r, 1).data() for r in range(dialog.model.rowCount())]
    assert problems == [
        "OK", "Name is required.",
        "Country 'ZZ' is not an ISO 3166 country code (e.g. KR, KZ, CH).",
        "OK", "'not-an-email' is not an email address.",
    ]  # fmt: skip
    assert dialog.message.text() == "2 rows are ready to import; 3 have problems."
    assert not dialog.import_button.isEnabled()
    dialog.only_bad.setChecked(True)
    assert dialog.model.rowCount() == 3
    dialog.skip_bad.setChecked(True)
    assert dialog.import_button.isEnabled()
    assert org_count(engine) == 0  # nothing written before the user accepts
    dialog.import_now()
    qtbot.waitUntil(lambda: dialog.result_value is not None, timeout=5000)
    assert org_count(engine) == 2
    assert messages == ["2 organisations imported."]


def test_import_dialog_refuses_a_file_without_names_until_mapped(
    qtbot: QtBot, engine: Engine, messages: list[str]
) -> None:
    dialog = AffiliateImportDialog(engine)
    qtbot.addWidget(dialog)
    dialog.load_file(str(DATA / "no_name_column.csv"))
    qtbot.waitUntil(dialog.settled, timeout=5000)
    assert "no column of organisation names" in dialog.message.text()
    assert not dialog.import_button.isEnabled()
    name = dialog.combos["name"]
    name.setCurrentIndex(name.findData(1))  # the user says: the email column holds the names
    qtbot.waitUntil(dialog.settled, timeout=5000)
    assert dialog.message.text() == "1 row is ready to import; 0 have problems."
    assert dialog.import_button.isEnabled()


def test_import_dialog_refuses_a_file_that_is_not_csv(
    qtbot: QtBot, engine: Engine, tmp_path: Path
) -> None:
    path = tmp_path / "photo.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    dialog = AffiliateImportDialog(engine)
    qtbot.addWidget(dialog)
    dialog.load_file(str(path))
    qtbot.waitUntil(dialog.settled, timeout=5000)
    assert "is not a CSV file" in dialog.message.text()
    assert dialog.model.rowCount() == 0 and not dialog.import_button.isEnabled()


def test_large_file_is_checked_in_the_background(
    qtbot: QtBot, engine: Engine, tmp_path: Path, messages: list[str]
) -> None:
    path = tmp_path / "many.csv"
    lines = ["name;country"] + [f"Union {n};KR" for n in range(2500)] + [";KR"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    dialog = AffiliateImportDialog(engine)
    qtbot.addWidget(dialog)
    dialog.load_file(str(path))
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=10000)
    assert dialog.message.text() == "2500 rows are ready to import; 1 has problems."
    assert dialog.model.rowCount() == 2501


def test_evidence_file_is_kept_and_can_be_saved_back(
    qtbot: QtBot, demo: Engine, tmp_path: Path, messages: list[str]
) -> None:
    photo = tmp_path / "banner.jpg"
    photo.write_bytes(b"\xff\xd8\xff our banner")
    with store.transaction(demo) as session:
        view = list_commitments(session, CommitmentFilter(overdue=True))[0]
    form = CommitmentForm(demo, existing=view)
    qtbot.addWidget(form)
    form.status.setCurrentIndex(form.status.findData("fulfilled"))
    form.file.set_path(str(photo))
    form.submit()
    saved = form.result_value
    assert saved.evidence_file_name == "banner.jpg" and saved.fulfilled_on == date.today()
    again = CommitmentForm(demo, existing=saved)
    qtbot.addWidget(again)
    assert not again.file.save_copy.isHidden()
    again.file.write_copy(str(tmp_path / "copy.jpg"))
    assert (tmp_path / "copy.jpg").read_bytes() == photo.read_bytes()


def test_empty_matrix_cell_offers_a_new_pledge_for_that_affiliate_and_action(
    page: CommitmentsPage, demo: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[CommitmentForm] = []

    def fake_exec(form: CommitmentForm) -> int:
        opened.append(form)
        return 0

    monkeypatch.setattr(CommitmentForm, "exec", fake_exec)
    page.filters.select_campaign(campaign_id(demo, MANGYSTAU))
    model = page.matrix_model
    row, column = next(
        (r, c)
        for r in range(model.rowCount())
        for c in range(model.columnCount())
        if not model.cell(r, c)
    )
    page._matrix_double_clicked(model.index(row, column))
    matrix = model.matrix()
    assert matrix is not None and len(opened) == 1
    assert opened[0].organisation.value() == matrix.affiliates[row][0]
    assert opened[0].action.currentData() == matrix.actions[column].id
    assert opened[0].campaign.currentData() == matrix.campaign_id


def test_matrix_model_reports_a_refused_change_and_keeps_the_cell(
    qtbot: QtBot, demo: Engine
) -> None:
    """Without a view: an edit made elsewhere meanwhile is refused, said, and nothing changes."""

    def refuse(_view: Any, _status: CommitmentStatus) -> Any:
        raise ConflictError("changed elsewhere")

    model = CommitmentMatrixModel(refuse)
    with store.transaction(demo) as session:
        model.set_matrix(campaign_matrix(session, campaign_id(demo, MANGYSTAU)))
    index = next(
        model.index(r, c)
        for r in range(model.rowCount())
        for c in range(model.columnCount())
        if model.cell(r, c)
    )
    before = index.data()
    with qtbot.waitSignal(model.failed) as failed:
        assert not model.setData(index, "withdrawn", Qt.ItemDataRole.EditRole)
    assert failed.args == ["changed elsewhere"]
    assert index.data() == before


def test_an_empty_database_says_how_to_record_the_first_pledge(
    qtbot: QtBot, engine: Engine
) -> None:
    page = CommitmentsPage(engine)
    qtbot.addWidget(page)
    built(qtbot, page)
    page.refresh()
    assert "New commitment" in page.count_label.text()


def test_matrix_rows_show_affiliates_without_a_pledge_and_names_whole(
    page: CommitmentsPage, demo: Engine
) -> None:
    """Every affiliate of the lead is a row (empty when it has not pledged); a long name wraps
    in the row header, which is as wide as its longest line, and the tooltip is the whole name."""
    with store.transaction(demo) as session:
        campaign = session.get(Campaign, campaign_id(demo, MANGYSTAU))
        assert campaign is not None and campaign.lead_id is not None
        long_name = "Confederation of Independent Trade Unions of the Oil and Gas Industry"
        session.add(Organisation(name=long_name, country="KZ", affiliate_of_id=campaign.lead_id))
    page.filters.select_campaign(campaign_id(demo, MANGYSTAU))
    model = page.matrix_model
    names = [model.headerData(r, Qt.Orientation.Vertical, TIP) for r in range(model.rowCount())]
    row = names.index(long_name)
    assert not any(model.cell(row, c) for c in range(model.columnCount()))
    shown = model.headerData(row, Qt.Orientation.Vertical)
    assert shown.replace("\n", " ") == long_name and "\n" in shown
    header = page.matrix_view.verticalHeader()
    widest = max(header.fontMetrics().horizontalAdvance(line) for line in shown.splitlines())
    assert header.width() >= widest


def test_the_affiliate_choices_are_read_when_their_list_opens(
    page: CommitmentsPage, demo: Engine
) -> None:
    """Tens of thousands of affiliates are not read at each refresh: only when the list opens;
    the one chosen stays chosen through a refresh."""
    combo = page.filters.affiliate
    assert combo.count() == 1  # "All affiliates"
    combo.showPopup()
    combo.hidePopup()
    with store.transaction(demo) as session:
        pledged = session.scalars(select(Commitment.organisation_id).distinct()).all()
    assert combo.count() == 1 + len({key for key in pledged if key is not None})
    combo.setCurrentIndex(1)
    chosen = combo.currentData()
    assert {
        page.list_model.row_at(r).organisation_id for r in range(page.list_model.rowCount())
    } == {chosen}
    page.refresh()
    assert combo.currentData() == chosen
