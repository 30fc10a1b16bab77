"""One letter to many recipients: who gets it, a pre-flight over every letter before anything is
written, then one PDF per recipient (or one combined file) and a register entry for each.

The letter's subject and body are templates (services/letter_templates.py); each recipient
gets their language's version (services/letter_languages.py). The pre-flight renders every
letter's PDF (in worker processes when there are many) to count its pages, and keeps those
PDFs, so the run writes what was checked and renders nothing twice.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import IO

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session, aliased, selectinload

from organiser import store
from organiser.errors import OrganiserError, ValidationError
from organiser.files import StagedFiles, refuse_unwritable_target, write_bytes_atomic
from organiser.models import (
    Attachment,
    Campaign,
    Commitment,
    CommitmentStatus,
    Letter,
    LetterStatus,
    Organisation,
    Person,
)
from organiser.pdf.batch import RenderedLetter, RenderWorkers, render_letters
from organiser.pdf.combine import blank_pages_needed, combine, page_count
from organiser.pdf.options import PdfOptions
from organiser.pdf.printable import PrintableLetter
from organiser.pdf.words import date_text
from organiser.services import letter_register, letters
from organiser.services import validation as v
from organiser.services.letter_languages import choose_version, preferred_language
from organiser.services.letter_templates import (
    CampaignFields,
    MergeContext,
    MergeTemplate,
    Party,
    field_value,
)
from organiser.services.letters import LetterFields, Ref
from organiser.services.pdf_settings import pdf_options

DEFAULT_NAME_PATTERN = "{country}-{acronym}.pdf"
NAME_FIELDS = ("country", "acronym", "name", "language", "reference", "number")
MAX_RECIPIENTS = 10_000  # a merge's letters are held in memory between the check and the run
WRITE_CHUNK = 25  # letters added to the register, and their PDFs kept, per flush
# Files written at once: each waits on the disk (fsync), and the disk takes several together
# (1,000 letters' files took 2.4-3.5 s one at a time here, 0.5-0.65 s four at a time).
FILE_WRITERS = 4
HELD_PER_QUERY = 500  # well under SQLite's limit of bound parameters
MAX_STEM = 120  # characters of a file name before ".pdf"
SHORT_NAME = 20  # characters of a name standing in for a missing acronym
# Names Windows keeps for devices, whatever the extension.
_RESERVED = {"con", "prn", "aux", "nul"} | {f"{p}{n}" for p in ("com", "lpt") for n in range(10)}

Progress = Callable[[int, int], None]  # letters done, letters in all
Stop = Callable[[], bool]  # True: the user cancelled


class MergeStopped(OrganiserError):
    """The merge was cancelled before anything was written."""

    def __init__(self) -> None:
        super().__init__("The merge was cancelled; nothing was written.")


@dataclass(frozen=True)
class Recipients:
    """Who the letter goes to: named one by one (`org:ID`, `person:ID`), every affiliate of a
    federation, or every organisation whose commitment to the letter's campaign is pledged or
    fulfilled. Exactly one of the three."""

    refs: tuple[Ref, ...] = ()
    affiliates_of: int | None = None
    committed: bool = False


@dataclass(frozen=True)
class MergeOutput:
    """Where the letters go: a folder with one file per recipient (names from `name_pattern`),
    or one combined file, each letter starting on an odd page when `odd_pages`."""

    folder: Path | None = None
    name_pattern: str = DEFAULT_NAME_PATTERN
    combined: Path | None = None
    odd_pages: bool = False

    @classmethod
    def at(
        cls, target: str | Path, name_pattern: str = DEFAULT_NAME_PATTERN, odd_pages: bool = False
    ) -> MergeOutput:
        """`--out DIR|FILE.pdf`: a name ending in .pdf is the combined file, else a folder."""
        path = Path(target)
        if path.suffix.lower() == ".pdf" and not path.is_dir():
            return cls(combined=path, odd_pages=odd_pages)
        return cls(folder=path, name_pattern=name_pattern)


@dataclass(frozen=True)
class EmptyField:
    """A merge field that is empty for this recipient: where (subject or body) and on which line."""

    where: str
    line: int
    field: str

    def text(self) -> str:
        return f"{self.field} is empty ({self.where}, line {self.line})"


@dataclass(frozen=True)
class PreflightRow:
    """One recipient's letter as the pre-flight found it. `refusal` is why it cannot be made
    (the merge is then refused as a whole); the rest are warnings."""

    number: int
    ref: Ref
    name: str
    reference: str
    file_name: str  # inside the folder; "" for a combined file
    language: str
    wanted_language: str
    fell_back: bool
    missing_address: bool
    empty_fields: tuple[EmptyField, ...]
    refusal: str
    pages: int | None  # None when the letter could not be made
    too_long: bool

    @property
    def warnings(self) -> tuple[str, ...]:
        said = []
        if self.missing_address:
            said.append("no postal address")
        if self.fell_back:
            said.append(
                f"no {self.wanted_language} version: the original ({self.language}) is used"
            )
        said += [field.text() for field in self.empty_fields]
        if self.too_long:
            said.append(f"{self.pages} pages")
        return tuple(said)


@dataclass(frozen=True)
class Preflight:
    """Every recipient's letter checked, before anything is written."""

    letter_id: int
    letter_version: int
    subject: str
    rows: tuple[PreflightRow, ...]
    output: MergeOutput
    expect_pages: int | None
    total_pages: int  # of all the files, with the blank pages of a combined file
    blank_pages: int

    @property
    def refused(self) -> tuple[PreflightRow, ...]:
        return tuple(row for row in self.rows if row.refusal)

    @property
    def warned(self) -> tuple[PreflightRow, ...]:
        return tuple(row for row in self.rows if row.warnings)

    def refusal_line(self) -> str:
        """The merge's refusal in one line: the first letter that cannot be made, and how
        many more."""
        refused = self.refused
        if not refused:
            return ""
        first = refused[0]
        more = len(refused) - 1
        tail = f" (and {more} more letter{'s' if more > 1 else ''})" if more else ""
        return (
            f"The letter to {first.name} cannot be made: {first.refusal}{tail}. "
            "Nothing was written."
        )


