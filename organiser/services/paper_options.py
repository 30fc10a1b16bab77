"""What the calendar's and the commitment report's PDFs take from the settings, read in one place.

The letters' PDF settings get their own `PdfOptions`; these two documents need only the fonts.
"""

from __future__ import annotations

from dataclasses import dataclass

from organiser.config import get_setting
from organiser.pdf.fonts import FontSet, load_fonts


@dataclass(frozen=True)
class PaperOptions:
    extra_fonts: tuple[str, ...] = ()

    @classmethod
    def from_settings(cls) -> PaperOptions:
        return cls(tuple(str(path) for path in get_setting("pdf.extra_fonts") or ()))

    def fonts(self) -> FontSet:
        return load_fonts(self.extra_fonts)
