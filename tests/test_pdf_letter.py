"""The letter PDF read back with poppler: text as written, every font embedded, no lost glyph."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import Engine

from organiser import store
from organiser.pdf import markdown
from organiser.pdf.fonts import FontCoverageError, load_fonts
from organiser.pdf.letter import render_letter
from organiser.pdf.markdown import ListBlock, Run, TextBlock, parse_body
from organiser.services import letter_register as register
from tests.letter_world import make_world

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")


def pdf_of(engine: Engine, body: str | None = None, paper: str = "a4") -> bytes:
    world = make_world(engine, body) if body is not None else make_world(engine)
    with store.transaction(engine) as session:
        printable = register.printable_letter(session, world.letter_id)
    return render_letter(printable, load_fonts(), paper, 20)


def text_of(pdf: bytes, tmp_path: Path, layout: bool = True) -> str:
    path = tmp_path / "letter.pdf"
    path.write_bytes(pdf)
    args = ["pdftotext", "-enc", "UTF-8", *(["-layout"] if layout else []), str(path), "-"]
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def words(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_markdown_subset_becomes_blocks_and_the_rest_stays_text() -> None:
    blocks = parse_body(
        "Hi **A & B** <i>x</i> *y* 2*3 &amp;\n\n- one\n- two\n\n3. c\n\n# not a title"
    )
    first = blocks[0]
    assert isinstance(first, TextBlock)
    assert Run("A & B", bold=True) in first.runs
    assert Run("y", italic=True) in first.runs
    assert "<i>x</i>" in first.text and "2*3 &amp;" in first.text
    assert isinstance(blocks[1], ListBlock) and not blocks[1].ordered
    assert isinstance(blocks[2], ListBlock) and blocks[2].start == 3
    assert isinstance(blocks[3], TextBlock) and blocks[3].text == "# not a title"


@pytest.mark.parametrize(
    "body",
    [
        "- one\n\n- two\n\n  still two\n\nafter the list\n\n1. a\n\n2) b\n\n3. c",
        "Dear *A*,\n\n* a\n\n*not a list* but text\n\n  - indented\n\n10. ten\n\n-\n\nend",
        "1. x\n   - y\n\n   z\n\nw **bold\n\nacross** parts\n\n\t\n\nlast",
    ],
)
def test_a_body_parsed_a_part_at_a_time_gives_the_blocks_of_the_whole(body: str) -> None:
    whole = markdown._parsed(body)  # the parser over the whole text at once
    assert parse_body(body) == whole
    again = parse_body(body)  # its parts remembered now: the same blocks, the caller's own
    assert again == whole and again[0] is not whole[0]


def test_lines_remembered_from_other_letters_give_the_pdfs_of_lines_broken_anew(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Paragraphs of bold and italic words, split over a page in some letters and whole in
    others: each letter's PDF is the one it is when no letter's lines are remembered."""
    from datetime import date

    from reportlab import rl_config

    from organiser.pdf import letter as letter_module
    from organiser.pdf.printable import PrintableLetter, PrintParty, PrintSigner

    monkeypatch.setattr(rl_config, "invariant", 1)  # the same pages, the same bytes
    rich = "We *stand* with you, **now** and for as long as it takes, in the struggle. " * 6

    def letter(filler: int) -> PrintableLetter:
        body = "\n\n".join(["A line above the rest."] * filler + [rich, "- " + rich, rich])
        return PrintableLetter(
            sender_name="IndustriALL", sender_address="54 bis, route des Acacias\nGeneva",
            logo=None, letter_date=date(2026, 3, 2), language="en", our_reference="IALL/1",
            their_reference="", addressees=(PrintParty("KCTU", ("Seoul",)),),
            subject="Solidarity", body=body, signatories=(PrintSigner("A. Name", "GS"),), cc=(),
        )  # fmt: skip

    letters = [letter(filler) for filler in (*range(24, 36), 0, 30)]
    fonts = load_fonts()
    remembered = [render_letter(each, fonts) for each in letters]
    anew = []
    for each in letters:
        monkeypatch.setattr(letter_module, "_line_breaks", {})
        monkeypatch.setattr(letter_module, "_fragment_breaks", {})
        anew.append(render_letter(each, fonts))
    assert remembered == anew
    assert {len(PdfReader(io.BytesIO(pdf)).pages) for pdf in remembered} == {1, 2}


def test_pdf_text_is_the_letter_with_lists_markup_korean_and_kazakh(
    engine: Engine, tmp_path: Path
) -> None:
    text = words(text_of(pdf_of(engine), tmp_path))
    expected = [
        "IndustriALL Global Union",
        "54 bis, route des Acacias 1227 Geneva",
        "2 March 2026",
        "Our ref.: IALL/KZ/2026-3",
        "전국민주노동조합총연맹 서울 중구",
        "Solidarity & support <urgent>",
        "Dear comrades of 민주노총,",
        "We stand with Ерлан Құдайбергенов and the union «Ақжайық».",
        "• release R&D <staff> now;",
        "• drop the charges against Kim *Jin-ho",
        "1. first demand",
        "2. second demand",
        "In solidarity,",
        "Айгүл Сағынтайқызы General Secretary IndustriALL Global Union",
        "cc: Айгүл Сағынтайқызы (IndustriALL Global Union)",
        "Page 1 of 1",
    ]
    position = 0
    for piece in expected:
        found = text.find(piece, position)
        assert found >= 0, f"{piece!r} not found in order in {text!r}"
        position = found + len(piece)


