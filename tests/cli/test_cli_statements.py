"""`organiser letter statement|issue|issues`: a statement set to be co-signed, issued twice with
who joined and withdrew said, listed as JSON; bad input is one line, exit 2, nothing written."""

from __future__ import annotations

from pathlib import Path

import pytest

from organiser import store
from tests.cli.helpers import run
from tests.statement_world import make_statement_world, union_name

Capsys = pytest.CaptureFixture[str]


def test_a_statement_is_issued_and_reissued_from_the_command_line(
    db_path: Path, tmp_path: Path, capsys: Capsys
) -> None:
    engine = store.open_database(str(db_path))
    world = make_statement_world(engine, count=3)
    engine.dispose()
    letter = str(world.letter_id)
    assert run(capsys, db_path, "letter", "statement", letter, "--cosigned", "committed",
               "--order", "name").code == 0  # fmt: skip
    first = run(capsys, db_path, "letter", "issue", letter, str(tmp_path / "one.pdf"))
    assert first.code == 0 and "Issue 1" in first.out
    assert (tmp_path / "one.pdf").read_bytes().startswith(b"%PDF")
    commitment = str(world.commitment_ids[1])
    assert run(capsys, db_path, "commitment", "status", commitment, "withdrawn").code == 0
    second = run(capsys, db_path, "letter", "issue", letter, str(tmp_path / "two.pdf"),
                 "--say-changes")  # fmt: skip
    assert second.code == 0 and "Issue 2" in second.out
    assert "Withdrawn since" in second.out and union_name(1) in second.out
    issues = run(capsys, db_path, "letter", "issues", letter, "--json").json()
    assert [i["number"] for i in issues] == [1, 2]
    assert [r["name"] for r in issues[1]["withdrawn"]] == [union_name(1)]
    shown = run(capsys, db_path, "letter", "show", letter, "--json").json()
    assert (shown["cosigned_by"], shown["cosigned_order"]) == ("committed", "name")


@pytest.mark.parametrize(
    "arguments",
    [
        ("letter", "statement", "1", "--cosigned", "everybody"),
        ("letter", "statement", "1", "--cosigned", "committed", "--order", "size"),
        ("letter", "statement", "99", "--cosigned", "committed"),
        ("letter", "issues", "99"),
    ],
)
def test_bad_statement_input_is_one_line_and_exit_2(
    db_path: Path, capsys: Capsys, arguments: tuple[str, ...]
) -> None:
    engine = store.open_database(str(db_path))
    make_statement_world(engine, count=2)
    engine.dispose()
    done = run(capsys, db_path, *arguments)
    assert done.code == 2 and len(done.err.strip().splitlines()) == 1


def test_an_issue_of_a_letter_not_cosigned_writes_nothing(
    db_path: Path, tmp_path: Path, capsys: Capsys
) -> None:
    engine = store.open_database(str(db_path))
    world = make_statement_world(engine, count=2)
    engine.dispose()
    letter = str(world.letter_id)
    assert run(capsys, db_path, "letter", "statement", letter, "--cosigned", "none").code == 0
    done = run(capsys, db_path, "letter", "issue", letter, str(tmp_path / "x.pdf"))
    assert done.code == 2 and len(done.err.strip().splitlines()) == 1
    assert not (tmp_path / "x.pdf").exists()
    assert run(capsys, db_path, "letter", "issues", letter, "--json").json() == []
