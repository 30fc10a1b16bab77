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
    positive_id,
)
from organiser.cli.editing import Editing, add_edit
from organiser.cli.output import print_json, print_record, print_records
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
    },
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
        type=positive_id,
        default=None,
        metavar="ID",
        help="id of the leading organisation",
    )
    add.add_argument("--colour", default="", help="calendar colour, e.g. #d1242f")
    add.set_defaults(run=add_campaign)

    listing = actions.add_parser("list", help="list campaigns")
    add_json(listing)
    listing.set_defaults(run=list_campaigns)

    show = actions.add_parser("show", help="show one campaign")
    show.add_argument("id", type=positive_id)
    add_json(show)
    show.set_defaults(run=show_campaign)
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


def show_campaign(args: argparse.Namespace) -> int:
    with store.transaction(engine_for(args)) as session:
        campaign = service.get_campaign(session, args.id)
    if args.json:
        print_json(campaign)
    else:
        print_record(campaign)
    return 0
