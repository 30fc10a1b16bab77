"""What a letter lacks before it goes on paper: warnings, not refusals (the user may go on)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.orm import Session

from organiser.pdf.markdown import TextBlock, parse_body
from organiser.services import letter_register

# A closing is a short last paragraph: "In solidarity,", "Yours sincerely", "Salutations".
_CLOSING_MAX_CHARACTERS = 60

NO_SIGNATORY_NO_CLOSING = (
    "The letter has no signatory and no closing (such as “In solidarity,”) at the end of its "
    "body: it does not say who writes it."
)


def has_closing(body: str) -> bool:
    """Whether the body ends on a short paragraph of its own, as a closing does."""
    blocks = parse_body(body)
    if not blocks or not isinstance(blocks[-1], TextBlock):
        return False
    text = blocks[-1].text.strip()
    return 0 < len(text) <= _CLOSING_MAX_CHARACTERS and not text.endswith((".", ":", ";"))


def warnings_for(body: str, signatories: Sequence[object]) -> list[str]:
    """The warnings for a letter with this body and these signatories."""
    if not signatories and not has_closing(body):
        return [NO_SIGNATORY_NO_CLOSING]
    return []


def export_warnings(session: Session, letter_id: int) -> list[str]:
    """The warnings to show before the letter's PDF is made (the window) or written (the CLI)."""
    printable = letter_register.printable_letter(session, letter_id)
    return warnings_for(printable.body, printable.signatories)