@dataclass(frozen=True)
class CheckedMerge:
    """The pre-flight with what the run writes: each letter's fields and its PDF. The PDFs
    wait in one anonymous temporary file (gone when the checked merge is dropped, or the
    program ends however it ends) rather than in memory, so that a merge of thousands holds
    one PDF at a time; `pdf_spans` are where each letter's PDF is in it."""

    preflight: Preflight
    letters: tuple[LetterFields, ...]
    pdf_spans: tuple[tuple[int, int] | None, ...]  # (offset, length)
    spill: IO[bytes] | None = field(default=None, compare=False, repr=False)

    def pdf(self, position: int) -> bytes | None:
        """The PDF of the letter at `position` (0-based), as the pre-flight rendered it."""
        span = self.pdf_spans[position]
        if span is None or self.spill is None:
            return None
        offset, length = span
        return os.pread(self.spill.fileno(), length, offset)


@dataclass(frozen=True)
class MergeResult:
    """What a merge wrote: the register's new letters and the files. A dry run wrote none."""

    preflight: Preflight
    letter_ids: tuple[int, ...] = ()
    files: tuple[Path, ...] = ()


# Who gets the letter


def recipient_refs(session: Session, letter_id: int, recipients: Recipients) -> list[Ref]:
    """The recipients as references, in order, each once; a ValidationError for none, an
    unknown one, or a choice that is not exactly one of the three."""
    record = v.get_or_raise(session, Letter, letter_id, "letter")
    chosen = [bool(recipients.refs), recipients.affiliates_of is not None, recipients.committed]
    if sum(chosen) != 1:
        raise ValidationError(
            "recipients",
            "Choose who the letter goes to: recipients one by one, the affiliates of a "
            "federation, or the organisations that committed to the campaign.",
        )
    if recipients.refs:
        refs = list(dict.fromkeys(recipients.refs))
        for kind, key in refs:
            if kind == "person":
                v.reference(session, Person, key, "recipients", "person")
            elif kind == "org":
                v.reference(session, Organisation, key, "recipients", "organisation")
            else:
                raise ValidationError(
                    "recipients", f"'{kind}:{key}' is not a reference; write org:ID or person:ID."
                )
    elif recipients.affiliates_of is not None:
        refs = [("org", key) for key in affiliates(session, recipients.affiliates_of)]
        if not refs:
            federation = session.get(Organisation, recipients.affiliates_of)
            name = federation.name if federation else ""
            raise ValidationError("recipients", f"{name} has no affiliates to write to.")
    else:
        refs = [("org", key) for key in committed_organisations(session, record.campaign_id)]
        if not refs:
            raise ValidationError(
                "recipients",
                f"No organisation has pledged or fulfilled a commitment to "
                f"“{record.campaign.title}”.",
            )
    if len(refs) > MAX_RECIPIENTS:
        raise ValidationError(
            "recipients", f"{len(refs)} recipients are more than {MAX_RECIPIENTS} in one merge."
        )
    return refs


