"""Bad input on the command line: one line on stderr, exit 2, nothing written — and never the
default database used when the one given names nothing."""

from __future__ import annotations

import contextlib
import importlib.util
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from organiser import store
from organiser.cli import main
from organiser.config import set_setting
from tests.cli.helpers import run, snapshot


def run_without_db(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    try:
        code = main(list(args))
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    return code, capsys.readouterr().err


@pytest.mark.parametrize("given", ["", "   "])
def test_an_empty_db_names_no_database_and_the_default_one_is_not_made(
    capsys: pytest.CaptureFixture[str], given: str
) -> None:
    code, err = run_without_db(capsys, "--db", given, "org", "add", "--name", "KCTU")
    assert code == 2 and err == (
        "organiser: error: --db names no database: give a file or an SQLAlchemy URL.\n"
    )
    home = Path.home()
    assert not list(home.rglob("*.sqlite3"))  # nothing created in the data folder


def test_an_empty_organiser_db_variable_is_refused(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ORGANISER_DB", "")
    code, err = run_without_db(capsys, "campaign", "list")
    assert code == 2 and "ORGANISER_DB is set but empty" in err and len(err.splitlines()) == 1


@pytest.mark.parametrize("kind", ["campaign", "org", "action", "commitment", "letter"])
@pytest.mark.parametrize("given", ["99999999999999999999", "9223372036854775808", "0", "-3"])
def test_an_id_no_record_can_have_is_refused_in_one_line(
    capsys: pytest.CaptureFixture[str], db_path: Path, kind: str, given: str
) -> None:
    run(capsys, db_path, "demo")
    before = snapshot(db_path)
    done = run(capsys, db_path, kind, "delete", given)
    assert "invalid id value" in done.err
    assert done.code == 2 and len(done.err.splitlines()) == 1 and "Traceback" not in done.err
    assert snapshot(db_path) == before


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample data once per run, copied for each case (a closed file copies whole)."""
    folder = tmp_path_factory.mktemp("demo-template")
    path = folder / "demo.sqlite3"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CONFIG_HOME", str(folder / "config"))
        assert main(["--db", str(path), "demo"]) == 0
    for engine in list(store._SESSIONS):
        engine.dispose()
    return path


@pytest.fixture
def demo_db(demo_template: Path, tmp_path: Path) -> Path:
    """A folder of things to give as files: a body, binary bytes, an empty file, a folder, a
    named pipe, a calendar; and the sample database beside them."""
    db = tmp_path / "organiser.sqlite3"
    shutil.copyfile(demo_template, db)
    (tmp_path / "body.md").write_text("Dear friends,\n\nsolidarity.\n")
    (tmp_path / "bin").write_bytes(bytes(range(256)))
    (tmp_path / "empty").write_bytes(b"")
    (tmp_path / "nul.md").write_bytes(b"Dear\x00friends")
    (tmp_path / "adir").mkdir()
    (tmp_path / "e.ics").write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:a@b\r\n"
        "DTSTART:20260101T100000\r\nSUMMARY:Rally\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    if hasattr(os, "mkfifo"):
        os.mkfifo(tmp_path / "fifo")
    return db


def folder_state(folder: Path) -> list[tuple[str, bool]]:
    """Every name in the folder and whether it is a regular file (a pipe replaced by a file
    shows); SQLite's own -wal and -shm aside."""
    return sorted(
        (str(p.relative_to(folder)), p.is_file())
        for p in folder.rglob("*")
        if not p.name.endswith(("-wal", "-shm"))
    )


def assert_refused(capsys: pytest.CaptureFixture[str], db: Path, *args: str) -> str:
    """The command gives exit 2 and one line on stderr, and writes nothing: no row, no file."""
    before, files = snapshot(db), folder_state(db.parent)
    done = run(capsys, db, *[arg.replace("{w}", str(db.parent)) for arg in args])
    assert (done.code, len(done.err.splitlines())) == (2, 1), done.err
    assert "Traceback" not in done.err and done.err.startswith("organiser")
    assert snapshot(db) == before
    assert folder_state(db.parent) == files
    return done.err


BODY = ("--campaign", "1", "--kind", "protest-letter", "--sender", "1", "--subject", "S")
ACTION = ("action", "add", "--campaign", "1", "--kind", "rally", "--title", "T")

# Each kind of bad input tried on the command line (see the list and beyond): the
# argument lists, {w} for the folder holding the database and the files of `demo_db`.
BAD_INPUT = {
    "an unknown --tz": [*ACTION, "--start", "2026-01-01T10:00", "--tz", "Mars/Olympus"],
    "an empty --tz": [*ACTION, "--start", "2026-01-01T10:00", "--tz", " "],
    "a time outside the years 1-9999 in UTC": [*ACTION, "--start", "0001-01-01T00:30",
                                                "--tz", "Asia/Seoul"],
    "an end in the year 10000 in UTC": [*ACTION, "--start", "9999-12-31T23:00",
                                         "--tz", "Etc/GMT+12"],
    "calendar import with an unknown --tz": ["calendar", "import", "{w}/e.ics", "--campaign",
                                             "1", "--tz", "Nowhere/Here"],
    "--month 0000-01": ["calendar", "pdf", "{w}/c.pdf", "--month", "0000-01"],
    "--month 9999-12": ["calendar", "pdf", "{w}/c.pdf", "--month", "9999-12"],
    "--month 2026-13": ["calendar", "pdf", "{w}/c.pdf", "--month", "2026-13"],
    "an empty --demand": ["campaign", "add", "--title", "X", "--demand", ""],
    "a blank --demand": ["campaign", "add", "--title", "X", "--demand", "a", "--demand", " "],
    "an empty --start": ["campaign", "add", "--title", "X", "--start", ""],
    "2026-02-30": ["campaign", "add", "--title", "X", "--start", "2026-02-30"],
    "an empty --language": ["letter", "add", *BODY, "--body-file", "{w}/body.md",
                            "--language", ""],
    "an empty --kind": ["org", "add", "--name", "X", "--kind", ""],
    "an empty filter": ["action", "list", "--kind", ""],
    "an empty status": ["commitment", "status", "1", ""],
    "a NUL in a name": ["org", "add", "--name", "a\x00b"],
    "a huge org:ID": ["letter", "add", *BODY, "--body-file", "{w}/body.md",
                      "--to", "org:99999999999999999999"],
    "a huge person:ID": ["letter", "add", *BODY, "--body-file", "{w}/body.md",
                         "--cc", "person:9223372036854775808"],
    "an unknown --affiliates-of": ["org", "export", "{w}/o.csv", "--affiliates-of", "999"],
    "an empty body file": ["letter", "add", *BODY, "--body-file", "{w}/empty"],
    "an empty --body-file": ["letter", "add", *BODY, "--body-file", ""],
    "a folder as body file": ["letter", "add", *BODY, "--body-file", "{w}/adir"],
    "an empty --evidence-file": ["commitment", "add", "--campaign", "1", "--org", "1",
                                 "--what", "W", "--evidence-file", ""],
    "an empty reply --file": ["letter", "reply", "1", "--on", "2026-01-01", "--file", ""],
    "an empty pdf-all folder": ["letter", "pdf-all", ""],
    "an empty export file": ["calendar", "export", ""],
    "an empty backup file": ["backup", ""],
    "backup /proc/x": ["backup", "/proc/x"],
    "backup over a named pipe": ["backup", "{w}/fifo"],
    "calendar export over a named pipe": ["calendar", "export", "{w}/fifo"],
    "archive export over a named pipe": ["archive", "export", "{w}/fifo"],
    "org export over the database": ["org", "export", "{w}/organiser.sqlite3"],
    "archive export over the database": ["archive", "export", "{w}/organiser.sqlite3"],
    "calendar export over the database's WAL": ["calendar", "export",
                                                "{w}/organiser.sqlite3-wal"],
    "an export into a folder": ["calendar", "pdf", "{w}/adir", "--month", "2026-01"],
    "an unknown channel": ["letter", "sent", "3", "--on", "2026-12-31", "--channel", "pigeon"],
    "an unknown paper": ["letter", "pdf", "1", "{w}/x.pdf", "--paper", "a3"],
    "an unknown commitment status": ["commitment", "list", "--status", "promised"],
    "a missing calendar": ["calendar", "import", "{w}/nope.ics", "--campaign", "1"],
    "a binary archive": ["archive", "import", "{w}/bin"],
    "a binary backup to restore": ["restore", "{w}/bin"],
    "an unknown campaign": ["campaign", "show", "999"],
    "a spreadsheet with no column of names": ["org", "import", "{w}/body.md"],
    "a named pipe as --db": ["--db", "{w}/fifo", "campaign", "list"],
    "a device as --db": ["--db", "/dev/null", "org", "add", "--name", "X"],
    "a folder as --db": ["--db", "{w}/adir", "campaign", "list"],
    "a URL part the driver ignores": ["--db", "sqlite:///{w}/new.sqlite3?mode=ro", "org", "list"],
    "bytes that are not UTF-8 in a name": ["org", "add", "--name", "KCTU\udcff"],
    "bytes not UTF-8 in an email": ["org", "add", "--name", "X", "--email", "a\udcff@b.org"],
    "a NUL in an email": ["org", "add", "--name", "X", "--email", "a\x00@b.org"],
    "a NUL in a body file": ["letter", "add", *BODY, "--body-file", "{w}/nul.md"],
    "a signatory named twice": ["letter", "add", *BODY, "--body-file", "{w}/body.md",
                                "--signatory", "1", "--signatory", "1"],
    "a recipient named twice": ["letter", "add", *BODY, "--body-file", "{w}/body.md",
                                "--to", "org:1", "--cc", "org:1"],
    "an unknown campaign in a filter": ["letter", "list", "--campaign", "999"],
    "an unknown organisation in a filter": ["commitment", "list", "--org", "999"],
    "an unknown campaign for actions": ["action", "list", "--campaign", "999"],
    "an unknown campaign for pdf-all": ["letter", "pdf-all", "{w}/out", "--campaign", "999"],
}  # fmt: skip


@pytest.mark.parametrize("args", BAD_INPUT.values(), ids=BAD_INPUT.keys())
def test_bad_input_is_refused_in_one_line_and_nothing_is_written(
    capsys: pytest.CaptureFixture[str], demo_db: Path, args: list[str]
) -> None:
    if "{w}/fifo" in args and not (demo_db.parent / "fifo").exists():
        pytest.skip("no named pipes here")
    assert_refused(capsys, demo_db, *args)


def test_reading_makes_no_automatic_backup(
    capsys: pytest.CaptureFixture[str], demo_db: Path
) -> None:
    """Opening makes an empty WAL: that is no change to back up."""
    for command in (("campaign", "list"), ("letter", "show", "1"), ("check",)):
        assert run(capsys, demo_db, *command).code == 0
    assert not (demo_db.parent / "organiser-backups").exists()


def test_an_unknown_zone_in_the_settings_is_refused_naming_the_setting(
    capsys: pytest.CaptureFixture[str], demo_db: Path
) -> None:
    """(A calendar import reads it; an action added without --tz takes its campaign country's
    zone instead: tests/cli/test_cli_action_zones.py.)"""
    set_setting("ui.organiser_timezone", "Mars/Olympus")
    err = assert_refused(capsys, demo_db, "calendar", "import", "{w}/e.ics", "--campaign", "1")
    assert "ui.organiser_timezone = 'Mars/Olympus'" in err and "--tz" in err


@pytest.mark.parametrize(
    ("url", "driver"),
    [("postgresql://organiser@localhost/unions", "psycopg"), ("mysql://o@localhost/u", "MySQLdb"),
     ("postgresql+psycopg://o@localhost/u", "psycopg")],
)  # fmt: skip
def test_a_database_url_whose_driver_is_missing_is_refused_in_one_line(
    capsys: pytest.CaptureFixture[str], url: str, driver: str
) -> None:
    if importlib.util.find_spec(driver) is not None:
        pytest.skip(f"{driver} is installed")
    code, err = run_without_db(capsys, "--db", url, "campaign", "list")
    assert code == 2 and len(err.splitlines()) == 1
    assert "driver" in err and driver in err and "is not installed" in err


@pytest.mark.parametrize("url", ["sqlite:///", "foo://bar"])
def test_a_database_url_naming_nothing_usable_is_refused(
    capsys: pytest.CaptureFixture[str], url: str
) -> None:
    code, err = run_without_db(capsys, "--db", url, "org", "add", "--name", "KCTU")
    assert code == 2 and len(err.splitlines()) == 1 and "Traceback" not in err


def foreign_database(path: Path, alembic_revision: str | None = None) -> bytes:
    with contextlib.closing(sqlite3.connect(path)) as connection:
        connection.execute("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT)")
        connection.execute("INSERT INTO moz_places (url) VALUES ('https://example.org')")
        if alembic_revision:
            connection.execute("CREATE TABLE alembic_version (version_num VARCHAR(32))")
            connection.execute("INSERT INTO alembic_version VALUES (?)", (alembic_revision,))
        connection.commit()
    return path.read_bytes()


@pytest.mark.parametrize("revision", [None, "3f2a9c81d0e4"], ids=["no-alembic", "other-alembic"])
def test_another_programs_database_is_refused_and_left_byte_for_byte(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, revision: str | None
) -> None:
    other = tmp_path / "places.sqlite"
    before = foreign_database(other, revision)
    for command in (("org", "add", "--name", "KCTU"), ("campaign", "list"), ("demo",)):
        done = run(capsys, other, *command)
        assert done.code == 2 and "is not a Campaign Organiser database" in done.err
        assert len(done.err.splitlines()) == 1
    assert other.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["places.sqlite"]


def test_an_empty_sqlite_file_becomes_a_campaign_organiser_database(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    empty = tmp_path / "new.sqlite3"
    sqlite3.connect(empty).close()
    assert run(capsys, empty, "org", "add", "--name", "KCTU").out.strip() == "1"


@pytest.fixture
def read_only_db(demo_db: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The sample database as a file this program may not write: as root every file can be
    written, so the check is made to say so, and SQLite really opens it read-only."""
    demo_db.chmod(0o444)
    if os.name == "posix" and os.geteuid() == 0:
        monkeypatch.setattr(store, "is_read_only", lambda _path: True)
    return demo_db


@pytest.mark.parametrize(
    "command", [("campaign", "list"), ("letter", "show", "1"), ("check",), ("backups",),
                ("backup", "{w}/copy.sqlite3"), ("backup",)],
)  # fmt: skip
def test_a_read_only_database_can_be_read_checked_and_backed_up(
    capsys: pytest.CaptureFixture[str], read_only_db: Path, command: tuple[str, ...]
) -> None:
    before = snapshot(read_only_db)
    done = run(capsys, read_only_db, *[arg.replace("{w}", str(read_only_db.parent))
                                       for arg in command])  # fmt: skip
    assert (done.code, done.err) == (0, "")
    assert snapshot(read_only_db) == before


@pytest.mark.parametrize(
    "command", [("org", "add", "--name", "KCTU"), ("campaign", "delete", "1"),
                ("letter", "sent", "3", "--on", "2026-12-31", "--channel", "email")],
)  # fmt: skip
def test_a_write_to_a_read_only_database_is_refused_saying_so(
    capsys: pytest.CaptureFixture[str], read_only_db: Path, command: tuple[str, ...]
) -> None:
    err = assert_refused(capsys, read_only_db, *command)
    assert "The database is read-only" in err


EXPORTS = {
    "calendar export": ["calendar", "export", "{target}.ics"],
    "calendar pdf": ["calendar", "pdf", "{target}.pdf", "--month", "2026-01"],
    "letter pdf (draft)": ["letter", "pdf", "3", "{target}.pdf"],
    "letter pdf (sent)": ["letter", "pdf", "1", "{target}.pdf"],
    "letter pdf-all": ["letter", "pdf-all", "{target}"],
    "org export": ["org", "export", "{target}.csv"],
    "commitment report pdf": ["commitment", "report", "--campaign", "1", "{target}.pdf"],
    "commitment report csv": ["commitment", "report", "--campaign", "1", "{target}.csv"],
    "archive export": ["archive", "export", "{target}.zip"],
    "backup": ["backup", "{target}.sqlite3"],
}


@pytest.mark.parametrize("args", EXPORTS.values(), ids=EXPORTS.keys())
def test_an_export_that_cannot_be_written_names_the_users_file_not_the_temporary(
    capsys: pytest.CaptureFixture[str], demo_db: Path, args: list[str]
) -> None:
    """Inside a folder that is really a file: the folder cannot be made, nothing is written."""
    target = demo_db.parent / "bin" / "out"
    err = assert_refused(capsys, demo_db, *[a.replace("{target}", str(target)) for a in args])
    assert str(target) in err and ".part" not in err


def as_another_user(command: list[str]) -> list[str]:
    """A command run so that file modes bind: as root (who may write any file) through setpriv
    as nobody; as anyone else, as is."""
    if os.name != "posix" or os.geteuid() != 0:
        return command
    if shutil.which("setpriv") is None:
        pytest.skip("running as root without setpriv: modes do not bind")
    return ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", *command]


@pytest.mark.skipif(os.name != "posix", reason="file modes")
@pytest.mark.parametrize("where", ["read-only file", "read-only folder"])
def test_a_really_read_only_database_is_listed_checked_and_backed_up_and_writes_refused(
    demo_template: Path, where: str
) -> None:
    """Modes that bind, in a child process: a file nobody may write in a folder they may, and
    a file in a folder they may not write to (where SQLite cannot make the WAL's files)."""
    # Beside pytest's own folders, which another pytest run makes private again at its start.
    with tempfile.TemporaryDirectory(prefix="organiser-ro-") as shared:
        check_read_only_database(demo_template, Path(shared), where)


def check_read_only_database(demo_template: Path, shared: Path, where: str) -> None:
    home, folder = shared / "home", shared / "db"
    for made in (shared, home, folder):
        made.mkdir(exist_ok=True)
        made.chmod(0o777)
    db = folder / "organiser.sqlite3"
    shutil.copyfile(demo_template, db)
    db.chmod(0o444)
    if where == "read-only folder":
        folder.chmod(0o555)
    env = {**os.environ, "HOME": str(home), "XDG_CONFIG_HOME": str(home / "config"),
           "XDG_DATA_HOME": str(home / "data")}  # fmt: skip
    program = "import sys; from organiser.cli import main; sys.exit(main())"
    root = Path(__file__).resolve().parents[2]
    before = snapshot(db)

    def organiser(*args: str) -> subprocess.CompletedProcess[str]:
        command = as_another_user([sys.executable, "-c", program, "--db", str(db), *args])
        return subprocess.run(command, env=env, cwd=root, capture_output=True, text=True,
                              timeout=60)  # fmt: skip

    try:
        for reading in (("campaign", "list"), ("check",), ("backup", str(home / "copy.sqlite3"))):
            done = organiser(*reading)
            assert (done.returncode, done.stderr) == (0, ""), reading
        assert (home / "copy.sqlite3").stat().st_size > 0
        refused = organiser("org", "add", "--name", "KCTU")
        assert refused.returncode == 2 and "The database is read-only" in refused.stderr
        assert len(refused.stderr.splitlines()) == 1
    finally:
        folder.chmod(0o755)
    assert snapshot(db) == before
