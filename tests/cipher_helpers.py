"""Encrypted databases in tests: cheap keys, and the recovery key read back from its sheet."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from organiser import cipher


@pytest.fixture
def quick_keys(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Cheap scrypt and a short wait after a wrong passphrase; no key kept between tests, and
    no passphrase from the environment of the one running them."""
    monkeypatch.setattr(cipher, "SCRYPT_N", 2**12)
    monkeypatch.setattr(cipher, "WRONG_PASSPHRASE_DELAY", 0.05)
    for variable in (cipher.PASSPHRASE_ENV, cipher.NEW_PASSPHRASE_ENV):
        monkeypatch.delenv(variable, raising=False)
    cipher.forget_all()
    yield
    cipher.forget_all()


def recovery_key_from_sheet(sheet: Path) -> str:
    """The key as printed (three lines of groups after the date), through pdftotext."""
    text = subprocess.run(
        ["pdftotext", str(sheet), "-"], capture_output=True, text=True, check=True
    ).stdout
    lines = text.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("Key made on"))
    return " ".join(line for line in lines[at + 1 : at + 6] if line.strip())
