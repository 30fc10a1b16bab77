"""The register's columns and the summary of one letter, shared by the page and the campaign tab."""

from __future__ import annotations

from html import escape as _escape

from organiser.services.letters import LetterView
from organiser.ui.labels import enum_label
from organiser.ui.table_model import Column, column_text

AWAITING_COLOUR = "#9a6700"


def escape(text: str) -> str:
    """&, < and > as entities (as xml.sax.saxutils escapes, which would import urllib.request:
    50 ms of the Letters page's first showing)."""
    return _escape(text, quote=False)


def letter_columns(with_campaign: bool = True) -> list[Column[LetterView]]:
    columns: list[Column[LetterView]] = [
        Column(column_text("Date"), lambda x: x.letter_date),
        Column(column_text("Kind"), lambda x: x.kind),
        Column(column_text("Subject"), lambda x: x.subject, tooltip=lambda x: x.subject),
        Column(column_text("To"), lambda x: x.recipient_names),
        Column(
            column_text("Status"),
            lambda x: x.status,
            foreground=lambda x: AWAITING_COLOUR if x.awaiting_reply else None,
        ),
        Column(column_text("Sent on"), lambda x: x.sent_on),
        Column(column_text("Channel"), lambda x: x.channel),
        Column(column_text("Reply on"), lambda x: x.reply_received_on),
        Column(column_text("Our ref."), lambda x: x.our_reference),
        Column(column_text("PDF"), lambda x: column_text("kept") if x.pdf_id else ""),
    ]
    if with_campaign:
        columns.insert(3, Column(column_text("Campaign"), lambda x: x.campaign_title))
    return columns


def letter_html(letter: LetterView) -> str:
    """The detail panel's summary; every user string escaped."""
    rows = [
        ("Subject", letter.subject),
        ("Campaign", letter.campaign_title),
        ("From", letter.sender_name),
        ("To", letter.recipient_names),
        ("Cc", "; ".join(p.name for p in letter.cc)),
        ("Signed by", "; ".join(p.name for p in letter.signatories)),
        ("Status", enum_label(letter.status)),
        ("Sent", _sent_text(letter)),
        ("Reply", _reply_text(letter)),
        ("PDF", "kept with the letter" if letter.pdf_id else "not made yet"),
    ]
    cells = "".join(
        f"<tr><td><b>{escape(k)}</b></td><td>{escape(v)}</td></tr>" for k, v in rows if v
    )
    return f"<table cellspacing='4'>{cells}</table>"


def _sent_text(letter: LetterView) -> str:
    if letter.sent_on is None:
        return ""
    channel = enum_label(letter.channel) if letter.channel else ""
    tracking = f" ({letter.tracking_number})" if letter.tracking_number else ""
    return f"{letter.sent_on.isoformat()}, {channel}{tracking}"


def _reply_text(letter: LetterView) -> str:
    if letter.reply_received_on is None:
        return "awaited" if letter.awaiting_reply else ""
    note = f": {letter.reply_note}" if letter.reply_note else ""
    return f"{letter.reply_received_on.isoformat()}{note}"
