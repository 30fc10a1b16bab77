"""Message boxes in one place, so tests can patch them and wording stays consistent."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget


def show_error(parent: QWidget | None, title: str, message: str) -> None:
    QMessageBox.warning(parent, title, message)


def show_info(parent: QWidget | None, title: str, message: str) -> None:
    QMessageBox.information(parent, title, message)


def confirm(parent: QWidget | None, title: str, message: str, action: str = "Delete") -> bool:
    """Ask before destroying data; the safe answer is the default."""
    box = QMessageBox(
        QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Cancel, parent
    )
    destroy = box.addButton(action, QMessageBox.ButtonRole.DestructiveRole)
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