def affiliates(session: Session, federation_id: int) -> list[int]:
    """The organisations affiliated to a federation, by name."""
    v.get_or_raise(session, Organisation, federation_id, "organisation")
    query = select(Organisation.id).where(Organisation.affiliate_of_id == federation_id)
    return list(session.scalars(query.order_by(Organisation.name, Organisation.id)))


def federations(session: Session) -> list[tuple[int, str, int]]:
    """(id, name, number of affiliates) of each organisation that has affiliates, by name: the
    federations a merge may write to every affiliate of."""
    affiliate = aliased(Organisation)
    query = (
        select(Organisation.id, Organisation.name, func.count(affiliate.id))
        .join(affiliate, affiliate.affiliate_of_id == Organisation.id)
        .group_by(Organisation.id, Organisation.name)
        .order_by(Organisation.name, Organisation.id)
    )
    return [(key, name, count) for key, name, count in session.execute(query)]


def committed_organisations(session: Session, campaign_id: int) -> list[int]:
    """The organisations with a commitment to the campaign that is pledged or fulfilled, by
    name, each once."""
    query = (
        select(Organisation.id)
        .join(Commitment, Commitment.organisation_id == Organisation.id)
        .where(
            Commitment.campaign_id == campaign_id,
            Commitment.status.in_([CommitmentStatus.PLEDGED, CommitmentStatus.FULFILLED]),
        )
        .group_by(Organisation.id, Organisation.name)
        .order_by(Organisation.name, Organisation.id)
    )
    return list(session.scalars(query))


# Names: references and files


def safe_text(text: str) -> str:
    """Letters, digits, `_`, `.` and `-` only (any script), no run of dashes, no dot or dash
    at either end: safe in a file name and a reference on every system."""
    safe = re.sub(r"[^\w.-]+", "-", text.strip())
    return re.sub(r"-{2,}", "-", safe).strip("-.")


def short_form(acronym: str, name: str) -> str:
    """The acronym, else the name cut to a few words: how a recipient is named in a reference
    (`OUR/2026/017-KCTU`) and a file name."""
    if safe_text(acronym):
        return safe_text(acronym)
    full = safe_text(name)
    if len(full) <= SHORT_NAME:
        return full
    cut = full[: SHORT_NAME + 1]  # a dash just past the end is a word boundary too
    return cut.rsplit("-", 1)[0] if "-" in cut else full[:SHORT_NAME]


def _unique(
    wanted: str, taken: set[str], fold: Callable[[str], str], joined: Callable[[str, int], str]
) -> str:
    name, count = wanted, 1
    while fold(name) in taken:
        count += 1
        name = joined(wanted, count)
    taken.add(fold(name))
    return name


def derived_references(base: str, short_forms: Sequence[str], taken: set[str]) -> list[str]:
    """Each recipient's reference from the original's (`OUR/2026/017` -> `OUR/2026/017-KCTU`),
    unique among themselves and `taken`, at most 100 characters."""
    made = []
    for short in short_forms:
        wanted = (f"{base}-{short}" if base else short)[:96]  # room for "-NNN"
        made.append(_unique(wanted, taken, str, lambda text, n: f"{text}-{n}"))
    return made


def check_name_pattern(pattern: str) -> None:
    """A ValidationError for a pattern naming an unknown field or with a stray brace."""
    if not pattern.strip():
        raise ValidationError("name_pattern", "Give a pattern for the file names.")
    for name in re.findall(r"\{([^{}]*)\}", pattern):
        if name not in NAME_FIELDS:
            known = ", ".join("{" + field + "}" for field in NAME_FIELDS)
            raise ValidationError(
                "name_pattern", f"{{{name}}} is not a field of a file name; use {known}."
            )
    if re.search(r"[{}]", re.sub(r"\{[^{}]*\}", "", pattern)):
        raise ValidationError("name_pattern", f"The pattern '{pattern}' has a stray brace.")


def file_name(pattern: str, values: dict[str, str], number: int) -> str:
    """The pattern filled in with safe values, as a safe file name ending in .pdf."""
    filled = re.sub(r"\{(\w+)\}", lambda m: safe_text(values.get(m.group(1), "")), pattern)
    stem = filled[:-4] if filled.lower().endswith(".pdf") else filled
    stem = safe_text(stem)[:MAX_STEM].strip("-.")
    if not stem.strip("_") or stem.split(".")[0].lower() in _RESERVED:
        stem = f"letter-{number:03d}" + (f"-{stem}" if stem else "")
    return f"{stem}.pdf"


