"""The letter editor's language versions: the languages, each marked missing or out of date, and
the chosen version beside the original; saved with the letter through services.letter_versions."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from organiser import store
from organiser.errors import ValidationError
from organiser.services import letter_versions, letters
from organiser.services.letter_versions import VersionFields, VersionState

LANGUAGES = ("fr", "es", "de", "ru", "kk", "ko", "en", "pt", "ar", "tr", "ja", "zh")
STATE_COLOURS = {
    VersionState.UP_TO_DATE: "#1e7d32",
    VersionState.OUT_OF_DATE: "#b26a00",
    VersionState.MISSING: "#b3261e",
}


class VersionsPanel(QWidget):
    """Versions as typed: {language: [subject, body, based_on]}; a version edited or marked
    current is based on the original as it reads now."""

    changed = Signal()

    def __init__(self, subject: QLineEdit, body: QPlainTextEdit, parent: QWidget | None = None):
        super().__init__(parent)
        self._subject, self._body = subject, body
        self._versions: dict[str, list[str]] = {}
        self._missing: tuple[str, ...] = ()
        self._frozen = False
        self._shown = ""  # the language being edited
        self._build()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(300)
        self._timer.timeout.connect(self._show_states)
        subject.textChanged.connect(self._timer.start)
        body.textChanged.connect(self._timer.start)

    def _build(self) -> None:
        self.languages = QListWidget(self)
        self.languages.setMaximumHeight(96)
        self.languages.currentItemChanged.connect(self._choose)
        self.new_language = QComboBox(self)
        self.new_language.setEditable(True)
        self.new_language.addItems(LANGUAGES)
        self.add_button = QPushButton(self.tr("Add version"), self)
        self.add_button.clicked.connect(lambda: self.add_language(self.new_language.currentText()))
        self.remove_button = QPushButton(self.tr("Remove"), self)
        self.remove_button.clicked.connect(self.remove_shown)
        self.current_button = QPushButton(self.tr("Mark as current"), self)
        self.current_button.setToolTip(self.tr("The version still says what the original says"))
        self.current_button.clicked.connect(self.mark_current)
        buttons = QGridLayout()
        buttons.addWidget(self.new_language, 0, 0)
        buttons.addWidget(self.add_button, 0, 1)
        buttons.addWidget(self.remove_button, 1, 0)
        buttons.addWidget(self.current_button, 1, 1)
        top = QHBoxLayout()
        top.addWidget(self.languages, 1)
        top.addLayout(buttons)

        self.original_text = QPlainTextEdit(self)
        self.original_text.setReadOnly(True)
        self.version_subject = QLineEdit(self)
        self.version_subject.setPlaceholderText(self.tr("Subject in this language"))
        self.version_body = QPlainTextEdit(self)
        self.version_body.setPlaceholderText(self.tr("Body in this language"))
        for box in (self.original_text, self.version_body):
            box.setMinimumHeight(150)
        self.version_subject.textEdited.connect(self._edited)
        self.version_body.textChanged.connect(self._edited)
        self.original_label = QLabel(self.tr("Original"), self)
        self.version_label = QLabel(self.tr("Version"), self)
        sides = QGridLayout()
        sides.addWidget(self.original_label, 0, 0)
        sides.addWidget(self.version_label, 0, 1)
        sides.addWidget(self.original_text, 1, 0, 2, 1)
        sides.addWidget(self.version_subject, 1, 1)
        sides.addWidget(self.version_body, 2, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addLayout(sides)
        self._show_states()

    # What the letter holds
    def load(self, engine: Engine, letter_id: int) -> None:
        with store.transaction(engine) as session:
            found = letter_versions.list_versions(session, letter_id)
        self._versions = {x.language: [x.subject, x.body, x.based_on] for x in found.versions}
        self._missing, self._frozen = found.missing, found.frozen
        self._show_states()

    def save(self, session: Session, letter_id: int) -> letters.LetterView:
        """In the editor's unit of work, after the letter itself: these versions and no others."""
        wanted = [
            VersionFields(code, subject, body, confirmed=based_on == self._original_hash())
            for code, (subject, body, based_on) in self._versions.items()
        ]
        try:
            letter_versions.save_versions(session, letter_id, wanted)
        except ValidationError as error:
            raise ValidationError("versions", str(error)) from None
        return letters.get_letter(session, letter_id)

    def written(self) -> dict[str, tuple[str, str]]:
        """The versions as typed now: {language: (subject, body)}."""
        return {code: (values[0], values[1]) for code, values in sorted(self._versions.items())}

    # For the form's draft and its changed check (ui/dialogs/snapshot.py)
    def draft_value(self) -> list[list[str]]:
        return [[code, *values] for code, values in sorted(self._versions.items())]

    def set_draft_value(self, value: Any) -> None:
        self._versions = {str(row[0]): [str(x) for x in row[1:4]] for row in value}
        self._show_states()

    # What the user does
    def add_language(self, language: str) -> None:
        code = language.strip().lower()
        if code and code not in self._versions and not self._frozen:
            self._versions[code] = ["", "", ""]
            self._show_states(select=code)
            self.changed.emit()

    def show_language(self, language: str) -> None:
        """Put this language's version beside the original."""
        self._show_states(select=language)

    def remove_shown(self) -> None:
        if self._shown and not self._frozen:
            del self._versions[self._shown]
            self._shown = ""
            self._show_states()
            self.changed.emit()

    def mark_current(self) -> None:
        if self._shown in self._versions and not self._frozen:
            self._versions[self._shown][2] = self._original_hash()
            self._show_states(select=self._shown)
            self.changed.emit()

    def state(self, language: str) -> VersionState:
        if language not in self._versions:
            return VersionState.MISSING
        return letter_versions.state_of(self._versions[language][2], self._original_hash())

    def _original_hash(self) -> str:
        return letter_versions.original_hash(self._subject.text(), self._body.toPlainText())

    def _edited(self) -> None:
        if self._shown not in self._versions or self._filling:
            return
        subject, body = self.version_subject.text(), self.version_body.toPlainText()
        values = self._versions[self._shown]
        if (values[0], values[1]) != (subject, body):
            self._versions[self._shown] = [subject, body, self._original_hash()]
            self._mark_item(self._shown)
            self.changed.emit()

    _filling = False

    def _state_text(self, state: VersionState) -> str:
        return {
            VersionState.UP_TO_DATE: self.tr("up to date"),
            VersionState.OUT_OF_DATE: self.tr("out of date: the original changed"),
            VersionState.MISSING: self.tr("missing"),
        }[state]

    def _mark_item(self, code: str) -> None:
        for row in range(self.languages.count()):
            item = self.languages.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == code:
                state = self.state(code)
                item.setText(f"{code} — {self._state_text(state)}")
                item.setForeground(QColor(STATE_COLOURS[state]))

    def _show_states(self, select: str | None = None) -> None:
        keep = select or self._shown
        self.languages.blockSignals(True)
        self.languages.clear()
        for code in sorted({*self._versions, *self._missing}):
            item = QListWidgetItem(self.languages)
            item.setData(Qt.ItemDataRole.UserRole, code)
            self._mark_item(code)
            if code == keep:
                self.languages.setCurrentItem(item)
        self.languages.blockSignals(False)
        self._choose(self.languages.currentItem())

    def _choose(self, item: QListWidgetItem | None, _previous: object = None) -> None:
        code = item.data(Qt.ItemDataRole.UserRole) if item is not None else ""
        self._shown = code if code in self._versions else ""
        self._filling = True
        values = self._versions.get(self._shown, ["", "", ""])
        self.version_subject.setText(values[0])
        self.version_body.setPlainText(values[1])
        self._filling = False
        self.original_text.setPlainText(f"{self._subject.text()}\n\n{self._body.toPlainText()}")
        editable = bool(self._shown) and not self._frozen
        for widget in (self.version_subject, self.version_body, self.remove_button):
            widget.setEnabled(editable)
        self.current_button.setEnabled(
            editable and self.state(self._shown) is VersionState.OUT_OF_DATE
        )
        self.add_button.setEnabled(not self._frozen)
        if code and not self._shown:  # a missing language: one click starts its version
            self.new_language.setCurrentText(code)
