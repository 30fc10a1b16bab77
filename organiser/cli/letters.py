"""`organiser letter ...`: write, list, show, export to PDF (one or many), mark as sent, record a
reply."""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from gettext import ngettext
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from organiser import store
from organiser.cli import letter_merge, statements
from organiser.cli.common import (
    Commands,
    add_and_print_id,
    add_json,
    check_named,
    engine_for,
    given,
    given_path,
    parse_ref,
    positive_id,
)
from organiser.cli.editing import Editing, add_edit, add_expect_version, add_show, change_record
from organiser.cli.output import plain, print_json, print_records, print_table
from organiser.cli.trash import add_delete
from organiser.errors import ValidationError
from organiser.models import Channel, LetterKind, LetterStatus
from organiser.services import (
    attachments,
    letter_checks,
    letter_output,
    letter_sending,
    letter_versions,
    letters,
)
from organiser.services import letter_register as register_service

KINDS = ", ".join(k.value for k in LetterKind)
CHANNELS = ", ".join(c.value for c in Channel)


def register(commands: Commands) -> None:
    letter = commands.add_parser("letter", help="letters and statements: write, PDF, register")
    actions = letter.add_subparsers(dest="letter_command", metavar="ACTION", required=True)
    add = actions.add_parser("add", help="write a letter; prints its id")
    _register_add(add)
    add_edit(actions, add, EDITING)

    listing = actions.add_parser("list", help="the register of letters")
    listing.add_argument("--campaign", type=positive_id, metavar="ID")
    listing.add_argument("--status", type=given, help=", ".join(s.value for s in LetterStatus))
    listing.add_argument("--kind", type=given, help=KINDS)
    listing.add_argument("--from", type=given, dest="date_from", metavar="YYYY-MM-DD")
    listing.add_argument("--to", type=given, dest="date_to", metavar="YYYY-MM-DD")
    listing.add_argument("--awaiting-reply", action="store_true", help="sent, no answer yet")
    add_json(listing)
    listing.set_defaults(run=list_letters)

    add_show(actions, "letter", _shown, _readable, _as_json)
    add_delete(actions, "letter", letters.delete_letter)

    pdf = actions.add_parser("pdf", help="export to PDF (a sent letter: the PDF that went out)")
    pdf.add_argument("id", type=positive_id)
    pdf.add_argument("file", type=given_path, metavar="FILE.pdf")
    pdf.add_argument("--paper", choices=("a4", "letter"), default=None)
    pdf.add_argument(
        "--language", type=given, default=None, help="that language version (not kept)"
    )
    pdf.set_defaults(run=export_pdf)
    _register_version(actions)

    many = actions.add_parser(
        "pdf-all", help="export many letters, one PDF each, into a folder (on every core)"
    )
    many.add_argument("folder", type=given_path, metavar="FOLDER")
    many.add_argument("--campaign", type=positive_id, metavar="ID")
    many.add_argument("--status", type=given, help=", ".join(s.value for s in LetterStatus))
    many.add_argument("--kind", type=given, help=KINDS)
    many.add_argument("--paper", choices=("a4", "letter"), default=None)
    many.set_defaults(run=export_many)

    sent = actions.add_parser("sent", help="mark as sent; keeps the PDF that went out")
    sent.add_argument("id", type=positive_id)
    sent.add_argument("--on", type=given, required=True, metavar="YYYY-MM-DD")
    sent.add_argument("--channel", type=given, required=True, help=CHANNELS)
    sent.add_argument("--tracking", default="", help="tracking number of registered post")
    add_expect_version(sent)
    sent.set_defaults(run=mark_sent)

    reply = actions.add_parser("reply", help="record the answer to a sent letter")
    reply.add_argument("id", type=positive_id)
    reply.add_argument("--on", type=given, required=True, metavar="YYYY-MM-DD")
    reply.add_argument("--note", default="")
    reply.add_argument(
        "--file", type=given_path, default=None, help="the reply itself (scan, PDF, email)"
    )
    add_expect_version(reply)
    reply.set_defaults(run=record_reply)

    logo = actions.add_parser("logo", help="the letterhead logo of a sending organisation")
    logo.add_argument("org", type=positive_id, metavar="ORG_ID")
    logo.add_argument("file", type=given_path, metavar="IMAGE", help="PNG or JPEG")
    logo.set_defaults(run=set_logo)

    signature = actions.add_parser("signature", help="a signatory's scanned signature")
    signature.add_argument("person", type=positive_id, metavar="PERSON_ID")
    signature.add_argument("file", type=given_path, metavar="IMAGE", help="PNG or JPEG")
    signature.set_defaults(run=set_signature)
    letter_merge.register(actions)
    statements.register(actions)


