"""Reminders: an action, a commitment or a letter awaiting a reply to be reminded of, at a time
or a number of days before the record's own date."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Integer, Text
from sqlalchemy.orm import Mapped, mapped_column

from organiser.models.base import Base, UTCDateTime, utc_now

# Portable SQL (PostgreSQL adds no booleans): exactly one target, and a time or days before.
ONE_TARGET = (
    " + ".join(
        f"(CASE WHEN {column} IS NULL THEN 0 ELSE 1 END)"
        for column in ("action_id", "commitment_id", "letter_id")
    )
    + " = 1"
)
ONE_WHEN = (
    "(remind_at IS NULL AND days_before IS NOT NULL) "
    "OR (remind_at IS NOT NULL AND days_before IS NULL)"
)


class Reminder(Base):
    """Exactly one of the three targets; `remind_at` (a fixed instant) or `days_before` (from
    the action's start, the commitment's due date, a letter's date), never both. A relative
    reminder follows its record when the date moves. `shown_at`: the notice was shown (a
    reminder due and never shown was missed while the program was closed); `done_at`: the
    organiser dealt with it."""

    __tablename__ = "reminder"
    __table_args__ = (
        CheckConstraint(
            ONE_TARGET,
            name="one_target",
        ),
        CheckConstraint(
            ONE_WHEN,
            name="a_time_or_days_before",
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    action_id: Mapped[int | None] = mapped_column(
        ForeignKey("action.id", ondelete="CASCADE"), index=True
    )
    commitment_id: Mapped[int | None] = mapped_column(
        ForeignKey("commitment.id", ondelete="CASCADE"), index=True
    )
    letter_id: Mapped[int | None] = mapped_column(
        ForeignKey("letter.id", ondelete="CASCADE"), index=True
    )
    remind_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    days_before: Mapped[int | None] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(Text, default="", server_default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    shown_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
