"""`organiser letter version ...` and `letter pdf --language` on a real database file: exit codes,
nothing written on bad input, the versions in `show --json`, the fallback note."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.helpers import run, snapshot
from tests.cli.test_cli_letters import add_letter

Capsys = pytest.CaptureFixture[str]


@pytest.fixture
def letter(db_path: Path, tmp_path: Path, capsys: Capsys) -> int:
    assert run(capsys, db_path, "demo").code == 0
    return add_letter(capsys, db_path, tmp_path)


def _body(tmp_path: Path, text: str = "Chers camarades,\n\nSolidarité.\n") -> str:
    path = tmp_path / "fr.md"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_a_version_is_added_listed_shown_and_removed(
    db_path: Path, tmp_path: Path, capsys: Capsys, letter: int
) -> None:
    added = run(capsys, db_path, "letter", "version", str(letter), "--language", "fr",
                "--subject", "Libérez-les", "--body-file", _body(tmp_path))  # fmt: skip
    assert (added.code, added.out, added.err) == (0, "", "")
    listed = run(capsys, db_path, "letter", "version", str(letter), "--list", "--json").json()
    assert [(x["language"], x["state"]) for x in listed["versions"]] == [("fr", "up-to-date")]
    shown = run(capsys, db_path, "letter", "show", str(letter), "--json").json()
    assert shown["versions"][0]["subject"] == "Libérez-les"
    assert "fr (up-to-date)" in run(capsys, db_path, "letter", "show", str(letter)).out
    removed = run(capsys, db_path, "letter", "version", str(letter), "--remove", "fr")
    assert removed.code == 0
    listed = run(capsys, db_path, "letter", "version", str(letter), "--list", "--json").json()
    assert listed["versions"] == []


@pytest.mark.parametrize(
    "args",
    [
        ("--language", "xx", "--subject", "S", "--body-file", "BODY"),
        ("--language", "fr", "--subject", "", "--body-file", "BODY"),
        ("--language", "fr", "--subject", "S", "--body-file", "EMPTY"),
        ("--language", "fr", "--subject", "S", "--body-file", "/no/such/file"),
        ("--language", "fr", "--subject", "S"),
        ("--list", "--remove", "fr"),
        ("--remove", "de"),
        (),
    ],
)
def test_bad_input_is_one_line_exit_2_and_nothing_written(
    db_path: Path, tmp_path: Path, capsys: Capsys, letter: int, args: tuple[str, ...]
) -> None:
    empty = tmp_path / "empty.md"
    empty.write_text("  \n", encoding="utf-8")
    given = [{"BODY": _body(tmp_path), "EMPTY": str(empty)}.get(a, a) for a in args]
    before = snapshot(db_path)
    result = run(capsys, db_path, "letter", "version", str(letter), *given)
    assert result.code == 2
    assert len(result.err.strip().splitlines()) == 1, result.err
    assert snapshot(db_path) == before


def test_an_unknown_letter_is_exit_2(db_path: Path, tmp_path: Path, capsys: Capsys) -> None:
    assert run(capsys, db_path, "demo").code == 0
    result = run(capsys, db_path, "letter", "version", "999", "--list")
    assert result.code == 2 and len(result.err.strip().splitlines()) == 1


def test_pdf_in_a_language_without_a_version_notes_the_fallback(
    db_path: Path, tmp_path: Path, capsys: Capsys, letter: int
) -> None:
    out = tmp_path / "de.pdf"
    result = run(capsys, db_path, "letter", "pdf", str(letter), str(out), "--language", "de")
    assert result.code == 0
    assert "no version in 'de'" in result.err
    assert out.read_bytes().startswith(b"%PDF")
    bad = run(capsys, db_path, "letter", "pdf", str(letter), str(tmp_path / "x.pdf"),
              "--language", "zz")  # fmt: skip
    assert bad.code == 2 and not (tmp_path / "x.pdf").exists()
