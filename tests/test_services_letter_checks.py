"""The warning before export: a letter with no signatory and no closing names no writer."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine

from organiser import store
from organiser.services import letter_checks
from tests.cli.helpers import run
from tests.letter_world import make_world

Capsys = pytest.CaptureFixture[str]


def test_no_signatory_and_no_closing_is_warned_either_one_is_enough() -> None:
    """The warning needs both missing; a closing line or a signatory silences it."""
    unsigned = "We demand the release of the strikers.\n\nWe await your reply."
    assert letter_checks.warnings_for(unsigned, []) == [letter_checks.NO_SIGNATORY_NO_CLOSING]
    assert letter_checks.warnings_for(unsigned + "\n\nIn solidarity,", []) == []
    assert letter_checks.warnings_for(unsigned, [object()]) == []
    assert letter_checks.warnings_for("- release them\n- drop the charges", []) != []


def test_the_service_reads_the_letter_as_it_will_print(engine: Engine) -> None:
    """The world's letter has a signatory and a closing: no warning."""
    world = make_world(engine)
    with store.transaction(engine) as session:
        assert letter_checks.export_warnings(session, world.letter_id) == []


def test_the_command_line_prints_the_warning_on_stderr_and_still_writes(
    db_path: Path, tmp_path: Path, capsys: Capsys
) -> None:
    """`letter pdf` of an unsigned letter without a closing: one warning line, the PDF made."""
    assert run(capsys, db_path, "demo").code == 0
    body = tmp_path / "body.md"
    body.write_text("We demand the release of the strikers.\n", encoding="utf-8")
    added = run(
        capsys, db_path, "letter", "add", "--campaign", "1", "--kind", "statement",
        "--sender", "1", "--subject", "Release them", "--body-file", str(body),
    )  # fmt: skip
    assert added.code == 0, added.err
    target = tmp_path / "statement.pdf"
    result = run(capsys, db_path, "letter", "pdf", added.out.strip(), str(target))
    assert result.code == 0 and target.stat().st_size > 0
    assert result.err.strip() == f"organiser: warning: {letter_checks.NO_SIGNATORY_NO_CLOSING}"
