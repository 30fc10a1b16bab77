"""The words a letter prints around its text are in its language, read back from the PDF."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from organiser.pdf.fonts import load_fonts
from organiser.pdf.letter import render_letter
from organiser.pdf.printable import PrintableLetter, PrintParty, PrintSigner
from organiser.pdf.words import WORDS, date_text, words_for

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")

LONG_BODY = "\n\n".join(f"Paragraph {n}: " + "solidarity " * 60 for n in range(10))


def letter(language: str, body: str = LONG_BODY) -> PrintableLetter:
    return PrintableLetter(
        sender_name="IndustriALL Global Union",
        sender_address="54 bis, route des Acacias, 1227 Geneva",
        logo=None,
        letter_date=date(2021, 7, 27),
        language=language,
        our_reference="IALL/2021/017",
        their_reference="KCTU-2021-88",
        addressees=(PrintParty("Korean Confederation of Trade Unions", ("Seoul",)),),
        subject="Solidarity",
        body=body,
        signatories=(PrintSigner("Atle Høie", "General Secretary"),),
        cc=("International Labour Organization",),
    )


def pages(language: str, tmp_path: Path, body: str = LONG_BODY) -> list[str]:
    path = tmp_path / f"{language}.pdf"
    path.write_bytes(render_letter(letter(language, body), load_fonts()))
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return [re.sub(r"\s+", " ", page) for page in text.split("\f")[:-1]]


def test_a_korean_letter_prints_its_date_references_cc_and_page_numbers_in_korean(
    tmp_path: Path,
) -> None:
    printed = pages("ko", tmp_path)
    assert len(printed) >= 2
    first = printed[0]
    assert "2021년 7월 27일" in first
    assert "문서번호: IALL/2021/017" in first
    assert "귀 문서번호: KCTU-2021-88" in first
    for number, page in enumerate(printed, start=1):
        assert f"{number} / {len(printed)}쪽" in page
    assert "참조: International Labour Organization" in printed[-1]
    whole = " ".join(printed)
    assert "Our ref." not in whole and "Page 1" not in whole and "cc:" not in whole


def test_a_french_letter_prints_its_words_in_french(tmp_path: Path) -> None:
    printed = pages("fr", tmp_path)
    assert "27 juillet 2021" in printed[0]
    assert "Notre réf. : IALL/2021/017" in printed[0]
    assert "Votre réf. : KCTU-2021-88" in printed[0]
    assert f"Page 1 sur {len(printed)}" in printed[0]
    assert f"Page {len(printed)} sur {len(printed)}" in printed[-1]
    assert "Copie à : International Labour Organization" in printed[-1]


@pytest.mark.parametrize(
    ("language", "day", "page"),
    [
        ("en", "27 July 2021", "Page 1 of 1"),
        ("es", "27 de julio de 2021", "Página 1 de 1"),
        ("de", "27. Juli 2021", "Seite 1 von 1"),
        ("ru", "27 июля 2021 г.", "Страница 1 из 1"),
        ("kk", "2021 ж. 27 шілде", "1 беттің 1-беті"),
    ],
)
def test_each_language_dates_and_numbers_its_pages(
    tmp_path: Path, language: str, day: str, page: str
) -> None:
    (only,) = pages(language, tmp_path, body="Short.")
    assert day in only and page in only
    reference = words_for(language).our_reference.format(ref="IALL/2021/017")
    assert reference in only


def test_a_language_without_our_words_has_english_words_and_its_own_date() -> None:
    assert words_for("pt") is WORDS["en"]
    assert date_text(date(2021, 7, 27), "pt") == "27 de julho de 2021"
    assert date_text(date(2021, 7, 27), "pt-BR") == "27 de julho de 2021"
    assert words_for("fr-CA") is WORDS["fr"]
    assert date_text(date(2021, 7, 27), "xx") == "27 July 2021"  # not a language: British
    assert date_text(date(2021, 7, 27), "") == "27 July 2021"


def test_every_language_has_every_word_with_its_placeholder() -> None:
    assert {"en", "fr", "es", "de", "ko", "ru", "kk"} <= set(WORDS)
    for words in WORDS.values():
        assert "{ref}" in words.our_reference and "{ref}" in words.their_reference
        assert "{page}" in words.page and "{pages}" in words.page
        assert "{names}" in words.cc
        load_fonts().check(words.texts())  # the fonts on this machine print them all
