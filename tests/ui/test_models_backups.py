"""The backups list's table model, over backups made and read through the services: headers,
cells, sorting by every column (sizes as sizes, not as text; the records counted as numbers)
and a backup that cannot be read."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from PySide6.QtWidgets import QApplication
from sqlalchemy import Engine

from organiser import store
from organiser.services import attachments, campaigns
from organiser.services.backups import make_backup
from organiser.services.restore import BackupSummary, describe_backups
from organiser.ui.dialogs.backups_dialog import backup_columns
from organiser.ui.table_model import RecordTableModel
from tests.ui import model_probe as probe


@pytest.fixture(autouse=True)
def _in_berlin() -> Iterator[None]:
    with probe.local_zone("Europe/Berlin"):
        yield


@pytest.fixture
def model(engine: Engine) -> RecordTableModel[BackupSummary]:
    make_backup(engine, "manual", now=datetime(2026, 3, 1, 8, 0, tzinfo=UTC))
    with store.transaction(engine) as session:
        for number in range(12):
            campaigns.create_campaign(session, campaigns.CampaignFields(title=f"Campaign {number}"))
        attachments.store_attachment(session, "scan.bin", bytes(range(256)) * 6000)  # 1.5 MB
    make_backup(engine, "before-restore", now=datetime(2026, 3, 2, 8, 0, tzinfo=UTC))
    broken = make_backup(engine, "daily", now=datetime(2026, 2, 28, 8, 0, tzinfo=UTC))
    broken.path.write_bytes(b"not a database" * 100)
    made: RecordTableModel[BackupSummary] = RecordTableModel(backup_columns())
    made.set_rows(describe_backups(engine))
    return made


def test_headers_and_cells_newest_first(model: RecordTableModel[BackupSummary]) -> None:
    assert probe.headers(model) == ["Made", "Size", "Records", "Check", "Pinned", "Reason"]
    shown = probe.rows(model)
    assert [row[0] for row in shown] == ["2026-03-02 09:00", "2026-03-01 09:00", "2026-02-28 09:00"]
    assert shown[0][1].endswith(" MB") and shown[1][1].endswith(" KB")
    assert shown[2][1] == "1 KB"
    assert [row[2:] for row in shown[:2]] == [
        ["12", "passed", "before-restore", "before-restore"],
        ["0", "passed", "", "manual"],
    ]
    assert shown[2][2] == ""  # no count for a backup that cannot be read, and why in its check
    assert shown[2][3] not in ("", "passed")
    assert shown[2][4:] == ["", "daily"]


def test_sizes_sort_as_sizes_and_records_as_numbers(model: RecordTableModel[BackupSummary]) -> None:
    sizes = probe.column(model, "Size")
    probe.sorts_both_ways(model, "Size", [sizes[2], sizes[1], sizes[0]])  # 1 KB, … KB, 1.5 MB
    probe.sorts_both_ways(model, "Records", ["", "0", "12"])
    probe.sorts_both_ways(
        model, "Made", ["2026-02-28 09:00", "2026-03-01 09:00", "2026-03-02 09:00"]
    )
    probe.sorts_both_ways(model, "Reason", ["before-restore", "daily", "manual"])
    assert probe.sorted_by(model, "Check", descending=True)[0] == "passed"
    assert probe.sorted_by(model, "Pinned", descending=True) == ["before-restore", "", ""]


def test_tooltips_give_the_texts_whole_and_nothing_is_coloured(
    model: RecordTableModel[BackupSummary],
) -> None:
    assert (
        probe.column(model, "Made", probe.TIP)
        == probe.column(model, "Records", probe.TIP)
        == [None] * 3
    )
    assert probe.column(model, "Size", probe.TIP) == probe.column(model, "Size")
    assert probe.column(model, "Check", probe.TIP) == probe.column(
        model, "Check"
    )  # why it is refused, whole
    for header in probe.headers(model):
        assert probe.colours(model, header, probe.FOREGROUND) == [None] * 3
        assert probe.colours(model, header, probe.BACKGROUND) == [None] * 3


def test_headers_are_translated(qapp: QApplication) -> None:
    probe.assert_headers_translated(lambda: RecordTableModel(backup_columns()))
