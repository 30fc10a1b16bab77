"""`organiser letter show/list/pdf` of a sent letter after its recipient and sender are deleted:
the register still names them and the PDF is byte for byte the one that went out."""

from __future__ import annotations

from pathlib import Path

import pytest

from organiser import store
from organiser.services import organisations
from tests.cli.helpers import run

Capsys = pytest.CaptureFixture[str]


def test_a_sent_letter_still_names_its_deleted_recipient_and_sender(
    db_path: Path, tmp_path: Path, capsys: Capsys
) -> None:
    assert run(capsys, db_path, "demo").code == 0
    body = tmp_path / "body.md"
    body.write_text("Dear comrades,\n\nWe stand with you.\n", encoding="utf-8")
    added = run(
        capsys, db_path, "letter", "add", "--campaign", "1", "--kind", "protest-letter",
        "--sender", "1", "--subject", "Free them now", "--body-file", str(body),
        "--to", "org:2", "--signatory", "1", "--date", "2026-05-01", "--our-ref", "X/1",
    )  # fmt: skip
    letter_id = added.out.strip()
    orgs = {o["id"]: o["name"] for o in run(capsys, db_path, "org", "list", "--json").json()}
    assert run(capsys, db_path, "letter", "sent", letter_id, "--on", "2026-05-02",
               "--channel", "email").code == 0  # fmt: skip
    went_out = tmp_path / "went-out.pdf"
    assert run(capsys, db_path, "letter", "pdf", letter_id, str(went_out)).code == 0
    listed_before = run(capsys, db_path, "letter", "list").out

    engine = store.open_database(str(db_path))
    try:
        with store.transaction(engine) as session:
            organisations.delete_organisation(session, 2)
            organisations.delete_organisation(session, 1)
    finally:
        engine.dispose()

    shown = run(capsys, db_path, "letter", "show", letter_id)
    assert shown.code == 0, shown.err
    assert f"{orgs[2]} [deleted since]" in shown.out
    assert orgs[1] in shown.out
    assert run(capsys, db_path, "letter", "list").out == listed_before
    again = tmp_path / "again.pdf"
    assert run(capsys, db_path, "letter", "pdf", letter_id, str(again)).code == 0
    assert again.read_bytes() == went_out.read_bytes()
