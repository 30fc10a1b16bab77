"""The letter editor: the fields and body on the left, the printed page beside them, live."""

from __future__ import annotations

from dataclasses import replace
from typing import TypeVar

from PySide6.QtCore import QT_TRANSLATE_NOOP, QSize, Qt, QTimer
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from organiser import store
from organiser.errors import OrganiserError
from organiser.models import LetterKind, LetterStatus
from organiser.services import commitments, letter_register, letters, statements
from organiser.ui.dialogs.form import RecordForm
from organiser.ui.dialogs.messages import show_error
from organiser.ui.dialogs.record_picker import organisation_picker
from organiser.ui.dialogs.widgets import OptionalDateEdit, enum_combo, record_combo
from organiser.ui.labels import enum_label
from organiser.ui.letters.cosigned_option import CosignedOption, issue_statement
from organiser.ui.letters.parties import PartiesPicker
from organiser.ui.letters.paste_offer import BodyEdit
from organiser.ui.letters.preview_jobs import PREVIEWS
from organiser.ui.letters.versions_panel import VersionsPanel
from organiser.ui.workers import Progress

W = TypeVar("W", bound=QWidget)


def add_typed(form: RecordForm, name: str, label: str, widget: W) -> W:
    """RecordForm.add_field keeping the widget's own type."""
    form.add_field(name, label, widget)
    return widget


LANGUAGES = ("en", "fr", "es", "de", "ru", "kk", "ko", "ja", "zh", "pt", "ar", "tr")
PREVIEW_DELAY_MS = 400
PREVIEW_DPI = 60
PAGE_WIDTH = int(8.27 * PREVIEW_DPI) + 40  # an A4 page at the preview's resolution, and margins
PREVIEW_MIN_WIDTH = 240  # on a narrow screen the page scrolls sideways rather than push Save off


