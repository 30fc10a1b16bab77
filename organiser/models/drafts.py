"""What was typed into a form and not yet saved, kept so that a crash or a kill loses nothing."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from organiser.models.base import Base, UTCDateTime, utc_now


class Draft(Base):
    """One open form's unsaved state. `key` names the form and its record ("letter:12", or
    "letter:new:<uuid>" for a record not yet saved); `payload` is the form's fields as JSON."""

    __tablename__ = "draft"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(120), unique=True)
    form: Mapped[str] = mapped_column(String(50))
    record_id: Mapped[int | None] = mapped_column(Integer)
    label: Mapped[str] = mapped_column(String(300), default="")
    payload: Mapped[str] = mapped_column(Text, default="{}")
    saved_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now, onupdate=utc_now)
