"""What the window's first frame paints before the database machinery is loaded."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from organiser.models.base import Base, UTCDateTime, utc_now


class FirstFrame(Base):
    """A page's content as the window last showed it (`page`: "dashboard"), kept as JSON at
    each close, read by the next start through sqlite3 alone (services/first_frame.py). A copy
    of what the page showed, in the database itself: encrypted with it, and gone with it."""

    __tablename__ = "first_frame"

    page: Mapped[str] = mapped_column(String(40), primary_key=True)
    saved_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    payload: Mapped[str] = mapped_column(Text)
