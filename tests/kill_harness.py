"""Kill the program with SIGKILL at random moments of its writes and check what it leaves.

Each operation runs the real command line in a child process on a fresh copy of a prepared
database. The child imports everything first and says "ready"; it is told to go and killed after
a random delay, drawn over the time the same operation takes when left to finish. After each
kill: the database passes integrity_check and foreign_key_check, holds all of the write or none
of it, and no output file is truncated. `tests/test_kill_harness.py` runs a short round in the
test suite; `bench/kill_test.py` runs the full one and prints the figures per operation.
"""

from __future__ import annotations

import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from tests.table_rows import table_rows

ROOT = Path(__file__).parent.parent

CHILD = textwrap.dedent(
    """
    import sys
    from organiser.cli import main
    print("ready", flush=True)
    sys.stdin.readline()
    main(sys.argv[1:])
    print("done", flush=True)
    """
)


@dataclass(frozen=True)
class Scale:
    csv_rows: int = 20_000
    ics_events: int = 10_000
    letters: int = 1_000


@dataclass
class Outcome:
    """What the kills of one operation found."""

    kills: int = 0
    none_written: int = 0
    all_written: int = 0
    corrupt: int = 0
    partial: int = 0
    truncated_files: int = 0
    seconds_unkilled: float = 0.0
    problems: list[str] = field(default_factory=list)

    @property
    def sound(self) -> bool:
        return self.corrupt == self.partial == self.truncated_files == 0


def _db_problems(path: Path) -> list[str]:
    if not path.exists():
        return []
    with sqlite3.connect(path) as connection:
        lines = [row[0] for row in connection.execute("PRAGMA integrity_check")]
        broken = connection.execute("PRAGMA foreign_key_check").fetchall()
    return ([] if lines == ["ok"] else lines) + [f"broken reference {row}" for row in broken]


def _count(path: Path, sql: str) -> int:
    with sqlite3.connect(path) as connection:
        try:
            return int(connection.execute(sql).fetchone()[0])
        except sqlite3.OperationalError:  # no such table: nothing was created
            return 0


def _revisions(path: Path) -> set[str]:
    with sqlite3.connect(path) as connection:
        try:
            return {row[0] for row in connection.execute("SELECT version_num FROM alembic_version")}
        except sqlite3.OperationalError:
            return set()


class Operation:
    """One kind of write: how to prepare it once, the command to run, and what to check."""

    name = ""

    def __init__(self, work: Path, scale: Scale) -> None:
        self.work = work
        self.scale = scale
        self.template = work / f"{self.name}-template.sqlite3"

    def prepare(self) -> None:
        """Make the template database (and any input file) once."""

    def fresh(self, run: Path) -> list[str]:
        """Copy the template for one run; the command-line arguments to run."""
        run.mkdir()
        if self.template.exists():
            shutil.copyfile(self.template, run / "organiser.sqlite3")
        return ["--db", str(run / "organiser.sqlite3"), *self.arguments(run)]

    def arguments(self, run: Path) -> list[str]:
        raise NotImplementedError

    def judge(self, run: Path) -> tuple[str, list[str]]:
        """'none' or 'all' (written), or 'partial'; and the truncated files found."""
        raise NotImplementedError


def _make_database(path: Path, fill: Callable[..., None] | None = None) -> None:
    from organiser import store

    engine = store.open_database(str(path))
    if fill is not None:
        with store.transaction(engine) as session:
            fill(session)
    engine.dispose()
    with sqlite3.connect(path) as connection:  # one self-contained file, to copy per run
        connection.execute("PRAGMA journal_mode=DELETE")


def _demo(session: object) -> None:
    from organiser.services.demo import load_demo

    load_demo(session)  # type: ignore[arg-type]


class CsvImport(Operation):
    name = "csv import"

    def prepare(self) -> None:
        _make_database(self.template)
        rows = ["name,acronym,country,email"]
        countries = ("KR", "KZ", "FR", "BR", "ZA", "PH", "IN")
        for n in range(self.scale.csv_rows):
            rows.append(f'"Union of workers {n}, local",U{n},{countries[n % 7]},u{n}@example.org')
        (self.work / "affiliates.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")

    def arguments(self, run: Path) -> list[str]:
        return ["org", "import", str(self.work / "affiliates.csv")]

    def judge(self, run: Path) -> tuple[str, list[str]]:
        count = _count(run / "organiser.sqlite3", "SELECT count(*) FROM organisation")
        return _all_or_none(count, 0, self.scale.csv_rows), []