class LetterPreview(QScrollArea):
    """The letter's pages as they will print, or why they cannot be made yet."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setMinimumWidth(PREVIEW_MIN_WIDTH)
        holder = QWidget(self)
        self._layout = QVBoxLayout(holder)
        self.message = QLabel(holder)
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b3261e;")
        self._layout.addWidget(self.message)
        self._layout.addStretch(1)
        self.setWidget(holder)
        self.pages: list[QLabel] = []

    def sizeHint(self) -> QSize:
        return QSize(PAGE_WIDTH, super().sizeHint().height())

    def show_pdf(self, pdf: bytes) -> None:
        from organiser.ui.letters.render import page_images  # imported by the preview's job

        self.message.hide()
        for label in self.pages:
            label.deleteLater()
        self.pages = []
        for number, image in enumerate(page_images(pdf, PREVIEW_DPI)):
            label = QLabel(self.widget())
            label.setPixmap(QPixmap.fromImage(image))
            label.setStyleSheet("border: 1px solid #c8ccd2; background: white;")
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self._layout.insertWidget(1 + number, label)
            self.pages.append(label)

    def show_problem(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()


class LetterEditor(RecordForm):
    """New or existing letter; `save()` writes it in one unit of work."""

    draft_form, draft_record = "letter", "letter"
    reread = staticmethod(letters.get_letter)
    noun = str(QT_TRANSLATE_NOOP("RecordNoun", "letter"))

    def __init__(
        self,
        engine: Engine,
        letter: letters.LetterView | None = None,
        campaign_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        title = self.tr("Edit letter") if letter else self.tr("New letter")
        super().__init__(title, parent)
        self.engine = engine
        self.letter = letter
        # The campaigns' titles alone; organisations and people are read as they are chosen.
        with store.transaction(engine) as session:
            campaign_choices = commitments.campaign_choices(session)
        self._build_fields(campaign_choices)
        self._place_preview()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PREVIEW_DELAY_MS)
        self._timer.timeout.connect(self.update_preview)
        self._preview_asked = self._preview_shown = 0
        self.finished.connect(lambda _result: PREVIEWS.forget(self))
        fields = letter.fields() if letter else letters.LetterFields(campaign_id=campaign_id)
        self.set_fields(fields)
        if letter is not None:
            self.cosigned.set_setting(letter.cosigned_by, letter.cosigned_order)
            self.versions.load(engine, letter.id)
        self.merge_button = self.buttons.addButton(
            self.tr("Save and merge…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.merge_button.setToolTip(
            self.tr("Save the letter, then send it to many recipients with the Merge dialog")
        )
        self.merge_button.clicked.connect(self.save_and_merge)
        self._offer_preview_languages()
        self.versions.changed.connect(self._offer_preview_languages)
        self.preview_language.currentIndexChanged.connect(lambda _index: self.update_preview())
        self._connect_changes()
        self.resize(1250, 860)
        self.update_preview()

    def _build_fields(self, campaign_choices: list[tuple[int, str]]) -> None:
        self.kind = add_typed(self, "kind", self.tr("Kind"), enum_combo(LetterKind, parent=self))
        self.campaign = add_typed(
            self, "campaign_id", self.tr("Campaign"), record_combo(campaign_choices, parent=self)
        )
        self.sender_combo = add_typed(
            self,
            "sender_id",
            self.tr("Sender"),
            organisation_picker(self.engine, self.tr("(none)"), parent=self),
        )
        self.subject = add_typed(self, "subject", self.tr("Subject"), QLineEdit(self))
        self.letter_date = add_typed(self, "letter_date", self.tr("Date"), OptionalDateEdit(self))
        self.language = add_typed(self, "language", self.tr("Language"), QComboBox(self))
        self.language.setEditable(True)
        self.language.addItems(LANGUAGES)
        self.our_reference = add_typed(self, "our_reference", self.tr("Our ref."), QLineEdit(self))
        self.their_reference = add_typed(
            self, "their_reference", self.tr("Their ref."), QLineEdit(self)
        )
        self.status = add_typed(self, "status", self.tr("Status"), QComboBox(self))
        for status in (LetterStatus.DRAFT, LetterStatus.APPROVED):
            self.status.addItem(enum_label(status), status.value)
        self.signatories = add_typed(
            self,
            "signatory_ids",
            self.tr("Signatories"),
            PartiesPicker(self.engine, organisations=False, parent=self),
        )
        self.to = add_typed(self, "to", self.tr("To"), PartiesPicker(self.engine, parent=self))
        self.cc = add_typed(self, "cc", self.tr("Cc"), PartiesPicker(self.engine, parent=self))
        self.image_buttons = self._image_buttons()
        self.form.addRow("", self.image_buttons)
        self.cosigned = CosignedOption(self)  # a statement's co-signing organisations
        self.form.addRow("", self.cosigned)
        self.cosigned.issue_button.setEnabled(self.letter is not None)
        self.cosigned.issue_button.clicked.connect(self.issue)
        self.body = add_typed(self, "body", self.tr("Body"), BodyEdit(self))
        self.body.setPlaceholderText(
            self.tr("Paragraphs, - bullet lists, 1. numbered lists, **bold**, *italic*")
        )
        self.body.setMinimumHeight(220)
        self.form.addRow("", self.body.offer)  # a paste's clean-up, shown when offered
        self.versions = add_typed(
            self, "versions", self.tr("Language versions"), VersionsPanel(self.subject, self.body)
        )

    def _image_buttons(self) -> QWidget:
        """Set the sender's logo and a signatory's scanned signature from image files."""
        holder = QWidget(self)
        row = QHBoxLayout(holder)
        row.setContentsMargins(0, 0, 0, 0)
        logo = QPushButton(self.tr("Sender's logo…"), holder)
        logo.clicked.connect(lambda: self._choose_image("logo"))
        signature = QPushButton(self.tr("Signature of the highlighted signatory…"), holder)
        signature.clicked.connect(lambda: self._choose_image("signature"))
        row.addWidget(logo)
        row.addWidget(signature)
        row.addStretch(1)
        return holder

    def _choose_image(self, what: str) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose an image"), "", self.tr("Images (*.png *.jpg *.jpeg)")
        )
        if path:
            self.set_image(what, path)

    def set_image(self, what: str, path: str) -> None:
        """Keep the image as the sender's logo or the highlighted signatory's signature."""
        item = self.signatories.currentItem()
        key = self.sender_combo.value() if what == "logo" else None
        if what == "signature" and item is not None:
            key = item.data(Qt.ItemDataRole.UserRole)[1]
        if key is None:
            show_error(self, self.windowTitle(), self.tr("Choose the sender or signatory first."))
            return
        try:
            upload = letter_register.read_image(path, what)
            with store.transaction(self.engine, write=True) as session:
                setter = (
                    letter_register.set_logo if what == "logo" else letter_register.set_signature
                )
                setter(session, key, upload)
        except OrganiserError as error:
            show_error(self, self.windowTitle(), str(error))
            return
        self.update_preview()

    def _place_preview(self) -> None:
        """Move the scrolling fields into a row with the preview beside them."""
        outer = self.layout()
        assert isinstance(outer, QVBoxLayout)
        outer.removeWidget(self.fields_area)
        self.preview = LetterPreview(self)
        self.preview_language = QComboBox(self)
        self.preview_language.setToolTip(self.tr("The version the preview shows"))
        self.preview_language.addItem(self.tr("Original"), "")
        shown = QVBoxLayout()
        shown.addWidget(self.preview_language)
        shown.addWidget(self.preview, 1)
        row = QHBoxLayout()
        # The preview keeps a page's width while there is room; the fields take the rest.
        row.addWidget(self.fields_area, 1)
        row.addLayout(shown, 0)
        outer.insertLayout(0, row, 1)

    def _offer_preview_languages(self) -> None:
        """The preview's choice follows the versions: the original and each version written;
        the one chosen stays chosen while it is there."""
        chosen = self.preview_language.currentData()
        written = list(self.versions.written())
        self.preview_language.blockSignals(True)
        self.preview_language.clear()
        self.preview_language.addItem(self.tr("Original"), "")
        for code in written:
            self.preview_language.addItem(self.tr("Version: %1").replace("%1", code), code)
        self.preview_language.setCurrentIndex(max(0, self.preview_language.findData(chosen)))
        self.preview_language.blockSignals(False)
        if self.preview_language.currentData() != chosen or chosen:
            self._timer.start()  # the version shown was edited, or is gone

    def _connect_changes(self) -> None:
        def restart(*_signal_arguments: object) -> None:
            # Not `self._timer.start` itself: a signal's int (a combo's index) would become
            # the delay in milliseconds.
            self._timer.start()

        for combo in (self.kind, self.campaign, self.language, self.status):
            combo.currentIndexChanged.connect(restart)
        self.sender_combo.chosen.connect(restart)
        self.language.editTextChanged.connect(restart)
        for edit in (self.subject, self.our_reference, self.their_reference):
            edit.textChanged.connect(restart)
        self.body.textChanged.connect(restart)
        self.letter_date.edit.textChanged.connect(restart)  # a day that is none: shown why
        for picker in (self.signatories, self.to, self.cc):
            picker.changed.connect(restart)
        self.cosigned.changed.connect(restart)

    def set_fields(self, fields: letters.LetterFields) -> None:
        self.kind.setCurrentIndex(self.kind.findData(LetterKind(fields.kind).value))
        self.campaign.setCurrentIndex(max(0, self.campaign.findData(fields.campaign_id)))
        self.sender_combo.set_value(fields.sender_id)
        self.subject.setText(fields.subject)
        date_value = fields.letter_date if not isinstance(fields.letter_date, str) else None
        self.letter_date.set_value(date_value)
        self.language.setCurrentText(fields.language or "en")
        self.our_reference.setText(fields.our_reference)
        self.their_reference.setText(fields.their_reference)
        self.status.setCurrentIndex(max(0, self.status.findData(LetterStatus(fields.status).value)))
        self.signatories.set_refs([("person", k) for k in fields.signatory_ids])
        self.to.set_refs(fields.to)
        self.cc.set_refs(fields.cc)
        self.body.setPlainText(fields.body)

    def fields(self) -> letters.LetterFields:
        return letters.LetterFields(
            kind=str(self.kind.currentData()),
            campaign_id=self.campaign.currentData(),
            sender_id=self.sender_combo.value(),
            subject=self.subject.text(),
            letter_date=self.letter_date.value(),
            language=self.language.currentText(),
            body=self.body.toPlainText(),
            our_reference=self.our_reference.text(),
            their_reference=self.their_reference.text(),
            status=str(self.status.currentData()),
            signatory_ids=[key for _kind, key in self.signatories.refs()],
            to=self.to.refs(),
            cc=self.cc.refs(),
        )

    def update_preview(self) -> None:
        """Render the page from what is typed now, off the GUI thread; a problem is shown
        instead of the page."""
        self._timer.stop()
        self._preview_asked += 1
        try:
            fields = self.fields()
        except OrganiserError as error:  # a day that is none: said at once, nothing to render
            self.show_preview(self._preview_asked, None, str(error))
            return
        version = self.versions.written().get(self.preview_language.currentData() or "")
        if version is not None:  # the chosen version, with its printed words in its language
            language = str(self.preview_language.currentData())
            fields = replace(fields, subject=version[0], body=version[1], language=language)
        engine = self.engine  # the work holds no widget
        saved = self.letter.status if self.letter else LetterStatus.DRAFT
        cosigned = self.cosigned.setting()

        def work(_progress: Progress) -> bytes:
            # The PDF machinery (ReportLab, the batch's pieces) and the page rasteriser
            # (pypdfium2) are first imported here, off the GUI thread: they were 0.1–0.2 s of
            # the editor's opening.
            from organiser.services import letter_output
            from organiser.ui.letters import render  # noqa: F401  (for show_pdf)

            with store.transaction(engine) as session:
                return letter_output.preview_pdf(session, fields, saved, cosigned)

        PREVIEWS.ask(self, self._preview_asked, work, engine)

    def show_preview(self, asked: int, pdf: bytes | None, problem: str = "") -> None:
        """The page of request `asked`, or why there is none; an older request's is not shown
        when a newer one is on its way."""
        if asked != self._preview_asked:
            return
        self._preview_shown = asked
        if pdf is None:
            self.preview.show_problem(problem)
        else:
            self.preview.show_pdf(pdf)

    def save_and_merge(self) -> None:
        """Save (the editor closes on success), then the Merge dialog on the letter saved."""
        from organiser.ui.letters.merge_dialog import MergeDialog

        if self.submit() and isinstance(self.result_value, letters.LetterView):
            MergeDialog(self.engine, self.result_value, self.parentWidget()).exec()

    def preview_ready(self) -> bool:
        """The preview shows what was typed when it was last asked for."""
        return self._preview_shown == self._preview_asked

    def save(self) -> letters.LetterView:
        with store.transaction(self.engine, write=True) as session:
            if self.letter is None:
                saved = letters.create_letter(session, self.fields())
            else:
                saved = letters.update_letter(
                    session, self.letter.id, self.fields(), self.letter.version
                )
            saved = self._save_cosigned(session, saved)
            return self.versions.save(session, saved.id)

    def _save_cosigned(self, session: Session, saved: letters.LetterView) -> letters.LetterView:
        """The co-signers' option, in the same unit of work as the letter's fields."""
        chosen = self.cosigned.setting()
        if (saved.cosigned_by, saved.cosigned_order) == (chosen.by, chosen.order):
            return saved
        return statements.set_cosigned(
            session, saved.id, chosen.by, chosen.order, expected_version=saved.version
        )

    def issue(self) -> None:
        """Issue the saved statement: its PDF kept with the co-signers as they are now."""
        if self.letter is not None:
            issue_statement(self, self.engine, self.letter.id)
