"""Every icon the program asks for by meaning exists in the icon font."""

from __future__ import annotations

import pytest
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
