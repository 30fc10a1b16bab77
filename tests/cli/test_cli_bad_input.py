"""Bad input on the command line: one line on stderr, exit 2, nothing written — and never the
default database used when the one given names nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from organiser.cli import main
from tests.cli.helpers import run, snapshot


def run_without_db(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    try:
        code = main(list(args))
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    return code, capsys.readouterr().err


@pytest.mark.parametrize("given", ["", "   "])
def test_an_empty_db_names_no_database_and_the_default_one_is_not_made(
    capsys: pytest.CaptureFixture[str], given: str
) -> None:
    code, err = run_without_db(capsys, "--db", given, "org", "add", "--name", "KCTU")
    assert code == 2 and err == (
        "organiser: error: --db names no database: give a file or an SQLAlchemy URL.\n"
    )
    home = Path.home()
    assert not list(home.rglob("*.sqlite3"))  # nothing created in the data folder


def test_an_empty_organiser_db_variable_is_refused(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ORGANISER_DB", "")
    code, err = run_without_db(capsys, "campaign", "list")
    assert code == 2 and "ORGANISER_DB is set but empty" in err and len(err.splitlines()) == 1


@pytest.mark.parametrize("kind", ["campaign", "org", "action", "commitment", "letter"])
@pytest.mark.parametrize("given", ["99999999999999999999", "9223372036854775808", "0", "-3"])
def test_an_id_no_record_can_have_is_refused_in_one_line(
    capsys: pytest.CaptureFixture[str], db_path: Path, kind: str, given: str
) -> None:
    run(capsys, db_path, "demo")
    before = snapshot(db_path)
    done = run(capsys, db_path, kind, "delete", given)
    assert "invalid id value" in done.err
    assert done.code == 2 and len(done.err.splitlines()) == 1 and "Traceback" not in done.err
    assert snapshot(db_path) == before