def unique_file_names(names: Sequence[str]) -> list[str]:
    """Names made unique as the file systems that ignore case see them (`-2`, `-3`...)."""
    taken: set[str] = set()
    return [
        _unique(name, taken, str.casefold, lambda text, n: f"{text[:-4]}-{n}.pdf") for name in names
    ]


# The pre-flight


@dataclass(frozen=True)
class _Recipient:
    ref: Ref
    party: Party
    language: str


def _party(session: Session, ref: Ref) -> _Recipient:
    kind, key = ref
    if kind == "person":
        person = v.get_or_raise(session, Person, key, "person")
        org = person.organisation
        party = Party(
            name=person.name,
            title=person.title,
            organisation=org.name if org else "",
            acronym=org.acronym if org else "",
            address=person.address or (org.address if org else ""),
            country=org.country if org else "",
            email=person.email,
            language=person.language,
        )
        return _Recipient(ref, party, preferred_language(person, None))
    organisation = v.get_or_raise(session, Organisation, key, "organisation")
    party = Party(
        name=organisation.name,
        organisation=organisation.name,
        acronym=organisation.acronym,
        address=organisation.address,
        country=organisation.country,
        email=organisation.email,
        language=organisation.language,
    )
    return _Recipient(ref, party, preferred_language(None, organisation))


def _file_names(
    pattern: str, people: Sequence[_Recipient], shorts: Sequence[str], references: Sequence[str]
) -> list[str]:
    names = []
    for number, (person, short, reference) in enumerate(
        zip(people, shorts, references, strict=True), 1
    ):
        values = {
            "country": person.party.country,
            "acronym": short,
            "name": person.party.name,
            "language": person.language,
            "reference": reference,
            "number": f"{number:03d}",
        }
        names.append(file_name(pattern, values, number))
    return unique_file_names(names)


class _Templates:
    """Each distinct subject and body (the original's, each version's) parsed once a merge."""

    def __init__(self) -> None:
        self._made: dict[tuple[str, str], MergeTemplate] = {}

    def fill(self, template: str, context: MergeContext, what: str) -> tuple[str, list[EmptyField]]:
        """The template filled in for one recipient, with the fields that are empty for them;
        a ValidationError naming the line for a field that is not a merge field, or anything
        the sandbox refuses."""
        compiled = self._made.get((what, template))
        if compiled is None:
            compiled = self._made[(what, template)] = MergeTemplate(template, what)
        empty = []
        for use in compiled.fields:
            if not use.known:
                raise ValidationError(
                    what, f"{what}, line {use.line}: '{use.field}' is not a merge field"
                )
            value = field_value(context, use.field)
            if not value or (isinstance(value, str) and not value.strip()):
                empty.append(EmptyField(what, use.line, use.field))
        return compiled.render(context), empty


@dataclass
class _Planned:
    row: PreflightRow
    fields: LetterFields
    printable: PrintableLetter | None
    # The new letter as validated, its parties fixed (`letters.new_letter`), when the register
    # is made in the same unit of work (`merge`): it goes in as it is, not made twice.
    letter: Letter | None = None

    def take_letter(self) -> Letter:
        letter, self.letter = self.letter, None  # the register has it: held no longer
        assert letter is not None
        return letter


def _plan(
    session: Session,
    letter_id: int,
    refs: Sequence[Ref],
    output: MergeOutput,
    keep_letters: bool = False,
) -> tuple[Letter, list[_Planned]]:
    record = v.get_or_raise(session, Letter, letter_id, "letter")
    original = letters.get_letter(session, letter_id)
    base = original.fields()
    letter_date = record.letter_date or date.today()
    campaign = record.campaign
    campaign_fields = CampaignFields(
        title=campaign.title,
        target=campaign.target,
        country=campaign.country,
        summary=campaign.summary,
        demands=tuple(demand.text for demand in campaign.demands),
    )
    sender = record.sender
    sender_party = (
        Party(name=sender.name, acronym=sender.acronym, address=sender.address,
              country=sender.country, email=sender.email)
        if sender else Party()
    )  # fmt: skip
    held = _held_parties(session, [replace(base, to=list(refs))])  # noqa: F841 (kept alive on purpose)
    people = [_party(session, ref) for ref in refs]
    shorts = [short_form(p.party.acronym, p.party.name) for p in people]
    merged_before = select(Letter.our_reference).where(Letter.merged_from_id == letter_id)
    taken = set(session.scalars(merged_before)) | {record.our_reference}
    references = derived_references(record.our_reference, shorts, taken)
    names = [""] * len(people)
    if output.folder is not None:
        names = _file_names(output.name_pattern, people, shorts, references)
    templates = _Templates()
    planned = []
    for number, (person, reference, name) in enumerate(
        zip(people, references, names, strict=True), 1
    ):
        chosen = choose_version(record, person.language)
        context = MergeContext(
            recipient=person.party,
            sender=sender_party,
            campaign=campaign_fields,
            date=date_text(letter_date, chosen.language),
            our_reference=reference,
        )
        fields = replace(
            base,
            to=[person.ref],
            cc=[ref for ref in base.cc if ref != person.ref],
            language=chosen.language,
            our_reference=reference,
            letter_date=letter_date,
            status=LetterStatus.APPROVED,
        )
        refusal, empty, printable, letter = "", [], None, None
        try:
            fields.subject, empty_subject = templates.fill(chosen.subject, context, "subject")
            fields.body, empty_body = templates.fill(chosen.body, context, "body")
            empty = empty_subject + empty_body
            letter = letters.new_letter(session, fields)  # validated as the editor would
            printable = letter_register.printable_of_new(session, letter)
        except ValidationError as error:
            refusal = error.message
        row = PreflightRow(
            number=number,
            ref=person.ref,
            name=person.party.name,
            reference=reference,
            file_name=name,
            language=chosen.language,
            wanted_language=chosen.wanted,
            fell_back=chosen.fell_back,
            missing_address=not person.party.address.strip(),
            empty_fields=tuple(empty),
            refusal=refusal,
            pages=None,
            too_long=False,
        )
        planned.append(_Planned(row, fields, printable, letter if keep_letters else None))
    return record, planned


