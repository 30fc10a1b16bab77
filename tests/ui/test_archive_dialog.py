"""File › Import archive…: the plan is shown first, and the import happens only on Import."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine, func, select

from organiser import store
from organiser.formats.archive import read_archive
from organiser.models import Campaign
from organiser.services.archive import export_archive, import_archive
from organiser.services.campaigns import list_campaigns
from organiser.ui.archive import file_actions
from organiser.ui.archive.plan_dialog import ArchivePlanDialog
from organiser.ui.main_window import MainWindow
from tests.archive_world import make_campaign_world


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    source = store.open_database(str(tmp_path / "source.sqlite3"))
    make_campaign_world(source, "one")
    path = tmp_path / "one.organiser.zip"
    export_archive(source, path)
    with store.transaction(source) as session:
        campaign = session.scalars(select(Campaign)).one()
        campaign.title = "Campaign one, renamed"
    export_archive(source, tmp_path / "renamed.organiser.zip")
    source.dispose()
    return path


def _campaigns(engine: Engine) -> int:
    with store.transaction(engine) as session:
        return int(session.scalar(select(func.count(Campaign.id))) or 0)


def test_the_plan_dialog_lists_added_changed_and_conflicts(
    qtbot: QtBot, engine: Engine, archive: Path
) -> None:
    import_archive(engine, archive)
    with store.transaction(engine) as session:  # edited here too: a conflict
        session.scalars(select(Campaign)).one().title = "Campaign one, here"
    plan = import_archive(engine, archive.with_name("renamed.organiser.zip"), dry_run=True)
    dialog = ArchivePlanDialog(plan)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.lists["add"].count() == 0 and dialog.lists["change"].count() == 0
    assert dialog.lists["conflict"].count() == 1
    assert "Campaign one, renamed" in dialog.lists["conflict"].item(0).text()
    assert "kept as here" in dialog.lists["conflict"].item(0).text()
    assert "1 in conflict" in dialog.summary.text()
    assert not dialog.import_button.isEnabled()  # nothing it would write


def _choose(monkeypatch: pytest.MonkeyPatch, path: Path) -> list[str]:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    said: list[str] = []
    monkeypatch.setattr(file_actions, "show_info", lambda _p, _t, text: said.append(text))
    monkeypatch.setattr(file_actions, "show_error", lambda _p, _t, text: said.append(text))
    return said


@pytest.mark.parametrize("answer", [QDialog.DialogCode.Accepted, QDialog.DialogCode.Rejected])
def test_the_window_imports_only_when_the_plan_is_accepted(
    qtbot: QtBot,
    window: MainWindow,
    engine: Engine,
    archive: Path,
    monkeypatch: pytest.MonkeyPatch,
    answer: QDialog.DialogCode,
) -> None:
    said = _choose(monkeypatch, archive)
    shown: list[ArchivePlanDialog] = []

    def fake_exec(dialog: Any) -> int:
        shown.append(dialog)
        return int(answer.value)

    monkeypatch.setattr(ArchivePlanDialog, "exec", fake_exec)
    window.menus.import_archive_action.trigger()
    qtbot.waitUntil(lambda: bool(shown), timeout=10_000)
    assert shown[0].lists["add"].count() == 13
    if answer == QDialog.DialogCode.Accepted:
        qtbot.waitUntil(lambda: bool(said), timeout=10_000)
        assert said == ["Imported: 13 added, 0 changed, 0 in conflict kept as here."]
        assert _campaigns(engine) == 1
    else:
        qtbot.wait(200)
        assert said == [] and _campaigns(engine) == 0


def test_a_foreign_file_is_refused_in_a_message(
    qtbot: QtBot,
    window: MainWindow,
    engine: Engine,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    bad = tmp_path / "notes.zip"
    bad.write_bytes(b"just text")
    said = _choose(monkeypatch, bad)
    window.menus.import_archive_action.trigger()
    qtbot.waitUntil(lambda: bool(said), timeout=10_000)
    assert "notes.zip cannot be imported" in said[0]
    assert _campaigns(engine) == 0


def test_export_writes_the_archive_the_user_chose(
    qtbot: QtBot,
    window: MainWindow,
    engine: Engine,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    make_campaign_world(engine, "one")
    target = tmp_path / "out.organiser.zip"
    monkeypatch.setattr(QInputDialog, "getItem", lambda _p, _t, _l, items, *a: (items[0], True))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    said: list[str] = []
    monkeypatch.setattr(file_actions, "show_info", lambda _p, _t, text: said.append(text))
    window.menus.export_archive_action.trigger()
    qtbot.waitUntil(lambda: bool(said), timeout=10_000)
    assert said == [f"13 records written to {target}"] and target.exists()


def test_the_window_exports_one_campaign_with_its_world_when_chosen(
    qtbot: QtBot,
    window: MainWindow,
    engine: Engine,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    make_campaign_world(engine, "one")
    make_campaign_world(engine, "two")
    with store.transaction(engine) as session:
        titles = [c.title for c in list_campaigns(session)]
    asked: list[list[str]] = []

    def pick_second(
        _parent: object, _title: str, _label: str, items: list[str], *_: object
    ) -> tuple[str, bool]:
        asked.append(list(items))
        return items[2], True

    monkeypatch.setattr(QInputDialog, "getItem", pick_second)
    target = tmp_path / "two.organiser.zip"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    said: list[str] = []
    monkeypatch.setattr(file_actions, "show_info", lambda _p, _t, text: said.append(text))
    window.menus.export_archive_action.trigger()
    qtbot.waitUntil(lambda: bool(said), timeout=10_000)
    assert asked == [["Everything in this database", *titles]]
    kept = read_archive(target)
    assert [r["title"] for r in kept.records["campaigns"].values()] == [titles[1]]


def test_cancelling_the_choice_writes_no_archive(
    window: MainWindow, engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_campaign_world(engine, "one")
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: ("", False))
    asked: list[object] = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: asked.append(a) or ("", ""))
    window.menus.export_archive_action.trigger()
    assert asked == [] and list(tmp_path.glob("*.zip")) == []
