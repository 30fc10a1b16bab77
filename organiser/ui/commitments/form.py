"""The form for one commitment: who promised what, for which action, and the evidence."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)
from sqlalchemy import Engine

from organiser import store
from organiser.files import write_bytes_atomic
from organiser.models import CommitmentStatus
from organiser.services import commitments as service
from organiser.services.attachments import attachment_data, read_upload
from organiser.ui.dialogs.form import RecordForm
from organiser.ui.dialogs.record_picker import organisation_picker
from organiser.ui.dialogs.widgets import OptionalDateEdit, enum_combo, record_combo


class EvidenceFilePicker(QWidget):
    """A chosen photo or document (kept in the database on save), or the one already kept,
    which can be saved back to a file."""

    def __init__(
        self,
        engine: Engine,
        existing: service.CommitmentView | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.engine, self.path = engine, ""
        self.kept_id = existing.evidence_file_id if existing else None
        self.kept_name = existing.evidence_file_name if existing else ""
        self.label = QLabel(self.kept_name or self.tr("(no file)"), self)
        choose = QPushButton(self.tr("Choose file…"), self)
        choose.clicked.connect(self.choose)
        self.save_copy = QPushButton(self.tr("Save a copy…"), self)
        self.save_copy.setVisible(self.kept_id is not None)
        self.save_copy.clicked.connect(self.ask_save_copy)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.save_copy)
        layout.addWidget(choose)

    def ask_save_copy(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the evidence"), self.kept_name)
        if path:
            self.write_copy(path)

    def write_copy(self, path: str) -> None:
        """Write the kept file's bytes to `path` (atomically)."""
        if self.kept_id is None:
            return
        with store.transaction(self.engine) as session:
            data = attachment_data(session, self.kept_id)
        write_bytes_atomic(path, data)

    def choose(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Evidence: a photo or document"), "",
            self.tr("Photos and documents (*.jpg *.png *.pdf *.docx *.odt);;All files (*)"),
        )  # fmt: skip
        if path:
            self.set_path(path)

    def set_path(self, path: str) -> None:
        self.path = path
        self.label.setText(Path(path).name)

    def draft_value(self) -> str:
        """For a form's draft (see ui/dialogs/snapshot.py): the file chosen, not yet kept."""
        return self.path

    def set_draft_value(self, value: str) -> None:
        if value:
            self.set_path(str(value))


