"""How letters are printed: one plain value handed to the pdf layer, which reads no settings."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PdfOptions:
    """Paper, margin and the TrueType fonts used before the system's (the settings' pdf.*
    values, built by services.pdf_settings). Plain and picklable: it travels to the batch's
    worker processes."""

    extra_fonts: tuple[str, ...] = ()
    paper: str = "a4"
    margin_mm: float = 20.0
