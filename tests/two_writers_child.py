"""One of two writers adding organisations at once: `python -m tests.two_writers_child DB
LABEL COUNT` adds COUNT organisations, each in its own unit of work, and prints how many."""

from __future__ import annotations

import sys

from organiser import store
from organiser.services.organisations import OrganisationFields, create_organisation


def main(path: str, label: str, count: int) -> int:
    engine = store.create_db_engine(f"sqlite:///{path}")
    try:
        for number in range(count):
            with store.transaction(engine, write=True) as session:
                # A read before the write, as most services do: it must not fail the write.
                create_organisation(session, OrganisationFields(name=f"{label} {number}"))
    finally:
        engine.dispose()
    print(count)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2], int(sys.argv[3])))
