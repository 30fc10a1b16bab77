"""Files kept inside the database: logos, scanned signatures, evidence, generated PDFs, replies."""

from __future__ import annotations

from sqlalchemy import Integer, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from organiser.models.base import Base, Record


class Attachment(Record, Base):
    __tablename__ = "attachment"

    name: Mapped[str] = mapped_column(String(255))
    media_type: Mapped[str] = mapped_column(String(127), default="application/octet-stream")
    size: Mapped[int] = mapped_column(Integer, default=0)
    sha256: Mapped[str] = mapped_column(String(64), default="")
    data: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
