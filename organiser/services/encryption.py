"""Encrypting a database (with its recovery sheet), decrypting it, changing its passphrase, and
setting a new one with the recovery key; its kept backups follow each change."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import Engine

from organiser import cipher, store, store_cipher
from organiser.errors import DatabaseError, ValidationError
from organiser.files import copy_file_atomic, write_bytes_atomic
from organiser.services.backups import backup_folder, list_backups
from organiser.services.restore import database_file


@dataclass(frozen=True)
class EncryptionDone:
    database: Path
    recovery_sheet: Path | None
    backups_rewritten: int  # kept backups rewritten alike (encrypted, or unencrypted)


def encrypt_database(
    target: Engine | Path | str | None, passphrase: str, recovery_sheet: Path
) -> EncryptionDone:
    """Rewrite the database encrypted (or create it so when it does not exist yet), after its
    recovery sheet is written; its kept backups are rewritten encrypted too. An engine given is
    disposed of: open the database again with `store.open_database`."""
    path = database_file(target)
    if cipher.is_encrypted(path):
        raise ValidationError(
            "database",
            f"{path} is already encrypted: `organiser passphrase` changes its passphrase.",
        )
    cipher.check_new_passphrase(passphrase)
    cipher.driver()  # said before anything is written
    if isinstance(target, Engine):
        target.dispose()
    # ReportLab is loaded here, not when the window starts (it imports this module).
    from organiser.pdf.recovery_sheet import RecoverySheet, render_recovery_sheet

    secret = cipher.new_recovery_secret()
    key = cipher.database_key(secret)
    sheet = RecoverySheet(str(path), date.today().isoformat(), cipher.format_recovery_key(secret))
    write_bytes_atomic(recovery_sheet, render_recovery_sheet(sheet))
    if not path.exists():
        cipher.write_key_file(cipher.key_file(path), key, passphrase)
        engine = store.create_db_engine(f"sqlite:///{path}", key)
        try:
            store.upgrade(engine)
        finally:
            engine.dispose()
        return EncryptionDone(path, Path(recovery_sheet), 0)
    # The key file first: a kill before the rename leaves it beside the plain file, which is
    # then refused with a word to encrypt again, never opened as if nothing had happened.
    cipher.write_key_file(cipher.key_file(path), key, passphrase)
    try:
        _rewrite(path, None, key)
    except BaseException:
        cipher.remove_key_file(path)
        raise
    rewritten = _rewrite_backups(path, None, key)
    cipher.remember(key)  # the person who just chose the passphrase is not asked it again
    return EncryptionDone(path, Path(recovery_sheet), rewritten)


def decrypt_database(engine: Engine) -> EncryptionDone:
    """Rewrite the encrypted database unencrypted, and its kept backups alike; its key file
    goes. The engine is disposed of."""
    path = database_file(engine)
    key = store.engine_key(engine)
    if key is None:
        raise ValidationError("database", f"{path} is not encrypted.")
    engine.dispose()
    _rewrite(path, key, None)
    cipher.remove_key_file(path)
    rewritten = _rewrite_backups(path, key, None)
    return EncryptionDone(path, None, rewritten)


def _rewrite(path: Path, old: bytes | None, new: bytes | None) -> None:
    try:
        store_cipher.rewrite(path, old, new)
    except DatabaseError as error:
        raise DatabaseError(f"{path} was left as it was: {error}") from error


def _rewrite_backups(database: Path, old: bytes | None, new: bytes | None) -> int:
    """The kept backups in the database's backup folder rewritten as the database was, with a
    copy of its key file (none when decrypting); one that the old key does not open (another
    database's) is left alone."""
    count = 0
    for entry in list_backups(backup_folder(database)):
        if cipher.is_encrypted(entry.path) != (old is not None):
            continue
        if old is not None and not cipher.opens(entry.path, old):
            continue
        _rewrite(entry.path, old, new)
        _copy_key_file(database, entry.path)
        count += 1
    return count


def _copy_key_file(database: Path, backup: Path) -> None:
    if cipher.key_file(database).exists():
        copy_file_atomic(cipher.key_file(database), cipher.key_file(backup))
    else:
        cipher.remove_key_file(backup)


def change_passphrase(engine: Engine, passphrase: str) -> int:
    """A new passphrase for the open encrypted database: its key file, and those of its kept
    backups, written again. The key (and the recovery sheet) stay. Returns the files written."""
    key = store.engine_key(engine)
    if key is None:
        raise ValidationError(
            "database", "The database is not encrypted: `organiser encrypt` encrypts it."
        )
    return _set_passphrase(database_file(engine), key, passphrase)


def recover(database: Path | str | None, recovery_key: str, passphrase: str) -> int:
    """A new passphrase set with the recovery key (the key file written again, or made anew
    when it was lost). Returns the key files written."""
    path = database_file(database)
    if not cipher.is_encrypted(path):
        raise ValidationError("database", f"{path} is not an encrypted database.")
    cipher.check_new_passphrase(passphrase)
    key = cipher.key_from_recovery(path, recovery_key)
    return _set_passphrase(path, key, passphrase)


def _set_passphrase(database: Path, key: bytes, passphrase: str) -> int:
    cipher.write_key_file(cipher.key_file(database), key, passphrase)
    written = 1
    for entry in list_backups(backup_folder(database)):
        if cipher.is_encrypted(entry.path) and cipher.opens(entry.path, key):
            _copy_key_file(database, entry.path)
            written += 1
    return written
