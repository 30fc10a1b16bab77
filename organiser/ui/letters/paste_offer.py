"""The letter body's editor: text pasted from a PDF or a word processor (hard-wrapped lines,
`•` bullets, `1)` numbering) is offered a clean-up into the body's Markdown, shown first."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from organiser.services.pasted_text import PasteCleanup, offer_cleanup

PREVIEW_LINES = 6


class PasteOffer(QFrame):
    """Below the body after such a paste: what the clean-up makes of it, Clean up or Keep."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("paste_offer")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        self.message = QLabel(
            self.tr(
                "The pasted text has line breaks, bullets or numbering from another program. "
                "Cleaned up, it reads:"
            ),
            self,
        )
        self.message.setWordWrap(True)
        self.preview = QPlainTextEdit(self)
        self.preview.setReadOnly(True)
        line = self.preview.fontMetrics().lineSpacing()
        self.preview.setMaximumHeight(line * PREVIEW_LINES + 12)
        buttons = QHBoxLayout()
        self.apply_button = QPushButton(self.tr("&Clean up"), self)
        self.keep_button = QPushButton(self.tr("&Keep as pasted"), self)
        buttons.addStretch(1)
        buttons.addWidget(self.keep_button)
        buttons.addWidget(self.apply_button)
        layout.addWidget(self.message)
        layout.addWidget(self.preview)
        layout.addLayout(buttons)
        self.hide()


class BodyEdit(QPlainTextEdit):
    """A plain-text body whose pastes that look copied from paper are offered a clean-up; the
    clean-up is one undo step, and is never applied without the user's click."""

    cleaned = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.offer = PasteOffer(parent)
        self._pending: tuple[int, PasteCleanup] | None = None
        self.offer.apply_button.clicked.connect(self.apply_cleanup)
        self.offer.keep_button.clicked.connect(self.dismiss_offer)
        self.textChanged.connect(self._forget_if_changed)

    def insertFromMimeData(self, source: QMimeData) -> None:
        start = self.textCursor().selectionStart()
        super().insertFromMimeData(source)
        if not source.hasText():
            return
        pasted = self._text_between(start, self.textCursor().position())
        cleanup = offer_cleanup(pasted)
        if cleanup is None:
            self.dismiss_offer()
            return
        self._pending = (start, cleanup)
        self.offer.preview.setPlainText(cleanup.cleaned.rstrip("\n"))
        self.offer.show()

    def apply_cleanup(self) -> None:
        """Put the cleaned text in place of the paste, if the paste is still there as it was."""
        if self._pending is None or not self._paste_is_intact():
            self.dismiss_offer()
            return
        start, cleanup = self._pending
        self._pending = None  # before the edit, so that its textChanged does not look back
        cursor = self._cursor_over(start, start + len(cleanup.pasted))
        cleaned = cleanup.cleaned if cleanup.pasted.endswith("\n") else cleanup.cleaned.rstrip()
        cursor.beginEditBlock()
        cursor.insertText(cleaned)
        cursor.endEditBlock()
        self.setTextCursor(cursor)
        self.offer.hide()
        self.cleaned.emit()

    def dismiss_offer(self) -> None:
        self._pending = None
        self.offer.hide()

    def _forget_if_changed(self) -> None:
        # Typing elsewhere is fine; once the pasted text itself is changed, the offer is stale.
        if self._pending is not None and not self._paste_is_intact():
            self.dismiss_offer()

    def _paste_is_intact(self) -> bool:
        assert self._pending is not None
        start, cleanup = self._pending
        return self._text_between(start, start + len(cleanup.pasted)) == cleanup.pasted

    def _cursor_over(self, start: int, end: int) -> QTextCursor:
        cursor = QTextCursor(self.document())
        last = max(0, self.document().characterCount() - 1)
        cursor.setPosition(min(start, last))
        cursor.setPosition(min(end, last), QTextCursor.MoveMode.KeepAnchor)
        return cursor

    def _text_between(self, start: int, end: int) -> str:
        # Qt marks paragraph ends in a selection with U+2029, where the body holds "\n".
        return self._cursor_over(start, end).selectedText().replace("\u2029", "\n")
