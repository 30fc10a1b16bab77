"""Campaigns with their ordered demands, the dated actions in them, and affiliates' commitments."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.ext.orderinglist import ordering_list
from sqlalchemy.orm import Mapped, mapped_column, relationship

from organiser.enums import (
    ActionKind,
    ActionRole,
    ActionStatus,
    CampaignOrganisationRole,
    CampaignStatus,
    CommitmentStatus,
    DatePrecision,
)
from organiser.models.base import Base, Record, UTCDateTime, enum_column
from organiser.models.organisations import (
    Organisation,
    Situation,
    situation_action,
    situation_campaign,
)


class Campaign(Record, Base):
    __tablename__ = "campaign"

    title: Mapped[str] = mapped_column(String(300), index=True)
    country: Mapped[str] = mapped_column(String(2), default="")
    target: Mapped[str] = mapped_column(String(500), default="")
    summary: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[CampaignStatus] = mapped_column(
        enum_column(CampaignStatus), default=CampaignStatus.PLANNED
    )
    start_date: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    lead_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id", ondelete="SET NULL"), index=True
    )
    colour: Mapped[str] = mapped_column(String(7), default="#1f6feb")

    lead: Mapped[Organisation | None] = relationship()
    # The situations of people at risk it is about; each has them as `Situation.campaigns`.
    situations: Mapped[list[Situation]] = relationship(
        secondary=situation_campaign, backref="campaigns"
    )
    demands: Mapped[list[CampaignDemand]] = relationship(
        order_by="CampaignDemand.position",
        collection_class=ordering_list("position"),
        cascade="all, delete-orphan",
        passive_deletes=True,
    )
    # Its target organisations and allies, beside the free-text `target`, in the order given.
    organisations: Mapped[list[CampaignOrganisation]] = relationship(
        order_by="CampaignOrganisation.position",
        collection_class=ordering_list("position"),
        cascade="all, delete-orphan",
        passive_deletes=True,
    )


class CampaignOrganisation(Base):
    """An organisation a campaign names as a target (who must act) or an ally (who works with
    it); a part of the campaign, in the order the user gave them for each role."""

    __tablename__ = "campaign_organisation"
    __table_args__ = (UniqueConstraint("campaign_id", "organisation_id", "role"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    campaign_id: Mapped[int] = mapped_column(
        ForeignKey("campaign.id", ondelete="CASCADE"), index=True
    )
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), index=True
    )
    role: Mapped[CampaignOrganisationRole] = mapped_column(enum_column(CampaignOrganisationRole))
    position: Mapped[int] = mapped_column(Integer, default=0)

    organisation: Mapped[Organisation] = relationship()


class CampaignDemand(Base):
    """One demand of a campaign; their order is the order they are put to the target."""

    __tablename__ = "campaign_demand"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    campaign_id: Mapped[int] = mapped_column(
        ForeignKey("campaign.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    text: Mapped[str] = mapped_column(Text)


class Action(Record, Base):
    """A dated thing in a campaign.

    `start_date`/`end_date` are the local dates where the action happens (so a month is one
    indexed range query); `starts_at`/`ends_at` are the UTC instants of a timed action, None when
    the action is all-day. An `ongoing` action has a start and no end yet (`end_date` None: it
    runs to today); an `undated` one has neither ("in the coming months"), perhaps a
    `target_month` (YYYY-MM); one dated to the month only is stored on the month's 1st with
    `date_precision` month.
    """

    __tablename__ = "action"
    __table_args__ = (
        Index("ix_action_dates", "start_date", "end_date"),
        # The Dashboard's reads over a decade of actions (services/dashboard.py): what still
        # runs after a day, and each campaign's next and last action.
        Index("ix_action_ends", "end_date", "start_date"),
        Index("ix_action_campaign_ends", "campaign_id", "end_date"),
        Index("ix_action_campaign_starts", "campaign_id", "start_date"),
    )

    campaign_id: Mapped[int] = mapped_column(
        ForeignKey("campaign.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[ActionKind] = mapped_column(enum_column(ActionKind))
    title: Mapped[str] = mapped_column(String(300))
    all_day: Mapped[bool] = mapped_column(Boolean, default=True)
    start_date: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    starts_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    timezone: Mapped[str] = mapped_column(String(64), default="UTC")
    location: Mapped[str] = mapped_column(String(500), default="")
    status: Mapped[ActionStatus] = mapped_column(
        enum_column(ActionStatus), default=ActionStatus.PLANNED
    )
    notes: Mapped[str] = mapped_column(Text, default="")
    ical_uid: Mapped[str | None] = mapped_column(String(500), index=True)
    # How many workers take part (None: not known), and what came of it ("declared illegal by
    # a local court the same day").
    workers: Mapped[int | None] = mapped_column(Integer)
    outcome: Mapped[str] = mapped_column(Text, default="", server_default="")
    ongoing: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    undated: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    target_month: Mapped[str | None] = mapped_column(String(7))
    date_precision: Mapped[DatePrecision] = mapped_column(
        enum_column(DatePrecision), default=DatePrecision.DAY, server_default="day"
    )

    campaign: Mapped[Campaign] = relationship()
    organisations: Mapped[list[ActionOrganisation]] = relationship(
        order_by="ActionOrganisation.id", cascade="all, delete-orphan", passive_deletes=True
    )
    # The situations of people at risk it is a hearing or release date of (`Situation.actions`).
    situations: Mapped[list[Situation]] = relationship(
        secondary=situation_action, backref="actions"
    )


class ActionOrganisation(Base):
    """An organisation an action involves, and in what role (the striking union, the employer)."""

    # Each organisation once in each role: the service sees to it. No unique constraint, so
    # that an archive's import can replace an action's rows in one flush (inserts go first).
    __tablename__ = "action_organisation"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    action_id: Mapped[int] = mapped_column(ForeignKey("action.id", ondelete="CASCADE"), index=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), index=True
    )
    role: Mapped[ActionRole] = mapped_column(enum_column(ActionRole))

    organisation: Mapped[Organisation] = relationship()


class Commitment(Record, Base):
    """An organisation's pledge to a campaign, perhaps for one action, and whether it was kept."""

    __tablename__ = "commitment"
    __table_args__ = (Index("ix_commitment_status_due", "status", "due_date"),)  # due, overdue

    campaign_id: Mapped[int] = mapped_column(
        ForeignKey("campaign.id", ondelete="CASCADE"), index=True
    )
    # None once the organisation is deleted: the commitment stays, under the name it kept.
    organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id", ondelete="SET NULL"), index=True
    )
    organisation_name: Mapped[str] = mapped_column(String(300), default="", server_default="")
    action_id: Mapped[int | None] = mapped_column(
        ForeignKey("action.id", ondelete="SET NULL"), index=True
    )
    what: Mapped[str] = mapped_column(Text)
    due_date: Mapped[date | None] = mapped_column(Date, index=True)
    status: Mapped[CommitmentStatus] = mapped_column(
        enum_column(CommitmentStatus), default=CommitmentStatus.PLEDGED
    )
    fulfilled_on: Mapped[date | None] = mapped_column(Date)
    evidence: Mapped[str] = mapped_column(Text, default="")
    evidence_url: Mapped[str] = mapped_column(String(2000), default="")
    evidence_file_id: Mapped[int | None] = mapped_column(
        ForeignKey("attachment.id", ondelete="SET NULL")
    )
    # Its number in the resolution that made it (reports keep that order; None: not numbered),
    # the letter or resolution it came from, and who pledged with the organisation ("its
    # affiliates"): free text, since joint pledgers are most often a group, not a record.
    number: Mapped[int | None] = mapped_column(Integer)
    source_letter_id: Mapped[int | None] = mapped_column(
        ForeignKey("letter.id", ondelete="SET NULL"), index=True
    )
    joint_pledgers: Mapped[str] = mapped_column(String(500), default="", server_default="")

    campaign: Mapped[Campaign] = relationship()
    organisation: Mapped[Organisation | None] = relationship()
    action: Mapped[Action | None] = relationship()


class InternationalDay(Record, Base):
    """A yearly day of the movement shown on the calendar (1 May, 7 October, or the organiser's)."""

    __tablename__ = "international_day"

    name: Mapped[str] = mapped_column(String(300))
    month: Mapped[int] = mapped_column(Integer)
    day: Mapped[int] = mapped_column(Integer)
