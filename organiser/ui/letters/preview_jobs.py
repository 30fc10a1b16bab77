"""The letter editors' live previews, rendered off the GUI thread one at a time."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

import shiboken6
from PySide6.QtWidgets import QWidget
from sqlalchemy import Engine

from organiser.ui.workers import Progress, run_in_background

Work = Callable[[Progress], bytes]


class Previewed(Protocol):
    """An editor that asked for a preview: told the PDF, or why there is none."""

    def show_preview(self, asked: int, pdf: bytes | None, problem: str = "") -> None: ...


class PreviewCourier:
    """One preview renders at a time for the whole window: typing fast, or opening and closing
    editors quickly, never piles up threads rendering pages nobody will see. Each editor's
    newest request waits its turn, replacing its older one; an editor gone meanwhile is passed
    over."""

    def __init__(self) -> None:
        self._waiting: dict[int, tuple[Previewed, int, Work, Engine]] = {}
        self._busy = False
        self._holder: QWidget | None = None

    def ask(self, editor: Previewed, asked: int, work: Work, database: Engine) -> None:
        """Render `work` (which holds no widget and only reads `database`) for `editor`;
        `asked` numbers the request."""
        self._waiting[id(editor)] = (editor, asked, work, database)
        self._next()

    def forget(self, editor: Previewed) -> None:
        """The editor closed: its waiting request is dropped."""
        self._waiting.pop(id(editor), None)

    def _parent(self) -> QWidget:
        # The jobs' parent outlives every editor, so a job's end is always heard and the next
        # request starts even when the editor that asked was closed meanwhile.
        if self._holder is None or not shiboken6.isValid(self._holder):
            self._holder = QWidget()
        return self._holder

    def _next(self) -> None:
        if self._busy:
            return
        while self._waiting:
            editor, asked, work, database = self._waiting.pop(next(iter(self._waiting)))
            if shiboken6.isValid(editor):
                break
        else:
            return
        self._busy = True

        def done(pdf: bytes | None, problem: str = "") -> None:
            self._busy = False
            if shiboken6.isValid(editor):
                editor.show_preview(asked, pdf, problem)
            self._next()

        run_in_background(
            self._parent(),
            "Letter preview",
            work,
            done,
            lambda error: done(None, str(error)),
            show_progress=False,
            database=database,
            reads_only=True,
        )


PREVIEWS = PreviewCourier()