class IcsImport(Operation):
    name = "ics import"

    def prepare(self) -> None:
        import icalendar

        def campaign(session: object) -> None:
            from organiser.services.campaigns import CampaignFields, create_campaign

            create_campaign(session, CampaignFields(title="Free them all", country="KR"))  # type: ignore[arg-type]

        _make_database(self.template, campaign)
        calendar = icalendar.Calendar()
        calendar.add("prodid", "-//kill harness//EN")
        calendar.add("version", "2.0")
        start = datetime(2026, 1, 1, 9, tzinfo=UTC)
        for n in range(self.scale.ics_events):
            event = icalendar.Event()
            event.add("uid", f"event-{n}@kill-harness")
            event.add("summary", f"Rally number {n}")
            event.add("dtstart", start + timedelta(hours=n))
            event.add("dtend", start + timedelta(hours=n, minutes=90))
            calendar.add_component(event)
        (self.work / "actions.ics").write_bytes(calendar.to_ical())

    def arguments(self, run: Path) -> list[str]:
        return ["calendar", "import", str(self.work / "actions.ics"), "--campaign", "1"]

    def judge(self, run: Path) -> tuple[str, list[str]]:
        count = _count(run / "organiser.sqlite3", "SELECT count(*) FROM action")
        return _all_or_none(count, 0, self.scale.ics_events), []


class LetterExport(Operation):
    name = "letter export"

    def prepare(self) -> None:
        def letters(session: object) -> None:
            from organiser.services.campaigns import CampaignFields, create_campaign
            from organiser.services.letters import LetterFields, create_letter
            from organiser.services.organisations import OrganisationFields, create_organisation

            campaign = create_campaign(session, CampaignFields(title="Free them", country="KR"))  # type: ignore[arg-type]
            sender = create_organisation(session, OrganisationFields(name="IndustriALL"))  # type: ignore[arg-type]
            for n in range(self.scale.letters):
                body = f"Dear colleagues,\n\nLetter {n}: we stand with you.\n\n- **free** them"
                fields = LetterFields(
                    campaign_id=campaign.id,
                    sender_id=sender.id,
                    subject=f"Solidarity number {n}",
                    body=body,
                )
                create_letter(session, fields)  # type: ignore[arg-type]

        _make_database(self.template, letters)

    def arguments(self, run: Path) -> list[str]:
        return ["letter", "pdf-all", str(run / "out")]

    def judge(self, run: Path) -> tuple[str, list[str]]:
        files = list((run / "out").glob("*.pdf")) if (run / "out").exists() else []
        truncated = [f.name for f in files if not f.read_bytes().rstrip().endswith(b"%%EOF")]
        # Letters are written one by one, each whole: any number of whole files is right.
        return ("all" if len(files) == self.scale.letters else "none"), truncated


class Backup(Operation):
    name = "backup"

    def prepare(self) -> None:
        _make_database(self.template, _demo)

    def arguments(self, run: Path) -> list[str]:
        self.old = b"an older backup, which must stay whole or be replaced whole"
        (run / "backup.sqlite3").write_bytes(self.old)
        return ["backup", str(run / "backup.sqlite3")]

    def judge(self, run: Path) -> tuple[str, list[str]]:
        target = run / "backup.sqlite3"
        if target.read_bytes() == self.old:
            return "none", []
        if _db_problems(target):
            return "partial", [target.name]
        same = _count(target, "SELECT count(*) FROM campaign") == _count(
            run / "organiser.sqlite3", "SELECT count(*) FROM campaign"
        )
        return ("all" if same else "partial"), []


class FirstOpen(Operation):
    name = "first open"

    def arguments(self, run: Path) -> list[str]:
        return ["campaign", "list"]

    def judge(self, run: Path) -> tuple[str, list[str]]:
        from organiser import store

        path = run / "organiser.sqlite3"
        had = _revisions(path) if path.exists() else set()
        if path.exists() and not had and _count(path, "SELECT count(*) FROM sqlite_master"):
            return "partial", []  # tables without a version: what no command could open again
        engine = store.open_database(str(path))  # and the next start opens it
        problems = store.check(engine)
        engine.dispose()
        return ("partial" if problems else "all" if had else "none"), []


class Migration(Operation):
    name = "migration"

    def prepare(self) -> None:
        from alembic import command

        from organiser import store

        _make_database(self.template, _demo)
        engine = store.create_db_engine(f"sqlite:///{self.template}")
        with engine.begin() as connection:
            config = store.alembic_config(engine)
            config.attributes["connection"] = connection
            command.downgrade(config, "0002")
        engine.dispose()
        self.rows = self._rows(self.template)

    @staticmethod
    def _rows(path: Path) -> tuple[int, ...]:
        tables = ("letter", "letter_recipient", "letter_signatory", "commitment", "action")
        return tuple(_count(path, f"SELECT count(*) FROM {table}") for table in tables)

    def arguments(self, run: Path) -> list[str]:
        return ["campaign", "list"]

    def judge(self, run: Path) -> tuple[str, list[str]]:
        from organiser import store

        path = run / "organiser.sqlite3"
        revisions = _revisions(path)
        if self._rows(path) != self.rows:  # a rebuilt table lost rows (or its children did)
            return "partial", []
        state = "all" if revisions == store.head_revisions() else "none"
        return (state if revisions in ({"0002"}, store.head_revisions()) else "partial"), []


