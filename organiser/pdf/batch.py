"""Many letters to PDF files at once, on every core of the computer when there are enough of them.

ReportLab is pure Python and holds the interpreter lock, so threads would not help: a batch is
cut into chunks rendered by worker processes. Workers are started with "spawn" on every system,
never forked, because forking a process that runs Qt or other threads can hang the child. Each
file is written whole (temporary file, then renamed): a letter that fails leaves no file at all.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_EXCEPTION, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path

from organiser.errors import OrganiserError
from organiser.files import write_bytes_atomic
from organiser.pdf.fonts import load_fonts
from organiser.pdf.letter import PrintableLetter, render_letter

# Below this many letters per worker, starting a process (about half a second: an interpreter,
# ReportLab and the fonts) costs more than it saves.
LETTERS_PER_WORKER = 24
CHUNK = 8  # letters per task: few enough round trips, fine enough progress

Progress = Callable[[int, int], None]


class LetterExportError(OrganiserError):
    """One letter of a batch could not be exported; `path` is the file it was meant for."""

    def __init__(self, path: Path, message: str) -> None:
        super().__init__(f"{path.name}: {message}")
        self.path = path


@dataclass(frozen=True)
class PdfOptions:
    """How every letter of a batch is printed (the settings' pdf.* values)."""

    extra_fonts: tuple[str, ...] = ()
    paper: str = "a4"
    margin_mm: float = 20.0


@dataclass(frozen=True)
class LetterFile:
    """A letter and the file its PDF goes to. The letter must be plain data (picklable),
    such as the letters service's PrintableLetter."""

    letter: PrintableLetter
    path: Path


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
) -> None:
    """Write each letter's PDF to its path. The first letter that fails stops the batch with
    LetterExportError; letters already written stay, whole."""
    count = min(workers or default_workers(), len(files) // LETTERS_PER_WORKER)
    if count <= 1:
        _export_here(files, options, progress)
    else:
        _export_in_workers(files, options, count, progress)


def _export_here(
    files: Sequence[LetterFile], options: PdfOptions, progress: Progress | None
) -> None:
    for done, chunk in enumerate(_chunks(files), start=1):
        failure = _export_chunk(chunk, options)
        if failure:
            raise LetterExportError(*failure)
        if progress:
            progress(min(done * CHUNK, len(files)), len(files))


def _export_in_workers(
    files: Sequence[LetterFile], options: PdfOptions, workers: int, progress: Progress | None
) -> None:
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        pending: set[Future[tuple[Path, str] | None]] = {
            pool.submit(_export_chunk, chunk, options) for chunk in _chunks(files)
        }
        done_letters = 0
        try:
            while pending:
                finished, pending = wait(pending, return_when=FIRST_EXCEPTION)
                for future in finished:
                    failure = future.result()  # re-raises an OSError from the worker
                    if failure:
                        raise LetterExportError(*failure)
                    done_letters += CHUNK
                if progress:
                    progress(min(done_letters, len(files)), len(files))
        finally:
            for future in pending:  # after a failure: do not start the rest
                future.cancel()


def _chunks(files: Sequence[LetterFile]) -> list[list[LetterFile]]:
    return [list(files[i : i + CHUNK]) for i in range(0, len(files), CHUNK)]


def _export_chunk(chunk: list[LetterFile], options: PdfOptions) -> tuple[Path, str] | None:
    """Render and write a chunk; the first letter the user must fix is returned, not raised,
    because our errors' own arguments do not survive the trip back from a worker process."""
    fonts = load_fonts(options.extra_fonts)  # once per process: load_fonts remembers
    for item in chunk:
        try:
            data = render_letter(item.letter, fonts, options.paper, options.margin_mm)
        except OrganiserError as error:
            return item.path, error.message
        write_bytes_atomic(item.path, data)
    return None
