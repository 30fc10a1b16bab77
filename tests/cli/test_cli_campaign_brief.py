"""`organiser campaign brief ID FILE.pdf`: the brief written whole; an unknown campaign or a bad
option refused in one line, exit status 2, no file and nothing changed."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.cli.helpers import run, snapshot


def test_the_brief_is_written_as_a_pdf(capsys: pytest.CaptureFixture[str], demo_db: Path,
                                       tmp_path: Path) -> None:  # fmt: skip
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "brief.pdf"
    result = run(capsys, demo_db, "campaign", "brief", "1", str(target))
    assert (result.code, result.out, result.err) == (0, "", "")
    assert target.read_bytes().startswith(b"%PDF")
    assert list(folder.iterdir()) == [target]  # no temporary left beside it
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(target), "-"], capture_output=True, text=True)
        assert "Stop the crackdown on Korean unions" in text.stdout


def test_french_words_on_asking(capsys: pytest.CaptureFixture[str], demo_db: Path,
                                tmp_path: Path) -> None:  # fmt: skip
    target = tmp_path / "fiche.pdf"
    assert run(capsys, demo_db, "campaign", "brief", "3", str(target), "--language", "fr").code == 0
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(target), "-"], capture_output=True, text=True)
        assert "Fiche de campagne" in text.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("99",), "There is no campaign with id 99."),
        (("0",), "invalid id value"),
        (("x",), "invalid id value"),
    ],
)
def test_a_bad_campaign_is_one_line_exit_2_and_no_file(
    capsys: pytest.CaptureFixture[str], demo_db: Path, tmp_path: Path,
    args: tuple[str, ...], message: str,
) -> None:  # fmt: skip
    before = snapshot(demo_db)
    folder = tmp_path / "out"
    folder.mkdir()
    result = run(capsys, demo_db, "campaign", "brief", *args, str(folder / "brief.pdf"))
    assert result.code == 2 and result.err.count("\n") == 1 and message in result.err
    assert list(folder.iterdir()) == []  # no file, no half file
    assert snapshot(demo_db) == before
