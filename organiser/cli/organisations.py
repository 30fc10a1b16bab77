"""`organiser org ...` and `organiser person ...`."""

from __future__ import annotations

import argparse

from organiser import store
from organiser.cli import affiliates, situations
from organiser.cli.common import (
    Commands,
    add_and_print_id,
    add_json,
    engine_for,
    given,
    id_or_none,
)
from organiser.cli.editing import Editing, add_edit, add_show
from organiser.cli.output import print_records
from organiser.cli.trash import add_delete
from organiser.models import OrganisationKind
from organiser.services import organisations as service
from organiser.services.editing import fields_from

ORGANISATION = Editing(
    "organisation",
    service.get_organisation,
    lambda view: fields_from(view, service.OrganisationFields),
    service.update_organisation,
    {
        "name": "name",
        "acronym": "acronym",
        "kind": "kind",
        "country": "country",
        "email": "email",
        "phone": "phone",
        "address": "address",
        "language": "language",
        "affiliate_of": "affiliate_of_id",
        "website": "website",
        "notes": "notes",
        "members": "members",
        "membership": "membership",
    },
)
PERSON = Editing(
    "person",
    service.get_person,
    lambda view: fields_from(view, service.PersonFields),
    service.update_person,
    {
        "name": "name",
        "role": "role",
        "title": "title",
        "org": "organisation_id",
        "email": "email",
        "address": "address",
        "language": "language",
        "notes": "notes",
    },
)


def register(commands: Commands) -> None:
    org = commands.add_parser(
        "org", help="organisations: affiliates, centres, governments, employers"
    )
    org_commands = org.add_subparsers(dest="org_command", metavar="ACTION", required=True)

    add = org_commands.add_parser("add", help="add an organisation; prints its id")
    add.add_argument("--name", required=True)
    add.add_argument("--acronym", default="")
    add.add_argument(
        "--kind",
        type=given,
        default=OrganisationKind.UNION.value,
        help=", ".join(k.value for k in OrganisationKind),
    )
    add.add_argument("--country", default="", help="ISO 3166 code, e.g. KR")
    add.add_argument("--email", default="")
    add.add_argument("--phone", default="")
    add.add_argument("--address", default="")
    add.add_argument("--language", default="", help="ISO 639-1 code, e.g. ko")
    add.add_argument(
        "--affiliate-of", type=id_or_none, default=None, metavar="ID", help="none: no federation"
    )
    add.add_argument("--website", default="", metavar="URL")
    add.add_argument("--notes", default="")
    add.add_argument("--members", default=None, metavar="N", help="how many members, e.g. 30000000")
    add.add_argument(
        "--membership", default="", metavar="TEXT", help="as written: '30 million workers'"
    )
    add.set_defaults(run=add_organisation)

    listing = org_commands.add_parser("list", help="list organisations")
    add_json(listing)
    listing.set_defaults(run=list_organisations)
    affiliates.register_org_commands(org_commands)
    add_edit(org_commands, add, ORGANISATION)
    add_show(org_commands, "organisation", service.get_organisation)
    add_delete(org_commands, "organisation", service.delete_organisation)

    person = commands.add_parser("person", help="people: leaders, contacts, signatories")
    person_commands = person.add_subparsers(dest="person_command", metavar="ACTION", required=True)
    padd = person_commands.add_parser("add", help="add a person; prints their id")
    padd.add_argument("--name", default="", help="required unless --role is given")
    padd.add_argument(
        "--role", default="", help="who they are while the name is not known "
        "(\"the branch's first vice-chair\")",
    )  # fmt: skip
    padd.add_argument("--title", default="")
    padd.add_argument("--org", type=id_or_none, default=None, metavar="ID", help="none: none")
    padd.add_argument("--email", default="")
    padd.add_argument("--address", default="")
    padd.add_argument("--language", default="")
    padd.add_argument("--notes", default="")
    padd.set_defaults(run=add_person)
    plist = person_commands.add_parser("list", help="list people")
    add_json(plist)
    plist.set_defaults(run=list_people)
    add_edit(person_commands, padd, PERSON)
    add_show(person_commands, "person", service.get_person)
    add_delete(person_commands, "person", service.delete_person)
    situations.register(person_commands)


def add_organisation(args: argparse.Namespace) -> int:
    fields = service.OrganisationFields(**ORGANISATION.given(args))
    return add_and_print_id(args, service.create_organisation, fields)


def list_organisations(args: argparse.Namespace) -> int:
    with store.transaction(engine_for(args)) as session:
        organisations = service.list_organisations(session)
    return print_records(
        args.json, organisations,
        ("ID", "Name", "Acronym", "Kind", "Country", "Affiliate of"),
        lambda o: (o.id, o.name, o.acronym, o.kind, o.country, o.affiliate_of_name),
    )  # fmt: skip


def add_person(args: argparse.Namespace) -> int:
    fields = service.PersonFields(**PERSON.given(args))
    return add_and_print_id(args, service.create_person, fields)


def list_people(args: argparse.Namespace) -> int:
    with store.transaction(engine_for(args)) as session:
        people = service.list_people(session)
    return print_records(
        args.json, people,
        ("ID", "Name", "Title", "Organisation", "Email"),
        lambda p: (p.id, p.display_name, p.title, p.organisation_name, p.email),
    )  # fmt: skip
