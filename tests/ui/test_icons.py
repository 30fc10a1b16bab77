"""Every icon the program asks for by meaning exists among the bundled SVG icons."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon
from pytestqt.qtbot import QtBot

from organiser.ui.icons import ICONS, icon


@pytest.mark.parametrize("name", sorted(ICONS))
def test_each_named_icon_draws(qtbot: QtBot, name: str) -> None:
    pixmap = icon(name).pixmap(24, 24)
    assert not pixmap.isNull()
    image = pixmap.toImage()
    assert any(image.pixelColor(x, y).alpha() for x in range(24) for y in range(24))


def test_an_unknown_name_gives_an_empty_icon_rather_than_failing(qtbot: QtBot) -> None:
    assert icon("no-such-thing").isNull()


def test_an_icon_is_drawn_at_the_screens_resolution_and_greyed_when_disabled(qtbot: QtBot) -> None:
    sharp = icon("reminder").pixmap(QSize(24, 24), 2.0)
    assert (sharp.width(), sharp.devicePixelRatio()) == (48, 2.0)
    normal = icon("reminder").pixmap(24, 24).toImage()
    disabled = icon("reminder").pixmap(24, 24, QIcon.Mode.Disabled).toImage()
    drawn = [(x, y) for x in range(24) for y in range(24) if normal.pixelColor(x, y).alpha()]
    assert drawn and any(normal.pixelColor(*p) != disabled.pixelColor(*p) for p in drawn)
