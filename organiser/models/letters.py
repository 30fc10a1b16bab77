"""Letters and statements: signatories, recipients, language versions, and mail-merge templates."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.ext.orderinglist import ordering_list
from sqlalchemy.orm import Mapped, mapped_column, relationship

from organiser.enums import (
    Channel,
    CosignedBy,
    CosignedOrder,
    LetterKind,
    LetterStatus,
    RecipientRole,
)
from organiser.models.attachments import Attachment
from organiser.models.base import Base, Record, UTCDateTime, enum_column
from organiser.models.campaigns import Campaign
from organiser.models.organisations import Organisation, Person


class Letter(Record, Base):
    __tablename__ = "letter"
    # Unsent letters and those awaiting a reply (the Dashboard), among a decade of them.
    __table_args__ = (
        Index("ix_letter_status_updated", "status", "updated_at"),
        Index("ix_letter_awaiting", "status", "reply_received_on", "sent_on"),
    )

    kind: Mapped[LetterKind] = mapped_column(enum_column(LetterKind))
    campaign_id: Mapped[int] = mapped_column(
        ForeignKey("campaign.id", ondelete="CASCADE"), index=True
    )
    sender_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id", ondelete="SET NULL"), index=True
    )
    subject: Mapped[str] = mapped_column(String(500))
    letter_date: Mapped[date | None] = mapped_column(Date, index=True)
    language: Mapped[str] = mapped_column(String(8), default="en")
    body: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[LetterStatus] = mapped_column(
        enum_column(LetterStatus), default=LetterStatus.DRAFT
    )
    sent_on: Mapped[date | None] = mapped_column(Date)
    channel: Mapped[Channel | None] = mapped_column(enum_column(Channel))
    tracking_number: Mapped[str] = mapped_column(String(100), default="")
    our_reference: Mapped[str] = mapped_column(String(100), default="")
    their_reference: Mapped[str] = mapped_column(String(100), default="")
    reply_received_on: Mapped[date | None] = mapped_column(Date)
    reply_note: Mapped[str] = mapped_column(Text, default="")
    reply_file_id: Mapped[int | None] = mapped_column(
        ForeignKey("attachment.id", ondelete="SET NULL")
    )
    pdf_id: Mapped[int | None] = mapped_column(ForeignKey("attachment.id", ondelete="SET NULL"))
    # When the letter was approved or sent, its sender, signatories and recipients were copied
    # here and onto their rows: from then on the letter shows the copy, not the live records.
    parties_fixed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    sender_name: Mapped[str] = mapped_column(String(300), default="", server_default="")
    sender_address: Mapped[str] = mapped_column(Text, default="", server_default="")
    # A letter made by merging a template letter to one of its recipients: the template.
    merged_from_id: Mapped[int | None] = mapped_column(
        ForeignKey("letter.id", ondelete="SET NULL"), index=True
    )
    # A statement's co-signing organisations (services/statements.py): followed live from the
    # campaign's commitments until the letter is sent, then kept as `cosigners_sent` (JSON).
    cosigned_by: Mapped[CosignedBy] = mapped_column(
        enum_column(CosignedBy), default=CosignedBy.NONE, server_default="none"
    )
    cosigned_order: Mapped[CosignedOrder] = mapped_column(
        enum_column(CosignedOrder), default=CosignedOrder.COUNTRY, server_default="country"
    )
    cosigners_sent: Mapped[str | None] = mapped_column(Text)

    campaign: Mapped[Campaign] = relationship()
    sender: Mapped[Organisation | None] = relationship()
    reply_file: Mapped[Attachment | None] = relationship(foreign_keys=[reply_file_id])
    pdf: Mapped[Attachment | None] = relationship(foreign_keys=[pdf_id])
    signatories: Mapped[list[LetterSignatory]] = relationship(
        order_by="LetterSignatory.position",
        collection_class=ordering_list("position"),
        cascade="all, delete-orphan",
        passive_deletes=True,
    )
    recipients: Mapped[list[LetterRecipient]] = relationship(
        order_by="LetterRecipient.position",
        collection_class=ordering_list("position"),
        cascade="all, delete-orphan",
        passive_deletes=True,
    )
    versions: Mapped[list[LetterVersion]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True
    )
    issues: Mapped[list[StatementIssue]] = relationship(
        order_by="StatementIssue.number", cascade="all, delete-orphan", passive_deletes=True
    )


class PartySnapshot:
    """A person's or organisation's name and details as they were when the letter was fixed
    (see Letter.parties_fixed_at); a draft's rows leave them empty and follow the live records."""

    name: Mapped[str] = mapped_column(String(300), default="", server_default="")
    title: Mapped[str] = mapped_column(String(300), default="", server_default="")
    organisation_name: Mapped[str] = mapped_column(String(300), default="", server_default="")


