"""`organiser person situation add|list|edit|delete`: the situations of people at risk."""

from __future__ import annotations

import argparse
import dataclasses
from datetime import date

from organiser import store
from organiser.cli.common import Commands, add_json, engine_for, given, positive_id
from organiser.cli.editing import Editing, add_edit
from organiser.cli.output import print_records
from organiser.cli.trash import add_delete
from organiser.models import SituationKind
from organiser.services import situations as service
from organiser.services.editing import fields_from

KINDS = ", ".join(k.value for k in SituationKind)

EDITING = Editing(
    "situation",
    service.get_situation,
    lambda view: fields_from(view, service.SituationFields),
    service.update_situation,
    {
        "person_id": "person_id",
        "kind": "kind",
        "since": "since",
        "until": "until",
        "court": "court",
        "sentence": "sentence",
        "sentence_months": "sentence_months",
        "lawyer": "lawyer",
        "campaign": "campaign_ids",
        "action": "action_ids",
        "notes": "notes",
    },
)


def register(person_commands: Commands) -> None:
    """`person situation ...`, under the `person` command."""
    parser = person_commands.add_parser(
        "situation", help="what is happening to a person at risk: arrested, sentenced, ..."
    )
    actions = parser.add_subparsers(dest="situation_command", metavar="ACTION", required=True)
    add = actions.add_parser("add", help="add a situation of a person; prints its id")
    add.add_argument("person_id", type=positive_id, metavar="PERSON_ID")
    add.add_argument("--kind", type=given, required=True, help=KINDS)
    add.add_argument("--since", type=given, required=True, metavar="DATE")
    add.add_argument("--until", default=None, metavar="DATE")
    add.add_argument("--court", default="")
    add.add_argument("--sentence", default="", help='as written, e.g. "5 years"')
    add.add_argument("--sentence-months", default=None, metavar="N", help="its length: 60")
    add.add_argument("--lawyer", default="")
    add.add_argument(
        "--campaign", type=positive_id, action="append", default=[], metavar="ID",
        help="a campaign it concerns (repeat for more)",
    )  # fmt: skip
    add.add_argument(
        "--action", type=positive_id, action="append", default=[], metavar="ID",
        help="its hearing or release date on the calendar (repeat for more)",
    )  # fmt: skip
    add.add_argument("--notes", default="")
    add.set_defaults(run=add_situation)

    listing = actions.add_parser("list", help="situations with their day counts")
    listing.add_argument("--person", type=positive_id, default=None, metavar="ID")
    listing.add_argument("--campaign", type=positive_id, default=None, metavar="ID")
    listing.add_argument(
        "--current", action="store_true", help="only what is happening now, not the history"
    )
    add_json(listing)
    listing.set_defaults(run=list_situations)
    add_edit(actions, add, EDITING)
    add_delete(actions, "situation", service.delete_situation)


def add_situation(args: argparse.Namespace) -> int:
    fields = service.SituationFields(**EDITING.given(args))
    with store.transaction(engine_for(args), write=True) as session:
        created = service.create_situation(session, fields)
    print(created.id)
    return 0


def list_situations(args: argparse.Namespace) -> int:
    today = date.today()
    with store.transaction(engine_for(args)) as session:
        found = service.list_situations(
            session, args.person, args.campaign, current=args.current, today=today
        )
        risk = {r.person_id: r for r in service.at_risk_now(session, today=today)}

    def now(situation: service.SituationView) -> str:
        """The day count of a current situation: of the person's custody or hunger strike."""
        if not situation.current:
            return ""
        person = risk.get(situation.person_id)
        if person is not None and situation.kind in service.HOLDING:
            return service.count_text(person.held_days, person.sentence_months, None)
        if situation.kind is SituationKind.ON_HUNGER_STRIKE and situation.day is not None:
            return service.count_text(None, None, situation.day)
        return f"day {situation.day}" if situation.day is not None else ""

    if args.json:
        records = [{**dataclasses.asdict(s), "now": now(s)} for s in found]
        return print_records(True, records, (), lambda s: ())
    return print_records(
        False, found,
        ("ID", "Person", "Kind", "Since", "Until", "Now", "Sentence", "Court", "Campaigns"),
        lambda s: (
            s.id, s.person_name, s.kind, s.since, s.until, now(s), s.sentence, s.court,
            "; ".join(s.campaign_titles),
        ),
    )  # fmt: skip
