"""`organiser letter merge`: the pre-flight printed, files and register entries written, and bad
input refused in one line, exit 2, with nothing written."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import Engine

from organiser import store
from tests.cli.helpers import run, snapshot
from tests.merge_world import MergeWorld, make_world, pdf_text, set_body

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")


@pytest.fixture
def world(db_path: Path) -> MergeWorld:
    engine: Engine = store.open_database(str(db_path))
    try:
        return make_world(engine)
    finally:
        engine.dispose()


def test_a_dry_run_prints_the_pre_flight_and_writes_nothing(
    capsys: pytest.CaptureFixture[str], db_path: Path, world: MergeWorld, tmp_path: Path
) -> None:
    before = snapshot(db_path)
    out = tmp_path / "out"
    got = run(capsys, db_path, "letter", "merge", str(world.letter_id),
              "--affiliates-of", str(world.federation_id), "--out", str(out),
              "--expect-pages", "2", "--dry-run")  # fmt: skip
    assert got.code == 0, got.err
    assert "FR-U001.pdf" in got.out and "OUR/2026/017-U004" in got.out
    assert "2. Union 002 Local: no ko version: the original (en) is used" in got.out
    assert "3. Union 003 Local: no postal address" in got.out
    assert "1. Union 001 Local: 3 pages" in got.out
    assert "4 letters, 6 pages; 3 with warnings" in got.out
    assert not out.exists() and snapshot(db_path) == before


def test_a_merge_writes_the_files_and_the_register(
    capsys: pytest.CaptureFixture[str], db_path: Path, world: MergeWorld, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    got = run(capsys, db_path, "letter", "merge", str(world.letter_id), "--to",
              f"org:{world.affiliates[3]}", "--to", f"org:{world.affiliates[2]}", "--out",
              str(out), "--name-pattern", "{number}-{name}.pdf")  # fmt: skip
    assert got.code == 0, got.err
    assert sorted(p.name for p in out.iterdir()) == ["001-Union-004-Local.pdf",
                                                     "002-Union-003-Local.pdf"]  # fmt: skip
    assert "Dear Union 004 Local" in pdf_text(out / "001-Union-004-Local.pdf")
    listed = run(capsys, db_path, "letter", "list", "--json").json()
    merged = [row for row in listed if row["merged_from_id"] == world.letter_id]
    assert sorted(row["our_reference"] for row in merged) == [
        "OUR/2026/017-U003", "OUR/2026/017-U004"
    ]  # fmt: skip
    shown = run(capsys, db_path, "letter", "show", str(merged[0]["id"]), "--json").json()
    assert shown["merged_from_id"] == world.letter_id and shown["pdf_id"] is not None


def test_a_combined_file_on_odd_pages(
    capsys: pytest.CaptureFixture[str], db_path: Path, world: MergeWorld, tmp_path: Path
) -> None:
    target = tmp_path / "all.pdf"
    got = run(capsys, db_path, "letter", "merge", str(world.letter_id), "--committed",
              "--out", str(target), "--odd-pages")  # fmt: skip
    assert got.code == 0, got.err
    assert "Chers camarades de Union 001 Local" in pdf_text(target)


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--to", "org:x"], "'org:x' is not a reference"),
        (["--to", "org:999"], "no organisation with id 999"),
        (["--affiliates-of", "999"], "no organisation with id 999"),
        (["--committed", "--name-pattern", "{shoe}.pdf"], "{shoe} is not a field"),
        (["--committed", "--odd-pages"], "--odd-pages is for one combined"),
        (["--to", "org:1", "--committed"], "not allowed with"),
        (["--committed", "--expect-pages", "0"], "--expect-pages"),
    ],
)
def test_bad_input_is_one_line_exit_2_and_nothing_written(
    capsys: pytest.CaptureFixture[str],
    db_path: Path,
    world: MergeWorld,
    tmp_path: Path,
    args: list[str],
    said: str,
) -> None:
    before = snapshot(db_path)
    out = tmp_path / "out"
    got = run(capsys, db_path, "letter", "merge", str(world.letter_id), *args, "--out", str(out))
    assert got.code == 2
    assert len(got.err.strip().splitlines()) == 1 and said in got.err
    assert not out.exists() and snapshot(db_path) == before


def test_an_unknown_letter_is_refused(
    capsys: pytest.CaptureFixture[str], db_path: Path, world: MergeWorld, tmp_path: Path
) -> None:
    got = run(capsys, db_path, "letter", "merge", "999", "--committed", "--out", str(tmp_path))
    assert got.code == 2 and "no letter with id 999" in got.err


@pytest.mark.parametrize(
    "body",
    ["{{ recipient.__class__ }}", "{{ recipient.shoe_size }}",
     "{% for i in range(1000000000) %}x{% endfor %}"],
)  # fmt: skip
def test_a_refused_template_prints_the_pre_flight_then_one_line_exit_2(
    capsys: pytest.CaptureFixture[str],
    db_path: Path,
    world: MergeWorld,
    tmp_path: Path,
    body: str,
) -> None:
    engine = store.open_database(str(db_path))
    set_body(engine, world.letter_id, body)
    engine.dispose()
    before = snapshot(db_path)
    out = tmp_path / "out"
    got = run(capsys, db_path, "letter", "merge", str(world.letter_id), "--affiliates-of",
              str(world.federation_id), "--out", str(out))  # fmt: skip
    assert got.code == 2
    assert "4. Union 004 Local: REFUSED: body, line 1" in got.out
    assert len(got.err.strip().splitlines()) == 1 and "cannot be made" in got.err
    assert "Nothing was written" in got.err
    assert not out.exists() and snapshot(db_path) == before