def test_every_font_is_embedded(engine: Engine, tmp_path: Path) -> None:
    path = tmp_path / "letter.pdf"
    path.write_bytes(pdf_of(engine))
    report = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True).stdout
    rows = report.splitlines()[2:]
    assert rows, report
    for row in rows:
        emb = row.split()[-5]
        assert emb == "yes", report
    assert any("Nanum" in row for row in rows)  # Hangul came from a Korean face


def test_a_long_letter_numbers_every_page_on_us_letter(engine: Engine, tmp_path: Path) -> None:
    body = "\n\n".join(f"Paragraph {n}: " + "solidarity " * 60 for n in range(12))
    pdf = pdf_of(engine, body, paper="letter")
    pages = [page for page in text_of(pdf, tmp_path).split("\f") if page.strip()]
    assert len(pages) >= 2
    for number, page in enumerate(pages, 1):
        assert f"Page {number} of {len(pages)}" in page
    assert "Paragraph 11:" in pages[-1]
    first = PdfReader(io.BytesIO(pdf)).pages[0].mediabox
    assert (round(float(first.width)), round(float(first.height))) == (612, 792)


def test_a_character_no_font_covers_is_refused_with_its_name(engine: Engine) -> None:
    with pytest.raises(FontCoverageError) as error:
        pdf_of(engine, "An ancient sign: \U00013000 and a lost one \U0001fbf5.")
    message = str(error.value)
    assert "U+13000" in message and "EGYPTIAN HIEROGLYPH A001" in message
    assert "pdf.extra_fonts" in message


def test_a_font_from_the_settings_is_used(engine: Engine) -> None:
    dejavu = next(p for p in Path("/usr/share/fonts").rglob("DejaVuSans.ttf"))
    fonts = load_fonts([str(dejavu)])
    assert fonts.primary == "Extra-DejaVuSans"
    assert fonts.font_for("한") is not None


def test_fragments_built_directly_are_those_the_markup_parser_makes() -> None:
    """Letters skip ReportLab's markup parser for speed; they must get the same fragments:
    the same text in the same face, bold and italic kept, each script in a face that has it."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph

    fonts = load_fonts()
    style = ParagraphStyle("body", fontName=fonts.primary, fontSize=10.5)
    pieces = [("Dear 한상균 & <Ерлан>, ", False, False), ("release", True, False),
              (" Құдайбергенов ", False, True), ("*now*", True, True)]  # fmt: skip
    markup = "".join(fonts.markup(text, bold, italic) for text, bold, italic in pieces)

    def shape(frags: list) -> list[tuple[str, str]]:  # type: ignore[type-arg]
        """Text per face, neighbours in one face joined (the parser splits at `&amp;`)."""
        merged: list[tuple[str, str]] = []
        for frag in frags:
            if merged and merged[-1][1] == frag.fontName:
                merged[-1] = (merged[-1][0] + frag.text, frag.fontName)
            elif frag.text:
                merged.append((frag.text, frag.fontName))
        return merged

    parsed = Paragraph(markup, style).frags
    assert shape(fonts.frags(pieces, style)) == shape(parsed)


def test_many_signatories_go_three_a_row_and_over_pages_between_rows(tmp_path: Path) -> None:
    """The signature block (and the letterhead, a grid of one row) is laid out in rows of
    three; one that does not fit on the page goes on to the next between rows, never through
    a signatory, and each name prints once."""
    from datetime import date

    from organiser.pdf.printable import PrintableLetter, PrintParty, PrintSigner

    signers = tuple(PrintSigner(f"Signatory {n:02d}", "General Secretary") for n in range(40))
    paragraph = "We stand with you in this struggle for as long as it takes. " * 6
    letter = PrintableLetter(
        sender_name="IndustriALL Global Union", sender_address="Geneva", logo=None,
        letter_date=date(2026, 3, 2), language="en", our_reference="IALL/1", their_reference="",
        addressees=(PrintParty("KCTU", ("Seoul",)),), subject="Solidarity",
        body="\n\n".join([paragraph] * 9), signatories=signers, cc=(),
    )  # fmt: skip
    path = tmp_path / "letter.pdf"
    path.write_bytes(render_letter(letter, load_fonts()))
    pages = len(PdfReader(path).pages)
    page_of: dict[str, int] = {}
    for page in range(1, pages + 1):
        args = ["pdftotext", "-f", str(page), "-l", str(page), str(path), "-"]
        text = subprocess.run(args, capture_output=True, text=True, check=True).stdout
        for name in re.findall(r"Signatory \d\d", text):
            assert name not in page_of, f"{name} printed twice"
            page_of[name] = page
    assert sorted(page_of) == [s.name for s in signers]
    rows = [[s.name for s in signers[n : n + 3]] for n in range(0, len(signers), 3)]
    assert all(len({page_of[name] for name in row}) == 1 for row in rows)  # rows kept whole
    assert len({page_of[name] for name in page_of}) > 1  # the block did go over a page
