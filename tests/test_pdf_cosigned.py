"""The co-signers' block on its own (plain data, no database): by name it prints no country
headings, long names take two columns, and the changes note names who joined and withdrew."""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

from organiser.pdf.cosigned import CosignedBlock, CosignedChanges, Cosigner, columns_for
from organiser.pdf.fonts import load_fonts
from organiser.pdf.letter import letter_pdf
from organiser.pdf.printable import PrintableLetter


def _letter(block: CosignedBlock, language: str = "en") -> PrintableLetter:
    return PrintableLetter(
        "Global Federation", "", None, date(2026, 3, 2), language, "", "", (),
        "Joint statement", "We demand their release.", (), (), cosigned=block,
    )  # fmt: skip


def _text(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "block.pdf"
    path.write_bytes(pdf)
    return subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, check=True
    ).stdout.decode()


def test_by_name_there_are_no_country_headings(tmp_path: Path) -> None:
    signers = (Cosigner("Alpha Union", country="FR"), Cosigner("Бета профсоюз", country="RU"))
    text = _text(letter_pdf(_letter(CosignedBlock(signers, by_country=False))), tmp_path)
    assert "Alpha Union" in text and "Бета профсоюз" in text
    assert "France" not in text and "Russia" not in text and "Signed by" in text


def test_long_names_take_two_columns_short_ones_three() -> None:
    font = load_fonts().primary
    assert columns_for(["KCTU", "PSI"], font, 9, 480) == 3
    long_name = "The National Federation of Public Service and Transport Workers' Unions of Korea"
    assert columns_for([long_name], font, 9, 480) == 2


def test_the_changes_note_names_who_joined_and_withdrew_in_the_letters_language(
    tmp_path: Path,
) -> None:
    changes = CosignedChanges(date(2026, 2, 1), ("Gamma Union",), ("Delta Union",))
    block = CosignedBlock((Cosigner("Gamma Union", country="ES"),), changes=changes)
    text = " ".join(_text(letter_pdf(_letter(block, "fr")), tmp_path).split())
    assert "Signataires ajoutés depuis la publication du 1 février 2026 : Gamma Union." in text
    assert "Retirés depuis la publication du 1 février 2026 : Delta Union." in text
    assert "Espagne" in text  # the country heading in French
