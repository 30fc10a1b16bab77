"""What a start loads: the window and the quick commands leave the heavy libraries (Alembic,
ReportLab, Jinja2, icalendar) for when they are used. Checked in fresh processes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from organiser import cli, store
from organiser.services.demo import load_demo
from tests.migration_samples import sample_at

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ("alembic", "reportlab", "jinja2", "icalendar", "babel", "qtawesome", "PySide6")


def loaded_after(code: str, *args: str) -> set[str]:
    """The packages among HEAVY that a fresh interpreter holds after `code`."""
    listing = "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))"
    probe = f"{code}\nimport json, sys\n{listing}"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", probe, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return set(json.loads(done.stdout.strip().splitlines()[-1])) & set(HEAVY)


def test_the_schema_heads_known_without_alembic_are_alembics_heads() -> None:
    assert store.head_revisions() == store.alembic_heads()


def test_opening_an_up_to_date_database_does_not_import_alembic(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite3"
    store.open_database(str(path)).dispose()  # made and migrated here
    code = (
        "import sys\nfrom organiser import store\n"
        "engine = store.open_database(sys.argv[1])\n"
        "assert store.current_revisions(engine) == store.head_revisions()\nengine.dispose()"
    )
    assert "alembic" not in loaded_after(code, str(path))


def test_an_old_database_opened_in_a_fresh_process_still_migrates(tmp_path: Path) -> None:
    old = sample_at(tmp_path, "0010")
    code = (
        "import sys\nfrom organiser import store\n"
        "engine = store.open_database(sys.argv[1])\n"
        "assert store.current_revisions(engine) == store.head_revisions()\nengine.dispose()"
    )
    assert "alembic" in loaded_after(code, str(old))


def test_each_command_is_listed_with_the_module_that_registers_it() -> None:
    registered = {}
    for name in cli.COMMAND_MODULES:
        commands = cli.Parser(prog="organiser").add_subparsers(dest="command")
        cli.command_module(name).register(commands)
        registered.update(dict.fromkeys(commands.choices, name))
    assert registered == cli.COMMANDS


def test_the_version_and_a_listing_start_without_qt_or_the_heavy_libraries(tmp_path: Path) -> None:
    path = tmp_path / "listed.sqlite3"
    store.open_database(str(path)).dispose()
    run = "import sys\nfrom organiser.cli import main\n"
    version = loaded_after(run + "try:\n    main(['--version'])\nexcept SystemExit:\n    pass")
    assert version == set()
    listing = loaded_after(run + "main(['--db', sys.argv[1], 'campaign', 'list'])", str(path))
    assert listing <= {"babel"}  # dates in the languages: allowed, not needed by this one


WINDOW_LEAVES = {"alembic", "reportlab", "jinja2", "icalendar", "qtawesome"}


def test_importing_the_window_loads_none_of_the_heavy_libraries() -> None:
    assert (
        loaded_after("import organiser.app\nimport organiser.ui.main_window") & WINDOW_LEAVES
        == set()
    )


def test_the_window_shown_on_the_sample_data_loads_none_of_them(tmp_path: Path) -> None:
    path = tmp_path / "sample.sqlite3"
    engine = store.open_database(str(path))
    with store.transaction(engine, write=True) as session:
        load_demo(session)
    engine.dispose()
    code = (
        "import sys\nfrom PySide6.QtWidgets import QApplication\napp = QApplication([])\n"
        "from organiser import app as start\nfrom organiser.ui.main_window import MainWindow\n"
        "engine = start.open_or_recover(sys.argv[1])\nwindow = MainWindow(engine)\n"
        "window.show()\nimport time\ndeadline = time.monotonic() + 60\n"
        "while window.stack.currentWidget().summary is None and time.monotonic() < deadline:\n"
        "    app.processEvents()\n    time.sleep(0.01)\n"  # the Dashboard reads in the background
        "assert window.stack.currentWidget().summary is not None\n"
    )
    assert loaded_after(code, str(path)) & WINDOW_LEAVES == set()
