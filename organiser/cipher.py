"""Encryption keys: the recovery key and the database key made from it, the key file that holds
that key wrapped by the passphrase, the keys this process was given, and the SQLCipher driver.

One random recovery secret (printed on the recovery sheet) gives the database key through
HKDF; the key file beside the database holds that key encrypted with a key derived from the
passphrase (scrypt, then AES-GCM). So the passphrase opens the database while its key file is
there, and the recovery key opens it, and every backup of it, with no file at all.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import os
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

# cryptography is imported by the functions that make or use a key, not by every start.
from organiser.errors import DatabaseError, ValidationError
from organiser.files import write_text_atomic

SQLITE_HEADER = b"SQLite format 3\x00"
KEY_FILE_SUFFIX = ".key"
KEY_FILE_FORMAT = "campaign-organiser-key"
PASSPHRASE_ENV = "ORGANISER_PASSPHRASE"
NEW_PASSPHRASE_ENV = "ORGANISER_NEW_PASSPHRASE"
# scrypt as OWASP recommends (about half a second here): each guess at a passphrase costs that.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**17, 8, 1
WRONG_PASSPHRASE_DELAY = 1.0  # seconds before a wrong passphrase is said to be wrong
TRIES = 3
MIN_PASSPHRASE = 8
RECOVERY_BYTES = 20  # 160 bits: 32 base-32 letters, eight groups of four, and a check group
_WRAP_AAD = b"campaign-organiser-key v1"
_DATA_KEY_INFO = b"campaign-organiser database key v1"
_ARCHIVE_INFO = b"campaign-organiser archive v1"
SEALED_MAGIC = b"CO-SEALED\x00\x01\x00"

# (database path, attempt 1..TRIES) -> the passphrase typed, or None when the person gives up.
AskPassphrase = Callable[[Path, int], "str | None"]

_KNOWN_KEYS: list[bytes] = []  # the database keys this process was given, newest first


class Locked(DatabaseError):
    """An encrypted database stays closed: no passphrase given, or a wrong one."""


class WrongPassphrase(Locked):
    """The passphrase (or recovery key) given does not open the database."""


def driver() -> ModuleType:
    """The SQLCipher driver, or a DatabaseError saying it cannot be loaded (never plain SQLite
    in its place)."""
    try:
        import sqlcipher3.dbapi2 as sqlcipher
    except ImportError as error:
        raise DatabaseError(
            "The SQLCipher driver (the sqlcipher3 package) cannot be loaded, so no encrypted "
            f"database can be opened or made: {error}. Install it with `pip install sqlcipher3`."
        ) from error
    return sqlcipher


def driver_errors() -> tuple[type[Exception], ...]:
    """The driver's error classes, where it loads (its own, not sqlite3's subclasses)."""
    try:
        return (driver().Error,)
    except DatabaseError:
        return ()


def key_file(database: Path) -> Path:
    return database.with_name(database.name + KEY_FILE_SUFFIX)


def is_encrypted(path: Path) -> bool:
    """A file of whole pages whose first bytes are not SQLite's header but SQLCipher's random
    salt (an empty or missing file is a new database; a text file is no database at all, and
    a header wiped to one repeated byte is damage, not salt)."""
    try:
        with Path(path).open("rb") as handle:
            head = handle.read(len(SQLITE_HEADER))
            size = os.fstat(handle.fileno()).st_size
    except OSError:
        return False
    whole_pages = size >= 512 and size % 512 == 0
    return whole_pages and head != SQLITE_HEADER and len(set(head)) > 1


def pragma_key(key: bytes) -> str:
    """The statement that gives SQLCipher a raw 256-bit key (no key derivation of its own)."""
    return f"PRAGMA key = \"x'{key.hex()}'\""


def raw_key(key: bytes) -> str:
    return f"x'{key.hex()}'"


def apply_key(connection: Any, key: bytes) -> None:
    """Key a fresh SQLCipher connection; its temporary tables stay in memory, never on disk."""
    connection.execute(pragma_key(key))
    connection.execute("PRAGMA cipher_log_level = NONE")
    connection.execute("PRAGMA temp_store = MEMORY")


def remember(key: bytes) -> None:
    if key in _KNOWN_KEYS:
        _KNOWN_KEYS.remove(key)
    _KNOWN_KEYS.insert(0, key)


def forget_all() -> None:
    _KNOWN_KEYS.clear()


def known_keys() -> list[bytes]:
    return list(_KNOWN_KEYS)


def opens(path: Path, key: bytes) -> bool:
    """The key opens the encrypted file (read-only: nothing is written to it)."""
    sqlcipher = driver()
    try:
        connection = sqlcipher.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)
    except sqlcipher.Error:
        return False
    try:
        apply_key(connection, key)
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return True
    except sqlcipher.DatabaseError:
        return False
    finally:
        connection.close()


def known_key(path: Path) -> bytes | None:
    """The key, among those this process was given, that opens the encrypted file."""
    return next((key for key in _KNOWN_KEYS if opens(path, key)), None)


def key_that_opens(path: Path) -> bytes:
    key = known_key(path)
    if key is not None:
        return key
    raise Locked(
        f"{path} is encrypted and none of the keys given opens it: open it with its own "
        f"passphrase or recovery key ({PASSPHRASE_ENV}, or `organiser recover`)."
    )


# The recovery key: what is printed on paper.
_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
_LOOKALIKES = str.maketrans({"0": "O", "1": "I", "8": "B"})


def new_recovery_secret() -> bytes:
    return os.urandom(RECOVERY_BYTES)


def _check_group(secret: bytes) -> str:
    return base64.b32encode(hashlib.sha256(b"check" + secret).digest())[:4].decode()


def format_recovery_key(secret: bytes) -> str:
    """Eight groups of four letters and digits, then a group that catches a typing mistake."""
    letters = base64.b32encode(secret).decode() + _check_group(secret)
    return "-".join(letters[i : i + 4] for i in range(0, len(letters), 4))


def parse_recovery_key(text: str) -> bytes:
    """The secret of a typed recovery key (spaces, dashes, case and 0/O, 1/I, 8/B forgiven)."""
    letters = "".join(ch for ch in text.upper() if ch not in " -\t\n").translate(_LOOKALIKES)
    if len(letters) != 36 or any(ch not in _LETTERS for ch in letters):
        raise ValidationError(
            "recovery-key",
            "A recovery key is nine groups of four letters and digits, as on the recovery sheet.",
        )
    secret = base64.b32decode(letters[:32])
    if _check_group(secret) != letters[32:]:
        raise ValidationError(
            "recovery-key", "The recovery key has a typing mistake: check each group again."
        )
    return secret


def database_key(secret: bytes) -> bytes:
    """The 256-bit SQLCipher key made from the recovery secret."""
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    return HKDF(hashes.SHA256(), 32, salt=None, info=_DATA_KEY_INFO).derive(secret)


# The key file: the database key wrapped by the passphrase.
def _passphrase_key(passphrase: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(
        passphrase.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=256 * 1024 * 1024, dklen=32
    )


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def check_new_passphrase(passphrase: str) -> None:
    if len(passphrase) < MIN_PASSPHRASE:
        raise ValidationError(
            "passphrase", f"A passphrase needs at least {MIN_PASSPHRASE} characters."
        )


def write_key_file(path: Path, key: bytes, passphrase: str) -> None:
    """Write (temporary file, then renamed) the key file holding `key` under `passphrase`."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    check_new_passphrase(passphrase)
    salt, nonce = os.urandom(16), os.urandom(12)
    wrapping = _passphrase_key(passphrase, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
    content = {
        "format": KEY_FILE_FORMAT,
        "version": 1,
        "kdf": {"name": "scrypt", "n": SCRYPT_N, "r": SCRYPT_R, "p": SCRYPT_P, "salt": _b64(salt)},
        "cipher": "aes-256-gcm",
        "nonce": _b64(nonce),
        "wrapped_key": _b64(AESGCM(wrapping).encrypt(nonce, key, _WRAP_AAD)),
    }
    write_text_atomic(path, json.dumps(content, indent=1) + "\n")


def read_key_file(path: Path, passphrase: str) -> bytes:
    """The database key in the key file, or WrongPassphrase; a damaged file: DatabaseError."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    try:
        content = json.loads(path.read_text(encoding="utf-8"))
        kdf = content["kdf"]
        if content["format"] != KEY_FILE_FORMAT or kdf["name"] != "scrypt":
            raise ValueError("not a key file")
        salt, nonce = base64.b64decode(kdf["salt"]), base64.b64decode(content["nonce"])
        wrapped = base64.b64decode(content["wrapped_key"])
        n, r, p = int(kdf["n"]), int(kdf["r"]), int(kdf["p"])
        if not (2**10 <= n <= 2**22 and 1 <= r <= 32 and 1 <= p <= 16):
            raise ValueError("scrypt costs out of bounds")
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise DatabaseError(
            f"The key file {path} cannot be read ({error}): open the database with the "
            "recovery key from its recovery sheet (`organiser recover`)."
        ) from error
    try:
        return AESGCM(_passphrase_key(passphrase, salt, n, r, p)).decrypt(nonce, wrapped, _WRAP_AAD)
    except InvalidTag:
        raise WrongPassphrase(
            f"That passphrase does not open {path.with_suffix('').name}."
        ) from None


def passphrase_from_environment(_path: Path, attempt: int) -> str | None:
    """Scripts give the passphrase in ORGANISER_PASSPHRASE: one try."""
    return os.environ.get(PASSPHRASE_ENV) if attempt == 1 else None


def unlock(database: Path, ask: AskPassphrase | None = None) -> bytes:
    """The key of an encrypted database, from its key file and a passphrase asked up to three
    times; each wrong one waits a moment before it is said to be wrong. Nothing is written."""
    driver()  # without it, said before anyone types a passphrase for nothing
    ask = ask or passphrase_from_environment
    keys = key_file(database)
    if not keys.exists():
        raise DatabaseError(
            f"{database} is not a Campaign Organiser database, or it is encrypted and its key "
            f"file {keys.name} is missing: then open it with the recovery key from its recovery "
            "sheet (`organiser recover`)."
        )
    for attempt in range(1, TRIES + 1):
        passphrase = ask(database, attempt)
        if passphrase is None:
            if attempt == 1:
                raise Locked(
                    f"{database} is encrypted: give its passphrase (scripts: in {PASSPHRASE_ENV})."
                )
            raise WrongPassphrase(
                f"The passphrase does not open {database}; it was not opened and nothing was "
                "changed."
            )
        try:
            key = read_key_file(keys, passphrase)
        except WrongPassphrase:
            time.sleep(WRONG_PASSPHRASE_DELAY)
            continue
        if not opens(database, key):
            raise DatabaseError(
                f"The key file {keys.name} does not belong to {database.name}: open it with the "
                "recovery key from its recovery sheet (`organiser recover`)."
            )
        remember(key)
        return key
    raise WrongPassphrase(
        f"{TRIES} wrong passphrases: {database} was not opened and nothing was changed."
    )


def key_from_recovery(database: Path, recovery_key: str) -> bytes:
    """The key that the recovery key gives, checked against the database (or WrongPassphrase)."""
    key = database_key(parse_recovery_key(recovery_key))
    if not opens(database, key):
        time.sleep(WRONG_PASSPHRASE_DELAY)
        raise WrongPassphrase(f"That recovery key does not open {database}; nothing was changed.")
    remember(key)
    return key


def remove_key_file(database: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        key_file(database).unlink()


# Sealed files: an archive of an encrypted database, encrypted with a key made from its key.
def _archive_key(key: bytes) -> bytes:
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    return HKDF(hashes.SHA256(), 32, salt=None, info=_ARCHIVE_INFO).derive(key)


def seal(key: bytes, data: bytes) -> bytes:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    nonce = os.urandom(12)
    return SEALED_MAGIC + nonce + AESGCM(_archive_key(key)).encrypt(nonce, data, SEALED_MAGIC)


def is_sealed(data: bytes) -> bool:
    return data.startswith(SEALED_MAGIC)


def unseal(data: bytes, name: str) -> bytes:
    """The contents of a sealed file, opened with one of the keys this process was given."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    start = len(SEALED_MAGIC)
    nonce, body = data[start : start + 12], data[start + 12 :]
    for key in _KNOWN_KEYS:
        with contextlib.suppress(InvalidTag):
            return AESGCM(_archive_key(key)).decrypt(nonce, body, SEALED_MAGIC)
    raise ValidationError(
        "file",
        f"{name} is encrypted with the key of another database (or it is damaged): open that "
        "database to import it.",
    )
