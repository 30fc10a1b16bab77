"""Many letters to PDF files at once, on every core of the computer when there are enough of them.

ReportLab is pure Python and holds the interpreter lock, so threads would not help: a batch is
cut into chunks rendered by worker processes. Workers are started with "spawn" on every system,
never forked, because forking a process that runs Qt or other threads can hang the child. Each
file is written whole (temporary file, then renamed): a letter that fails leaves no file at all.
`render_letters` (PDF bytes, for the merge's pre-flight) renders in the calling process too,
beside one worker fewer: each worker holds ReportLab and the fonts (about 90 MB).
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import threading
import time
from collections.abc import Callable, Generator, Iterator, Sequence
from concurrent.futures import (
    FIRST_COMPLETED,
    Future,
    ProcessPoolExecutor,
    ThreadPoolExecutor,
    wait,
)
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar, overload

from organiser.errors import OrganiserError
from organiser.files import write_bytes_atomic
from organiser.pdf.fonts import load_fonts
from organiser.pdf.letter import letter_pdf, render_letter
from organiser.pdf.options import PdfOptions
from organiser.pdf.printable import PrintableLetter

# Below this many letters per worker, starting a process (about half a second: an interpreter,
# ReportLab and the fonts) costs more than it saves.
LETTERS_PER_WORKER = 24
CHUNK = 8  # letters per task: few enough round trips, fine enough progress
CHUNKS_AHEAD = 4  # chunks handed to each worker before it needs them
PARENT_CHECK_SECONDS = 0.25
T = TypeVar("T")

Progress = Callable[[int, int], None]  # letters written, letters in the batch
Stop = Callable[[], bool]  # True: write no more (the window's Cancel)
ChunkResult = tuple[int, tuple[Path, str] | None]  # letters written; where and why it stopped


class LetterExportError(OrganiserError):
    """One letter of a batch could not be exported; `path` is the file it was meant for."""

    def __init__(self, path: Path, message: str) -> None:
        super().__init__(f"{path.name}: {message}")
        self.path = path


@dataclass(frozen=True)
class LetterFile:
    """A letter and the file its PDF goes to (plain data of the pdf layer: what crosses to a
    worker process imports nothing more)."""

    letter: PrintableLetter
    path: Path


def export_to_folder(
    folder: Path,
    kept: Sequence[tuple[str, bytes]],
    to_render: Sequence[tuple[str, PrintableLetter]],
    options: PdfOptions = PdfOptions(),
    progress: Progress | None = None,
    stop: Stop | None = None,
) -> int:
    """Letters into one folder: PDFs already kept (what went out) copied as they are, the
    others rendered in a batch. Returns how many files were written."""
    for name, data in kept:
        write_bytes_atomic(folder / name, data)
    files = [LetterFile(letter, folder / name) for name, letter in to_render]
    return len(kept) + export_letters(files, options, progress=progress, stop=stop)


def default_workers() -> int:
    """The cores this process may use."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def export_letters(
    files: Sequence[LetterFile],
    options: PdfOptions = PdfOptions(),
    workers: int | None = None,
    progress: Progress | None = None,
    stop: Stop | None = None,
) -> int:
    """Write each letter's PDF to its path; returns how many were written (fewer than asked
    only when `stop` said so, checked between chunks). The first letter that fails stops the
    batch with LetterExportError; letters already written stay, whole."""
    count = min(workers or default_workers(), len(files) // LETTERS_PER_WORKER)
    if count <= 1:
        return _export_here(files, options, progress, stop)
    return _export_in_workers(files, options, count, progress, stop)


def _export_here(
    files: Sequence[LetterFile], options: PdfOptions, progress: Progress | None, stop: Stop | None
) -> int:
    written = 0
    for chunk in _chunks(files):
        if stop and stop():
            break
        written += _outcome(_export_chunk(chunk, options))
        if progress:
            progress(written, len(files))
    return written


def _export_in_workers(
    files: Sequence[LetterFile],
    options: PdfOptions,
    workers: int,
    progress: Progress | None,
    stop: Stop | None,
) -> int:
    written = 0
    for _index, result in _in_workers(_export_chunk, _chunks(files), options, workers, stop):
        written += _outcome(result)  # also re-raises a worker's OSError
        if progress:
            progress(written, len(files))
    return written


def _in_workers(
    task: Callable[[Any, PdfOptions], Any],
    chunks: Sequence[Any],
    options: PdfOptions,
    workers: int,
    stop: Stop | None,
) -> Iterator[tuple[int, Any]]:
    """(chunk's index, task's result) for each chunk, as worker processes finish them. Once
    `stop` says so, the chunks under way still finish (no worker is killed halfway through a
    file) and their results come too; the others are dropped."""
    pool = ProcessPoolExecutor(
        workers,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=end_with_parent,
        initargs=(os.getpid(),),
    )
    pending = {pool.submit(task, chunk, options): i for i, chunk in enumerate(chunks)}
    try:
        while pending and not (stop and stop()):
            finished, _running = wait(pending, return_when=FIRST_COMPLETED)
            for future in finished:
                yield pending.pop(future), future.result()
    finally:
        # After a failure or a stop, chunks not yet begun are dropped; those under way finish.
        pool.shutdown(wait=True, cancel_futures=True)
    for future, index in pending.items():
        if future.done() and not future.cancelled() and not future.exception():
            yield index, future.result()


def end_with_parent(parent: int) -> None:
    """In a worker: end when the program that started it is gone (killed, or crashed), instead
    of rendering on, orphaned, for nobody."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_CHECK_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="end-with-parent", daemon=True).start()


def _outcome(result: ChunkResult) -> int:
    """The letters a chunk wrote; raises the failure of the letter it stopped at."""
    written, failure = result
    if failure:
        raise LetterExportError(*failure)
    return written


def _chunks(items: Sequence[T]) -> list[list[T]]:
    return [list(items[i : i + CHUNK]) for i in range(0, len(items), CHUNK)]


def _export_chunk(chunk: list[LetterFile], options: PdfOptions) -> ChunkResult:
    """Render and write a chunk; the first letter the user must fix is returned, not raised,
    because our errors' own arguments do not survive the trip back from a worker process.

    Files are written by a thread while the next letter is rendered: writing waits on the
    disk (fsync) without holding the interpreter lock, so the wait costs no rendering time.
    """
    fonts = load_fonts(options.extra_fonts)  # once per process: load_fonts remembers
    failure = None
    with ThreadPoolExecutor(max_workers=1) as writer:
        writes = []
        for item in chunk:
            try:
                data = render_letter(item.letter, fonts, options.paper, options.margin_mm)
            except OrganiserError as error:
                failure = (item.path, error.message)
                break
            writes.append(writer.submit(write_bytes_atomic, item.path, data))
        for write in writes:
            write.result()  # an OSError stops the batch, as it would without the thread
    return len(writes), failure


@dataclass(frozen=True)
class RenderedLetter:
    """One letter's PDF, or why it could not be made (the message the user must act on)."""

    data: bytes | None
    error: str = ""


@overload
def render_letters(
    letters: Sequence[PrintableLetter],
    options: PdfOptions = ...,
    workers: int | None = ...,
    progress: Progress | None = ...,
    stop: Stop | None = ...,
    keep: None = ...,
    started: RenderWorkers | None = ...,
) -> list[RenderedLetter] | None: ...


@overload
def render_letters(
    letters: Sequence[PrintableLetter],
    options: PdfOptions = ...,
    workers: int | None = ...,
    progress: Progress | None = ...,
    stop: Stop | None = ...,
    *,
    keep: Callable[[int, RenderedLetter], T],
    started: RenderWorkers | None = ...,
) -> list[T] | None: ...


def render_letters(
    letters: Sequence[PrintableLetter],
    options: PdfOptions = PdfOptions(),
    workers: int | None = None,
    progress: Progress | None = None,
    stop: Stop | None = None,
    keep: Callable[[int, RenderedLetter], Any] | None = None,
    started: RenderWorkers | None = None,
) -> list[Any] | None:
    """Each letter's PDF bytes, in order, on every core when there are enough of them (as
    `export_letters`), written nowhere. A letter that cannot be made is told, not raised, so
    that every other letter is still made. None when `stop` said so (between chunks).

    `keep(position, rendered)`, called as each letter arrives (in any order), gives what the
    list holds for it instead of the letter: a caller of many letters can put the bytes
    somewhere else (a file) and hold only what it needs, rather than every PDF at once.
    `started`: workers the caller started ahead (RenderWorkers, closed by the caller)."""
    chunks = _chunks(range(len(letters)))
    done: list[Any] = [None] * len(letters)
    count = min(workers or default_workers(), len(letters) // LETTERS_PER_WORKER)
    with contextlib.ExitStack() as own:
        if count > 1 and (started is None or started.pool is None):
            started = own.enter_context(RenderWorkers(len(letters), options, workers))
        results: Generator[tuple[int, list[RenderedLetter]], None, None] = (
            _here_and_in_workers(_chunks(letters), options, started.pool, started.count, stop)
            if count > 1 and started is not None and started.pool is not None
            else _render_here(_chunks(letters), options, stop)
        )
        own.callback(results.close)  # before the workers close: nothing more is handed them
        made = finished = 0
        for index, rendered in results:
            for position, letter in zip(chunks[index], rendered, strict=True):
                done[position] = keep(position, letter) if keep is not None else letter
            finished += 1
            made += len(rendered)
            if progress:
                progress(made, len(letters))
    if finished < len(chunks):
        return None
    return done


def _render_here(
    chunks: Sequence[list[PrintableLetter]], options: PdfOptions, stop: Stop | None
) -> Generator[tuple[int, list[RenderedLetter]], None, None]:
    for index, chunk in enumerate(chunks):
        if stop and stop():
            return
        yield index, _render_chunk(chunk, options)


class RenderWorkers:
    """The worker processes of a `render_letters` of about `letters` letters, started (and
    their fonts loaded) ahead of it, while the caller prepares the letters: a core that would
    wait meanwhile starts them. None are started for too few letters. Close it after."""

    def __init__(
        self, letters: int, options: PdfOptions = PdfOptions(), workers: int | None = None
    ) -> None:
        # This process renders too (see _here_and_in_workers): one worker fewer than cores.
        self.count = min(workers or default_workers(), letters // LETTERS_PER_WORKER) - 1
        self.pool: ProcessPoolExecutor | None = None
        if self.count >= 1:
            self.pool = ProcessPoolExecutor(
                self.count,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=end_with_parent,
                initargs=(os.getpid(),),
            )
            for _ in range(self.count):
                self.pool.submit(_warm_up, options)

    def close(self) -> None:
        """Chunks not yet begun are dropped; those under way finish (no file is cut short)."""
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None

    def __enter__(self) -> RenderWorkers:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def _warm_up(options: PdfOptions) -> None:
    load_fonts(options.extra_fonts)  # once per process: load_fonts remembers
    # A worker's modules and fonts last as long as it does: the collector's full passes,
    # several hundred over a large batch, need not walk them.
    gc.freeze()


def _here_and_in_workers(
    chunks: Sequence[list[PrintableLetter]],
    options: PdfOptions,
    pool: ProcessPoolExecutor,
    workers: int,
    stop: Stop | None,
) -> Generator[tuple[int, list[RenderedLetter]], None, None]:
    """As `_in_workers`, with this process rendering too, between looks at what the workers
    finished: one worker process fewer (its memory: ReportLab and the fonts, about 90 MB), and
    no core idle while the workers start. Chunks are handed to the workers a few at a time, so
    that this process takes its share. Once `stop` says so, the chunks under way finish and
    their results come too; the others are dropped."""
    # Chunks handed to the workers ahead: enough that none idles while this process renders
    # a chunk of its own and its caller takes in what came back (a merge's register).
    ahead = workers * CHUNKS_AHEAD
    upcoming = iter(enumerate(chunks))
    pending: dict[Future[list[RenderedLetter]], int] = {}
    try:
        while not (stop and stop()):
            for future in [future for future in pending if future.done()]:
                yield pending.pop(future), future.result()
            while len(pending) < ahead:
                index, chunk = next(upcoming, (-1, []))
                if index < 0:
                    break
                pending[pool.submit(_render_chunk, chunk, options)] = index
            index, chunk = next(upcoming, (-1, []))
            if index >= 0:
                yield index, _render_chunk(chunk, options)
                continue
            # Nothing left to hand out: a chunk no worker has begun is taken back and rendered
            # here, rather than waited for.
            taken = next((future for future in pending if future.cancel()), None)
            if taken is not None:
                index = pending.pop(taken)
                yield index, _render_chunk(chunks[index], options)
            elif pending:
                finished, _running = wait(pending, return_when=FIRST_COMPLETED)
                for future in finished:
                    yield pending.pop(future), future.result()
            else:
                return
    finally:
        for future in pending:
            future.cancel()  # not yet begun: dropped
        wait(pending)
    for future, index in pending.items():
        if future.done() and not future.cancelled() and not future.exception():
            yield index, future.result()


def _render_chunk(chunk: list[PrintableLetter], options: PdfOptions) -> list[RenderedLetter]:
    rendered = []
    for letter in chunk:
        try:
            # letter_pdf takes its turn with the editor's preview when run in this process.
            rendered.append(RenderedLetter(letter_pdf(letter, options)))
        except OrganiserError as error:
            rendered.append(RenderedLetter(None, error.message))
    return rendered
