"""The batch letter export: every file whole and right, in worker processes or in this one."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from reportlab import rl_config
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont, TTFontFace

from organiser.pdf import fonts as fonts_module
from organiser.pdf import letter as letter_module
from organiser.pdf.batch import (
    LETTERS_PER_WORKER,
    LetterExportError,
    LetterFile,
    export_letters,
    render_letters,
)
from organiser.pdf.fonts import load_fonts
from organiser.pdf.letter import render_letter
from organiser.pdf.printable import PrintableLetter, PrintParty, PrintSigner

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")

NAMES = ("Ерлан Құдайбергенов", "한상균", "Rosa Pavanelli")


def letter(number: int, extra: str = "") -> PrintableLetter:
    name = NAMES[number % len(NAMES)]
    return PrintableLetter(
        sender_name="IndustriALL Global Union",
        sender_address="54 bis, route des Acacias\n1227 Geneva",
        logo=None,
        letter_date=date(2026, 3, 2),
        language="en",
        our_reference=f"IALL/{number:03d}",
        their_reference="",
        addressees=(PrintParty(name, ("Astana",)),),
        subject=f"Solidarity letter number {number}",
        body=f"Dear {name},\n\nWe stand with you, letter {number}. {extra}\n\n- **free** {name}",
        signatories=(PrintSigner("Atle Høie", "General Secretary"),),
        cc=("ITUC",),
    )


def words(path: Path) -> str:
    args = ["pdftotext", "-enc", "UTF-8", str(path), "-"]
    text = subprocess.run(args, capture_output=True, text=True, check=True).stdout
    return re.sub(r"\s+", " ", text).strip()


def assert_is_letter(path: Path, number: int) -> None:
    text = words(path)
    name = NAMES[number % len(NAMES)]
    for piece in (
        f"Our ref.: IALL/{number:03d}",
        f"Solidarity letter number {number}",
        f"Dear {name},",
        f"We stand with you, letter {number}.",
        f"• free {name}",
        "Page 1 of 1",
    ):
        assert piece in text, (piece, text)


def assert_fonts_embedded_as_subsets(path: Path) -> None:
    report = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True).stdout
    rows = report.splitlines()[2:]
    assert rows, report
    for row in rows:
        assert row.split()[-5:-3] == ["yes", "yes"], report  # embedded, subset


@pytest.mark.parametrize("workers", [1, 2])
def test_every_letter_is_written_whole_and_right(tmp_path: Path, workers: int) -> None:
    count = 2 * LETTERS_PER_WORKER + 3  # enough for two workers, and a short last chunk
    files = [LetterFile(letter(n), tmp_path / f"letter-{n}.pdf") for n in range(count)]
    seen: list[tuple[int, int]] = []
    written = export_letters(
        files, workers=workers, progress=lambda done, total: seen.append((done, total))
    )
    assert written == count
    for number, item in enumerate(files):
        assert_is_letter(item.path, number)
    for number in (0, 1, count - 1):  # Cyrillic, Hangul, and a letter late in the batch
        assert_fonts_embedded_as_subsets(files[number].path)
    assert seen[-1] == (count, count) and seen == sorted(seen)
    assert not list(tmp_path.glob("*.part"))


@pytest.mark.parametrize("workers", [1, 2])
def test_stop_writes_no_more_and_says_how_many_were_written(tmp_path: Path, workers: int) -> None:
    count = 4 * LETTERS_PER_WORKER
    files = [LetterFile(letter(n), tmp_path / f"letter-{n}.pdf") for n in range(count)]
    seen: list[int] = []
    written = export_letters(
        files,
        workers=workers,
        progress=lambda done, total: seen.append(done),
        stop=lambda: bool(seen),  # the user cancels once the first letters are written
    )
    on_disk = [item for item in files if item.path.exists()]
    assert 0 < written == len(on_disk) < count
    for item in on_disk:
        assert_is_letter(item.path, files.index(item))
    assert not list(tmp_path.glob("*.part"))


@pytest.mark.parametrize("workers", [1, 2])
def test_a_failing_letter_stops_the_batch_and_leaves_no_file(tmp_path: Path, workers: int) -> None:
    count = 2 * LETTERS_PER_WORKER
    files = [LetterFile(letter(n), tmp_path / f"letter-{n}.pdf") for n in range(count)]
    bad = LetterFile(letter(5, "An ancient sign: \U00013000."), tmp_path / "letter-5.pdf")
    files[5] = bad
    with pytest.raises(LetterExportError) as error:
        export_letters(files, workers=workers)
    assert error.value.path == bad.path
    assert "letter-5.pdf" in str(error.value) and "U+13000" in str(error.value)
    assert not bad.path.exists()
    assert not list(tmp_path.glob("*.part"))
    for number in range(5):  # the letters before it, in its own chunk, were written whole
        assert_is_letter(files[number].path, number)


def test_rendered_here_and_in_a_worker_each_letter_comes_once_in_its_place(
    tmp_path: Path,
) -> None:
    """This process and a worker share the letters, and at the end chunks the worker has not
    begun are taken back and rendered here: every letter still comes once, in its place."""
    count = 3 * LETTERS_PER_WORKER
    arrived: list[int] = []
    made = render_letters(
        [letter(n) for n in range(count)], workers=2, keep=lambda n, r: arrived.append(n) or r
    )
    assert made is not None and sorted(arrived) == list(range(count))
    for number, rendered in enumerate(made):
        assert rendered.data is not None
        path = tmp_path / f"{number}.pdf"
        path.write_bytes(rendered.data)
        assert f"Solidarity letter number {number} " in words(path) + " "


def test_remembered_font_subsets_give_reportlab_s_own_bytes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The font caches change nothing in the file: the same letter rendered with ReportLab's
    own subsetting and font objects and with the caches (cold, then warm) is the same, byte for
    byte."""
    monkeypatch.setattr(rl_config, "invariant", 1)  # no dates or random ids in the file
    fonts = load_fonts()
    sample = letter(1, "Ерлан and 한상균 *italic*")
    caches = (fonts_module._deflated_subset, fonts_module._subset_objects)
    for cache in caches:
        cache.cache_clear()
    cold = render_letter(sample, fonts)
    warm = render_letter(sample, fonts)
    assert all(cache.cache_info().hits > 0 for cache in caches)
    for name in pdfmetrics.getRegisteredFontNames():
        font = pdfmetrics.getFont(name)
        if isinstance(getattr(font, "face", None), TTFontFace):
            monkeypatch.setattr(font.face, "__class__", TTFontFace)
        if isinstance(font, TTFont):
            monkeypatch.setattr(font, "__class__", TTFont)
    used = [cache.cache_info() for cache in caches]
    reportlab_own = render_letter(sample, fonts)
    assert [cache.cache_info() for cache in caches] == used  # the caches were not asked
    assert cold == warm == reportlab_own


