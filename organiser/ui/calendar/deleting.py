"""Deleting an action after asking, the same from its form and from the calendar."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget
from sqlalchemy import Engine

from organiser import store
from organiser.errors import OrganiserError
from organiser.services.actions import ActionView, delete_action
from organiser.ui.dialogs.messages import confirm, show_error


def ask_and_delete(parent: QWidget, engine: Engine, action: ActionView) -> bool:
    """Whether the action was deleted: the user is told what goes with it, and may say no."""
    title = QCoreApplication.translate("ActionDelete", "Delete action")
    question = QCoreApplication.translate(
        "ActionDelete", "Delete the action “%1”? Commitments tied to it are kept."
    )
    if not confirm(parent, title, question.replace("%1", action.title)):
        return False
    try:
        with store.transaction(engine) as session:
            delete_action(session, action.id)
    except OrganiserError as error:
        show_error(parent, title, str(error))
        return False
    return True
