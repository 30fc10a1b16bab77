"""What was deleted, kept whole until the trash is emptied: one entry per delete."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from organiser.models.base import Base, UTCDateTime, utc_now


class TrashEntry(Base):
    """One delete: the record (`kind`, `record_id`, `record_uuid`, `label`), a count per table
    of the rows that went with it (`contents`, JSON), and `payload` (JSON): those rows as they
    were, and the columns of rows kept that the delete changed (links set to NULL), so a restore
    puts back the same rows with the same ids and uuids, links included."""

    __tablename__ = "trash"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    record_id: Mapped[int] = mapped_column(Integer)
    record_uuid: Mapped[str] = mapped_column(String(36), index=True)
    label: Mapped[str] = mapped_column(String(500), default="")
    deleted_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    contents: Mapped[str] = mapped_column(Text, default="{}")
    payload: Mapped[str] = mapped_column(Text, default="{}")
