"""Deleting an action after asking, the same from its form and from the calendar: to the trash,
as a step on the calendar's undo stack when there is one."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWidget
from sqlalchemy import Engine

from organiser.services.actions import ActionView, delete_action
from organiser.ui.dialogs.messages import confirm, show_error
from organiser.ui.undo import DeleteToTrash, page_stack, take_step


def ask_and_delete(
    parent: QWidget, engine: Engine, action: ActionView, stack: QUndoStack | None = None
) -> bool:
    """Whether the action was deleted: the user is told what goes with it, and may say no."""
    title = QCoreApplication.translate("ActionDelete", "Delete action")
    question = QCoreApplication.translate(
        "ActionDelete",
        "Move the action “%1” to the trash? Commitments tied to it are kept.",
    )
    if not confirm(parent, title, question.replace("%1", action.title)):
        return False
    noun = QCoreApplication.translate("ActionDelete", "action")

    def after(problems: list[str]) -> None:
        if problems:
            show_error(parent, title, "\n".join(problems))

    command = DeleteToTrash(
        engine, noun, action.title, lambda session: delete_action(session, action.id), after
    )
    take_step(command, stack if stack is not None else page_stack(parent))
    return command.entry_id is not None