def _check_output(output: MergeOutput, expect_pages: int | None) -> None:
    if (output.folder is None) == (output.combined is None):
        raise ValidationError(
            "out", "Choose a folder for one file per letter, or one combined file."
        )
    if output.combined is not None:
        if output.combined.suffix.lower() != ".pdf":
            raise ValidationError("out", f"{output.combined} is not a .pdf file name.")
        refuse_unwritable_target(output.combined)
    elif output.folder is not None:
        check_name_pattern(output.name_pattern)
        if output.folder.exists() and not output.folder.is_dir():
            raise ValidationError("out", f"{output.folder} is a file, not a folder.")
    if expect_pages is not None and expect_pages < 1:
        raise ValidationError("expect_pages", "Expect at least 1 page.")


def check_merge(
    engine: Engine,
    letter_id: int,
    recipients: Recipients,
    output: MergeOutput,
    expect_pages: int | None = None,
    paper: str | None = None,
    progress: Progress | None = None,
    stop: Stop | None = None,
) -> CheckedMerge:
    """The pre-flight: every recipient's letter made and its PDF rendered (off any database
    transaction) to count its pages; nothing is written. MergeStopped when `stop` says so."""
    _check_output(output, expect_pages)
    with contextlib.ExitStack() as workers:
        with store.transaction(engine) as session:
            started = _Started.plan(session, workers, letter_id, recipients, output, paper)
        return _render(started, _PdfSpill(len(started.planned)), expect_pages, progress, stop)


@dataclass(frozen=True)
class _Started:
    """A merge planned, with its rendering workers started: what the pre-flight renders."""

    letter_id: int
    letter_version: int
    subject: str
    output: MergeOutput
    planned: list[_Planned]
    workers: RenderWorkers
    options: PdfOptions

    @classmethod
    def plan(
        cls,
        session: Session,
        workers: contextlib.ExitStack,
        letter_id: int,
        recipients: Recipients,
        output: MergeOutput,
        paper: str | None,
        keep_letters: bool = False,
    ) -> _Started:
        options = pdf_options(paper)
        refs = recipient_refs(session, letter_id, recipients)
        # The rendering workers start (a second or so) while the letters are planned.
        started = workers.enter_context(RenderWorkers(len(refs), options))
        record, planned = _plan(session, letter_id, refs, output, keep_letters)
        return cls(letter_id, record.version, record.subject, output, planned, started, options)


@dataclass(frozen=True)
class _Spill:
    """A letter the pre-flight rendered: where its PDF is in the spill file and its page
    count, or why it could not be made."""

    span: tuple[int, int] | None
    pages: int = 0
    error: str = ""


class _PdfSpill:
    """The pre-flight's PDFs, appended to one anonymous temporary file as they arrive (gone
    when it is closed or the program ends however it ends): only their places are held."""

    def __init__(self, count: int) -> None:
        self.file = tempfile.TemporaryFile(prefix="organiser-merge-")  # noqa: SIM115 (closed by its holder)
        self.spans: list[tuple[int, int] | None] = [None] * count

    def add(self, position: int, letter: RenderedLetter) -> _Spill:
        if letter.data is None:
            return _Spill(None, error=letter.error)
        offset = self.file.seek(0, os.SEEK_END)
        self.file.write(letter.data)
        self.file.flush()
        self.spans[position] = (offset, len(letter.data))
        return _Spill(self.spans[position], page_count(letter.data))

    def pdf(self, position: int) -> bytes | None:
        span = self.spans[position]
        return None if span is None else os.pread(self.file.fileno(), span[1], span[0])


