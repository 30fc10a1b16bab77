"""Undoable changes on a page's QUndoStack: each step is one unit of work through a service,
and a step that fails (the record changed or went meanwhile) is said, not raised."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QWidget
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from organiser import store
from organiser.errors import OrganiserError
from organiser.services import trash
from organiser.services.editing import fields_from
from organiser.services.trash import TrashView

Report = Callable[[list[str]], None]  # after each step: the warnings or the error to show


class ServiceCommand(QUndoCommand):
    """Subclasses implement `forward` and `backward`, each run in its own transaction and
    returning warnings; `after` hears them (or the error) once the step is done."""

    def __init__(self, engine: Engine, text: str, after: Report) -> None:
        super().__init__(text)
        self.engine, self.after = engine, after

    def forward(self, session: Session) -> list[str]:
        raise NotImplementedError

    def backward(self, session: Session) -> list[str]:
        raise NotImplementedError

    def _run(self, step: Callable[[Session], list[str]]) -> None:
        try:
            with store.transaction(self.engine, write=True) as session:
                warnings = step(session)
        except OrganiserError as error:  # e.g. deleted meanwhile: say so, do not crash the stack
            self.setObsolete(True)  # the stack drops a step that can no longer be taken
            self.after([str(error)])
            return
        self.after(warnings)

    def redo(self) -> None:
        self._run(self.forward)

    def undo(self) -> None:
        self._run(self.backward)


def delete_text(noun: str, label: str) -> str:
    """What Edit › Undo says after "Undo": "delete campaign ‘Free the strikers’"."""
    text = QCoreApplication.translate("Undo", "delete %1 “%2”")
    return text.replace("%1", noun).replace("%2", label)


class DeleteToTrash(ServiceCommand):
    """A delete (`remove`, one of the services' delete functions): undo restores it from the
    trash, redo deletes it again."""

    def __init__(
        self,
        engine: Engine,
        noun: str,
        label: str,
        remove: Callable[[Session], TrashView],
        after: Report,
    ) -> None:
        super().__init__(engine, delete_text(noun, label), after)
        self.remove = remove
        self.entry_id: int | None = None

    def forward(self, session: Session) -> list[str]:
        self.entry_id = self.remove(session).id
        return []

    def backward(self, session: Session) -> list[str]:
        assert self.entry_id is not None
        trash.restore(session, self.entry_id)
        return []


class RestoreEdit(ServiceCommand):
    """An edit already saved (`before` → `after_edit`, read models): undo writes the previous
    values back through the update service, checking the version the edit left, so an edit
    made elsewhere since is refused, not overwritten; redo writes the edit again."""

    def __init__(
        self,
        engine: Engine,
        text: str,
        before: Any,
        after_edit: Any,
        update: Callable[[Session, int, Any, int], Any],
        fields_class: type[Any],
        after: Report,
    ) -> None:
        super().__init__(engine, text, after)
        self.before, self.after_edit = before, after_edit
        self.update, self.fields_class = update, fields_class
        self.version: int = after_edit.version
        self.pushed = False

    def _write(self, session: Session, view: Any) -> list[str]:
        fields = fields_from(view, self.fields_class)
        self.version = self.update(session, view.id, fields, self.version).version
        return []

    def redo(self) -> None:
        if not self.pushed:  # pushed after the form saved it: nothing to do yet
            self.pushed = True
            return
        super().redo()

    def forward(self, session: Session) -> list[str]:
        return self._write(session, self.after_edit)

    def backward(self, session: Session) -> list[str]:
        return self._write(session, self.before)


def edit_text(noun: str, label: str) -> str:
    """What Edit › Undo says after "Undo": "edit campaign ‘Free the strikers’"."""
    text = QCoreApplication.translate("Undo", "edit %1 “%2”")
    return text.replace("%1", noun).replace("%2", label)


def push_edit(
    stack: QUndoStack | None,
    engine: Engine,
    noun: str,
    before: Any,
    saved: Any,
    service: tuple[type[Any], Callable[..., Any]],
    after: Report,
    label: str | None = None,
) -> None:
    """An edit a form has just saved (`before` → `saved`) becomes a step of `stack`: Edit › Undo
    writes the previous values back through `service` (its Fields class, its update function)."""
    if stack is None:
        return
    fields_class, update = service
    shown = label if label is not None else str(getattr(saved, "name", "") or saved.title)
    stack.push(
        RestoreEdit(engine, edit_text(noun, shown), before, saved, update, fields_class, after)
    )


def page_stack(widget: QWidget) -> QUndoStack | None:
    """The undo stack of the page `widget` sits in (a tab, a form opened over it), if any."""
    parent = widget.parentWidget()
    while parent is not None:
        stack = getattr(parent, "undo_stack", None)
        if isinstance(stack, QUndoStack):
            return stack
        parent = parent.parentWidget()
    return None


def take_step(command: ServiceCommand, stack: QUndoStack | None) -> None:
    """Do `command` as a step of `stack` (Edit › Undo then takes it back), or once without."""
    if stack is not None:
        stack.push(command)
    else:
        command.redo()