def _register_add(add: argparse.ArgumentParser) -> None:
    add.add_argument("--campaign", type=positive_id, required=True, metavar="ID")
    add.add_argument("--kind", type=given, required=True, help=KINDS)
    add.add_argument("--sender", type=positive_id, required=True, metavar="ID")
    add.add_argument("--subject", required=True)
    add.add_argument(
        "--body-file", type=given_path, required=True, metavar="FILE", help="UTF-8 Markdown subset"
    )
    add.add_argument("--signatory", type=positive_id, action="append", default=[], metavar="ID")
    add.add_argument("--to", action="append", default=[], metavar="REF", help="org:ID|person:ID")
    add.add_argument("--cc", action="append", default=[], metavar="REF", help="org:ID|person:ID")
    add.add_argument("--date", type=given, default=None, metavar="YYYY-MM-DD")
    add.add_argument("--language", type=given, default="en", help="ISO 639-1 code, e.g. ko, kk, ru")
    add.add_argument("--our-ref", default="")
    add.add_argument("--their-ref", default="")
    add.add_argument("--status", type=given, default="draft", help="draft or approved")
    add.set_defaults(run=add_letter)


def _register_version(actions: Any) -> None:
    version = actions.add_parser(
        "version", help="a language version: add or replace (--language), --list, --remove"
    )
    version.add_argument("id", type=positive_id)
    version.add_argument("--language", type=given, help="ISO 639-1 code, e.g. fr, ko")
    version.add_argument("--subject", default=None)
    version.add_argument("--body-file", type=given_path, default=None, metavar="FILE")
    version.add_argument("--list", action="store_true", help="the versions and their state")
    version.add_argument("--remove", type=given, default=None, metavar="LANG")
    add_json(version)
    version.set_defaults(run=letter_version)


BODY_FILE_LIMIT = 1024 * 1024


def _body(path: Path) -> str:
    # A body of at most 200,000 characters is at most 800,000 bytes of UTF-8.
    _name, data = attachments.read_upload(path, "body_file", BODY_FILE_LIMIT)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError("body_file", f"{path} is not UTF-8 text.") from None
    if not text.strip():
        raise ValidationError("body_file", f"{path} is empty: the letter would have no body.")
    return text


EDITING = Editing(
    "letter",
    letters.get_letter,
    lambda view: view.fields(),
    letters.update_letter,
    {
        "kind": "kind",
        "campaign": "campaign_id",
        "sender": "sender_id",
        "subject": "subject",
        "date": "letter_date",
        "language": "language",
        "body_file": "body",
        "our_ref": "our_reference",
        "their_ref": "their_reference",
        "status": "status",
        "signatory": "signatory_ids",
        "to": "to",
        "cc": "cc",
    },
    {
        "body_file": _body,
        "to": lambda texts: [parse_ref(text, "to") for text in texts],
        "cc": lambda texts: [parse_ref(text, "cc") for text in texts],
    },
)


def add_letter(args: argparse.Namespace) -> int:
    fields = letters.LetterFields(**EDITING.given(args))
    return add_and_print_id(args, letters.create_letter, fields)


def list_letters(args: argparse.Namespace) -> int:
    where = letters.LetterFilter(
        campaign_id=args.campaign,
        kind=args.kind,
        status=args.status,
        date_from=args.date_from,
        date_to=args.date_to,
        awaiting_reply=args.awaiting_reply,
    )
    with store.transaction(engine_for(args)) as session:
        check_named(session, args.campaign)
        found = letters.list_letters(session, where)
    return print_records(
        args.json, found,
        ("ID", "Date", "Kind", "Subject", "To", "Status", "Sent on", "Reply on"),
        lambda x: (x.id, x.letter_date, x.kind, x.subject, x.recipient_names, x.status,
                   x.sent_on, x.reply_received_on),
    )  # fmt: skip


@dataclass(frozen=True)
class ShownLetter:
    """A letter as `letter show` gives it: its fields and its language versions' states."""

    letter: letters.LetterView
    versions: letter_versions.LetterVersions


def _shown(session: Session, letter_id: int) -> ShownLetter:
    return ShownLetter(
        letters.get_letter(session, letter_id), letter_versions.list_versions(session, letter_id)
    )


def _as_json(shown: ShownLetter) -> dict[str, object]:
    return {
        **plain(shown.letter),
        "versions": plain(shown.versions.versions),
        "missing_languages": list(shown.versions.missing),
    }