def _render(
    started: _Started,
    spill: _PdfSpill,
    expect_pages: int | None,
    progress: Progress | None,
    stop: Stop | None,
    as_rendered: Callable[[int, bytes], None] | None = None,
) -> CheckedMerge:
    """Every planned letter rendered into `spill`, and the pre-flight made of them.
    `as_rendered(position, pdf)` is given each letter made, as it comes (in any order)."""
    planned = started.planned
    to_render = [position for position, p in enumerate(planned) if p.printable is not None]

    def keep(index: int, letter: RenderedLetter) -> _Spill:
        position = to_render[index]
        spilled = spill.add(position, letter)
        if as_rendered is not None and letter.data is not None:
            as_rendered(position, letter.data)
        return spilled

    try:
        rendered = render_letters(
            [p.printable for p in planned if p.printable is not None],
            started.options,
            progress=progress,
            stop=stop,
            keep=keep,
            started=started.workers,
        )
        if rendered is None:
            raise MergeStopped()
    except BaseException:
        spill.file.close()
        raise
    made = dict(zip(to_render, rendered, strict=True))
    rows: list[PreflightRow] = []
    for position, plan in enumerate(planned):
        result = made.get(position)
        row = plan.row
        if result is not None and result.span is None:
            row = replace(row, refusal=result.error)
        elif result is not None:
            too_long = expect_pages is not None and result.pages > expect_pages
            row = replace(row, pages=result.pages, too_long=too_long)
        rows.append(row)
    counts = [row.pages or 0 for row in rows]
    output = started.output
    blanks = blank_pages_needed(counts) if output.combined is not None and output.odd_pages else 0
    preflight = Preflight(
        letter_id=started.letter_id,
        letter_version=started.letter_version,
        subject=started.subject,
        rows=tuple(rows),
        output=output,
        expect_pages=expect_pages,
        total_pages=sum(counts) + blanks,
        blank_pages=blanks,
    )
    return CheckedMerge(preflight, tuple(p.fields for p in planned), tuple(spill.spans), spill.file)


# The run


def write_merge(
    engine: Engine,
    checked: CheckedMerge,
    progress: Progress | None = None,
    stop: Stop | None = None,
) -> MergeResult:
    """What the pre-flight checked, written: each letter in the register (its own reference,
    its recipient fixed, its PDF kept, the letter it was merged from) and the files, in one
    unit of work — a failure or a cancel leaves no register entry and no new file. Refused
    (ValidationError) when a letter cannot be made or the letter changed since the check."""
    preflight = checked.preflight
    if preflight.refused:
        raise ValidationError("recipients", preflight.refusal_line())
    total = len(preflight.rows)
    with _Files(stop) as files, store.transaction(engine, write=True) as session:
        original = v.get_or_raise(session, Letter, preflight.letter_id, "letter")
        if original.version != preflight.letter_version:
            raise ValidationError(
                "letter", "The letter was changed since it was checked; check it again."
            )
        register = _Register(session, checked.letters, original.id, checked.pdf, stop)
        files.start(checked)
        register.add_through(total, progress)
        paths = files.result()  # the files' failure, if any, rolls the register back
        if progress:
            progress(total + 1, total + 1)
    return MergeResult(preflight, tuple(register.made), tuple(paths))


