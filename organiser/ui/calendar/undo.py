"""Moving an action to another day as an undoable command on the page's QUndoStack."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from organiser.services.actions import move_action
from organiser.ui.undo import Report, ServiceCommand


class MoveAction(ServiceCommand):
    """Move action `action_id` (as it was at `version`) from starting on `old` to starting on
    `new`; undo moves it back. Each step carries the version the last one left, so a move over
    an edit made elsewhere meanwhile is refused, not written over it."""

    def __init__(
        self,
        engine: Engine,
        action: tuple[int, int, str],
        old: date,
        new: date,
        after: Report,
    ) -> None:
        self.action_id, self.version, title = action
        text = QCoreApplication.translate("Undo", "Move “%1” to %2")
        super().__init__(engine, text.replace("%1", title).replace("%2", new.isoformat()), after)
        self.old, self.new = old, new

    def _move(self, session: Session, day: date) -> list[str]:
        saved = move_action(session, self.action_id, day, self.version)
        self.version = saved.action.version
        return list(saved.warnings)

    def forward(self, session: Session) -> list[str]:
        return self._move(session, self.new)

    def backward(self, session: Session) -> list[str]:
        return self._move(session, self.old)