class LetterSignatory(PartySnapshot, Base):
    """A person signing the letter; once the letter is fixed, deleting them keeps the copy."""

    __tablename__ = "letter_signatory"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    letter_id: Mapped[int] = mapped_column(ForeignKey("letter.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    position: Mapped[int] = mapped_column(Integer, default=0)
    signature_id: Mapped[int | None] = mapped_column(
        ForeignKey("attachment.id", ondelete="SET NULL")
    )

    person: Mapped[Person | None] = relationship()


class LetterRecipient(PartySnapshot, Base):
    """An addressee (role `to`) or copy (role `cc`): a person or an organisation, never both.

    A fixed letter's row keeps its copy when the person or organisation is deleted (then it
    refers to neither); a draft's row goes with them (services.organisations deletes it)."""

    __tablename__ = "letter_recipient"
    __table_args__ = (
        CheckConstraint(
            "person_id IS NULL OR organisation_id IS NULL", name="person_or_organisation"
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    letter_id: Mapped[int] = mapped_column(ForeignKey("letter.id", ondelete="CASCADE"), index=True)
    role: Mapped[RecipientRole] = mapped_column(enum_column(RecipientRole))
    position: Mapped[int] = mapped_column(Integer, default=0)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id", ondelete="SET NULL")
    )
    address: Mapped[str] = mapped_column(Text, default="", server_default="")
    country: Mapped[str] = mapped_column(String(2), default="", server_default="")

    person: Mapped[Person | None] = relationship()
    organisation: Mapped[Organisation | None] = relationship()


class LetterVersion(Base):
    """The subject and body of a letter in another language, one per language. `based_on` is
    the hash of the original's subject and body when this version was written or confirmed
    (services.letter_versions.original_hash); '' when never confirmed."""

    __tablename__ = "letter_version"
    __table_args__ = (UniqueConstraint("letter_id", "language"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    letter_id: Mapped[int] = mapped_column(ForeignKey("letter.id", ondelete="CASCADE"), index=True)
    language: Mapped[str] = mapped_column(String(8))
    subject: Mapped[str] = mapped_column(String(500))
    body: Mapped[str] = mapped_column(Text, default="")
    based_on: Mapped[str] = mapped_column(String(64), default="", server_default="")


class StatementIssue(Base):
    """One issued version of a statement: when, its number, the co-signers as they were (a JSON
    list of organisation uuid, id, name, acronym, country) and the PDF that was issued."""

    __tablename__ = "statement_issue"
    __table_args__ = (UniqueConstraint("letter_id", "number", name="one_number_per_letter"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    letter_id: Mapped[int] = mapped_column(ForeignKey("letter.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime)
    signatories: Mapped[str] = mapped_column(Text, default="[]")
    pdf_id: Mapped[int | None] = mapped_column(ForeignKey("attachment.id", ondelete="SET NULL"))


class Template(Record, Base):
    """A letter with merge fields ({{ recipient.name }}) producing one letter per recipient."""

    __tablename__ = "template"

    name: Mapped[str] = mapped_column(String(300))
    kind: Mapped[LetterKind] = mapped_column(enum_column(LetterKind))
    language: Mapped[str] = mapped_column(String(8), default="en")
    subject: Mapped[str] = mapped_column(String(500), default="")
    body: Mapped[str] = mapped_column(Text, default="")
    campaign_id: Mapped[int | None] = mapped_column(ForeignKey("campaign.id", ondelete="SET NULL"))