def merge(
    engine: Engine,
    letter_id: int,
    recipients: Recipients,
    output: MergeOutput,
    expect_pages: int | None = None,
    dry_run: bool = False,
    paper: str | None = None,
    checked: Callable[[Preflight], None] | None = None,
) -> MergeResult:
    """The pre-flight, then (unless `dry_run`) the run, for a caller that does not stop
    between the two (the command line); refused as a whole (ValidationError), with nothing
    written, when any letter cannot be made. `checked(preflight)` is shown the pre-flight
    before the run goes on or is refused.

    Here the pre-flight and the run are one unit of work, so each letter goes into the
    register as soon as it and those before it are rendered, while the worker processes
    render the rest: made after the last letter, the register's work would leave every core
    but one idle. A refusal, a failure or an interruption rolls it all back."""
    if dry_run:
        found = check_merge(engine, letter_id, recipients, output, expect_pages, paper)
        if checked is not None:
            checked(found.preflight)
        return MergeResult(found.preflight)
    _check_output(output, expect_pages)
    with (
        _Files(None) as files,
        contextlib.ExitStack() as held,
        store.transaction(engine, write=True) as session,
    ):
        started = _Started.plan(session, held, letter_id, recipients, output, paper, True)
        spill = _PdfSpill(len(started.planned))
        held.callback(spill.file.close)
        fields = [p.fields for p in started.planned]
        planned = started.planned
        register = _Register(session, fields, letter_id, spill.pdf, None, _planned_letter(planned))
        folder = output.folder
        paths = [folder / p.row.file_name for p in started.planned] if folder else []

        def rendered(position: int, pdf: bytes) -> None:
            if folder is not None:
                files.stage(paths[position], pdf)  # put in place once all are made
            register.rendered(position)

        # A letter refused while planned refuses the merge: then nothing is written meanwhile.
        early = all(p.printable is not None for p in started.planned)
        found = _render(started, spill, expect_pages, None, None, rendered if early else None)
        if checked is not None:
            checked(found.preflight)
        if found.preflight.refused:
            raise ValidationError("recipients", found.preflight.refusal_line())
        if folder is None:
            files.start(found)  # the combined file, made of them all
        register.add_through(len(fields))
        if folder is not None:
            files.publish()
        else:
            paths = files.result()
    return MergeResult(found.preflight, tuple(register.made), tuple(paths))


def _planned_letter(planned: Sequence[_Planned]) -> Callable[[int], Letter]:
    return lambda position: planned[position].take_letter()


class _Register:
    """A merge's letters added to the register in order, a chunk of them at a time, each with
    its PDF (`pdf(position)`) kept; `made` are their ids. `letter(position)` gives each new
    letter, validated, when the caller made them already (else they are made here)."""

    def __init__(
        self,
        session: Session,
        fields: Sequence[LetterFields],
        merged_from: int,
        pdf: Callable[[int], bytes | None],
        stop: Stop | None,
        letter: Callable[[int], Letter] | None = None,
    ) -> None:
        self.session = session
        self.fields = fields
        self.merged_from = merged_from
        self.pdf = pdf
        self.stop = stop
        self.made: list[int] = []
        self._rendered: set[int] = set()
        self._held = _held_parties(session, fields)
        self.letter = letter or (lambda position: letters.new_letter(session, fields[position]))

    def rendered(self, position: int) -> None:
        """The letter at `position` is made: the letters made, in order, from the first not
        yet in the register go in, whole chunks of them."""
        self._rendered.add(position)
        start = end = len(self.made)
        while end in self._rendered:
            end += 1
        whole = start + (end - start) // WRITE_CHUNK * WRITE_CHUNK
        if whole > start:
            self.add_through(whole)

    def add_through(self, end: int, progress: Progress | None = None) -> None:
        """The letters before position `end` in the register, those not yet in it."""
        total = len(self.fields)
        for first in range(len(self.made), end, WRITE_CHUNK):
            positions = range(first, min(end, first + WRITE_CHUNK))
            records = []
            for position in positions:
                if self.stop and self.stop():
                    raise MergeStopped()
                record = self.letter(position)
                record.merged_from_id = self.merged_from
                records.append(record)
            # As rows: the same rows as the unit of work's, at a fraction of its work per letter.
            ids = letters.insert_letters(self.session, records)
            kept = []
            for position, record, key in zip(positions, records, ids, strict=True):
                data = self.pdf(position)
                assert data is not None  # a letter without its PDF is refused above
                kept.append((record, key, data))
            letter_register.keep_pdfs_of_new(self.session, kept)
            del kept
            self.made += ids
            if progress:
                progress(positions.stop, total + 1)


