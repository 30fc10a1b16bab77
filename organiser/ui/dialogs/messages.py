"""Message boxes in one place, so tests can patch them and wording stays consistent."""

from __future__ import annotations

from collections.abc import Sequence
from enum import Enum

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget


def _box(
    icon: QMessageBox.Icon,
    parent: QWidget | None,
    title: str,
    message: str,
    buttons: QMessageBox.StandardButton = QMessageBox.StandardButton.Ok,
) -> QMessageBox:
    """A message box whose text is shown as typed: a name or a file's content that looks like
    markup (“<b>”, “<img src=…>”) is never turned into rich text."""
    from PySide6.QtCore import Qt  # when a box is shown: not by the window's first frame

    box = QMessageBox(icon, title, message, buttons, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    return box


def show_error(parent: QWidget | None, title: str, message: str) -> None:
    _box(QMessageBox.Icon.Warning, parent, title, message).exec()


def show_info(parent: QWidget | None, title: str, message: str) -> None:
    _box(QMessageBox.Icon.Information, parent, title, message).exec()


def show_notice(parent: QWidget | None, title: str, message: str) -> QMessageBox:
    """Something to know that asks nothing: shown beside the window, which stays usable."""
    from PySide6.QtCore import Qt

    box = _box(QMessageBox.Icon.Warning, parent, title, message)
    box.setWindowModality(Qt.WindowModality.NonModal)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.show()
    return box


def confirm(parent: QWidget | None, title: str, message: str, action: str | None = None) -> bool:
    """Ask before destroying data; the safe answer is the default."""
    box = _box(QMessageBox.Icon.Warning, parent, title, message, QMessageBox.StandardButton.Cancel)
    label = action or QCoreApplication.translate("messages", "Delete")
    destroy = box.addButton(label, QMessageBox.ButtonRole.DestructiveRole)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return box.clickedButton() is destroy


def sentences(*parts: str) -> str:
    """One message from its sentences, leaving out the empty ones."""
    return " ".join(part for part in parts if part)


def letters_kept_text(first: Sequence[tuple[str, str]], total: int) -> str:
    """What a delete question adds when letters approved or sent name the record (the first
    few as (subject, our reference)): they are not changed by the deletion."""
    if total == 0:
        return ""
    named = ", ".join(f"“{subject}” ({ref})" if ref else f"“{subject}”" for subject, ref in first)
    if total > len(first):
        named = QCoreApplication.translate("messages", "%s and %d more") % (
            named,
            total - len(first),
        )
    return (
        QCoreApplication.translate(
            "messages", "The letters approved or sent that name it keep their copy as it was: %s."
        )
        % named
    )


class Answer(Enum):
    """What to do with a form's unsaved changes."""

    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"


def _tr(text: str) -> str:
    return QCoreApplication.translate("messages", text)


def ask_discard_changes(parent: QWidget | None, title: str) -> Answer:
    """Closing a form with changes: Save (the default), Discard, or Cancel to go back to it."""
    buttons = QMessageBox.StandardButton
    box = QMessageBox(
        QMessageBox.Icon.Question,
        title,
        _tr("Discard changes?"),
        buttons.Save | buttons.Discard | buttons.Cancel,
        parent,
    )
    box.setInformativeText(_tr("What you typed in this form has not been saved yet."))
    box.setDefaultButton(buttons.Save)
    box.exec()
    clicked = box.standardButton(box.clickedButton())
    return {buttons.Save: Answer.SAVE, buttons.Discard: Answer.DISCARD}.get(clicked, Answer.CANCEL)


def ask_restore_as_new(parent: QWidget | None, title: str, message: str) -> bool | None:
    """A draft whose record was deleted meanwhile: True to restore it as a new record, False
    to discard it, None (Esc) to decide at the next start."""
    box = QMessageBox(
        QMessageBox.Icon.Question, title, message, QMessageBox.StandardButton.NoButton, parent
    )
    restore = box.addButton(_tr("Restore as new"), QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton(QMessageBox.StandardButton.Discard)
    later = box.addButton(_tr("Later"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(restore)
    box.setEscapeButton(later)
    box.exec()
    clicked = box.clickedButton()
    return True if clicked is restore else False if clicked is discard else None