class CommitmentForm(RecordForm):
    draft_form, draft_record = "commitment", "existing"
    reread = staticmethod(service.get_commitment)
    noun = str(QT_TRANSLATE_NOOP("RecordNoun", "commitment"))

    def __init__(
        self,
        engine: Engine,
        existing: service.CommitmentView | None = None,
        campaign_id: int | None = None,
        parent: QWidget | None = None,
        organisation_id: int | None = None,
        action_id: int | None = None,
    ) -> None:
        title = self.tr("Edit commitment") if existing else self.tr("New commitment")
        super().__init__(title, parent)
        self.engine, self.existing = engine, existing
        self._action_id = existing.action_id if existing else action_id
        self._source_id = existing.source_letter_id if existing else None
        with store.transaction(engine) as session:
            campaigns = service.campaign_choices(session)
        chosen = existing.campaign_id if existing else campaign_id
        self.campaign = record_combo(campaigns, chosen, self.tr("(choose a campaign)"), self)
        self.organisation = organisation_picker(
            engine, self.tr("(choose an affiliate)"), allow_none=False, parent=self
        )
        self.organisation.set_value(existing.organisation_id if existing else organisation_id)
        self.action = QComboBox(self)
        self.what = QPlainTextEdit(existing.what if existing else "", self)
        self.what.setFixedHeight(70)
        self.number = QLineEdit(self)
        self.number.setPlaceholderText(self.tr("its number in the resolution, e.g. 2"))
        if existing and existing.number is not None:
            self.number.setText(str(existing.number))
        self.source = QComboBox(self)
        # A resolution's long subject must not widen the form past a laptop's screen.
        self.source.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.source.setMinimumContentsLength(30)
        self.joint = QLineEdit(existing.joint_pledgers if existing else "", self)
        self.joint.setPlaceholderText(self.tr("who pledged with it, e.g. its affiliates"))
        self.due = OptionalDateEdit(self)
        self.status = enum_combo(CommitmentStatus, existing.status if existing else None, self)
        self.fulfilled = OptionalDateEdit(self)
        self.evidence = QPlainTextEdit(existing.evidence if existing else "", self)
        self.evidence.setFixedHeight(60)
        self.url = QLineEdit(existing.evidence_url if existing else "", self)
        self.url.setPlaceholderText("https://")
        self.file = EvidenceFilePicker(engine, existing, self)
        self._add_fields()
        self.campaign.currentIndexChanged.connect(self._load_actions)
        self._load_actions()
        if existing:
            self.due.set_value(existing.due_date)
            self.fulfilled.set_value(existing.fulfilled_on)

    def _add_fields(self) -> None:
        self.add_field("campaign_id", self.tr("Campaign"), self.campaign)
        self.add_field("organisation_id", self.tr("Affiliate"), self.organisation)
        self.add_field("action_id", self.tr("For the action"), self.action)
        self.add_field("what", self.tr("What was promised"), self.what)
        self.add_field("number", self.tr("Number"), self.number)
        self.add_field("source_letter_id", self.tr("Made in"), self.source)
        self.add_field("joint_pledgers", self.tr("Pledged jointly with"), self.joint)
        self.add_field("due_date", self.tr("Due"), self.due)
        self.add_field("status", self.tr("Status"), self.status)
        self.add_field("fulfilled_on", self.tr("Fulfilled on"), self.fulfilled)
        self.add_field("evidence", self.tr("Evidence (note)"), self.evidence)
        self.add_field("evidence_url", self.tr("Evidence (link)"), self.url)
        self.add_field("evidence_file", self.tr("Evidence (file)"), self.file)

    def _load_actions(self) -> None:
        """The chosen campaign's actions and letters, for the action and the source."""
        campaign_id = self.campaign.currentData()
        choices: list[tuple[int, date | None, str]] = []
        sources: list[tuple[int, str]] = []
        if campaign_id is not None:
            with store.transaction(self.engine) as session:
                choices = service.action_choices(session, campaign_id)
                sources = service.letter_choices(session, campaign_id)
        self.action.clear()
        self.action.addItem(self.tr("(the whole campaign)"), None)
        undated = self.tr("to be dated")
        for key, start, title in choices:
            self.action.addItem(f"{start.isoformat() if start else undated} — {title}", key)
        self.action.setCurrentIndex(max(0, self.action.findData(self._action_id)))
        self.source.clear()
        self.source.addItem(self.tr("(no letter or resolution)"), None)
        for key, title in sources:
            self.source.addItem(title, key)
        self.source.setCurrentIndex(max(0, self.source.findData(self._source_id)))

    def fields(self) -> service.CommitmentFields:
        upload = None
        if self.file.path:
            name, data = read_upload(self.file.path, "evidence_file")
            upload = service.EvidenceFile(name, data)
        return service.CommitmentFields(
            campaign_id=self.campaign.currentData(),
            organisation_id=self.organisation.value(),
            action_id=self.action.currentData(),
            what=self.what.toPlainText(),
            due_date=self.due.value(),
            status=str(self.status.currentData()),
            fulfilled_on=self.fulfilled.value(),
            evidence=self.evidence.toPlainText(),
            evidence_url=self.url.text(),
            evidence_file=upload,
            number=self.number.text(),
            source_letter_id=self.source.currentData(),
            joint_pledgers=self.joint.text(),
        )

    def save(self) -> service.CommitmentView:
        data = self.fields()
        with store.transaction(self.engine, write=True) as session:
            if self.existing is None:
                return service.create_commitment(session, data)
            return service.update_commitment(
                session, self.existing.id, data, expected_version=self.existing.version
            )
