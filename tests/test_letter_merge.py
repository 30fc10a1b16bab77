"""The letter merge: who gets it, the pre-flight before anything is written, refusals, one PDF
per recipient or one combined file with odd-page starts, and the register's new letters."""

from __future__ import annotations

import io
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import Engine, func, select

from organiser import store
from organiser.errors import FileWriteError, ValidationError
from organiser.models import Letter, LetterStatus, Organisation
from organiser.services import letter_merge as m
from organiser.services import letter_register, letters, organisations, trash
from organiser.services.archive import export_archive, import_archive
from tests.cli.helpers import snapshot
from tests.merge_world import MergeWorld, make_world, pdf_text, set_body

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")

MANY = 200


@pytest.fixture(scope="module")
def merged_200(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[Engine, MergeWorld, m.MergeResult]]:
    """One merge to 200 affiliates (in worker processes), shared by the tests that read it."""
    where = tmp_path_factory.mktemp("merge200")
    engine = store.open_database(str(where / "db.sqlite3"))
    world = make_world(engine, affiliates=MANY)
    result = m.merge(
        engine,
        world.letter_id,
        m.Recipients(affiliates_of=world.federation_id),
        m.MergeOutput.at(where / "out"),
    )
    yield engine, world, result
    engine.dispose()


def test_a_merge_to_200_gives_200_pdfs_each_naming_its_recipient_and_no_other(
    merged_200: tuple[Engine, MergeWorld, m.MergeResult],
) -> None:
    _engine, world, result = merged_200
    assert len(result.files) == MANY == len(set(result.files))
    assert len(list(result.files[0].parent.iterdir())) == MANY  # no temporary left beside them
    named_in: dict[str, list[Path]] = {name: [] for name in world.names}
    for path in result.files:
        text = pdf_text(path)
        for name in world.names:
            if name in text:
                named_in[name].append(path)
    assert all(len(paths) == 1 for paths in named_in.values()), "each recipient once"
    for row, path in zip(result.preflight.rows, result.files, strict=True):
        assert named_in[row.name] == [path] and path.name == row.file_name


def test_the_200_letters_are_in_the_register_with_their_own_references(
    merged_200: tuple[Engine, MergeWorld, m.MergeResult],
) -> None:
    engine, world, result = merged_200
    assert len(result.letter_ids) == MANY
    with store.transaction(engine) as session:
        first = letters.get_letter(session, result.letter_ids[4])
        kept = letter_register.kept_pdf(session, first.id)
        merged = session.scalar(
            select(func.count(Letter.id)).where(Letter.merged_from_id == world.letter_id)
        )
        references = set(
            session.scalars(select(Letter.our_reference).where(Letter.merged_from_id.is_not(None)))
        )
    assert merged == MANY
    assert references == {f"OUR/2026/017-U{n:03d}" for n in range(1, MANY + 1)}
    assert first.our_reference == "OUR/2026/017-U005" and first.merged_from_id == world.letter_id
    assert first.status is LetterStatus.APPROVED
    assert [p.name for p in first.to] == ["Union 005 Local"] and first.to[0].ref is not None
    assert first.subject == "Solidarity with Union 005 Local"
    assert kept == result.files[4].read_bytes()


def test_the_recipient_is_kept_as_a_copy_in_the_register(
    merged_200: tuple[Engine, MergeWorld, m.MergeResult],
) -> None:
    engine, world, result = merged_200
    with store.transaction(engine, write=True) as session:
        session.get_one(Organisation, world.affiliates[6]).name = "Renamed since"
    with store.transaction(engine) as session:
        view = letters.get_letter(session, result.letter_ids[6])
    with store.transaction(engine, write=True) as session:
        session.get_one(Organisation, world.affiliates[6]).name = "Union 007 Local"
    assert [p.name for p in view.to] == ["Union 007 Local"]


@pytest.fixture
def world(engine: Engine) -> MergeWorld:
    return make_world(engine)


def _check(engine: Engine, world: MergeWorld, out: Path, **kwargs: object) -> m.CheckedMerge:
    return m.check_merge(
        engine,
        world.letter_id,
        m.Recipients(affiliates_of=world.federation_id),
        m.MergeOutput.at(out),
        **kwargs,  # type: ignore[arg-type]
    )


