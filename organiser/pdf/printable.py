"""A letter as the PDF prints it: plain, picklable data of the pdf layer.

The letters service builds these (services/letter_register.py) and the renderer reads them
(pdf/letter.py). They live here, not in the services, so that a batch's worker process, which
unpickles them, imports nothing beyond the pdf layer (the database layer would cost it about
25 MB and half a second).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from organiser.pdf.cosigned import CosignedBlock


@dataclass(frozen=True)
class PrintParty:
    """An addressee as printed: a name and the lines under it."""

    name: str
    lines: tuple[str, ...] = ()


@dataclass(frozen=True)
class PrintSigner:
    """A signatory as printed: the scanned signature (image bytes) above the name."""

    name: str
    title: str = ""
    organisation: str = ""
    signature: bytes | None = None


@dataclass(frozen=True)
class PrintableLetter:
    """Everything the PDF of a letter prints."""

    sender_name: str
    sender_address: str
    logo: bytes | None
    letter_date: date | None
    language: str
    our_reference: str
    their_reference: str
    addressees: tuple[PrintParty, ...]
    subject: str
    body: str
    signatories: tuple[PrintSigner, ...]
    cc: tuple[str, ...]
    # A statement's co-signing organisations (services/statements.py), or None.
    cosigned: CosignedBlock | None = None
