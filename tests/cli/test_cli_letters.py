"""`organiser letter ...` on a real database file: add, list, show, pdf, sent, reply."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.cli.helpers import run, snapshot

Capsys = pytest.CaptureFixture[str]


@pytest.fixture
def demo_db(db_path: Path, capsys: Capsys) -> Path:
    assert run(capsys, db_path, "demo").code == 0
    return db_path


def add_letter(capsys: Capsys, db: Path, tmp_path: Path, *extra: str) -> int:
    body = tmp_path / "body.md"
    body.write_text("Dear **한상균**,\n\n- one <b> & *x\n- Құдайбергенов\n", encoding="utf-8")
    result = run(
        capsys, db, "letter", "add", "--campaign", "1", "--kind", "protest-letter",
        "--sender", "1", "--subject", "Free them & <now>", "--body-file", str(body),
        "--to", "org:2", "--cc", "person:1", "--signatory", "1", "--date", "2026-05-01", *extra,
    )  # fmt: skip
    assert result.code == 0, result.err
    return int(result.out.strip())


def test_add_prints_the_id_and_show_gives_the_letter(
    demo_db: Path, tmp_path: Path, capsys: Capsys
) -> None:
    letter_id = add_letter(capsys, demo_db, tmp_path, "--our-ref", "IALL/1")
    shown = run(capsys, demo_db, "letter", "show", str(letter_id), "--json").json()
    assert shown["subject"] == "Free them & <now>"
    assert shown["status"] == "draft"
    assert shown["our_reference"] == "IALL/1"
    assert shown["to"][0]["ref"] == ["org", 2]
    assert shown["letter_date"] == "2026-05-01"
    assert "Free them & <now>" in run(capsys, demo_db, "letter", "show", str(letter_id)).out


@pytest.mark.parametrize(
    "bad",
    [
        ("--to", "org:999"),
        ("--to", "union:2"),
        ("--kind", "love-letter"),
        ("--date", "2026-13-01"),
        ("--language", "zz"),
        ("--body-file", "/nonexistent/body.md"),
    ],
)
def test_bad_input_is_one_line_exit_2_and_nothing_written(
    demo_db: Path, tmp_path: Path, capsys: Capsys, bad: tuple[str, str]
) -> None:
    body = tmp_path / "body.md"
    body.write_text("Hello", encoding="utf-8")
    before = snapshot(demo_db)
    args = {"--campaign": "1", "--kind": "statement", "--sender": "1", "--subject": "S"}
    args["--body-file"] = str(body)
    args[bad[0]] = bad[1]
    flat = [item for pair in args.items() for item in pair]
    result = run(capsys, demo_db, "letter", "add", *flat)
    assert result.code == 2
    assert result.err.count("\n") == 1 and result.out == ""
    assert snapshot(demo_db) == before


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
def test_pdf_writes_the_letter_and_keeps_it(demo_db: Path, tmp_path: Path, capsys: Capsys) -> None:
    letter_id = add_letter(capsys, demo_db, tmp_path)
    target = tmp_path / "out" / "letter.pdf"
    result = run(capsys, demo_db, "letter", "pdf", str(letter_id), str(target), "--paper", "letter")
    assert result.code == 0, result.err
    text = subprocess.run(
        ["pdftotext", "-layout", str(target), "-"], capture_output=True, text=True
    ).stdout
    for piece in ("Dear 한상균,", "•   one <b> & *x", "Құдайбергенов", "Free them & <now>"):
        assert piece in text
    shown = run(capsys, demo_db, "letter", "show", str(letter_id), "--json").json()
    assert shown["pdf_id"] is not None
    assert list(target.parent.iterdir()) == [target]  # no temporary file left beside it


def test_pdf_into_an_unwritable_place_writes_nothing(
    demo_db: Path, tmp_path: Path, capsys: Capsys
) -> None:
    letter_id = add_letter(capsys, demo_db, tmp_path)
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    before = snapshot(demo_db)
    result = run(capsys, demo_db, "letter", "pdf", str(letter_id), str(blocker / "x.pdf"))
    assert result.code == 2 and "Cannot write" in result.err
    assert snapshot(demo_db) == before


def test_register_after_sent_and_reply(demo_db: Path, tmp_path: Path, capsys: Capsys) -> None:
    letter_id = add_letter(capsys, demo_db, tmp_path)
    sent = run(
        capsys, demo_db, "letter", "sent", str(letter_id), "--on", "2026-05-02",
        "--channel", "registered-post", "--tracking", "RR987654321CH",
    )  # fmt: skip
    assert sent.code == 0, sent.err
    awaiting = run(capsys, demo_db, "letter", "list", "--awaiting-reply", "--json").json()
    assert [x["id"] for x in awaiting] == [letter_id, 1]
    mine = awaiting[0]
    assert (mine["status"], mine["sent_on"], mine["channel"]) == (
        "sent",
        "2026-05-02",
        "registered-post",
    )
    assert mine["tracking_number"] == "RR987654321CH" and mine["pdf_id"] is not None

    reply_file = tmp_path / "reply.txt"
    reply_file.write_text("We have received your letter.")
    replied = run(
        capsys, demo_db, "letter", "reply", str(letter_id), "--on", "2026-05-20",
        "--note", "Ministry acknowledged", "--file", str(reply_file),
    )  # fmt: skip
    assert replied.code == 0, replied.err
    shown = run(capsys, demo_db, "letter", "show", str(letter_id), "--json").json()
    assert shown["status"] == "answered" and shown["reply_received_on"] == "2026-05-20"
    assert shown["reply_note"] == "Ministry acknowledged" and shown["reply_file_id"]
    listing = run(capsys, demo_db, "letter", "list", "--status", "answered").out
    assert "Free them & <now>" in listing and "2026-05-20" in listing


def test_sent_letter_pdf_is_the_one_that_went_out(
    demo_db: Path, tmp_path: Path, capsys: Capsys
) -> None:
    letter_id = add_letter(capsys, demo_db, tmp_path)
    assert run(capsys, demo_db, "letter", "sent", str(letter_id), "--on", "2026-05-02",
               "--channel", "email").code == 0  # fmt: skip
    first, second = tmp_path / "1.pdf", tmp_path / "2.pdf"
    assert run(capsys, demo_db, "letter", "pdf", str(letter_id), str(first)).code == 0
    assert run(capsys, demo_db, "letter", "pdf", str(letter_id), str(second)).code == 0
    assert first.read_bytes() == second.read_bytes()
    third = tmp_path / "3.pdf"
    asked = run(capsys, demo_db, "letter", "pdf", str(letter_id), str(third), "--paper", "letter")
    assert asked.code == 0 and third.read_bytes() == first.read_bytes()
    assert "this is the PDF that was sent, on its own paper" in asked.err


def test_bad_channel_and_unknown_letter(demo_db: Path, capsys: Capsys) -> None:
    before = snapshot(demo_db)
    bad = run(capsys, demo_db, "letter", "sent", "3", "--on", "2099-01-01", "--channel", "pigeon")
    assert bad.code == 2 and "pigeon" in bad.err
    missing = run(capsys, demo_db, "letter", "show", "999")
    assert missing.code == 2 and "no letter with id 999" in missing.err
    assert snapshot(demo_db) == before


@pytest.mark.skipif(shutil.which("pdfimages") is None, reason="needs poppler-utils")
def test_logo_and_scanned_signature_are_printed(
    demo_db: Path, tmp_path: Path, capsys: Capsys
) -> None:
    from PIL import Image

    logo, signature = tmp_path / "logo.png", tmp_path / "signature.png"
    Image.new("RGB", (300, 120), (200, 30, 30)).save(logo)
    Image.new("RGB", (240, 80), (20, 20, 120)).save(signature)
    assert run(capsys, demo_db, "letter", "logo", "1", str(logo)).code == 0
    assert run(capsys, demo_db, "letter", "signature", "1", str(signature)).code == 0
    letter_id = add_letter(capsys, demo_db, tmp_path)
    target = tmp_path / "with-images.pdf"
    assert run(capsys, demo_db, "letter", "pdf", str(letter_id), str(target)).code == 0
    listing = subprocess.run(["pdfimages", "-list", str(target)], capture_output=True, text=True)
    sizes = {tuple(line.split()[3:5]) for line in listing.stdout.splitlines()[2:]}
    assert {("300", "120"), ("240", "80")} <= sizes


def test_a_logo_that_is_not_an_image_is_refused(
    demo_db: Path, tmp_path: Path, capsys: Capsys
) -> None:
    fake = tmp_path / "logo.png"
    fake.write_text("not an image")
    before = snapshot(demo_db)
    result = run(capsys, demo_db, "letter", "logo", "1", str(fake))
    assert result.code == 2 and "not an image" in result.err
    assert snapshot(demo_db) == before


def test_a_letter_sent_before_pdfs_were_kept_still_prints(
    demo_db: Path, tmp_path: Path, capsys: Capsys
) -> None:
    """The sample's sent letters have no kept PDF: printing them must not be refused."""
    listed = run(capsys, demo_db, "letter", "list", "--status", "sent", "--json").json()
    sent = next(letter for letter in listed if letter["pdf_id"] is None)
    target = tmp_path / "sent.pdf"
    result = run(capsys, demo_db, "letter", "pdf", str(sent["id"]), str(target))
    assert result.code == 0, result.err
    text = subprocess.run(["pdftotext", str(target), "-"], capture_output=True, text=True).stdout
    assert sent["subject"] in text
    shown = run(capsys, demo_db, "letter", "show", str(sent["id"]), "--json").json()
    assert shown["status"] == "sent" and shown["pdf_id"] is not None
