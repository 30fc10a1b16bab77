"""Background jobs: results and errors come back on the GUI thread, and whatever the work held —
a page, a dialog — is let go of on the GUI thread, never on the job's own thread (a widget
freed there was deleted outside the GUI thread and crashed the window later)."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from typing import Any

import pytest
import shiboken6
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine, update

from organiser import store
from organiser.errors import OrganiserError, ValidationError
from organiser.models import Organisation
from organiser.services.campaigns import CampaignFields, create_campaign
from organiser.services.organisations import OrganisationFields, create_organisation
from organiser.store_changes import Changes, record_changes
from organiser.ui.main_window import MainWindow
from organiser.ui.pages.organisations import OrganisationsPage
from organiser.ui.workers import Progress, database_name, job_news, run_in_background


class Witness:
    """Remembers the thread it was freed on."""

    def __init__(self, freed_on: list[str]) -> None:
        self.freed_on = freed_on

    def __del__(self) -> None:
        self.freed_on.append(threading.current_thread().name)


def test_what_the_work_holds_is_let_go_of_on_the_gui_thread(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    freed_on: list[str] = []
    results: list[Any] = []
    for _ in range(20):
        held = Witness(freed_on)

        def work(progress: Progress, held: Witness = held) -> int:
            progress.report(1, 2)
            return id(held) and 7

        run_in_background(parent, "job", work, results.append, show_progress=False)
        del held, work  # from here on only the job holds it
    qtbot.waitUntil(lambda: len(results) == 20, timeout=10_000)
    qtbot.waitUntil(lambda: len(freed_on) == 20, timeout=10_000)
    assert results == [7] * 20
    assert set(freed_on) == {threading.main_thread().name}


def test_a_refusal_reaches_the_failure_callback_as_itself_on_the_gui_thread(
    qtbot: QtBot,
) -> None:
    """The caller is given the exception: a ValidationError still names its field."""
    parent = QWidget()
    qtbot.addWidget(parent)
    failures: list[tuple[OrganiserError, str]] = []

    def work(_progress: Progress) -> None:
        raise ValidationError("file", "Cannot read x.csv: No such file.")

    run_in_background(
        parent,
        "job",
        work,
        lambda _result: None,
        lambda error: failures.append((error, threading.current_thread().name)),
        show_progress=False,
    )
    qtbot.waitUntil(lambda: bool(failures), timeout=5000)
    [(error, thread)] = failures
    assert isinstance(error, ValidationError) and error.field == "file"
    assert str(error) == "Cannot read x.csv: No such file."
    assert thread == threading.main_thread().name


def test_cancel_ends_the_job_without_a_result(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    started, results = threading.Event(), []

    def work(progress: Progress) -> str:
        started.set()
        while True:
            progress.report(0, 0)  # raises once cancelled
            threading.Event().wait(0.01)

    progress = run_in_background(parent, "job", work, results.append, show_progress=False)
    assert started.wait(5)
    progress.cancel()
    qtbot.waitUntil(
        lambda: not any(t.name == "job: job" for t in threading.enumerate()), timeout=5000
    )
    qtbot.wait(50)  # the news of the cancel reaches the GUI thread
    assert results == [] and progress.cancelled()


def test_an_ended_job_keeps_nothing_of_its_callbacks(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    freed_on: list[str] = []
    results: list[Any] = []
    witness = Witness(freed_on)

    def on_success(result: Any, witness: Witness = witness) -> None:
        results.append(result)

    run_in_background(parent, "job", lambda _progress: 1, on_success, show_progress=False)
    del witness, on_success
    qtbot.waitUntil(lambda: results == [1], timeout=5000)
    qtbot.waitUntil(lambda: freed_on == [threading.main_thread().name], timeout=5000)


def test_a_job_whose_window_was_closed_ends_without_calling_back(qtbot: QtBot) -> None:
    parent = QWidget()
    release = threading.Event()
    results: list[Any] = []

    def work(_progress: Progress) -> int:
        release.wait(5)
        return 1

    run_in_background(parent, "job", work, results.append)
    shiboken6.delete(parent)  # the dialog closed and deleted while the job runs
    release.set()
    qtbot.waitUntil(
        lambda: not any(t.name == "job: job" for t in threading.enumerate()), timeout=5000
    )
    qtbot.wait(50)
    assert results == []


def test_cancel_calls_the_cancel_callback_and_not_the_others(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    heard: list[str] = []
    started = threading.Event()

    def work(progress: Progress) -> None:
        started.set()
        while True:
            progress.report(0, 0)
            threading.Event().wait(0.01)

    progress = run_in_background(
        parent,
        "job",
        work,
        lambda _result: heard.append("success"),
        lambda _error: heard.append("failure"),
        show_progress=False,
        on_cancel=lambda: heard.append("cancelled"),
    )
    assert started.wait(5)
    progress.cancel()
    qtbot.waitUntil(lambda: heard == ["cancelled"], timeout=5000)


def add_organisation(engine: Engine, name: str) -> int:
    with store.transaction(engine, write=True) as session:
        return create_organisation(session, OrganisationFields(name=name)).id


def test_a_job_reports_the_rows_its_transactions_committed(qtbot: QtBot, engine: Engine) -> None:
    """What was committed is announced with its ids; what was rolled back is not."""
    parent = QWidget()
    qtbot.addWidget(parent)
    news: list[tuple[str, Changes]] = []

    def heard(database: str, changes: Changes) -> None:
        news.append((database, changes))

    job_news().records_changed.connect(heard)
    made: list[int] = []

    def work(_progress: Progress) -> int:
        made.append(add_organisation(engine, "Korean Metal Workers' Union"))
        with contextlib.suppress(ValidationError), store.transaction(engine, write=True) as s:
            create_campaign(s, CampaignFields(title="Rolled back"))
            raise ValidationError("title", "refused after the write")
        return made[0]

    run_in_background(parent, "job", work, lambda _r: None, show_progress=False, database=engine)
    qtbot.waitUntil(lambda: bool(news), timeout=5000)
    job_news().records_changed.disconnect(heard)
    [(database, changes)] = news
    assert database == database_name(engine)
    assert changes.tables == {"organisation"}
    assert changes.ids == {"organisation": set(made)}


def test_core_statements_are_reported_by_table(engine: Engine) -> None:
    """An UPDATE written without the ORM's objects (a bulk import) names its table."""
    add_organisation(engine, "KCTU")
    with record_changes() as changes, store.transaction(engine, write=True) as session:
        session.execute(update(Organisation).values(notes="checked"))
    assert changes.tables == {"organisation"}