class Restore(Operation):
    name = "restore"

    def prepare(self) -> None:
        _make_database(self.template, _demo)
        self.source = self.work / "restore-source.sqlite3"

        def more(session: object) -> None:
            from organiser.services.organisations import OrganisationFields, create_organisation

            _demo(session)
            for n in range(200):
                create_organisation(session, OrganisationFields(name=f"Union {n}"))  # type: ignore[arg-type]

        _make_database(self.source, more)
        self.old, self.new = _every_row(self.template), _every_row(self.source)

    def arguments(self, run: Path) -> list[str]:
        return ["restore", str(self.source)]

    def judge(self, run: Path) -> tuple[str, list[str]]:
        rows = _every_row(run / "organiser.sqlite3")
        return ("none" if rows == self.old else "all" if rows == self.new else "partial"), []


class ArchiveImport(Operation):
    """A colleague's hand-over archive (the sample campaigns and 300 more unions) merged into
    an empty database."""

    name = "archive import"
    TABLES = ("organisation", "person", "campaign", "action", "commitment", "letter")

    def prepare(self) -> None:
        from organiser import store
        from organiser.services.archive import export_archive

        _make_database(self.template)
        source = self.work / "archive-source.sqlite3"

        def more(session: object) -> None:
            from organiser.services.organisations import OrganisationFields, create_organisation

            _demo(session)
            for n in range(300):
                create_organisation(session, OrganisationFields(name=f"Union {n}"))  # type: ignore[arg-type]

        _make_database(source, more)
        self.archive = self.work / "hand-over.organiser.zip"
        engine = store.open_database(str(source))
        try:
            export_archive(engine, self.archive)
        finally:
            engine.dispose()
        self.old, self.new = self._counts(self.template), self._counts(source)

    def _counts(self, path: Path) -> tuple[int, ...]:
        return tuple(_count(path, f"SELECT count(*) FROM {table}") for table in self.TABLES)

    def arguments(self, run: Path) -> list[str]:
        return ["archive", "import", str(self.archive)]

    def judge(self, run: Path) -> tuple[str, list[str]]:
        counts = self._counts(run / "organiser.sqlite3")
        return ("none" if counts == self.old else "all" if counts == self.new else "partial"), []


def _every_row(path: Path) -> dict[str, list[tuple[object, ...]]]:
    with sqlite3.connect(path) as connection:
        return table_rows(connection)


OPERATIONS: tuple[type[Operation], ...] = (
    CsvImport,
    IcsImport,
    LetterExport,
    Backup,
    FirstOpen,
    Migration,
    Restore,
    ArchiveImport,
)


def _all_or_none(count: int, before: int, added: int) -> str:
    return "none" if count == before else "all" if count == before + added else "partial"


def start_child(arguments: list[str], code: str = CHILD) -> subprocess.Popen[str]:
    """A child running `code` that has said "ready" (its imports done) and waits for `go`."""
    child = subprocess.Popen(
        [sys.executable, "-c", code, *arguments],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        cwd=ROOT,
    )
    assert child.stdout is not None and child.stdout.readline().strip() == "ready"
    return child


def go(child: subprocess.Popen[str]) -> float:
    assert child.stdin is not None
    child.stdin.write("go\n")
    child.stdin.flush()
    return time.monotonic()


def run_operation(operation: Operation, kills: int, chance: random.Random, runs: Path) -> Outcome:
    """One unkilled run to time the operation, then `kills` runs killed at random moments."""
    outcome = Outcome()
    reference = runs / f"{operation.name}-reference".replace(" ", "-")
    child = start_child(operation.fresh(reference))
    began = go(child)
    child.communicate(timeout=600)
    outcome.seconds_unkilled = time.monotonic() - began
    state, truncated = operation.judge(reference)
    if state != "all" or truncated or _db_problems(reference / "organiser.sqlite3"):
        outcome.problems.append(f"the unkilled run did not finish whole ({state})")
    for number in range(kills):
        run = runs / f"{operation.name}-{number}".replace(" ", "-")
        child = start_child(operation.fresh(run))
        delay = chance.uniform(0.0, outcome.seconds_unkilled * 1.1)
        go(child)
        time.sleep(delay)
        child.send_signal(signal.SIGKILL)
        child.wait()
        outcome.kills += 1
        problems = _db_problems(run / "organiser.sqlite3")
        state, truncated = operation.judge(run)
        outcome.corrupt += bool(problems)
        outcome.partial += state == "partial"
        outcome.none_written += state == "none"
        outcome.all_written += state == "all"
        outcome.truncated_files += len(truncated)
        if problems or state == "partial" or truncated:
            outcome.problems.append(
                f"kill {number} after {delay:.2f} s: {state} {problems} {truncated}"
            )
        shutil.rmtree(run, ignore_errors=True)
    return outcome


def run_harness(
    work: Path, kills_per_operation: int, scale: Scale, seed: int = 20261202
) -> dict[str, Outcome]:
    chance = random.Random(seed)
    outcomes = {}
    for operation_class in OPERATIONS:
        operation = operation_class(work, scale)
        operation.prepare()
        runs = work / "runs"
        runs.mkdir(exist_ok=True)
        outcomes[operation.name] = run_operation(operation, kills_per_operation, chance, runs)
    return outcomes