def test_the_pre_flight_lists_address_empty_field_fallback_and_pages(
    engine: Engine, world: MergeWorld, tmp_path: Path
) -> None:
    set_body(engine, world.letter_id, "Dear {{ recipient.name }},\n\nTo {{ recipient.title }}.")
    checked = _check(engine, world, tmp_path / "out", expect_pages=1)
    french, korean, no_address, english = checked.preflight.rows
    assert (french.language, french.fell_back, french.pages, french.too_long) == (
        "fr",
        False,
        3,
        True,
    )
    assert (korean.language, korean.wanted_language, korean.fell_back) == ("en", "ko", True)
    assert no_address.missing_address and not english.missing_address
    assert english.empty_fields == (m.EmptyField("body", 3, "recipient.title"),)
    assert "recipient.title is empty (body, line 3)" in english.warnings
    assert french.empty_fields == ()  # the French version does not use the title
    assert "no ko version: the original (en) is used" in korean.warnings
    assert english.pages == 1 and not english.too_long and not english.refusal
    assert [row.file_name for row in checked.preflight.rows] == [
        "FR-U001.pdf", "KR-U002.pdf", "GB-U003.pdf", "GB-U004.pdf"
    ]  # fmt: skip
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("body", "said"),
    [
        ("Dear {{ recipient.__class__ }}", "'recipient.__class__' is not a merge field"),
        ("Dear all,\n\n{{ recipient.shoe_size }}", "body, line 3: 'recipient.shoe_size'"),
        ("{% for i in range(1000000000) %}x{% endfor %}", "a range of 1000000000"),
        ("{{ ''.__class__.__mro__ }}", "body, line 1"),
        ("{{ 'x' * 10**9 }}", "repeats text"),
    ],
)
def test_a_refused_template_writes_no_file_and_no_register_entry(
    engine: Engine, world: MergeWorld, tmp_path: Path, db_path: Path, body: str, said: str
) -> None:
    set_body(engine, world.letter_id, body)
    before = snapshot(db_path)
    out = tmp_path / "out"
    with pytest.raises(ValidationError, match="cannot be made") as refused:
        m.merge(engine, world.letter_id, m.Recipients(affiliates_of=world.federation_id),
                m.MergeOutput.at(out))  # fmt: skip
    assert said in str(refused.value)
    assert not out.exists()
    assert snapshot(db_path) == before


