"""`organiser dashboard [--json]`: what needs the organiser's eye, as the window's Dashboard."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from organiser.cli.actions import default_zone
from organiser.cli.common import Commands, add_json, engine_for
from organiser.cli.output import print_json, print_table
from organiser.services.dashboard import (
    AWAITING_REPLY_DAYS,
    UPCOMING_DAYS,
    ActionItem,
    DashboardSummary,
    Section,
    dashboard,
)
from organiser.services.situations import count_text


def register(commands: Commands) -> None:
    parser = commands.add_parser(
        "dashboard", help="this week, overdue, unsent, people held (days): what needs chasing"
    )
    parser.add_argument(
        "--limit", type=int, default=50, metavar="N", help="at most N of each section (50)"
    )
    add_json(parser)
    parser.set_defaults(run=show_dashboard)


def show_dashboard(args: argparse.Namespace) -> int:
    zone = default_zone()
    summary = dashboard(engine_for(args), limit=max(1, args.limit), zone=zone)
    if args.json:
        print_json(summary)
    else:
        print_summary(summary, zone)
    return 0


def when(item: ActionItem) -> str:
    """'2026-12-05 11:00 America/Argentina/Buenos_Aires' where it happens, or the days."""
    if item.starts_at is None:
        if item.end_date is None:
            return f"{item.start_date.isoformat()}, ongoing"
        if item.end_date == item.start_date:
            return item.start_date.isoformat()
        return f"{item.start_date.isoformat()} – {item.end_date.isoformat()}"
    local = item.starts_at.astimezone(ZoneInfo(item.timezone))
    return f"{local:%Y-%m-%d %H:%M} {item.timezone}"


def _section(
    heading: str, section: Section[Any], headers: Sequence[str], row: Any, empty: str
) -> None:
    print(f"{heading} ({section.total})")
    if section.total == 0:
        print(f"  {empty}")
    else:
        print_table(headers, (row(item) for item in section.items))
        if section.more:
            print(f"  … and {section.more} more")
    print()


def _local(moment: datetime | None, zone: str) -> str:
    """'2026-01-05 09:00 Asia/Seoul': a time in the organiser's own zone, as they see it."""
    if moment is None:
        return ""
    return f"{moment.astimezone(ZoneInfo(zone)):%Y-%m-%d %H:%M} {zone}"


def print_summary(summary: DashboardSummary, zone: str = "UTC") -> None:
    _section(
        "Reminders due",
        summary.reminders,
        ("id", "due", "of", "title", "note"),
        lambda r: (
            r.id,
            _local(r.due_at, zone),
            f"{r.target_kind} {r.target_id}",
            r.target_title,
            r.note,
        ),
        "None.",
    )
    _section(
        f"Actions in the next {UPCOMING_DAYS} days",
        summary.upcoming,
        ("id", "when", "title", "campaign", "location"),
        lambda a: (a.id, when(a), a.title, a.campaign_title, a.location),
        "Nothing planned.",
    )
    commitment_headers = ("id", "due", "organisation", "what", "campaign")

    def commitment(c: Any) -> tuple[Any, ...]:
        return (c.id, c.due_date, c.organisation_name, c.what, c.campaign_title)

    _section(
        "Commitments due this week", summary.due_this_week, commitment_headers, commitment, "None."
    )
    _section("Overdue commitments", summary.overdue, commitment_headers, commitment, "None.")
    _section(
        "Letters not sent",
        summary.unsent_letters,
        ("id", "status", "subject", "campaign"),
        lambda letter: (letter.id, letter.status, letter.subject, letter.campaign_title),
        "None.",
    )
    _section(
        f"Awaiting a reply for more than {AWAITING_REPLY_DAYS} days",
        summary.awaiting_reply,
        ("id", "sent", "days", "subject", "campaign"),
        lambda letter: (
            letter.id,
            letter.sent_on,
            letter.days_waiting,
            letter.subject,
            letter.campaign_title,
        ),
        "None.",
    )
    _section(
        "Campaigns with no action planned",
        summary.campaigns_without_action,
        ("id", "status", "title", "last action"),
        lambda c: (c.id, c.status, c.title, c.last_action_on),
        "None: every campaign has something planned.",
    )
    _section(
        "People held or on hunger strike",
        summary.people_at_risk,
        ("id", "name", "days", "campaigns"),
        lambda p: (
            p.id,
            p.name,
            count_text(p.held_days, p.sentence_months, p.hunger_strike_day),
            ", ".join(p.campaign_titles),
        ),
        "Nobody.",
    )
    backup = summary.backup
    if backup is None or backup.last_at is None:
        print("Backup: never backed up — run `organiser backup`.")
    elif backup.recent:
        print(f"Backup: last checked backup {_local(backup.last_at, zone)}.")
    else:
        print(
            f"Backup: last checked backup {_local(backup.last_at, zone)}; "
            f"{backup.days_without_backup} days of changes since — run `organiser backup`."
        )
