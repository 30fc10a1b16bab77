"""`organiser encrypt`, `decrypt`, `passphrase` and `recover`: passphrases from the environment,
errors in one line with exit 2, nothing changed by a refused command."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from organiser import cipher
from tests.cipher_helpers import quick_keys, recovery_key_from_sheet
from tests.cli.helpers import Result, run

pytestmark = pytest.mark.usefixtures(quick_keys.__name__)


def fresh(capsys: pytest.CaptureFixture[str], db: Path, *args: str) -> Result:
    """A command as a new process would run it: no key remembered from the one before, and no
    connection of an earlier command's engine left open (a process's end closes them)."""
    gc.collect()
    cipher.forget_all()
    return run(capsys, db, *args)


def one_line_error(result: Result, text: str) -> None:
    assert result.code == 2
    assert result.err.count("\n") == 1 and text in result.err, result.err


def test_encrypt_then_every_command_needs_the_passphrase(
    capsys: pytest.CaptureFixture[str],
    db_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert run(capsys, db_path, "org", "add", "--name", "Korean Metal Workers").code == 0
    monkeypatch.setenv(cipher.PASSPHRASE_ENV, "a long passphrase")
    sheet = tmp_path / "sheet.pdf"
    done = fresh(capsys, db_path, "encrypt", "--recovery-sheet", str(sheet))
    assert done.code == 0 and "recovery sheet" in done.out and "not encrypted" in done.err
    assert cipher.is_encrypted(db_path) and sheet.read_bytes().startswith(b"%PDF")
    assert "Korean Metal Workers" in fresh(capsys, db_path, "org", "list").out
    monkeypatch.setenv(cipher.PASSPHRASE_ENV, "the wrong one")
    one_line_error(fresh(capsys, db_path, "org", "list"), "does not open")
    monkeypatch.delenv(cipher.PASSPHRASE_ENV)
    one_line_error(fresh(capsys, db_path, "org", "list"), "ORGANISER_PASSPHRASE")
    one_line_error(fresh(capsys, db_path, "org", "add", "--name", "X"), "give its passphrase")


@pytest.fixture
def sheet(
    capsys: pytest.CaptureFixture[str],
    db_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> Path:
    """The test's database encrypted from the command line; its recovery sheet."""
    monkeypatch.setenv(cipher.PASSPHRASE_ENV, "a long passphrase")
    made = tmp_path / "sheet.pdf"
    assert fresh(capsys, db_path, "encrypt", "--recovery-sheet", str(made)).code == 0
    return made


def test_passphrase_recover_and_decrypt(
    capsys: pytest.CaptureFixture[str], db_path: Path, sheet: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    one_line_error(
        fresh(capsys, db_path, "encrypt", "--recovery-sheet", str(sheet)), "already encrypted"
    )
    one_line_error(fresh(capsys, db_path, "passphrase"), cipher.NEW_PASSPHRASE_ENV)
    monkeypatch.setenv(cipher.NEW_PASSPHRASE_ENV, "the second passphrase")
    assert fresh(capsys, db_path, "passphrase").code == 0
    one_line_error(fresh(capsys, db_path, "org", "list"), "does not open")  # the old one
    # Forgotten: the recovery key from the sheet sets a third one.
    monkeypatch.delenv(cipher.PASSPHRASE_ENV)
    key = recovery_key_from_sheet(sheet)
    one_line_error(fresh(capsys, db_path, "recover"), "--recovery-key")
    monkeypatch.setenv(cipher.NEW_PASSPHRASE_ENV, "the third passphrase")
    assert fresh(capsys, db_path, "recover", "--recovery-key", key).code == 0
    monkeypatch.setenv(cipher.PASSPHRASE_ENV, "the third passphrase")
    assert fresh(capsys, db_path, "decrypt").code == 0
    monkeypatch.delenv(cipher.PASSPHRASE_ENV)
    assert not cipher.is_encrypted(db_path)
    assert fresh(capsys, db_path, "org", "list").code == 0
    one_line_error(fresh(capsys, db_path, "decrypt"), "not encrypted")


def test_check_backup_and_restore_of_an_encrypted_database(
    capsys: pytest.CaptureFixture[str],
    db_path: Path,
    tmp_path: Path,
    sheet: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A locked database is never taken for a damaged one (nor set aside by a restore)."""
    assert fresh(capsys, db_path, "org", "add", "--name", "KCTU").code == 0
    assert fresh(capsys, db_path, "backup").code == 0
    assert fresh(capsys, db_path, "check").out == "ok\n"
    assert fresh(capsys, db_path, "restore", "--latest").code == 0
    assert not list(tmp_path.glob("*.damaged-*"))
    monkeypatch.delenv(cipher.PASSPHRASE_ENV)
    before = db_path.read_bytes()
    one_line_error(fresh(capsys, db_path, "check"), "give its passphrase")
    one_line_error(fresh(capsys, db_path, "restore", "--latest"), "give its passphrase")
    assert db_path.read_bytes() == before and not list(tmp_path.glob("*.damaged-*"))
