"""Encrypted databases on real SQLCipher files: made and rewritten, opened only with the right
passphrase or the recovery key, and no plain text in the database, its WAL, its backups or its
archives."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import Engine

from organiser import cipher, store
from organiser.errors import DatabaseError, ValidationError
from organiser.services import backups, encryption
from organiser.services.archive import export_archive, import_archive
from organiser.services.campaigns import CampaignFields, create_campaign
from organiser.services.database_check import check_database
from organiser.services.letters import LetterFields, create_letter
from organiser.services.organisations import (
    OrganisationFields,
    OrganisationView,
    PersonFields,
    create_organisation,
    create_person,
    list_organisations,
)
from organiser.services.restore import describe_backups, restore
from tests.cipher_helpers import quick_keys, recovery_key_from_sheet

PASSPHRASE = "correct horse battery"
# What an organiser writes that must never be readable on the disk.
SECRETS = ("Kim Myung-hwan", "Hidden Street 12", "released on bail", "Metalworkers of Gwangju")


pytestmark = pytest.mark.usefixtures(quick_keys.__name__)


def write_secrets(engine: Engine) -> None:
    with store.transaction(engine) as session:
        union = create_organisation(
            session, OrganisationFields(name=SECRETS[3], address=SECRETS[1])
        )
        person = create_person(session, PersonFields(name=SECRETS[0], organisation_id=union.id))
        campaign = create_campaign(session, CampaignFields(title="Free the branch officers"))
        create_letter(
            session,
            LetterFields(
                campaign_id=campaign.id,
                sender_id=union.id,
                subject="Solidarity",
                body=f"We learnt that {SECRETS[0]} was {SECRETS[2]}.",
                signatory_ids=[person.id],
            ),
        )


def plain_strings_in(path: Path) -> list[str]:
    """What `strings` would find: any of the secrets, in UTF-8 or UTF-16, in the file's bytes."""
    data = path.read_bytes()
    return [s for s in SECRETS if s.encode() in data or s.encode("utf-16-le") in data]


