"""`organiser demo`: sample campaigns for a first look."""

from __future__ import annotations

import argparse

from organiser import store
from organiser.cli.common import Commands, engine_for
from organiser.services.demo import load_demo


def register(commands: Commands) -> None:
    demo = commands.add_parser("demo", help="load sample campaigns into an empty database")
    demo.set_defaults(run=run_demo)


def run_demo(args: argparse.Namespace) -> int:
    with store.transaction(engine_for(args), write=True) as session:
        summary = load_demo(session)
    print(
        f"Loaded {summary.campaigns} campaigns, {summary.organisations} organisations, "
        f"{summary.people} people, {summary.actions} actions, {summary.commitments} commitments "
        f"and {summary.letters} letters; {summary.situations} situations of people at risk."
    )
    return 0
