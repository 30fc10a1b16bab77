"""What the calendar's and the commitment report's PDFs take from the settings: only the fonts
of the one options value the settings give (`pdf_settings.pdf_options()`)."""

from __future__ import annotations

from dataclasses import dataclass

from organiser.pdf.fonts import FontSet, load_fonts
from organiser.services.pdf_settings import pdf_options


@dataclass(frozen=True)
class PaperOptions:
    extra_fonts: tuple[str, ...] = ()

    @classmethod
    def from_settings(cls) -> PaperOptions:
        return cls(pdf_options().extra_fonts)

    def fonts(self) -> FontSet:
        return load_fonts(self.extra_fonts)
