"""Marking a letter as sent (keeping the PDF that went out) and recording the reply."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLineEdit, QPushButton, QWidget
from sqlalchemy import Engine

from organiser import store
from organiser.models import Channel
from organiser.services import letter_sending, letters
from organiser.ui.dialogs.form import RecordForm
from organiser.ui.dialogs.widgets import OptionalDateEdit, enum_combo
from organiser.ui.letters.editor import add_typed


class SentDialog(RecordForm):
    """When and how the letter went out; the PDF made now is kept as what was sent."""

    edited_record, reread = "letter", staticmethod(letters.get_letter)
    noun = str(QT_TRANSLATE_NOOP("RecordNoun", "letter"))

    def __init__(self, engine: Engine, letter: letters.LetterView, parent: QWidget | None = None):
        super().__init__(self.tr("Mark as sent: %s") % letter.subject, parent)
        self.engine, self.letter = engine, letter
        self.sent_on = add_typed(self, "sent_on", self.tr("Sent on"), OptionalDateEdit(self))
        self.sent_on.set_value(letter.sent_on or max(date.today(), letter.letter_date or date.min))
        self.channel = add_typed(
            self, "channel", self.tr("Channel"), enum_combo(Channel, parent=self)
        )
        if letter.channel is not None:
            self.channel.setCurrentIndex(self.channel.findData(letter.channel.value))
        self.tracking = add_typed(
            self,
            "tracking_number",
            self.tr("Tracking number"),
            QLineEdit(letter.tracking_number, self),
        )
        self.tracking.setPlaceholderText(self.tr("registered post only"))
        self.channel.currentIndexChanged.connect(self._enable_tracking)
        self._enable_tracking()

    def _enable_tracking(self) -> None:
        self.tracking.setEnabled(self.channel.currentData() == Channel.REGISTERED_POST.value)

    def save(self) -> letters.LetterView:
        tracking = self.tracking.text() if self.tracking.isEnabled() else ""
        with store.transaction(self.engine, write=True) as session:
            return letter_sending.mark_sent(
                session,
                self.letter.id,
                self.sent_on.value(),
                self.channel.currentData(),
                tracking,
                expected_version=self.letter.version,
            )


class FileChooser(QWidget):
    """A file path typed or picked; empty means none."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = QLineEdit(self)
        browse = QPushButton(self.tr("Choose…"), self)
        browse.clicked.connect(self._browse)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.path, 1)
        layout.addWidget(browse)

    def _browse(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(self, self.tr("The reply's file"))
        if chosen:
            self.path.setText(chosen)

    def value(self) -> str:
        return self.path.text().strip()


class ReplyDialog(RecordForm):
    """The answer: when it came, a note, and the reply's file kept with the letter."""

    edited_record, reread = "letter", staticmethod(letters.get_letter)
    noun = str(QT_TRANSLATE_NOOP("RecordNoun", "letter"))

    def __init__(self, engine: Engine, letter: letters.LetterView, parent: QWidget | None = None):
        super().__init__(self.tr("Record reply: %s") % letter.subject, parent)
        self.engine, self.letter = engine, letter
        self.received_on = add_typed(
            self, "received_on", self.tr("Received on"), OptionalDateEdit(self)
        )
        self.received_on.set_value(letter.reply_received_on or date.today())
        self.note = add_typed(
            self, "reply_note", self.tr("Note"), QLineEdit(letter.reply_note, self)
        )
        self.file = add_typed(self, "reply_file", self.tr("Reply's file"), FileChooser(self))

    def save(self) -> letters.LetterView:
        path = self.file.value()
        with store.transaction(self.engine, write=True) as session:
            return letter_sending.record_reply(
                session,
                self.letter.id,
                self.received_on.value(),
                self.note.text(),
                path or None,
                expected_version=self.letter.version,
            )
