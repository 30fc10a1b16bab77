"""`organiser search QUERY [--kind K] [--json]` run for real: ranked hits grouped by kind, in
any script, the words found marked; a bad kind or a query too long refused with exit 2."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.helpers import run, snapshot


def test_json_hits_have_kind_and_id_and_find_the_name_in_its_own_script(
    demo_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    result = run(capsys, demo_db, "search", "Han Sang-gyun", "--json")
    assert result.code == 0, result.err
    hits = result.json()
    assert {hit["kind"] for hit in hits} >= {"person", "situation", "letter", "campaign"}
    assert all(isinstance(hit["id"], int) for hit in hits)
    person = next(hit for hit in hits if hit["kind"] == "person")
    assert "한상균" in person["label"]
    korean = run(capsys, demo_db, "search", "한상균", "--kind", "person", "--json").json()
    assert [(hit["kind"], hit["id"]) for hit in korean] == [("person", person["id"])]


def test_text_groups_by_kind_and_marks_the_words_found(
    demo_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    result = run(capsys, demo_db, "search", "hunger strike")
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert any(line.startswith("action (") for line in lines)
    assert "[hunger] [strike]" in result.out
    assert run(capsys, demo_db, "search", "zzqqxx").out.startswith("Nothing found")


def test_a_bad_kind_or_a_long_query_is_one_line_and_exit_2(
    demo_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = snapshot(demo_db)
    for args in (("search", "x", "--kind", "meeting"), ("search", "x" * 201)):
        result = run(capsys, demo_db, *args)
        assert result.code == 2 and len(result.err.strip().splitlines()) == 1, result.err
    assert snapshot(demo_db) == before
