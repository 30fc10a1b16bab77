"""`organiser letter pdf-all`: one PDF per letter in a folder, sent letters as they went out."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.cli.helpers import run, snapshot

Capsys = pytest.CaptureFixture[str]

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")


@pytest.fixture
def demo_db(db_path: Path, capsys: Capsys) -> Path:
    assert run(capsys, db_path, "demo").code == 0
    return db_path


def add_letter(capsys: Capsys, db: Path, tmp_path: Path, subject: str, reference: str) -> int:
    body = tmp_path / "body.md"
    body.write_text("Dear **한상균**,\n\n- Құдайбергенов & <b>\n", encoding="utf-8")
    result = run(
        capsys, db, "letter", "add", "--campaign", "1", "--kind", "protest-letter",
        "--sender", "1", "--subject", subject, "--body-file", str(body), "--to", "org:2",
        "--signatory", "1", "--date", "2026-05-01", "--our-ref", reference,
    )  # fmt: skip
    assert result.code == 0, result.err
    return int(result.out.strip())


def text_of(path: Path) -> str:
    args = ["pdftotext", "-enc", "UTF-8", str(path), "-"]
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def test_every_letter_gets_its_file_and_the_database_stays_as_it_was(
    demo_db: Path, tmp_path: Path, capsys: Capsys
) -> None:
    first = add_letter(capsys, demo_db, tmp_path, "Free them now", "IALL/2026:7")
    second = add_letter(capsys, demo_db, tmp_path, "Release the strikers", "")
    listed = run(capsys, demo_db, "letter", "list", "--campaign", "1", "--json").json()
    before = snapshot(demo_db)
    folder = tmp_path / "out"

    result = run(capsys, demo_db, "letter", "pdf-all", str(folder), "--campaign", "1")

    assert result.code == 0, result.err
    assert f"{len(listed)} letters written" in result.out
    files = sorted(folder.glob("*.pdf"))
    assert len(files) == len(listed)
    assert (folder / f"letter-{first}-IALL-2026-7.pdf").is_file()  # "/" and ":" made safe
    mine = next(folder.glob(f"letter-{second}-*.pdf"))
    assert "Release the strikers" in text_of(mine) and "Құдайбергенов & <b>" in text_of(mine)
    assert snapshot(demo_db) == before


def test_a_sent_letter_is_the_pdf_that_went_out(
    demo_db: Path, tmp_path: Path, capsys: Capsys
) -> None:
    letter_id = add_letter(capsys, demo_db, tmp_path, "Free them now", "REF-1")
    sent = run(
        capsys, demo_db, "letter", "sent", str(letter_id), "--on", "2026-05-02", "--channel", "post"
    )
    assert sent.code == 0, sent.err
    went_out = tmp_path / "went-out.pdf"
    assert run(capsys, demo_db, "letter", "pdf", str(letter_id), str(went_out)).code == 0

    folder = tmp_path / "out"
    result = run(capsys, demo_db, "letter", "pdf-all", str(folder), "--status", "sent")

    assert result.code == 0, result.err
    assert (folder / f"letter-{letter_id}-REF-1.pdf").read_bytes() == went_out.read_bytes()
