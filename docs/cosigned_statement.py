"""Renders docs/co-signed-statement.png: a statement of the sample campaign with the most
commitments, signed by the organisations that committed to it (listed by country).

Run: .venv/bin/python docs/cosigned_statement.py  (needs pdftoppm from poppler-utils)
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy.orm import Session  # noqa: E402

from organiser import store  # noqa: E402
from organiser.models import OrganisationKind  # noqa: E402
from organiser.services import (  # noqa: E402
    commitments,
    demo,
    letter_output,
    letters,
    organisations,
    statements,
)

SENDER = 1  # the sample data's IndustriALL Global Union
BODY = """We, the undersigned trade unions, stand with the workers of this campaign and with
their unions.

We call on the authorities to:

- release every trade unionist held for peaceful protest;
- drop the charges and stop the prosecutions;
- respect ILO Conventions 87 and 98 on freedom of association.

We will go on acting together until these demands are met."""


def _more_affiliates_join(session: Session, campaign_id: int) -> None:
    """The other sample unions (Korean, Kazakh among them) commit too, so the block shows its
    columns and its scripts; the sending federation does not sign its own statement twice."""
    committed = {c.organisation_id for c in commitments.list_commitments(session)
                 if c.campaign_id == campaign_id}  # fmt: skip
    unions = {OrganisationKind.UNION, OrganisationKind.NATIONAL_CENTRE}
    for org in organisations.list_organisations(session):
        if org.id not in committed and org.id != SENDER and org.kind in unions:
            commitments.create_commitment(
                session,
                commitments.CommitmentFields(
                    campaign_id=campaign_id, organisation_id=org.id, what="Co-sign the statement"
                ),
            )


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        engine = store.open_database(str(Path(folder) / "sample.sqlite3"))
        with store.transaction(engine, write=True) as session:
            demo.load_demo(session)
            counts = Counter(c.campaign_id for c in commitments.list_commitments(session))
            campaign_id = counts.most_common(1)[0][0]
            _more_affiliates_join(session, campaign_id)
            made = letters.create_letter(
                session,
                letters.LetterFields(
                    kind="statement", campaign_id=campaign_id, sender_id=SENDER,
                    subject="Joint statement of solidarity", letter_date="2026-12-03",
                    body=BODY,
                ),
            )  # fmt: skip
            statements.set_cosigned(
                session, made.id, "committed", "country", expected_version=made.version
            )
            pdf = letter_output.letter_pdf(session, made.id).data
        engine.dispose()
        source = Path(folder) / "statement.pdf"
        source.write_bytes(pdf)
        subprocess.run(
            ["pdftoppm", "-png", "-r", "70", "-f", "1", "-l", "1", str(source),
             str(Path(folder) / "page")],
            check=True,
        )  # fmt: skip
        shutil.copy(next(Path(folder).glob("page*.png")), ROOT / "docs" / "co-signed-statement.png")


if __name__ == "__main__":
    main()