def _readable(shown: ShownLetter) -> dict[str, object]:
    letter, versions = shown.letter, shown.versions
    readable = plain(letter)
    readable["versions"] = [f"{x.language} ({x.state.value})" for x in versions.versions]
    for key in ("signatories", "to", "cc"):
        readable[key] = [_party_text(p) for p in getattr(letter, key)]
    return readable


def _party_text(party: letters.Party) -> str:
    detail = f", {party.detail}" if party.detail else ""
    if party.ref is None:
        return f"{party.name}{detail} [deleted since]"
    kind, key = party.ref
    return f"{party.name}{detail} [{kind}:{key}]"


def letter_version(args: argparse.Namespace) -> int:
    """Add or replace a version, remove one, or list them; one of the three."""
    adding = args.language is not None or args.subject is not None or args.body_file is not None
    if sum((adding, args.list, args.remove is not None)) != 1:
        raise ValidationError(
            "language", "Give --language with --subject and --body-file, or --list, or --remove."
        )
    if adding and (args.language is None or args.subject is None or args.body_file is None):
        raise ValidationError("language", "A version needs --language, --subject and --body-file.")
    body = _body(args.body_file) if adding else ""
    with store.transaction(engine_for(args), write=not args.list) as session:
        if adding:
            found = letter_versions.set_version(session, args.id, args.language, args.subject, body)
        elif args.remove is not None:
            found = letter_versions.remove_version(session, args.id, args.remove)
        else:
            found = letter_versions.list_versions(session, args.id)
    if args.list:
        _print_versions(args.json, found)
    return 0


def _print_versions(as_json: bool, found: letter_versions.LetterVersions) -> None:
    if as_json:
        print_json(found)
        return
    rows = [(x.language, x.state.value, x.subject) for x in found.versions]
    rows += [(code, letter_versions.VersionState.MISSING.value, "") for code in found.missing]
    print_table(("Language", "State", "Subject"), rows)


def export_pdf(args: argparse.Namespace) -> int:
    if args.language is not None:
        return _export_version_pdf(args)
    # One unit of work: if the file cannot be written, the kept PDF is rolled back too.
    with store.transaction(engine_for(args), write=True) as session:
        for warning in letter_checks.export_warnings(session, args.id):
            print(f"organiser: warning: {warning}", file=sys.stderr)
        made = letter_output.write_letter_pdf(session, args.id, args.file, args.paper)
    if made.as_sent and args.paper:
        print("organiser: note: the letter has gone out; this is the PDF that was sent, "
              "on its own paper", file=sys.stderr)  # fmt: skip
    return 0


def _export_version_pdf(args: argparse.Namespace) -> int:
    with store.transaction(engine_for(args)) as session:
        made = letter_versions.write_version_pdf(
            session, args.id, args.language, args.file, args.paper
        )
    if made.fell_back:
        print(f"organiser: note: letter {args.id} has no version in '{args.language}'; "
              f"printed the original ({made.language})", file=sys.stderr)  # fmt: skip
    return 0


def export_many(args: argparse.Namespace) -> int:
    """A sent letter's file is the PDF that went out; the others are made in a batch. Unlike
    `pdf`, nothing is kept in the register: a large export leaves the database as it was."""
    where = letters.LetterFilter(campaign_id=args.campaign, kind=args.kind, status=args.status)
    engine = engine_for(args)
    with store.transaction(engine) as session:  # a typed id that names no campaign
        check_named(session, args.campaign)
    written = letter_output.export_letters(engine, args.folder, where, args.paper)
    told = ngettext("{n} letter written to {folder}", "{n} letters written to {folder}", written)
    print(told.format(n=written, folder=Path(args.folder)))
    return 0


def mark_sent(args: argparse.Namespace) -> int:
    change_record(
        args,
        letters.get_letter,
        lambda session, _letter, version: letter_sending.mark_sent(
            session, args.id, args.on, args.channel, args.tracking, expected_version=version
        ),
    )
    return 0


def record_reply(args: argparse.Namespace) -> int:
    change_record(
        args,
        letters.get_letter,
        lambda session, _letter, version: letter_sending.record_reply(
            session, args.id, args.on, args.note, args.file, expected_version=version
        ),
    )
    return 0


def set_logo(args: argparse.Namespace) -> int:
    upload = register_service.read_image(args.file, "logo")
    with store.transaction(engine_for(args), write=True) as session:
        register_service.set_logo(session, args.org, upload)
    return 0


def set_signature(args: argparse.Namespace) -> int:
    upload = register_service.read_image(args.file, "signature")
    with store.transaction(engine_for(args), write=True) as session:
        register_service.set_signature(session, args.person, upload)
    return 0
