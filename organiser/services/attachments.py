"""Files kept in the database: adding one, reading its bytes back, and describing it."""

from __future__ import annotations

import hashlib
import mimetypes
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from organiser.errors import ValidationError
from organiser.files import read_input, size_text
from organiser.models import Attachment
from organiser.services import validation as v

MAX_SIZE = 50 * 1024 * 1024


@dataclass(frozen=True)
class AttachmentView:
    id: int
    name: str
    media_type: str
    size: int
    sha256: str


def store_attachment(
    session: Session, name: str, data: bytes, media_type: str = "", field: str = "file"
) -> AttachmentView:
    """Keep a file in the database; `field` names the form field a refusal belongs to."""
    record = new_attachment(name, data, media_type, field)
    session.add(record)
    session.flush()
    return _view(record)


def new_attachment(name: str, data: bytes, media_type: str = "", field: str = "file") -> Attachment:
    """A file to keep, checked as `store_attachment` checks it, not yet added to a session: for
    a use case that keeps many at once (a merge) and flushes them together."""
    name = v.require_text(Path(name).name, field, "The file name", 255)
    if len(data) > MAX_SIZE:
        raise ValidationError(field, f"{name} is larger than {size_text(MAX_SIZE)}.")
    guessed = media_type or mimetypes.guess_type(name)[0] or "application/octet-stream"
    return Attachment(
        name=name,
        media_type=guessed,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        data=data,
    )


def read_upload(path: str | Path, field: str = "file", limit: int = MAX_SIZE) -> tuple[str, bytes]:
    """A file the user named, as (name, bytes); a ValidationError when it cannot be read, is
    not a regular file or is larger than `limit` (checked before anything is read)."""
    return Path(path).expanduser().name, read_input(path, limit, field)


def attachment_data(session: Session, attachment_id: int) -> bytes:
    return v.get_or_raise(session, Attachment, attachment_id, "file").data


def get_attachment(session: Session, attachment_id: int) -> AttachmentView:
    return _view(v.get_or_raise(session, Attachment, attachment_id, "file"))


def _view(record: Attachment) -> AttachmentView:
    return AttachmentView(
        id=record.id,
        name=record.name,
        media_type=record.media_type,
        size=record.size,
        sha256=record.sha256,
    )
