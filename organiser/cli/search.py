"""`organiser search QUERY [--kind K] [--json]`: every record at once, as the window's search
box finds them (without accents, in any case, in Latin letters for another script)."""

from __future__ import annotations

import argparse
from typing import Any

from organiser import store
from organiser.cli.common import Commands, add_json, engine_for
from organiser.cli.output import print_json
from organiser.services.search import DEFAULT_LIMIT, KIND_NAMES, Hit, search


def register(commands: Commands) -> None:
    parser = commands.add_parser(
        "search", help="find campaigns, actions, organisations, people, commitments, letters"
    )
    parser.add_argument("query", metavar="QUERY", help="words to find (every word must match)")
    parser.add_argument(
        "--kind", action="append", choices=KIND_NAMES, help="only records of this kind (repeat)"
    )
    parser.add_argument(
        "--limit", type=int, default=DEFAULT_LIMIT, metavar="N", help="at most N hits (50)"
    )
    add_json(parser)
    parser.set_defaults(run=run_search)


def marked(hit: Hit) -> str:
    """The context with the words found in [brackets]."""
    if hit.context is None:
        return ""
    text = "".join(f"[{part}]" if found else part for part, found in hit.context_pieces())
    before = "…" if hit.context.clipped_start else ""
    return before + text + ("…" if hit.context.clipped_end else "")


def _plain(hit: Hit) -> dict[str, Any]:
    return {
        "kind": hit.kind,
        "id": hit.id,
        "label": hit.label,
        "context": hit.context.text if hit.context else None,
        "spans": [list(span) for span in hit.context.spans] if hit.context else [],
        "score": round(hit.score, 4),
    }


def run_search(args: argparse.Namespace) -> int:
    with store.transaction(engine_for(args)) as session:
        results = search(session, args.query, args.kind, max(1, args.limit))
    if args.json:
        print_json([_plain(hit) for hit in results.hits])
        return 0
    if not results.groups:
        print(f"Nothing found for “{args.query}”.")
        return 0
    for group in results.groups:
        print(f"{group.kind} ({len(group.hits)})")
        for hit in group.hits:
            print(f"  {hit.id:>6}  {hit.label}")
            context = marked(hit)
            if context:
                print(f"          {context}")
    return 0
