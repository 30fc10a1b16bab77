"""A letter's list ends, closing and signatures never left alone on a page (read per page)."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from organiser.pdf.fonts import load_fonts
from organiser.pdf.letter import render_letter
from organiser.pdf.printable import PrintableLetter, PrintSigner

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")


SIGNER = PrintSigner("Atle Høie", "General Secretary")


def a_letter(body: str, sender_name: str = "IndustriALL Global Union") -> PrintableLetter:
    """A letter of the given body, the rest as in a real one."""
    return PrintableLetter(
        sender_name=sender_name,
        sender_address="54 bis, route des Acacias, Geneva",
        logo=None,
        letter_date=date(2021, 7, 27),
        language="en",
        our_reference="",
        their_reference="",
        addressees=(),
        subject="Solidarity with the strikers",
        body=body,
        signatories=(SIGNER,),
        cc=(),
    )


def pages_of(pdf: bytes, tmp_path: Path) -> list[str]:
    path = tmp_path / "letter.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return text.split("\f")[:-1]


def body_with(filler: int) -> str:
    paragraphs = [f"Filler paragraph number {n} of the letter." for n in range(filler)]
    items = "\n".join(f"- demand number {n} to the government" for n in range(1, 6))
    return "\n\n".join([*paragraphs, items, "In solidarity,"])


def page_holding(pages: list[str], text: str) -> int:
    return next(n for n, page in enumerate(pages) if text in page)


@pytest.mark.parametrize("filler", range(12, 30))
def test_the_last_list_item_never_stands_alone_and_the_closing_stays_with_the_signature(
    filler: int, tmp_path: Path
) -> None:
    """Whatever the filler before it, the last item shares its page with the item before it,
    and the closing with the signatory's name: the sweep passes the page break over each."""
    pages = pages_of(render_letter(a_letter(body_with(filler)), load_fonts()), tmp_path)
    assert len(pages) <= 2
    last = page_holding(pages, "demand number 5")
    assert page_holding(pages, "demand number 4") == last
    assert page_holding(pages, "In solidarity,") == page_holding(pages, "Atle Høie")
    if last == 1:  # the item before the last moved with it: the first page ends on text
        assert "demand number 4" not in pages[0]


@pytest.mark.parametrize(
    "sender",
    [
        "IndustriALL Global Union",
        "International Federation of Building and Wood Workers' Unions of Asia",
        "Confederación Sindical de Trabajadores y Trabajadoras de las Américas (CSA-TUCA)",
    ],
)
def test_the_senders_name_shrinks_to_one_line_or_balances_over_two(
    sender: str, tmp_path: Path
) -> None:
    """A long federation's name shrinks to fit its column, or, too long for that, goes on two
    lines of about equal length: never a word left alone on a line below."""
    pdf = render_letter(
        a_letter("Dear colleagues,\n\nIn solidarity,", sender_name=sender), load_fonts()
    )
    lines = pages_of(pdf, tmp_path)[0].splitlines()
    if lines[0] != sender:
        assert f"{lines[0]} {lines[1]}" == sender
        assert 0.6 < len(lines[1]) / len(lines[0]) < 1.6
