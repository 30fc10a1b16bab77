"""Letters' PDFs put together in one file, each letter starting on an odd page when asked (for
double-sided printing), and the pages of a PDF this program made counted without parsing it."""

from __future__ import annotations

import io
import re
from collections.abc import Sequence

from pypdf import PdfReader, PdfWriter

# ReportLab writes every page object's dictionary uncompressed, "/Type /Page" in it (the tree
# above them is "/Type /Pages"): counting them is enough for PDFs we made ourselves.
_PAGE = re.compile(rb"/Type\s*/Page(?![A-Za-z])")


def page_count(pdf: bytes) -> int:
    """The pages of a PDF made by this program's letter renderer."""
    return len(_PAGE.findall(pdf))


def combine(pdfs: Sequence[bytes], odd_starts: bool = False, title: str = "") -> bytes:
    """One PDF of all of `pdfs`, in order; with `odd_starts`, a blank page (of the size of the
    page before it) is put in only where a letter would otherwise start on an even page."""
    writer = PdfWriter()
    for data in pdfs:
        if odd_starts and len(writer.pages) % 2 == 1:
            last = writer.pages[-1].mediabox
            writer.add_blank_page(width=float(last.width), height=float(last.height))
        writer.append(PdfReader(io.BytesIO(data)))
    if title:
        writer.add_metadata({"/Title": title})
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def blank_pages_needed(page_counts: Sequence[int]) -> int:
    """How many blank pages `combine(..., odd_starts=True)` puts in for letters of these
    lengths: one before each letter that would start on an even page."""
    total = blanks = 0
    for pages in page_counts:
        if total % 2 == 1:
            blanks += 1
            total += 1
        total += pages
    return blanks