def encrypted(db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Engine:
    """A database with the secrets in it, encrypted, then opened with its passphrase."""
    engine = backups.open_database(str(db_path))
    write_secrets(engine)
    backups.make_backup(engine, "manual")  # a plain backup, which encrypting rewrites too
    done = encryption.encrypt_database(engine, PASSPHRASE, tmp_path / "sheet.pdf")
    assert done.backups_rewritten == 1
    cipher.forget_all()
    monkeypatch.setenv(cipher.PASSPHRASE_ENV, PASSPHRASE)
    return backups.open_database(str(db_path))


def test_encrypting_leaves_no_plain_text_in_the_database_its_wal_backups_or_archive(
    db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Part 3's data at rest: SQLCipher pages everywhere; the secrets read back only through
    the key."""
    engine = encrypted(db_path, tmp_path, monkeypatch)
    write_secrets(engine)  # a second round, still in the WAL while the engine is open
    wal = Path(f"{db_path}-wal")
    assert wal.exists() and wal.stat().st_size > 0
    made = backups.make_backup(engine, "manual")
    archive = tmp_path / "hand-over.zip"
    export_archive(engine, archive)
    kept = [entry.path for entry in backups.list_backups(backups.backup_folder(engine))]
    assert len(kept) == 2 and made.path in kept
    for path in (db_path, wal, *kept, archive):
        assert plain_strings_in(path) == [], path
        assert not path.read_bytes().startswith(b"SQLite format 3")
    assert cipher.is_sealed(archive.read_bytes())
    names = {o.name for o in store_orgs(engine)}
    assert SECRETS[3] in names  # through the key, all there
    engine.dispose()


def store_orgs(engine: Engine) -> list[OrganisationView]:
    with store.transaction(engine) as session:
        return list(list_organisations(session))


def locked(db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An encrypted database, closed, whose passphrase this process no longer knows."""
    encrypted(db_path, tmp_path, monkeypatch).dispose()
    cipher.forget_all()
    monkeypatch.delenv(cipher.PASSPHRASE_ENV)


def test_a_plain_database_shows_its_strings_so_the_scan_means_something(db_path: Path) -> None:
    engine = backups.open_database(str(db_path))
    write_secrets(engine)
    engine.dispose()
    assert plain_strings_in(db_path) == list(SECRETS)


def test_a_wrong_passphrase_waits_is_refused_and_changes_nothing(
    db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    locked(db_path, tmp_path, monkeypatch)
    before = db_path.read_bytes(), cipher.key_file(db_path).read_bytes()
    tries: list[int] = []

    def ask(_path: Path, attempt: int) -> str:
        tries.append(attempt)
        return "not the passphrase"

    started = time.monotonic()
    with pytest.raises(cipher.WrongPassphrase, match="3 wrong passphrases"):
        backups.open_database(str(db_path), ask)
    assert tries == [1, 2, 3]
    assert time.monotonic() - started >= 3 * cipher.WRONG_PASSPHRASE_DELAY
    assert (db_path.read_bytes(), cipher.key_file(db_path).read_bytes()) == before
    assert not Path(f"{db_path}-wal").exists()


def test_without_a_passphrase_an_encrypted_database_is_not_opened(
    db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    locked(db_path, tmp_path, monkeypatch)
    with pytest.raises(DatabaseError, match="give its passphrase"):
        backups.open_database(str(db_path))
    # Nor through any other door: a raw engine or read-only connection has no key to use.
    with pytest.raises(cipher.Locked, match="none of the keys given opens it"):
        store.create_db_engine(f"sqlite:///{db_path}")
    with pytest.raises(cipher.Locked):  # locked, which is not damaged
        check_database(db_path)


def test_the_recovery_sheet_opens_a_database_whose_passphrase_is_forgotten(
    db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The key is read back from the printed PDF (pdftotext), as a person would type it."""
    locked(db_path, tmp_path, monkeypatch)
    cipher.key_file(db_path).unlink()  # forgotten, and the key file lost too
    typed = recovery_key_from_sheet(tmp_path / "sheet.pdf").lower()
    with pytest.raises(ValidationError, match="typing mistake"):
        encryption.recover(db_path, typed[:-1] + ("a" if typed[-1] != "a" else "b"), "new one!")
    written = encryption.recover(db_path, typed, "a new passphrase")
    assert written == 2  # the database's key file and its backup's
    cipher.forget_all()
    monkeypatch.setenv(cipher.PASSPHRASE_ENV, "a new passphrase")
    engine = backups.open_database(str(db_path))
    assert SECRETS[3] in {o.name for o in store_orgs(engine)}
    engine.dispose()
    # The backup opens with the new passphrase too.
    cipher.forget_all()
    (backup,) = backups.list_backups(backups.backup_folder(db_path))
    assert cipher.read_key_file(cipher.key_file(backup.path), "a new passphrase")


def test_a_recovery_key_of_another_database_is_refused(
    db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    locked(db_path, tmp_path, monkeypatch)
    other = cipher.format_recovery_key(cipher.new_recovery_secret())
    with pytest.raises(cipher.WrongPassphrase, match="does not open"):
        encryption.recover(db_path, other, "a new passphrase")


def test_passphrase_change_keeps_the_key_and_opens_backups_with_the_new_one(
    db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = encrypted(db_path, tmp_path, monkeypatch)
    assert encryption.change_passphrase(engine, "the second passphrase") == 2
    engine.dispose()
    cipher.forget_all()
    with pytest.raises(cipher.WrongPassphrase):
        cipher.read_key_file(cipher.key_file(db_path), PASSPHRASE)
    monkeypatch.setenv(cipher.PASSPHRASE_ENV, "the second passphrase")
    backups.open_database(str(db_path)).dispose()


def test_backups_of_an_encrypted_database_are_checked_listed_and_restored_encrypted(
    db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = encrypted(db_path, tmp_path, monkeypatch)
    (summary,) = describe_backups(engine)
    assert summary.check == "passed" and summary.records == 4
    assert check_database(engine).ok
    report = restore(engine, summary.entry.path)
    assert report.kept is not None and cipher.is_encrypted(report.kept)
    assert cipher.key_file(report.kept).exists()
    assert cipher.is_encrypted(db_path)
    engine = backups.open_database(str(db_path))
    assert len(store_orgs(engine)) == 1
    engine.dispose()


def test_a_plain_backup_is_not_restored_into_an_encrypted_database(
    db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plain = tmp_path / "other.sqlite3"
    backups.open_database(str(plain)).dispose()
    engine = encrypted(db_path, tmp_path, monkeypatch)
    before = db_path.read_bytes()
    with pytest.raises(DatabaseError, match="not encrypted and the database is not alike"):
        restore(engine, plain)
    assert db_path.read_bytes() == before


def test_decrypting_rewrites_the_database_and_its_backups_plain(
    db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = encrypted(db_path, tmp_path, monkeypatch)
    done = encryption.decrypt_database(engine)
    assert done.backups_rewritten == 1
    assert not cipher.is_encrypted(db_path) and not cipher.key_file(db_path).exists()
    cipher.forget_all()
    monkeypatch.delenv(cipher.PASSPHRASE_ENV)
    engine = backups.open_database(str(db_path))
    assert len(store_orgs(engine)) == 1
    assert describe_backups(engine)[0].check == "passed"
    engine.dispose()


def test_a_new_database_is_created_encrypted_from_the_start(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite3"
    encryption.encrypt_database(path, PASSPHRASE, tmp_path / "sheet.pdf")
    assert cipher.is_encrypted(path)
    cipher.forget_all()
    engine = backups.open_database(str(path), lambda _path, _attempt: PASSPHRASE)
    assert store.current_revisions(engine) == store.head_revisions()
    engine.dispose()


def test_a_plain_file_with_a_key_file_beside_it_is_refused_not_opened_plain(
    db_path: Path,
) -> None:
    """What a kill between writing the key file and the rename leaves."""
    backups.open_database(str(db_path)).dispose()
    cipher.write_key_file(cipher.key_file(db_path), b"k" * 32, PASSPHRASE)
    with pytest.raises(DatabaseError, match="is not encrypted although its key file"):
        backups.open_database(str(db_path))


def test_without_the_driver_an_encrypted_file_is_refused(
    db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    locked(db_path, tmp_path, monkeypatch)
    monkeypatch.setitem(sys.modules, "sqlcipher3.dbapi2", None)
    monkeypatch.setitem(sys.modules, "sqlcipher3", None)
    with pytest.raises(DatabaseError, match=r"SQLCipher driver .* cannot be loaded"):
        backups.open_database(str(db_path))
    with pytest.raises(DatabaseError, match="cannot be loaded"):
        encryption.encrypt_database(tmp_path / "x.sqlite3", PASSPHRASE, tmp_path / "s.pdf")
    assert not (tmp_path / "x.sqlite3").exists() and not (tmp_path / "s.pdf").exists()


def test_an_encrypted_archive_imports_into_its_own_database_only(
    db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = encrypted(db_path, tmp_path, monkeypatch)
    archive = tmp_path / "hand-over.zip"
    export_archive(engine, archive)
    assert import_archive(engine, archive, dry_run=True).counts["unchanged"] > 0
    engine.dispose()
    cipher.forget_all()
    other = backups.open_database(str(tmp_path / "other.sqlite3"))
    with pytest.raises(ValidationError, match="encrypted with the key of another database"):
        import_archive(other, archive, dry_run=True)
    other.dispose()


def test_encrypting_twice_or_with_a_short_passphrase_is_refused(
    db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(ValidationError, match="at least 8"):
        encryption.encrypt_database(db_path, "short", tmp_path / "s.pdf")
    engine = encrypted(db_path, tmp_path, monkeypatch)
    with pytest.raises(ValidationError, match="already encrypted"):
        encryption.encrypt_database(engine, PASSPHRASE, tmp_path / "s2.pdf")
    engine.dispose()


def test_encrypting_leaves_no_other_file_beside_the_database(
    db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No temporary copy, plain WAL or journal stays once the database is rewritten."""
    encrypted(db_path, tmp_path, monkeypatch).dispose()
    names = sorted(path.name for path in tmp_path.iterdir())
    folder = backups.backup_folder(db_path).name
    assert names == sorted([db_path.name, cipher.key_file(db_path).name, "sheet.pdf", folder])
    kept = sorted(path.name for path in backups.backup_folder(db_path).iterdir())
    assert len(kept) == 2 and kept[1] == kept[0] + cipher.KEY_FILE_SUFFIX