class _Files:
    """The merge's files, written by threads of their own: their writes wait on the disk, the
    register's work on the interpreter, so the one hides the other. `start` writes those of a
    checked merge; `stage` writes one as soon as it is rendered, under a temporary name, and
    `publish` puts them all in place once the merge may go on. When the block ends in an
    error, the files stop and those this run made are taken away again, so that the unit of
    work rolls back to nothing."""

    def __init__(self, stop: Stop | None) -> None:
        self.stop = stop
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="merge-files")
        self._writer: _FileWriter | None = None
        self._written: Future[list[Path]] | None = None
        self._staged = StagedFiles()
        self._stager: ThreadPoolExecutor | None = None
        self._staging: list[Future[None]] = []

    def start(self, checked: CheckedMerge) -> None:
        self._writer = _FileWriter(checked, self.stop)
        self._written = self._pool.submit(self._writer.write)

    def result(self) -> list[Path]:
        assert self._written is not None
        return self._written.result()

    def stage(self, path: Path, data: bytes) -> None:
        if self._stager is None:
            self._stager = ThreadPoolExecutor(FILE_WRITERS, thread_name_prefix="merge-file")
        self._staging.append(self._stager.submit(self._staged.stage, path, data))

    def publish(self) -> None:
        """The staged files in place; the first that failed to be written is raised."""
        for future in self._staging:
            future.result()
        self._staged.publish()

    def __enter__(self) -> _Files:
        return self

    def __exit__(self, kind: object, *_rest: object) -> None:
        if self._stager is not None:
            for future in self._staging:
                future.cancel()  # not yet begun
            self._stager.shutdown(wait=True)
        if kind is not None:
            if self._writer is not None:
                self._writer.halt.set()
                if self._written is not None:
                    wait([self._written])
                self._writer.undo()
            for path in self._staged.created:
                with contextlib.suppress(OSError):
                    path.unlink()
            self._staged.discard()
        self._pool.shutdown(wait=True)


def _held_parties(session: Session, fields: Sequence[LetterFields]) -> list[object]:
    """The campaign, senders (and their logos), signatories (and their signatures) and
    recipients of the letters, read in a few queries and held while the letters are made: the
    session remembers what it read only weakly, and without these each letter would read its
    people again, one query at a time."""
    people = {key for data in fields for kind, key in [*data.to, *data.cc] if kind == "person"}
    people |= {key for data in fields for key in data.signatory_ids}
    orgs = {key for data in fields for kind, key in [*data.to, *data.cc] if kind == "org"}
    orgs |= {data.sender_id for data in fields if data.sender_id is not None}
    campaigns = {data.campaign_id for data in fields if data.campaign_id is not None}
    orgs_sending = {data.sender_id for data in fields}
    held: list[object] = []
    for model, keys, options in (
        (Person, sorted(people), [selectinload(Person.organisation)]),
        (Organisation, sorted(orgs), []),
        (Campaign, sorted(campaigns), [selectinload(Campaign.demands)]),
    ):
        for first in range(0, len(keys), HELD_PER_QUERY):
            chunk = keys[first : first + HELD_PER_QUERY]
            query = select(model).where(model.id.in_(chunk)).options(*options)
            held += session.scalars(query).all()
    signers = set(fields[0].signatory_ids) if fields else set()
    images = {r.logo_id for r in held if isinstance(r, Organisation) and r.id in orgs_sending}
    images |= {r.signature_id for r in held if isinstance(r, Person) and r.id in signers}
    images.discard(None)
    if images:
        held += session.scalars(select(Attachment).where(Attachment.id.in_(images))).all()
    return held


class _FileWriter:
    """The files, each written whole, a few at once; `undo` takes away again the files this
    run made (after a failure, a cancel or `halt`), so the unit of work can roll back to
    nothing."""

    def __init__(self, checked: CheckedMerge, stop: Stop | None) -> None:
        self.checked = checked
        self.stop = stop
        self.halt = threading.Event()  # the register (or a file) failed: write no more
        self.new: list[Path] = []
        self._lock = threading.Lock()

    def _stopped(self) -> bool:
        return self.halt.is_set() or bool(self.stop and self.stop())

    def write(self) -> list[Path]:
        checked = self.checked
        preflight = checked.preflight
        output = preflight.output
        if output.combined is not None:
            pdfs = [checked.pdf(position) for position in range(len(preflight.rows))]
            data = combine([pdf for pdf in pdfs if pdf], output.odd_pages, preflight.subject)
            if self._stopped():
                raise MergeStopped()
            existed = output.combined.exists()
            write_bytes_atomic(output.combined, data)
            if not existed:
                self.new.append(output.combined)
            return [output.combined]
        assert output.folder is not None
        paths = [output.folder / row.file_name for row in preflight.rows]
        with ThreadPoolExecutor(FILE_WRITERS, thread_name_prefix="merge-file") as files:
            for _done in files.map(self._write_one, range(len(paths)), paths):
                pass  # the first failure (or the stop) is raised here; the others then stop
        return paths

    def _write_one(self, position: int, path: Path) -> None:
        if self._stopped():
            raise MergeStopped()
        existed = path.exists()
        try:
            write_bytes_atomic(path, self.checked.pdf(position) or b"")
        except BaseException:
            self.halt.set()  # the files not yet begun are not written
            raise
        if not existed:
            with self._lock:
                self.new.append(path)

    def undo(self) -> None:
        for path in self.new:
            with contextlib.suppress(OSError):
                path.unlink()