def test_the_refusal_comes_before_rendering_any_letter(
    engine: Engine, world: MergeWorld, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    set_body(engine, world.letter_id, "{{ recipient.__class__ }}")
    rendered: list[int] = []
    real = m.render_letters
    monkeypatch.setattr(
        m, "render_letters", lambda ls, *a, **k: rendered.append(len(ls)) or real(ls, *a, **k)
    )
    checked = _check(engine, world, tmp_path / "out")
    assert rendered == [1]  # only the French letter, whose version does not reach __class__
    assert len(checked.preflight.refused) == 3


def test_a_dry_run_checks_and_writes_nothing(
    engine: Engine, world: MergeWorld, tmp_path: Path, db_path: Path
) -> None:
    before = snapshot(db_path)
    result = m.merge(engine, world.letter_id, m.Recipients(committed=True),
                     m.MergeOutput.at(tmp_path / "out"), dry_run=True)  # fmt: skip
    assert [row.name for row in result.preflight.rows] == ["Union 001 Local"]  # pledged only
    assert result.files == () and result.letter_ids == ()
    assert not (tmp_path / "out").exists() and snapshot(db_path) == before


def test_one_combined_file_starts_each_letter_on_an_odd_page(
    engine: Engine, world: MergeWorld, tmp_path: Path
) -> None:
    # Recipients 4, 1 (French: 3 pages), 2: pages 1 | blank | 3-5 | blank | 7.
    refs = tuple(("org", world.affiliates[i]) for i in (3, 0, 1))
    target = tmp_path / "all.pdf"
    result = m.merge(engine, world.letter_id, m.Recipients(refs=refs),
                     m.MergeOutput.at(target, odd_pages=True))  # fmt: skip
    assert result.files == (target,)
    assert len(PdfReader(io.BytesIO(target.read_bytes())).pages) == 7
    assert (result.preflight.total_pages, result.preflight.blank_pages) == (7, 2)
    assert "Dear Union 004 Local" in pdf_text(target, 1)
    assert pdf_text(target, 2) == ""
    assert "Chers camarades de Union 001 Local" in pdf_text(target, 3)
    assert pdf_text(target, 6) == ""
    assert "Dear Union 002 Local" in pdf_text(target, 7)
    assert len(result.letter_ids) == 3


def test_a_combined_file_without_odd_pages_has_no_blank_page(
    engine: Engine, world: MergeWorld, tmp_path: Path
) -> None:
    refs = tuple(("org", world.affiliates[i]) for i in (3, 0, 1))
    target = tmp_path / "all.pdf"
    m.merge(engine, world.letter_id, m.Recipients(refs=refs), m.MergeOutput.at(target))
    assert len(PdfReader(io.BytesIO(target.read_bytes())).pages) == 5
    assert "Dear Union 002 Local" in pdf_text(target, 5)


def test_people_and_organisations_one_by_one_each_once(
    engine: Engine, world: MergeWorld, tmp_path: Path
) -> None:
    with store.transaction(engine, write=True) as session:
        person = organisations.create_person(
            session,
            organisations.PersonFields(name="Kim Jin-ho", title="President",
                                       organisation_id=world.affiliates[1], language="ko"),
        )  # fmt: skip
    refs = (("person", person.id), ("org", world.affiliates[3]), ("person", person.id))
    result = m.merge(engine, world.letter_id, m.Recipients(refs=refs),
                     m.MergeOutput.at(tmp_path / "out"))  # fmt: skip
    kim, union = result.preflight.rows
    assert kim.reference == "OUR/2026/017-U002"  # the person's organisation's acronym
    assert kim.file_name == "KR-U002.pdf" and union.file_name == "GB-U004.pdf"
    assert "Dear Kim Jin-ho" in pdf_text(result.files[0])
    assert "President" in pdf_text(result.files[0])


def test_a_second_merge_gets_references_and_names_of_its_own(
    engine: Engine, world: MergeWorld, tmp_path: Path
) -> None:
    refs = (("org", world.affiliates[3]),)
    m.merge(engine, world.letter_id, m.Recipients(refs=refs), m.MergeOutput.at(tmp_path / "a"))
    again = m.merge(engine, world.letter_id, m.Recipients(refs=refs),
                    m.MergeOutput.at(tmp_path / "b"))  # fmt: skip
    assert again.preflight.rows[0].reference == "OUR/2026/017-U004-2"


def test_the_letter_changed_since_the_check_is_refused(
    engine: Engine, world: MergeWorld, tmp_path: Path, db_path: Path
) -> None:
    checked = _check(engine, world, tmp_path / "out")
    set_body(engine, world.letter_id, "Dear {{ recipient.name }}, changed.")
    before = snapshot(db_path)
    with pytest.raises(ValidationError, match="changed since it was checked"):
        m.write_merge(engine, checked)
    assert snapshot(db_path) == before and not (tmp_path / "out").exists()


def test_a_cancel_during_the_check_writes_nothing(
    engine: Engine, world: MergeWorld, tmp_path: Path
) -> None:
    with pytest.raises(m.MergeStopped):
        _check(engine, world, tmp_path / "out", stop=lambda: True)


def test_a_cancel_during_the_run_leaves_no_entry_and_no_file(
    engine: Engine, world: MergeWorld, tmp_path: Path, db_path: Path
) -> None:
    checked = _check(engine, world, tmp_path / "out")
    before = snapshot(db_path)
    calls = iter(range(100))
    with pytest.raises(m.MergeStopped):
        m.write_merge(engine, checked, stop=lambda: next(calls) >= 5)  # during the files
    assert snapshot(db_path) == before
    assert list((tmp_path / "out").iterdir()) == []


def test_a_register_failure_while_the_files_are_written_leaves_no_entry_and_no_file(
    engine: Engine,
    world: MergeWorld,
    tmp_path: Path,
    db_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    out = tmp_path / "out"
    checked = _check(engine, world, out)
    before = snapshot(db_path)

    def fail_once_files_are_written(*_args: object) -> None:
        deadline = time.monotonic() + 10
        while not list(out.glob("*.pdf")) and time.monotonic() < deadline:
            time.sleep(0.01)  # the files are written beside the register: let one come
        raise OSError("the disk went away")

    monkeypatch.setattr(m.letter_register, "keep_pdfs_of_new", fail_once_files_are_written)
    with pytest.raises(OSError, match="went away"):
        m.write_merge(engine, checked)
    assert snapshot(db_path) == before
    assert list(out.iterdir()) == []


def test_a_file_that_cannot_be_written_leaves_no_entry_and_no_new_file(
    engine: Engine, world: MergeWorld, tmp_path: Path, db_path: Path
) -> None:
    out = tmp_path / "out"
    checked = _check(engine, world, out)
    blocked = out / checked.preflight.rows[2].file_name
    blocked.mkdir(parents=True)  # a folder where the third letter's file should go
    before = snapshot(db_path)
    with pytest.raises(FileWriteError, match="it is a folder"):
        m.write_merge(engine, checked)
    assert snapshot(db_path) == before
    assert list(out.iterdir()) == [blocked]


@pytest.mark.parametrize(
    ("recipients", "said"),
    [
        (m.Recipients(), "Choose who the letter goes to"),
        (m.Recipients(refs=(("org", 999),), committed=True), "Choose who the letter goes to"),
        (m.Recipients(refs=(("org", 999),)), "no organisation with id 999"),
        (m.Recipients(affiliates_of=999), "no organisation with id 999"),
    ],
)
def test_recipients_badly_chosen_are_refused(
    engine: Engine, world: MergeWorld, tmp_path: Path, recipients: m.Recipients, said: str
) -> None:
    with pytest.raises(Exception, match=said):
        m.check_merge(engine, world.letter_id, recipients, m.MergeOutput.at(tmp_path / "o"))


def test_a_federation_without_affiliates_is_refused(
    engine: Engine, world: MergeWorld, tmp_path: Path
) -> None:
    with pytest.raises(ValidationError, match="has no affiliates"):
        m.check_merge(engine, world.letter_id, m.Recipients(affiliates_of=world.sender_id),
                      m.MergeOutput.at(tmp_path / "o"))  # fmt: skip


@pytest.mark.parametrize(
    ("pattern", "values", "expected"),
    [
        ("{country}-{acronym}.pdf", {"country": "KR", "acronym": "KCTU"}, "KR-KCTU.pdf"),
        ("{country}-{acronym}", {"country": "", "acronym": "KCTU"}, "KCTU.pdf"),
        ("{name}.pdf", {"name": "../../etc/passwd"}, "etc-passwd.pdf"),
        ("{name}.PDF", {"name": "전국민주노동조합총연맹"}, "전국민주노동조합총연맹.pdf"),
        ("{acronym}.pdf", {"acronym": "CON"}, "letter-007-CON.pdf"),
        ("{acronym}.pdf", {"acronym": ""}, "letter-007.pdf"),
        ("{number}-{acronym}.pdf", {"number": "007", "acronym": "a:b*c?"}, "007-a-b-c.pdf"),
    ],
)
def test_file_names_from_a_pattern_are_safe(
    pattern: str, values: dict[str, str], expected: str
) -> None:
    assert m.file_name(pattern, values, 7) == expected


def test_file_names_are_made_unique_whatever_their_case() -> None:
    assert m.unique_file_names(["KR-KCTU.pdf", "kr-kctu.pdf", "KR-KCTU.pdf"]) == [
        "KR-KCTU.pdf", "kr-kctu-2.pdf", "KR-KCTU-3.pdf"
    ]  # fmt: skip


@pytest.mark.parametrize("pattern", ["{shoe}.pdf", "{country.pdf", "", "{__class__}"])
def test_a_bad_name_pattern_is_refused(pattern: str) -> None:
    with pytest.raises(ValidationError) as refused:
        m.check_name_pattern(pattern)
    assert refused.value.field == "name_pattern"


def test_references_are_derived_short_and_unique() -> None:
    assert m.derived_references("OUR/2026/017", ["KCTU", "KCTU", "U1"], set()) == [
        "OUR/2026/017-KCTU", "OUR/2026/017-KCTU-2", "OUR/2026/017-U1"
    ]  # fmt: skip
    assert m.short_form("", "Korean Confederation of Trade Unions") == "Korean-Confederation"
    assert m.short_form("K.C.T.U.", "x") == "K.C.T.U"
    assert len(m.derived_references("R" * 99, ["LONGNAME"], set())[0]) <= 100


def _merged_from(engine: Engine, letter_ids: tuple[int, ...]) -> list[int | None]:
    with store.transaction(engine) as session:
        return [session.get_one(Letter, key).merged_from_id for key in letter_ids]


def test_the_trash_keeps_the_link_to_the_merged_from_letter(
    engine: Engine, world: MergeWorld, tmp_path: Path
) -> None:
    refs = (("org", world.affiliates[2]), ("org", world.affiliates[3]))
    result = m.merge(engine, world.letter_id, m.Recipients(refs=refs),
                     m.MergeOutput.at(tmp_path / "out"))  # fmt: skip
    with store.transaction(engine, write=True) as session:
        original = letters.delete_letter(session, world.letter_id)
    assert _merged_from(engine, result.letter_ids) == [None, None]  # the template went
    with store.transaction(engine, write=True) as session:
        trash.restore(session, original.id)
        merged = letters.delete_letter(session, result.letter_ids[0])
    assert _merged_from(engine, result.letter_ids[1:]) == [world.letter_id]
    with store.transaction(engine, write=True) as session:
        trash.restore(session, merged.id)
    assert _merged_from(engine, result.letter_ids) == [world.letter_id] * 2


def test_the_archive_carries_the_link_to_the_merged_from_letter(
    engine: Engine, world: MergeWorld, tmp_path: Path
) -> None:
    refs = (("org", world.affiliates[3]),)
    result = m.merge(engine, world.letter_id, m.Recipients(refs=refs),
                     m.MergeOutput.at(tmp_path / "out"))  # fmt: skip
    export_archive(engine, tmp_path / "all.zip", world.campaign_id)
    other = store.open_database(str(tmp_path / "other.sqlite3"))
    try:
        import_archive(other, tmp_path / "all.zip")
        with store.transaction(engine) as session:
            uuids = [
                session.get_one(Letter, key).uuid for key in (world.letter_id, *result.letter_ids)
            ]
        with store.transaction(other) as session:
            by_uuid = {r.uuid: r for r in session.scalars(select(Letter))}
            assert by_uuid[uuids[1]].merged_from_id == by_uuid[uuids[0]].id
    finally:
        other.dispose()


@pytest.fixture
def in_one_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """The letters rendered here, in order, without worker processes: what the register has
    taken when the pre-flight is done is then the same in every run."""
    monkeypatch.setattr("organiser.pdf.batch.default_workers", lambda: 1)


def test_the_run_takes_letters_into_the_register_while_later_ones_render(
    engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, in_one_process: None
) -> None:
    world = make_world(engine, affiliates=2 * m.WRITE_CHUNK + 10)
    added: list[str] = []
    real = m.letters.insert_letters
    monkeypatch.setattr(
        m.letters,
        "insert_letters",
        lambda s, made: added.extend(r.our_reference for r in made) or real(s, made),
    )
    in_when_checked: list[int] = []
    result = m.merge(
        engine, world.letter_id, m.Recipients(affiliates_of=world.federation_id),
        m.MergeOutput.at(tmp_path / "out"), checked=lambda _p: in_when_checked.append(len(added)),
    )  # fmt: skip
    assert in_when_checked == [2 * m.WRITE_CHUNK]  # whole chunks, taken as they were rendered
    rows = result.preflight.rows
    assert added == [row.reference for row in rows]  # in the recipients' order, each once
    assert list(result.letter_ids) == sorted(result.letter_ids)
    with store.transaction(engine) as session:
        for row, letter_id, path in zip(rows, result.letter_ids, result.files, strict=True):
            view = letters.get_letter(session, letter_id)
            assert view.our_reference == row.reference
            assert letter_register.kept_pdf(session, letter_id) == path.read_bytes()


def test_a_letter_failing_after_others_went_into_the_register_leaves_nothing(
    engine: Engine,
    tmp_path: Path,
    db_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    in_one_process: None,
) -> None:
    world = make_world(engine, affiliates=2 * m.WRITE_CHUNK + 10)
    with store.transaction(engine, write=True) as session:  # its name sorts it last
        session.get_one(Organisation, world.affiliates[5]).name = "Union \U00013000 Local"
    before = snapshot(db_path)
    added: list[str] = []
    real = m.letters.insert_letters
    monkeypatch.setattr(
        m.letters,
        "insert_letters",
        lambda s, made: added.extend(r.our_reference for r in made) or real(s, made),
    )
    out = tmp_path / "out"
    out.mkdir()
    (out / "FR-U001.pdf").write_bytes(b"an earlier merge's")  # the first letter's file name
    shown: list[m.Preflight] = []
    with pytest.raises(ValidationError, match="Union \U00013000 Local cannot be made"):
        m.merge(engine, world.letter_id, m.Recipients(affiliates_of=world.federation_id),
                m.MergeOutput.at(out), checked=shown.append)  # fmt: skip
    assert [row.number for row in shown[0].refused] == [2 * m.WRITE_CHUNK + 10]  # no font has it
    assert shown[0].rows[0].file_name == "FR-U001.pdf"
    assert len(added) == 2 * m.WRITE_CHUNK  # taken in before the last letter failed...
    assert snapshot(db_path) == before  # ...and rolled back
    assert [p.name for p in out.iterdir()] == ["FR-U001.pdf"]  # no file written meanwhile
    assert (out / "FR-U001.pdf").read_bytes() == b"an earlier merge's"
