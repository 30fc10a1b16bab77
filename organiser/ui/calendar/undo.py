"""Moving an action to another day as an undoable command on the page's QUndoStack."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtGui import QUndoCommand
from sqlalchemy import Engine

from organiser import store
from organiser.errors import OrganiserError
from organiser.services.actions import move_action


class MoveAction(QUndoCommand):
    """Move action `action_id` from starting on `old` to starting on `new`; undo moves it back."""

    def __init__(
        self,
        engine: Engine,
        action_id: int,
        title: str,
        old: date,
        new: date,
        after: Callable[[list[str]], None],
    ) -> None:
        super().__init__(f"Move “{title}” to {new.isoformat()}")
        self.engine, self.action_id, self.old, self.new = engine, action_id, old, new
        self.after = after

    def _move(self, day: date) -> None:
        try:
            with store.transaction(self.engine) as session:
                saved = move_action(session, self.action_id, day)
        except OrganiserError as error:  # e.g. deleted meanwhile: say so, do not crash the stack
            self.after([str(error)])
            return
        self.after(list(saved.warnings))

    def redo(self) -> None:
        self._move(self.new)

    def undo(self) -> None:
        self._move(self.old)
