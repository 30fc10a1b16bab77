"""Letters per second: our PDF export of N different two-page letters beside LibreOffice.

Run by hand: `.venv/bin/python bench/bench_letters.py [--count 500] [--keep DIR]`.
Ours is the program's batch export (organiser.pdf.batch, behind `organiser letter pdf-all`),
measured twice: in one process, letter after letter, and spread over worker processes on every
core. Every file is written through organiser.files (temporary file, fsync, rename).
Both sides get the same letters (same text, names in Latin, Cyrillic with Kazakh letters and
Hangul, bullet and numbered lists) and write one PDF per letter. LibreOffice converts HTML
renderings of them in one `soffice --headless --convert-to pdf` run, its start included; it is
skipped, with a note, when `soffice` is not installed.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from html import escape
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from organiser.pdf.batch import LetterFile, default_workers, export_letters
from organiser.pdf.markdown import ListBlock, TextBlock, parse_body
from organiser.services.letter_register import (
    PrintableLetter,
    PrintParty,
    PrintSigner,
)

NAMES = ("Ерлан Құдайбергенов", "한상균", "Айгүл Сағынтайқызы", "조성덕", "Rosa Pavanelli")
UNIONS = ("«Ақжайық» кәсіподағы", "전국민주노동조합총연맹", "KPTU", "Unite the Union")
LO_BATCH = 200
SENTENCE = (
    "Workers organised by {union} have the right to strike, to assemble and to bargain "
    "collectively, and {name} must be free to speak for them without fear of arrest. "
)


def make_letter(number: int) -> PrintableLetter:
    name, union = NAMES[number % len(NAMES)], UNIONS[number % len(UNIONS)]
    paragraphs = [
        f"Paragraph {p + 1} of letter {number}. " + SENTENCE.format(union=union, name=name) * 3
        for p in range(7)
    ]
    demands = "\n".join(f"- demand {d} for **{name}** & <{union}>" for d in range(1, 5))
    steps = "\n".join(f"{s}. step *{s}* of {number}" for s in range(1, 4))
    body = "\n\n".join([f"Dear {name},", *paragraphs[:4], demands, *paragraphs[4:], steps])
    return PrintableLetter(
        sender_name="IndustriALL Global Union",
        sender_address="54 bis, route des Acacias\n1227 Geneva\nSwitzerland",
        logo=None,
        letter_date=date(2026, 1, 1) + timedelta(days=number),
        language="en",
        our_reference=f"IALL/{number:04d}",
        their_reference="",
        addressees=(PrintParty(name, (union, "Astana, Kazakhstan")),),
        subject=f"Solidarity with {union} ({number})",
        body=body + "\n\nIn solidarity,",
        signatories=(PrintSigner("Atle Høie", "General Secretary", "IndustriALL"),),
        cc=("ILO", "ITUC"),
    )


def as_html(letter: PrintableLetter) -> str:
    """The same letter for LibreOffice: letterhead, addressee, subject, body, signature, cc."""
    parts = [
        f"<h2>{escape(letter.sender_name)}</h2>",
        "<p>" + escape(letter.sender_address).replace("\n", "<br>") + "</p><hr>",
        f"<p align='right'>{letter.letter_date}<br>Our ref.: {escape(letter.our_reference)}</p>",
    ]
    for party in letter.addressees:
        lines = "<br>".join(escape(line) for line in party.lines)
        parts.append(f"<p><b>{escape(party.name)}</b><br>{lines}</p>")
    parts.append(f"<p><b>{escape(letter.subject)}</b></p>")
    parts += [_html_block(block) for block in parse_body(letter.body)]
    for signer in letter.signatories:
        parts.append(f"<p><br><br><b>{escape(signer.name)}</b><br>{escape(signer.title)}</p>")
    parts.append(f"<p>cc: {escape('; '.join(letter.cc))}</p>")
    body = "\n".join(parts)
    return f"<html><head><meta charset='utf-8'></head><body>{body}</body></html>"


def _html_block(block: TextBlock | ListBlock) -> str:
    if isinstance(block, TextBlock):
        return "<p>" + "".join(_html_run(r.text, r.bold, r.italic) for r in block.runs) + "</p>"
    tag = "ol" if block.ordered else "ul"
    items = "".join(
        "<li>" + "".join(_html_block(b) for b in item) + "</li>" for item in block.items
    )
    return f"<{tag}>{items}</{tag}>"


def _html_run(text: str, bold: bool, italic: bool) -> str:
    html = escape(text)
    html = f"<i>{html}</i>" if italic else html
    return f"<b>{html}</b>" if bold else html


def ours(letters: list[PrintableLetter], out: Path, workers: int = 1) -> float:
    """The program's batch export (organiser.pdf.batch, as `organiser letter pdf-all` uses it):
    with workers=1 one process renders letter after letter (a thread writes the files), with
    more, worker processes share the letters; their start and loading the fonts included."""
    files = [LetterFile(letter, out / f"letter-{n:04d}.pdf") for n, letter in enumerate(letters)]
    start = time.perf_counter()
    export_letters(files, workers=workers)
    return time.perf_counter() - start


def libreoffice(letters: list[PrintableLetter], work: Path) -> float | None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        return None
    sources, out = work / "html", work / "lo-pdf"
    sources.mkdir()
    files = []
    for number, letter in enumerate(letters):
        path = sources / f"letter-{number:04d}.html"
        path.write_text(as_html(letter), encoding="utf-8")
        files.append(str(path))
    profile = (work / "lo-profile").as_uri()  # a fresh profile: no first-run surprises
    command = [
        soffice, f"-env:UserInstallation={profile}", "--headless",
        "--infilter=HTML (StarWriter)",  # open as a Writer page (A4), not as a web page
        "--convert-to", "pdf:writer_pdf_Export", "--outdir", str(out),
    ]  # fmt: skip
    start = time.perf_counter()
    # One soffice run stopped quietly after 246 files here: convert in batches below that.
    for first in range(0, len(files), LO_BATCH):
        batch = files[first : first + LO_BATCH]
        subprocess.run([*command, *batch], check=True, capture_output=True)
    elapsed = time.perf_counter() - start
    made = len(list(out.glob("*.pdf")))
    if made != len(letters):
        raise SystemExit(f"LibreOffice made {made} PDFs of {len(letters)}")
    return elapsed


def pages(path: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(path).pages)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=500)
    parser.add_argument("--keep", type=Path, default=None, help="keep the PDFs in this folder")
    args = parser.parse_args()
    letters = [make_letter(n) for n in range(args.count)]
    with tempfile.TemporaryDirectory() as temp:
        work = args.keep or Path(temp)
        rates = {}
        cores = default_workers()
        for label, workers, folder in (
            ("ours, one process", 1, "ours"),
            (f"ours, batch export ({cores} worker processes)", cores, "batch"),
        ):
            (work / folder).mkdir(parents=True, exist_ok=True)
            elapsed = ours(letters, work / folder, workers)
            rates[label] = args.count / elapsed
            counts = sorted({pages(path) for path in (work / folder).glob("*.pdf")})
            print(f"{label}: {elapsed:.2f} s, {rates[label]:.1f} letters/s "
                  f"(pages per letter: {counts})")  # fmt: skip
        lo_time = libreoffice(letters, work)
        if lo_time is None:
            print("LibreOffice: soffice not installed, skipped")
            return 0
        lo_rate = args.count / lo_time
        print(f"LibreOffice (soffice --headless --convert-to pdf, one process, start included): "
              f"{lo_time:.2f} s, {lo_rate:.1f} letters/s")  # fmt: skip
        for label, rate in rates.items():
            print(f"ratio {label} / LibreOffice: {rate / lo_rate:.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
