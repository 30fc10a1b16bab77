"""`organiser campaign ...`."""

from __future__ import annotations

import argparse

from organiser import store
from organiser.cli.common import (
    Commands,
    add_and_print_id,
    add_json,
    engine_for,
    given,
    given_path,
    id_or_none,
    ids_given,
    positive_id,
)
from organiser.cli.editing import Editing, add_edit, add_show
from organiser.cli.output import print_records
from organiser.cli.trash import add_delete
from organiser.models import CampaignStatus
from organiser.services import campaigns as service
from organiser.services.editing import fields_from

EDITING = Editing(
    "campaign",
    service.get_campaign,
    lambda view: fields_from(view, service.CampaignFields),
    service.update_campaign,
    {
        "title": "title",
        "country": "country",
        "target": "target",
        "summary": "summary",
        "demand": "demands",
        "status": "status",
        "start": "start_date",
        "end": "end_date",
        "lead": "lead_id",
        "colour": "colour",
        "target_org": "target_organisation_ids",
        "ally": "ally_ids",
    },
    {"target_org": ids_given, "ally": ids_given},
)


def register(commands: Commands) -> None:
    campaign = commands.add_parser("campaign", help="campaigns: add, list, show, edit")
    actions = campaign.add_subparsers(dest="campaign_command", metavar="ACTION", required=True)

    add = actions.add_parser("add", help="add a campaign; prints its id")
    add.add_argument("--title", required=True)
    add.add_argument("--country", default="", help="ISO 3166 code, e.g. KR")
    add.add_argument("--target", default="", help="who must act")
    add.add_argument("--summary", default="")
    add.add_argument(
        "--demand",
        action="append",
        type=given,
        default=[],
        metavar="TEXT",
        help="a demand; repeat in order",
    )
    add.add_argument(
        "--status",
        type=given,
        default=CampaignStatus.PLANNED.value,
        help=", ".join(s.value for s in CampaignStatus),
    )
    add.add_argument("--start", type=given, default=None, metavar="YYYY-MM-DD")
    add.add_argument("--end", type=given, default=None, metavar="YYYY-MM-DD")
    add.add_argument(
        "--lead",
        type=id_or_none,
        default=None,
        metavar="ID",
        help="id of the leading organisation (edit: `none` for none)",
    )
    add.add_argument("--colour", default="", help="calendar colour, e.g. #d1242f")
    add.add_argument(
        "--target-org",
        type=id_or_none,
        action="append",
        default=[],
        metavar="ID",
        help="an organisation that must act; repeat in order (edit: `none` for none)",
    )
    add.add_argument(
        "--ally",
        type=id_or_none,
        action="append",
        default=[],
        metavar="ID",
        help="an organisation working with the campaign; repeat (edit: `none` for none)",
    )
    add.set_defaults(run=add_campaign)

    listing = actions.add_parser("list", help="list campaigns")
    add_json(listing)
    listing.set_defaults(run=list_campaigns)

    brief = actions.add_parser("brief", help="a campaign's two-page brief as PDF")
    brief.add_argument("id", type=positive_id, metavar="ID")
    brief.add_argument("file", type=given_path, metavar="FILE.pdf")
    brief.add_argument(
        "--language", type=given, default="en", metavar="LANG", help="its words: en, fr, es, ko"
    )
    brief.set_defaults(run=write_brief)

    add_show(actions, "campaign", service.get_campaign)
    add_edit(actions, add, EDITING)
    add_delete(actions, "campaign", service.delete_campaign)


def add_campaign(args: argparse.Namespace) -> int:
    fields = service.CampaignFields(**EDITING.given(args))
    return add_and_print_id(args, service.create_campaign, fields)


def list_campaigns(args: argparse.Namespace) -> int:
    with store.transaction(engine_for(args)) as session:
        campaigns = service.list_campaigns(session)
    return print_records(
        args.json, campaigns,
        ("ID", "Title", "Country", "Status", "Start", "End", "Lead"),
        lambda c: (c.id, c.title, c.country, c.status, c.start_date, c.end_date, c.lead_name),
    )  # fmt: skip


def write_brief(args: argparse.Namespace) -> int:
    """The brief written whole, or nothing (an unknown campaign is refused before any file)."""
    from organiser.services import campaign_brief  # on use: it brings ReportLab

    with store.transaction(engine_for(args)) as session:
        campaign_brief.write_brief(session, args.id, args.file, language=args.language)
    return 0