def test_a_page_on_screen_refreshes_itself_when_a_job_wrote_its_table(
    qtbot: QtBot, window: MainWindow, engine: Engine
) -> None:
    window.show_page(OrganisationsPage)
    page = window.page(OrganisationsPage)
    assert isinstance(page, OrganisationsPage)
    assert page.table.model.rowCount() == 0

    run_in_background(
        window,
        "job",
        lambda _progress: add_organisation(engine, "Public Services International"),
        lambda _id: None,
        show_progress=False,
        database=engine,
    )
    qtbot.waitUntil(lambda: page.table.model.rowCount() == 1, timeout=5000)


def test_two_writing_jobs_on_one_database_take_turns_and_readers_share(
    qtbot: QtBot, engine: Engine
) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    running: list[str] = []
    most_at_once: dict[str, int] = {}
    lock = threading.Lock()
    done: list[str] = []

    def job(name: str, kind: str) -> Callable[[Progress], str]:
        def work(_progress: Progress) -> str:
            with lock:
                running.append(kind)
                most_at_once[kind] = max(most_at_once.get(kind, 0), running.count(kind))
                most_at_once["mixed"] = max(
                    most_at_once.get("mixed", 0), int("write" in running and len(running) > 1)
                )
            threading.Event().wait(0.2)
            with lock:
                running.remove(kind)
            return name

        return work

    for number in range(3):
        run_in_background(
            parent, "w", job(f"w{number}", "write"), done.append, show_progress=False,
            database=engine,
        )  # fmt: skip
    for number in range(3):
        run_in_background(
            parent, "r", job(f"r{number}", "read"), done.append, show_progress=False,
            database=engine, reads_only=True,
        )  # fmt: skip
    qtbot.waitUntil(lambda: len(done) == 6, timeout=10_000)
    assert most_at_once["write"] == 1 and most_at_once["mixed"] == 0
    assert most_at_once["read"] >= 2  # readers ran together


def test_a_job_cancelled_while_it_waits_for_its_turn_never_runs(
    qtbot: QtBot, engine: Engine
) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    release, ran, heard = threading.Event(), [], []

    def first(_progress: Progress) -> None:
        release.wait(5)

    run_in_background(parent, "first", first, heard.append, show_progress=False, database=engine)
    waiting = run_in_background(
        parent, "second", lambda _p: ran.append(1), heard.append, show_progress=False,
        database=engine, on_cancel=lambda: heard.append("cancelled"),
    )  # fmt: skip
    qtbot.wait(100)
    waiting.cancel()
    qtbot.waitUntil(lambda: heard == ["cancelled"], timeout=5000)
    release.set()
    qtbot.waitUntil(lambda: len(heard) == 2, timeout=5000)
    assert ran == []


def test_the_freed_memory_is_given_back_once_no_job_runs(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After the last job ends (an export of every letter), the heap's freed pages are handed
    back to the system (glibc's malloc_trim), on the GUI thread; the call itself is harmless."""
    from organiser.ui import collector, workers

    collector.give_back_freed_memory()  # where glibc is not the C library: nothing
    given: list[str] = []
    monkeypatch.setattr(
        workers, "give_back_freed_memory", lambda: given.append(threading.current_thread().name)
    )
    parent = QWidget()
    qtbot.addWidget(parent)
    results: list[Any] = []
    run_in_background(parent, "job", lambda _progress: 1, results.append, show_progress=False)
    qtbot.waitUntil(lambda: results == [1] and bool(given), timeout=5000)
    assert set(given) == {threading.main_thread().name}
