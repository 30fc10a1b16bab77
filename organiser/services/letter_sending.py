"""A letter going out and coming back: marked as sent with the PDF that went out kept, and the
reply recorded with its file."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy.orm import Session

from organiser.models import Channel
from organiser.services import attachments, letter_output, letter_register, statements
from organiser.services.letters import LetterView


def mark_sent(
    session: Session,
    letter_id: int,
    sent_on: date | str | None,
    channel: Channel | str | None,
    tracking_number: str = "",
    *,
    expected_version: int,
) -> LetterView:
    """The letter went out: once its version is known to be the one edited, its PDF (and a
    statement's co-signers) are kept, while a draft is still a draft, so what is kept is
    today's text; then the register says when and how it was sent."""
    return letter_register.mark_sent(
        session, letter_id, sent_on, channel, tracking_number,
        expected_version=expected_version, keep_pdf_first=_keep_as_sent,
    )  # fmt: skip


def _keep_as_sent(session: Session, letter_id: int) -> None:
    """What goes out is kept: a statement's co-signers as they are now, then the PDF made
    with them."""
    statements.keep_cosigners(session, letter_id)
    letter_output.letter_pdf(session, letter_id)


def record_reply(
    session: Session,
    letter_id: int,
    received_on: date | str | None,
    note: str = "",
    reply_file: str | Path | None = None,
    *,
    expected_version: int,
) -> LetterView:
    """The answer came: when, a note, and the reply's file (a scan, a PDF, an email), if one
    is named, read and kept with the letter."""
    upload = attachments.read_upload(reply_file, "reply_file") if reply_file else None
    return letter_register.record_reply(
        session, letter_id, received_on, note, upload, expected_version=expected_version
    )
