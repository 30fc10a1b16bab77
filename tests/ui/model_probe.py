"""Reading a Qt table model as a view would, without one: the header texts, each cell's text,
colour and tooltip, and the rows' order once sorted by a column through the tables' own proxy."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QCoreApplication, Qt, QTranslator
from PySide6.QtGui import QBrush

from organiser.ui.tables import sorting_proxy

DISPLAY = Qt.ItemDataRole.DisplayRole
TIP = Qt.ItemDataRole.ToolTipRole
FOREGROUND = Qt.ItemDataRole.ForegroundRole
BACKGROUND = Qt.ItemDataRole.BackgroundRole


def headers(model: QAbstractItemModel) -> list[str]:
    horizontal = Qt.Orientation.Horizontal
    return [model.headerData(c, horizontal, DISPLAY) for c in range(model.columnCount())]


def column_of(model: QAbstractItemModel, header: str) -> int:
    return headers(model).index(header)


def cell(model: QAbstractItemModel, row: int, header: str, role: int = DISPLAY) -> Any:
    return model.index(row, column_of(model, header)).data(role)


def rows(model: QAbstractItemModel, role: int = DISPLAY) -> list[list[Any]]:
    """Every cell's data for `role`, row by row in the model's order."""
    return [
        [model.index(r, c).data(role) for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


def column(model: QAbstractItemModel, header: str, role: int = DISPLAY) -> list[Any]:
    return [cell(model, r, header, role) for r in range(model.rowCount())]


def colour(model: QAbstractItemModel, row: int, header: str, role: int) -> str | None:
    """The colour of a cell's text or background as #rrggbb, None when it has none."""
    brush = cell(model, row, header, role)
    assert brush is None or isinstance(brush, QBrush)
    return brush.color().name() if brush is not None else None


def colours(model: QAbstractItemModel, header: str, role: int) -> list[str | None]:
    return [colour(model, r, header, role) for r in range(model.rowCount())]


def sorted_by(
    model: Any, header: str, descending: bool = False, show: str | None = None
) -> list[str]:
    """Column `show` (default: the sorted one) after a click on `header`, as the table sorts."""
    proxy = sorting_proxy(model)
    order = Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
    proxy.sort(column_of(model, header), order)
    return column(proxy, show or header)


def sorts_both_ways(model: Any, header: str, expected: list[str], show: str | None = None) -> None:
    """Sorted by `header` the rows read `expected` (in column `show`), and backwards descending;
    `expected` should hold no two equal keys, whose order Qt leaves as it found them."""
    assert sorted_by(model, header, show=show) == expected
    assert sorted_by(model, header, descending=True, show=show) == expected[::-1]


class Bracketing(QTranslator):
    """A translation into a language of its own: every text comes back as ‹text›."""

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        return f"‹{source}›"

    def isEmpty(self) -> bool:
        return False


@contextmanager
def bracketing() -> Iterator[None]:
    """While inside, every text passed through Qt's translation comes out in ‹brackets›."""
    app = QCoreApplication.instance()
    assert app is not None
    translator = Bracketing()
    app.installTranslator(translator)
    try:
        yield
    finally:
        app.removeTranslator(translator)


def assert_headers_translated(make_model: Any) -> None:
    """Every header of the model `make_model()` builds goes through translation."""
    with bracketing():
        translated = headers(make_model())
    assert translated, "no columns"
    assert all(h.startswith("‹") and h.endswith("›") for h in translated), translated


@contextmanager
def local_zone(zone: str) -> Iterator[None]:
    """The computer's own zone is `zone` while inside (what `datetime.astimezone()` shows in)."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = zone
    time.tzset()
    try:
        yield
    finally:
        if before is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = before
        time.tzset()


def keyed(model: QAbstractItemModel, header: str, values: list[Any]) -> dict[str, Any]:
    """`values` (one a row) keyed by each row's text in column `header`."""
    return dict(zip(column(model, header), values, strict=True))
