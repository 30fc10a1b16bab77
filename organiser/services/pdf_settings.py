"""The PDF settings (paper, margin, extra fonts): read once into the options the pdf layer takes,
and saved from the PDF settings dialog."""

from __future__ import annotations

from pathlib import Path

from organiser import config
from organiser.pdf import fonts
from organiser.pdf.options import PdfOptions

__all__ = ["PdfOptions", "font_file_problem", "pdf_options", "save_pdf_options"]


def pdf_options(paper: str | None = None) -> PdfOptions:
    """The declared settings pdf.extra_fonts, pdf.paper and pdf.margin_mm as one value; a
    `paper` given (the command line's --paper) is used instead of the setting's."""
    return PdfOptions(
        extra_fonts=tuple(config.get_setting("pdf.extra_fonts")),
        paper=paper or config.get_setting("pdf.paper"),
        margin_mm=config.get_setting("pdf.margin_mm"),
    )


def font_file_problem(path: str | Path) -> str | None:
    """Why a font file the user chose cannot be embedded, or None when it can."""
    return fonts.font_file_problem(path)


def save_pdf_options(options: PdfOptions) -> None:
    """Keep the options as the settings; their fonts are registered now, so the next PDF (the
    editor's preview) uses them."""
    config.set_setting("pdf.paper", options.paper)
    config.set_setting("pdf.margin_mm", float(options.margin_mm))
    config.set_setting("pdf.extra_fonts", list(options.extra_fonts))
    fonts.load_fonts(options.extra_fonts)