def test_remembered_line_breaks_give_reportlab_s_own_bytes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Plain paragraphs' lines remembered from one letter to the next change nothing in the
    files: letters sharing long paragraphs (split over pages), on two papers, give the same
    bytes with the lines remembered (cold, then warm) as with ReportLab breaking every one."""
    monkeypatch.setattr(rl_config, "invariant", 1)
    fonts = load_fonts()
    shared = " ".join(["The strike goes on, and so does our solidarity with every worker."] * 60)
    body = "Dear {name},\n\n" + shared + "\n\n*In solidarity*, " + shared[:200]
    samples = [replace(letter(n), body=body.format(name=NAMES[n % 3])) for n in range(4)]
    papers = ("a4", "letter")

    def render_all() -> list[bytes]:
        return [render_letter(sample, fonts, paper) for paper in papers for sample in samples]

    letter_module._line_breaks.clear()
    cold = render_all()
    remembered = len(letter_module._line_breaks)
    warm = render_all()
    assert remembered and len(letter_module._line_breaks) == remembered  # all found again
    monkeypatch.setattr(letter_module._Paragraph, "breakLines", letter_module.Paragraph.breakLines)
    assert cold == warm == render_all()


# A program that exports in worker processes, marked through its environment so that its
# workers (which inherit it) can be found after it is killed.
EXPORTER = """
import sys
from pathlib import Path
from organiser.pdf.batch import LetterFile, export_letters
from tests.test_pdf_batch import letter

folder = Path(sys.argv[1])
files = [LetterFile(letter(n), folder / f"{n}.pdf") for n in range(2000)]
export_letters(files, workers=2, progress=lambda done, total: print(done, flush=True))
"""


def _marked_processes(marker: str) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if marker.encode() in (entry / "environ").read_bytes():
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


@pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="reads /proc")
def test_workers_end_when_the_exporting_program_is_killed(tmp_path: Path) -> None:
    """Killed halfway through a batch, the program leaves no worker rendering on, orphaned."""
    import os
    import signal
    import sys
    import time
    import uuid

    marker = f"ORGANISER_TEST_MARK={uuid.uuid4()}"
    name, value = marker.split("=")
    child = subprocess.Popen(
        [sys.executable, "-c", EXPORTER, str(tmp_path)],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, name: value},
        cwd=Path(__file__).parent.parent,
    )
    assert child.stdout is not None
    child.stdout.readline()  # a first chunk is written: the workers are up and rendering
    workers = [pid for pid in _marked_processes(marker) if pid != child.pid]
    assert len(workers) >= 2
    child.send_signal(signal.SIGKILL)
    child.wait()
    deadline = time.monotonic() + 20
    while _marked_processes(marker) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _marked_processes(marker) == []


UNPICKLE = """
import pickle, sys
letter = pickle.loads(sys.stdin.buffer.read())
print(letter.subject, sorted({m.split(".")[0] for m in sys.modules} & {"sqlalchemy", "alembic"}),
      [m for m in sys.modules if m.startswith("organiser.services")])
"""


def test_a_worker_unpickling_its_letters_imports_no_database_layer() -> None:
    """What crosses to a worker is the pdf layer's plain data (pdf/printable.py, which the
    services build directly): unpickling it in a fresh
    interpreter brings in neither SQLAlchemy nor the services (25 MB and half a second)."""
    import pickle
    import sys

    data = pickle.dumps(letter(3))
    done = subprocess.run(
        [sys.executable, "-c", UNPICKLE], input=data, capture_output=True, check=True,
        cwd=Path(__file__).parent.parent,
    )  # fmt: skip
    assert done.stdout.decode().split() == ["Solidarity", "letter", "number", "3", "[]", "[]"]
