"""Text pasted into a letter's body: whether it looks copied from a PDF or a word processor, and
its clean-up into the body's Markdown, for the editor to show before the user applies it."""

from __future__ import annotations

from dataclasses import dataclass

from organiser.formats.paste_cleanup import clean_pasted_text


@dataclass(frozen=True)
class PasteCleanup:
    """What was pasted and what the clean-up would make of it."""

    pasted: str
    cleaned: str


def offer_cleanup(pasted: str) -> PasteCleanup | None:
    """The clean-up of `pasted`, or None when it would change nothing but spacing at the ends
    (a word, a line, or text already in paragraphs needs no offer)."""
    if "\n" not in pasted.strip():
        return None
    cleaned = clean_pasted_text(pasted)
    if cleaned.strip() == pasted.replace("\r\n", "\n").strip():
        return None
    return PasteCleanup(pasted, cleaned)
