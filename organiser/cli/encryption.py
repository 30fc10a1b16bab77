"""`organiser encrypt`, `decrypt`, `passphrase` and `recover`; and how a passphrase is asked."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from organiser import cipher
from organiser.cli.common import Commands, engine_for
from organiser.errors import ValidationError
from organiser.services import encryption
from organiser.services.restore import database_file

RECOVERY_KEY_ENV = "ORGANISER_RECOVERY_KEY"
OLD_COPIES = (
    "Copies made before it was encrypted (backups saved to files you chose, archives, the "
    "old file's bytes still on the disk) are not encrypted: delete them."
)


def register(commands: Commands) -> None:
    described = (
        ("encrypt", run_encrypt,
         "rewrite the database encrypted (or create it so), with a recovery sheet to print",
         "Rewrite the database encrypted with SQLCipher, or create it encrypted. The passphrase "
         f"is asked twice, or taken from {cipher.PASSPHRASE_ENV}. The recovery sheet (a PDF to "
         "print, then delete) holds a key that opens the database and its backups without the "
         "passphrase."),
        ("decrypt", run_decrypt, "rewrite the encrypted database unencrypted",
         "The database and its kept backups are rewritten unencrypted; its key file goes."),
        ("passphrase", run_passphrase, "change the encrypted database's passphrase",
         f"The current passphrase from {cipher.PASSPHRASE_ENV} (or asked), the new one from "
         f"{cipher.NEW_PASSPHRASE_ENV} (or asked twice). The recovery key stays."),
        ("recover", run_recover,
         "set a new passphrase with the recovery key from the recovery sheet",
         f"The recovery key from --recovery-key, {RECOVERY_KEY_ENV} or asked; the new "
         f"passphrase from {cipher.NEW_PASSPHRASE_ENV} or asked twice."),
    )  # fmt: skip
    parsers = {}
    for name, run, summary, description in described:
        parsers[name] = commands.add_parser(name, help=summary, description=description)
        parsers[name].set_defaults(run=run)
    parsers["encrypt"].add_argument(
        "--recovery-sheet", type=Path, required=True, metavar="FILE.pdf"
    )
    parsers["recover"].add_argument("--recovery-key", metavar="KEY")


def new_passphrase(variable: str) -> str:
    """A new passphrase from `variable`, or typed twice at a terminal."""
    given = os.environ.get(variable)
    if given is not None:
        return given
    if not sys.stdin.isatty():
        raise ValidationError("passphrase", f"Give the new passphrase in {variable}.")
    first = getpass.getpass("New passphrase: ")
    if getpass.getpass("The new passphrase again: ") != first:
        raise ValidationError("passphrase", "The two passphrases differ; nothing was changed.")
    return first


def _done_with_engine(args: argparse.Namespace) -> None:
    """The engine was disposed of by the rewrite: no automatic backup through it after."""
    args.engine = None


def run_encrypt(args: argparse.Namespace) -> int:
    target = database_file(args.db)
    chosen = new_passphrase(cipher.PASSPHRASE_ENV)
    if target.exists():
        done = encryption.encrypt_database(engine_for(args), chosen, args.recovery_sheet)
        _done_with_engine(args)
    else:
        done = encryption.encrypt_database(target, chosen, args.recovery_sheet)
    print(f"encrypted {done.database}")
    print(f"recovery sheet: {done.recovery_sheet} — print it, keep it apart, delete the file")
    if done.backups_rewritten:
        print(f"kept backups rewritten encrypted: {done.backups_rewritten}")
    sys.stderr.write(f"organiser: note: {OLD_COPIES}\n")
    return 0


def run_decrypt(args: argparse.Namespace) -> int:
    done = encryption.decrypt_database(engine_for(args))
    _done_with_engine(args)
    print(f"decrypted {done.database}")
    if done.backups_rewritten:
        print(f"kept backups rewritten unencrypted: {done.backups_rewritten}")
    return 0


def run_passphrase(args: argparse.Namespace) -> int:
    engine = engine_for(args)
    written = encryption.change_passphrase(engine, new_passphrase(cipher.NEW_PASSPHRASE_ENV))
    print(f"passphrase changed (key files written: {written})")
    return 0


def run_recover(args: argparse.Namespace) -> int:
    key = args.recovery_key or os.environ.get(RECOVERY_KEY_ENV)
    if key is None:
        if not sys.stdin.isatty():
            raise ValidationError("--recovery-key", "Give the recovery key with --recovery-key.")
        key = getpass.getpass("Recovery key: ")
    written = encryption.recover(args.db, key, new_passphrase(cipher.NEW_PASSPHRASE_ENV))
    print(f"new passphrase set (key files written: {written})")
    return 0
