"""Organisations (affiliates, centres, governments, employers), people, and people's situations."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Column, Date, ForeignKey, Integer, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from organiser.enums import OrganisationKind, SituationKind
from organiser.models.base import Base, Record, enum_column


class Organisation(Record, Base):
    __tablename__ = "organisation"

    name: Mapped[str] = mapped_column(String(300), index=True)
    acronym: Mapped[str] = mapped_column(String(50), default="")
    kind: Mapped[OrganisationKind] = mapped_column(
        enum_column(OrganisationKind), default=OrganisationKind.UNION
    )
    country: Mapped[str] = mapped_column(String(2), default="")
    address: Mapped[str] = mapped_column(Text, default="")
    email: Mapped[str] = mapped_column(String(320), default="")
    phone: Mapped[str] = mapped_column(String(50), default="")
    website: Mapped[str] = mapped_column(String(500), default="")
    # How many members it has (a federation: the workers its affiliates represent; None: not
    # known), and the figure as the organisation itself writes it ("30 million workers").
    members: Mapped[int | None] = mapped_column(Integer)
    membership: Mapped[str] = mapped_column(String(300), default="", server_default="")
    language: Mapped[str] = mapped_column(String(8), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    affiliate_of_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id", ondelete="SET NULL"), index=True
    )
    logo_id: Mapped[int | None] = mapped_column(ForeignKey("attachment.id", ondelete="SET NULL"))

    affiliate_of: Mapped[Organisation | None] = relationship(
        remote_side="Organisation.id", back_populates="affiliates"
    )
    affiliates: Mapped[list[Organisation]] = relationship(back_populates="affiliate_of")
    people: Mapped[list[Person]] = relationship(back_populates="organisation")


class Person(Record, Base):
    __tablename__ = "person"

    # Empty while a person at risk is known only by `role` ("the KPTU NHIS branch's first
    # vice-chair"); one of the two is always given (services check it).
    name: Mapped[str] = mapped_column(String(300), index=True)
    role: Mapped[str] = mapped_column(String(300), default="", server_default="")
    title: Mapped[str] = mapped_column(String(300), default="")
    organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id", ondelete="SET NULL"), index=True
    )
    email: Mapped[str] = mapped_column(String(320), default="")
    address: Mapped[str] = mapped_column(Text, default="")
    language: Mapped[str] = mapped_column(String(8), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    signature_id: Mapped[int | None] = mapped_column(
        ForeignKey("attachment.id", ondelete="SET NULL")
    )

    organisation: Mapped[Organisation | None] = relationship(back_populates="people")
    situations: Mapped[list[Situation]] = relationship(
        back_populates="person", cascade="all, delete-orphan"
    )


def person_label(name: str, role: str) -> str:
    """How a person is shown everywhere: by name, else by role ("the branch's first vice-chair")."""
    return name or role


situation_campaign = Table(
    "situation_campaign",
    Base.metadata,
    Column("situation_id", ForeignKey("situation.id", ondelete="CASCADE"), primary_key=True),
    Column("campaign_id", ForeignKey("campaign.id", ondelete="CASCADE"), primary_key=True),
)
# A situation's hearings and release dates: actions on the calendar (court hearing, ruling...).
situation_action = Table(
    "situation_action",
    Base.metadata,
    Column("situation_id", ForeignKey("situation.id", ondelete="CASCADE"), primary_key=True),
    Column("action_id", ForeignKey("action.id", ondelete="CASCADE"), primary_key=True),
)


class Situation(Record, Base):
    """What is happening to a person at risk: arrested, sentenced, on hunger strike..."""

    __tablename__ = "situation"

    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    kind: Mapped[SituationKind] = mapped_column(enum_column(SituationKind))
    since: Mapped[date | None] = mapped_column(Date)
    until: Mapped[date | None] = mapped_column(Date)
    court: Mapped[str] = mapped_column(String(300), default="")
    sentence: Mapped[str] = mapped_column(String(300), default="")
    # The sentence's length in months (5 years: 60), for "held 231 days of 5 years"; None when
    # there is no sentence or its length is not known. `sentence` keeps it as written.
    sentence_months: Mapped[int | None] = mapped_column(Integer)
    lawyer: Mapped[str] = mapped_column(String(300), default="", server_default="")
    notes: Mapped[str] = mapped_column(Text, default="")

    person: Mapped[Person] = relationship(back_populates="situations")
    # `actions`, its hearings and release dates on the calendar, is declared from the other end
    # too (the backref of `Action.situations`).
    # `campaigns`, the campaigns it concerns, is declared from the other end (as the backref
    # of `Campaign.situations`), so that this module needs nothing from `campaigns.py`.
