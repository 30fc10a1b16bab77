"""A letter on paper: its PDF (the kept one once it went out, else made now and kept), the
editor's live preview, and many letters exported into a folder."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from organiser import store
from organiser.files import write_bytes_atomic
from organiser.models import LetterStatus
from organiser.pdf.batch import export_to_folder
from organiser.pdf.letter import letter_pdf as render_pdf
from organiser.services import letter_register, letters
from organiser.services.letters import LetterFields, LetterFilter
from organiser.services.pdf_settings import pdf_options
from organiser.services.statements import CosignedSetting


@dataclass(frozen=True)
class LetterPdf:
    """A letter's PDF; `as_sent` when it is the one kept as it went out, on its own paper, and
    not made now."""

    data: bytes
    as_sent: bool


def letter_pdf(session: Session, letter_id: int, paper: str | None = None) -> LetterPdf:
    """The kept PDF once the letter has gone out; else made now (on `paper`, or the settings')
    and kept with the letter, so the register shows it."""
    view = letters.get_letter(session, letter_id)
    if letter_register.is_frozen(view):
        kept = letter_register.kept_pdf(session, letter_id)
        if kept is not None:
            return LetterPdf(kept, as_sent=True)
    printable = letter_register.printable_letter(session, letter_id)
    data = render_pdf(printable, pdf_options(paper))
    letter_register.keep_pdf(session, letter_id, data)
    return LetterPdf(data, as_sent=False)


def write_letter_pdf(
    session: Session, letter_id: int, path: str | Path, paper: str | None = None
) -> LetterPdf:
    """`letter_pdf` written whole to `path`; a FileWriteError naming the file leaves the unit
    of work to roll back, the kept PDF with it."""
    made = letter_pdf(session, letter_id, paper)
    write_bytes_atomic(path, made.data)
    return made


def preview_pdf(
    session: Session,
    fields: LetterFields,
    saved_status: LetterStatus = LetterStatus.DRAFT,
    cosigned: CosignedSetting | None = None,
) -> bytes:
    """The editor's live preview: the letter as typed (validated, nothing saved) as PDF bytes.
    `saved_status` is the stored letter's, so a sent letter's own status is no change;
    `cosigned` the co-signers' setting as chosen in the editor. Safe to call off the GUI
    thread."""
    printable = letter_register.printable_from_fields(session, fields, saved_status, cosigned)
    return render_pdf(printable, pdf_options())


Progress = Callable[[int, int], None]  # letters written, letters to write
Stop = Callable[[], bool]  # True: write no more


EXPORT_PART = 2000  # letters planned (and held in memory) at a time by `export_letters`


def export_letters(
    engine: Engine,
    folder: str | Path,
    where: LetterFilter | None = None,
    paper: str | None = None,
    progress: Progress | None = None,
    stop: Stop | None = None,
) -> int:
    """Every letter `where` finds, one PDF each, into `folder`: a sent letter's file is the
    PDF that went out, the others are made in a batch on every core. The letters are read a
    part at a time (EXPORT_PART), each in one unit of work, and the part's files written after
    it, so memory holds one part however many letters there are (`progress`: files written of
    all the letters, the kept ones counted as they are copied); nothing is kept in the
    register, so a large export leaves the database as it was. Returns how many files were
    written."""
    with store.transaction(engine) as session:
        ids = letters.letter_ids(session, where)
    options = pdf_options(paper)
    written = 0
    for first in range(0, len(ids), EXPORT_PART):
        with store.transaction(engine) as session:
            plan = letter_register.plan_export(session, ids=ids[first : first + EXPORT_PART])
        before = written + len(plan.kept)  # the kept PDFs are copied first
        told = partial(_part_progress, progress, before, len(ids)) if progress else None
        written += export_to_folder(
            Path(folder), plan.kept, plan.to_render, options, progress=told, stop=stop
        )
        del plan
        if stop and stop():
            break
    return written


def _part_progress(progress: Progress, before: int, total: int, done: int, _part: int) -> None:
    progress(before + done, total)
