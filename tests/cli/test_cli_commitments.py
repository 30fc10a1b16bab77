"""The command line of commitments and of affiliates in bulk: output, exit status, nothing
written on bad input."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from organiser.cli import main

DATA = Path(__file__).parent.parent / "data" / "csv"


def run(capsys: pytest.CaptureFixture[str], db: Path, *args: str) -> tuple[int, str, str]:
    code = main(["--db", str(db), *args])
    out, err = capsys.readouterr()
    return code, out, err


def org_count(capsys: pytest.CaptureFixture[str], db: Path) -> int:
    return len(json.loads(run(capsys, db, "org", "list", "--json")[1]))


@pytest.fixture
def demo_db(db_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    assert run(capsys, db_path, "demo")[0] == 0
    return db_path


def test_add_list_and_status(capsys: pytest.CaptureFixture[str], demo_db: Path) -> None:
    code, out, _ = run(capsys, demo_db, "commitment", "add", "--campaign", "3", "--org", "1",
                       "--what", "Send a message", "--due", "2026-11-30")  # fmt: skip
    assert code == 0
    key = out.strip()
    assert run(capsys, demo_db, "commitment", "status", key, "fulfilled", "--on", "2026-11-20",
               "--evidence", "Posted on the website")[0] == 0  # fmt: skip
    listed = json.loads(
        run(capsys, demo_db, "commitment", "list", "--status", "Fulfilled", "--json")[1]
    )
    mine = next(c for c in listed if str(c["id"]) == key)
    assert (mine["status"], mine["fulfilled_on"], mine["evidence"]) == (
        "fulfilled", "2026-11-20", "Posted on the website",
    )  # fmt: skip


def test_evidence_file_is_stored(
    capsys: pytest.CaptureFixture[str], demo_db: Path, tmp_path: Path
) -> None:
    photo = tmp_path / "banner.png"
    photo.write_bytes(b"\x89PNG fake")
    args = ["--evidence-file", str(photo), "--evidence-url", "https://x.org/p"]
    assert run(capsys, demo_db, "commitment", "status", "10", "fulfilled", *args)[0] == 0
    shown = json.loads(run(capsys, demo_db, "commitment", "list", "--json")[1])
    mine = next(c for c in shown if c["id"] == 10)
    assert (mine["evidence_file_name"], mine["evidence_url"]) == ("banner.png", "https://x.org/p")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["add", "--campaign", "3", "--org", "1", "--what", " "], "What was promised is required"),
        (["add", "--campaign", "99", "--org", "1", "--what", "x"], "no campaign with id 99"),
        (["add", "--campaign", "3", "--org", "1", "--what", "x", "--due", "30/11"], "YYYY-MM-DD"),
        (["add", "--campaign", "3", "--org", "1", "--what", "x", "--action", "1"], "another"),
        (["status", "10", "kept"], "Status 'kept' is not known"),
        (["status", "999", "fulfilled"], "no commitment with id 999"),
        (["status", "10", "pledged", "--on", "2026-11-01"], "Only a fulfilled commitment"),
        (["list", "--status", "kept"], "Status 'kept' is not known"),
    ],
)
def test_bad_input_is_one_line_exit_2_and_nothing_written(
    capsys: pytest.CaptureFixture[str], demo_db: Path, args: list[str], message: str
) -> None:
    before = run(capsys, demo_db, "commitment", "list", "--json")[1]
    code, out, err = run(capsys, demo_db, "commitment", *args)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and message in err
    assert run(capsys, demo_db, "commitment", "list", "--json")[1] == before


def test_report_pdf_and_csv(
    capsys: pytest.CaptureFixture[str], demo_db: Path, tmp_path: Path
) -> None:
    assert run(capsys, demo_db, "commitment", "report", "--campaign", "3",
               str(tmp_path / "r.pdf"))[0] == 0  # fmt: skip
    assert (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF")
    assert run(capsys, demo_db, "commitment", "report", "--campaign", "3",
               str(tmp_path / "r.csv"))[0] == 0  # fmt: skip
    with (tmp_path / "r.csv").open(encoding="utf-8-sig", newline="") as handle:
        assert len(list(csv.DictReader(handle))) == 4
    code, _, err = run(capsys, demo_db, "commitment", "report", "--campaign", "3",
                       str(tmp_path / "r.txt"))  # fmt: skip
    assert code == 2 and ".pdf or .csv" in err and not (tmp_path / "r.txt").exists()


def test_org_import_dry_run_then_import(capsys: pytest.CaptureFixture[str], db_path: Path) -> None:
    code, out, _ = run(capsys, db_path, "org", "import", str(DATA / "libreoffice_semicolon.csv"),
                       "--dry-run")  # fmt: skip
    assert code == 0 and "3 rows would be imported, 0 have problems" in out
    assert org_count(capsys, db_path) == 0
    code, out, _ = run(capsys, db_path, "org", "import", str(DATA / "libreoffice_semicolon.csv"))
    assert (code, out.strip()) == (0, "3 organisations imported")
    assert org_count(capsys, db_path) == 3


def test_org_import_with_bad_rows_is_refused_unless_skipped(
    capsys: pytest.CaptureFixture[str], db_path: Path
) -> None:
    code, out, err = run(capsys, db_path, "org", "import", str(DATA / "bad_rows.csv"))
    assert code == 2 and err.count("\n") == 1
    assert "line 3: Name is required" in err and "line 4: Country 'ZZ'" in err
    assert org_count(capsys, db_path) == 0
    code, out, _ = run(capsys, db_path, "org", "import", str(DATA / "bad_rows.csv"), "--skip-bad")
    assert (code, out.strip()) == (0, "2 organisations imported, 3 bad rows left out")


@pytest.mark.parametrize("name", ["no_name_column.csv", "unclosed_quote.csv"])
def test_org_import_refuses_unreadable_files(
    capsys: pytest.CaptureFixture[str], db_path: Path, name: str
) -> None:
    code, _, err = run(capsys, db_path, "org", "import", str(DATA / name))
    assert code == 2 and err.startswith("organiser: error:")


def test_org_export_round_trip(
    capsys: pytest.CaptureFixture[str], demo_db: Path, tmp_path: Path
) -> None:
    out_file = tmp_path / "orgs.csv"
    assert run(capsys, demo_db, "org", "export", str(out_file))[0] == 0
    fresh = tmp_path / "fresh.sqlite3"
    assert run(capsys, fresh, "org", "import", str(out_file))[0] == 0
    assert org_count(capsys, fresh) == org_count(capsys, demo_db)
    listed = json.loads(run(capsys, demo_db, "org", "list", "--json")[1])
    affiliates = sum(1 for org in listed if org["affiliate_of_id"] == 1)
    code, out, _ = run(capsys, demo_db, "org", "export", str(out_file), "--affiliates-of", "1")
    assert code == 0 and out.strip() == f"{affiliates} organisations exported"


def test_counts_of_one_read_in_the_singular(
    capsys: pytest.CaptureFixture[str], db_path: Path, tmp_path: Path
) -> None:
    """'1 organisation imported', not '1 organisations'; and a row that has problems."""
    one = tmp_path / "one.csv"
    one.write_text("name,country\nUnite,GB\n,KR\n", encoding="utf-8")
    code, out, _ = run(capsys, db_path, "org", "import", str(one), "--dry-run")
    assert code == 0 and "1 row would be imported, 1 has problems" in out
    code, out, _ = run(capsys, db_path, "org", "import", str(one), "--skip-bad")
    assert (code, out.strip()) == (0, "1 organisation imported, 1 bad row left out")
    code, out, _ = run(capsys, db_path, "org", "export", str(tmp_path / "out.csv"))
    assert (code, out.strip()) == (0, "1 organisation exported")
