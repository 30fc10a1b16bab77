"""Dialogs that fit the screen they open on, and the scrolling field area that lets them."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtGui import QGuiApplication, QShowEvent
from PySide6.QtWidgets import QDialog, QFrame, QScrollArea, QWidget

# A window manager's border and title bar, which Qt does not count in a window's size and
# knows only once the window is shown: room kept for them at least.
FRAME_ALLOWANCE = QSize(16, 40)


def free_area(window: QWidget) -> QRect:
    """The free part (no task bar, no dock) of the parent's screen, else of the window's own.

    The screen is found from where the widget is (a static call), never as `widget.screen()`:
    the binding makes what a widget's method returns a child of that widget's Python object,
    and a screen tied to a form's wrapper was freed with it by the garbage collector — the next
    dialog to close then read freed memory (found by valgrind; see docs/architecture.md)."""
    anchor = window.parentWidget() or window
    middle = anchor.mapToGlobal(anchor.rect().center())
    screen = QGuiApplication.screenAt(middle) or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def fit_to_screen(window: QWidget) -> None:
    """Grow to the size the window asks for, shrink so that its frame fits the free area, and
    sit inside it: over the middle of its parent unless placed already."""
    from PySide6.QtCore import Qt  # not at import: the window's first frame does without it

    area = free_area(window)
    frame = (window.frameGeometry().size() - window.size()).expandedTo(FRAME_ALLOWANCE)
    room = area.size() - frame
    window.resize(window.size().expandedTo(window.sizeHint()).boundedTo(room))
    outer = window.size() + frame
    parent = window.parentWidget()
    if window.testAttribute(Qt.WidgetAttribute.WA_Moved):
        corner = window.pos()
    else:
        middle = parent.window().frameGeometry().center() if parent else area.center()
        corner = middle - QPoint(outer.width() // 2, outer.height() // 2)
    x = min(corner.x(), area.right() + 1 - outer.width())
    y = min(corner.y(), area.bottom() + 1 - outer.height())
    window.move(max(x, area.left()), max(y, area.top()))  # move() places the frame


class FittedDialog(QDialog):
    """A dialog that, the first time it shows, fits the free area of its parent's screen."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._fitted = False

    def showEvent(self, event: QShowEvent) -> None:
        if not self._fitted:
            self._fitted = True
            fit_to_screen(self)
        super().showEvent(event)


class FieldsArea(QScrollArea):
    """Scrolls the fields when the screen is too short for them; asks for their whole size so
    that a dialog is only as small as the screen makes it."""

    def __init__(self, fields: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setWidget(fields)
        self._fields = fields

    def _extra(self) -> QSize:
        frame = 2 * self.frameWidth()
        return QSize(frame + self.verticalScrollBar().sizeHint().width(), frame)

    def sizeHint(self) -> QSize:
        inner = self._fields.sizeHint()
        return inner + self._extra()

    def minimumSizeHint(self) -> QSize:
        # As narrow as the fields allow (no sideways scrolling), as short as a few lines.
        inner = self._fields.minimumSizeHint()
        short = super().minimumSizeHint().height()
        return QSize(inner.width() + self._extra().width(), short)
