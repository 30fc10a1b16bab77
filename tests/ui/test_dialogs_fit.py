"""Every dialog fits a 1366×768 screen, and a 1024×600 one, with its Save (or Import) button
in sight, outside the scrolling fields; and the fitting itself, on the screen of this process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialogButtonBox, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from organiser.ui.dialogs import fit
from organiser.ui.dialogs.form import RecordForm

ROOT = Path(__file__).parent.parent.parent
SCREENS = [(1366, 768), (1024, 600)]  # the common laptop, and a netbook


@pytest.fixture(scope="module", params=SCREENS, ids=lambda size: "{}x{}".format(*size))
def measured(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> list[dict[str, Any]]:
    """The probe's findings, from a process whose only screen has the size under test."""
    width, height = request.param
    folder = tmp_path_factory.mktemp("probe")
    screens = {"screens": [{"name": "laptop", "x": 0, "y": 0, "width": width, "height": height,
                            "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}  # fmt: skip
    config = folder / "screen.json"
    config.write_text(json.dumps(screens), encoding="utf-8")
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}"}
    done = subprocess.run(
        [sys.executable, "-m", "tests.ui.dialog_probe", str(folder / "demo.sqlite3")],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600, check=True,
    )  # fmt: skip
    return [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]


def dialogs(measured: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [found for found in measured if "dialog" in found]


def test_every_dialog_class_is_probed(measured: list[dict[str, Any]]) -> None:
    """A new dialog in organiser/ui needs its line in the probe, so that it is measured too."""
    assert [m["dialog"] for m in dialogs(measured) if m.get("missing")] == []
    assert len(dialogs(measured)) >= 12


def test_every_dialog_fits_the_screen_with_save_in_sight(measured: list[dict[str, Any]]) -> None:
    for found in dialogs(measured):
        name, (_x, _y, width, height) = found["dialog"], found["frame"]
        assert found["screen"] in [list(size) for size in SCREENS], name
        assert width <= found["screen"][0] and height <= found["screen"][1], name
        assert found["on_screen"], name
        assert found["button_visible"] and not found["button_scrolls"], name


def test_the_main_window_opens_within_the_screen_even_after_a_larger_one(
    measured: list[dict[str, Any]],
) -> None:
    """The first start fits the laptop; the layout the 1366×768 run remembered (the probes share
    their settings) is brought within the 1024×600 screen instead of hanging off it."""
    (window,) = [found for found in measured if "main_window" in found]
    width, height = window["main_window"]
    assert window["on_screen"] and width <= window["free"][0] and height <= window["free"][1]


class TallForm(RecordForm):
    """Forty one-line fields: taller than any screen here."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Tall", parent)
        for number in range(40):
            self.add_field(f"f{number}", f"Field {number}", QLineEdit(self))


def test_on_a_laptop_the_letter_preview_shows_the_whole_page_width(
    measured: list[dict[str, Any]],
) -> None:
    editor = next(found for found in dialogs(measured) if found["dialog"] == "LetterEditor")
    if editor["screen"][0] >= 1366:
        assert editor["page_whole"]


def test_a_form_taller_than_the_screen_scrolls_inside_and_keeps_save(qtbot: QtBot) -> None:
    form = TallForm()
    qtbot.addWidget(form)
    form.show()
    free = fit.free_area(form)
    assert form.height() <= free.height() - fit.FRAME_ALLOWANCE.height()
    assert free.contains(form.frameGeometry())
    assert form.fields_area.verticalScrollBar().maximum() > 0
    save = form.buttons.button(QDialogButtonBox.StandardButton.Save)
    assert save.isVisible() and not form.fields_area.isAncestorOf(save)
    assert form.rect().contains(save.geometry().translated(form.buttons.pos()))


def test_a_short_form_opens_whole_without_scrolling(qtbot: QtBot) -> None:
    form = RecordForm("Short")
    form.add_field("name", "Name", QLineEdit(form))
    qtbot.addWidget(form)
    form.show()
    assert form.fields_area.verticalScrollBar().maximum() == 0


def test_finding_the_free_area_ties_the_screen_to_no_widget(qtbot: QtBot) -> None:
    """The binding makes an object a widget's method returns a child of the widget's wrapper;
    a screen made a form's child this way was freed with the form by the garbage collector and
    the next dialog to close read freed memory. The screen must stay nobody's child."""
    form = RecordForm("Short")
    field = QLineEdit(form)
    form.add_field("name", "Name", field)
    qtbot.addWidget(form)
    form.show()
    for widget in (form, field):
        assert fit.free_area(widget).height() > 0
    screen = QGuiApplication.primaryScreen()
    assert "parent...." not in shiboken6.dump(screen)
