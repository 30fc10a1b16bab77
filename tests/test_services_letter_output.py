"""A letter on paper and on its way, in the services both doors call: the PDF kept or made and
kept, the editor's preview, marking sent, the reply's file, exporting many, the PDF settings."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine

from organiser import store
from organiser.errors import FileWriteError, ValidationError
from organiser.models import LetterStatus
from organiser.pdf.fonts import FontCoverageError
from organiser.services import attachments, letter_output, letter_sending, letters, pdf_settings
from organiser.services import letter_register as register
from organiser.services.pdf_settings import PdfOptions
from tests.cli.helpers import snapshot
from tests.letter_world import make_world


def get(engine: Engine, letter_id: int) -> letters.LetterView:
    with store.transaction(engine) as session:
        return letters.get_letter(session, letter_id)


def test_a_drafts_pdf_is_made_now_and_kept(engine: Engine) -> None:
    world = make_world(engine)
    with store.transaction(engine) as session:
        made = letter_output.letter_pdf(session, world.letter_id)
    assert made.data.startswith(b"%PDF") and not made.as_sent
    with store.transaction(engine) as session:
        assert register.kept_pdf(session, world.letter_id) == made.data
        again = letter_output.letter_pdf(session, world.letter_id)
    assert not again.as_sent  # a draft is made afresh each time: today's text


def test_a_sent_letters_pdf_is_the_one_that_went_out_on_its_own_paper(engine: Engine) -> None:
    world = make_world(engine)
    with store.transaction(engine) as session:
        letter_sending.mark_sent(
            session, world.letter_id, "2026-03-03", "email", expected_version=1
        )
    with store.transaction(engine) as session:
        went_out = register.kept_pdf(session, world.letter_id)
        made = letter_output.letter_pdf(session, world.letter_id, paper="letter")
    assert made.as_sent and made.data == went_out


def test_the_paper_given_is_used_instead_of_the_settings(engine: Engine) -> None:
    world = make_world(engine)
    with store.transaction(engine) as session:
        a4 = letter_output.letter_pdf(session, world.letter_id).data
        letter = letter_output.letter_pdf(session, world.letter_id, paper="letter").data
    assert b"/MediaBox [ 0 0 595.2756 841.8898 ]" in a4
    assert b"/MediaBox [ 0 0 612 792 ]" in letter


def test_a_pdf_that_cannot_be_written_keeps_nothing(
    engine: Engine, db_path: Path, tmp_path: Path
) -> None:
    world = make_world(engine)
    before = snapshot(db_path)
    target = tmp_path / "a-folder.pdf"
    target.mkdir()  # a file cannot replace it
    with pytest.raises(FileWriteError), store.transaction(engine) as session:
        letter_output.write_letter_pdf(session, world.letter_id, target)
    assert snapshot(db_path) == before and target.is_dir()


def test_a_pdf_written_is_the_one_kept(engine: Engine, tmp_path: Path) -> None:
    world = make_world(engine)
    target = tmp_path / "letter.pdf"
    with store.transaction(engine) as session:
        made = letter_output.write_letter_pdf(session, world.letter_id, target)
    with store.transaction(engine) as session:
        assert target.read_bytes() == made.data == register.kept_pdf(session, world.letter_id)


def test_the_preview_renders_what_is_typed_and_saves_nothing(engine: Engine, db_path: Path) -> None:
    world = make_world(engine)
    fields = get(engine, world.letter_id).fields()
    fields.subject = "Typed, not saved"
    before = snapshot(db_path)
    with store.transaction(engine) as session:
        pdf = letter_output.preview_pdf(session, fields)
    assert pdf.startswith(b"%PDF") and snapshot(db_path) == before
    fields.body = "A sign: \U00013000"
    with pytest.raises(FontCoverageError, match="U\\+13000"), store.transaction(engine) as session:
        letter_output.preview_pdf(session, fields)
    fields.subject = ""
    with pytest.raises(ValidationError) as refused, store.transaction(engine) as session:
        letter_output.preview_pdf(session, fields)
    assert refused.value.field == "subject"


def test_marking_sent_keeps_the_pdf_of_the_text_as_it_went_out(engine: Engine) -> None:
    world = make_world(engine)
    with store.transaction(engine) as session:
        sent = letter_sending.mark_sent(
            session, world.letter_id, "2026-03-03", "registered-post", "RR1CH", expected_version=1
        )
        assert sent.status is LetterStatus.SENT and sent.pdf_id is not None
        kept = register.kept_pdf(session, world.letter_id)
    assert kept is not None and kept.startswith(b"%PDF")


def test_a_refused_sending_keeps_no_pdf(engine: Engine, db_path: Path) -> None:
    world = make_world(engine)
    before = snapshot(db_path)
    with pytest.raises(ValidationError) as refused, store.transaction(engine) as session:
        letter_sending.mark_sent(
            session, world.letter_id, "2026-03-03", "pigeon", expected_version=1
        )
    assert refused.value.field == "channel" and snapshot(db_path) == before


def test_the_reply_is_recorded_with_its_file(engine: Engine, tmp_path: Path) -> None:
    world = make_world(engine)
    scan = tmp_path / "answer.pdf"
    scan.write_bytes(b"%PDF-1.4 the ministry's answer")
    with store.transaction(engine) as session:
        sent = letter_sending.mark_sent(
            session, world.letter_id, "2026-03-03", "email", expected_version=1
        )
        answered = letter_sending.record_reply(
            session, world.letter_id, "2026-04-01", "Acknowledged", scan,
            expected_version=sent.version,
        )  # fmt: skip
        assert answered.status is LetterStatus.ANSWERED and answered.reply_file_id is not None
        assert attachments.attachment_data(session, answered.reply_file_id) == scan.read_bytes()


def test_a_reply_whose_file_is_missing_is_refused_at_the_file(
    engine: Engine, db_path: Path, tmp_path: Path
) -> None:
    world = make_world(engine)
    with store.transaction(engine) as session:
        sent = letter_sending.mark_sent(
            session, world.letter_id, "2026-03-03", "email", expected_version=1
        )
    before = snapshot(db_path)
    with pytest.raises(ValidationError) as refused, store.transaction(engine) as session:
        letter_sending.record_reply(
            session, world.letter_id, "2026-04-01", "", tmp_path / "gone",
            expected_version=sent.version,
        )  # fmt: skip
    assert refused.value.field == "reply_file" and snapshot(db_path) == before


def test_export_writes_sent_letters_as_they_went_out_and_leaves_the_database(
    engine: Engine, db_path: Path, tmp_path: Path
) -> None:
    world = make_world(engine)
    with store.transaction(engine) as session:
        draft = letters.duplicate_letter(session, world.letter_id)
        letter_sending.mark_sent(
            session, world.letter_id, "2026-03-03", "email", expected_version=1
        )
        went_out = register.kept_pdf(session, world.letter_id)
    before = snapshot(db_path)
    seen: list[tuple[int, int]] = []
    written = letter_output.export_letters(
        engine, tmp_path, progress=lambda done, total: seen.append((done, total))
    )
    assert written == 2 and snapshot(db_path) == before
    assert (tmp_path / f"letter-{world.letter_id}-IALL-KZ-2026-3.pdf").read_bytes() == went_out
    assert next(tmp_path.glob(f"letter-{draft.id}-*.pdf")).read_bytes().startswith(b"%PDF")
    assert seen[-1] == (2, 2)  # every file written: the kept one copied, the other rendered
    only_sent = letters.LetterFilter(status="sent")
    assert letter_output.export_letters(engine, tmp_path / "sent", only_sent) == 1
    assert letter_output.export_letters(engine, tmp_path / "none", stop=lambda: True) == 1


def test_an_export_reads_its_letters_a_part_at_a_time(
    engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """However many letters, memory holds one part's: each part planned in a unit of work of
    its own (the ids read first, in the register's order), its files written before the next."""
    world = make_world(engine)
    with store.transaction(engine) as session:
        copies = [letters.duplicate_letter(session, world.letter_id).id for _ in range(4)]
    planned: list[tuple[int, ...]] = []
    plan = register.plan_export

    def spy(session, where=None, ids=None):  # type: ignore[no-untyped-def]
        planned.append(tuple(ids))
        return plan(session, where, ids)

    monkeypatch.setattr(letter_output, "EXPORT_PART", 2)
    monkeypatch.setattr(register, "plan_export", spy)
    seen: list[tuple[int, int]] = []
    written = letter_output.export_letters(
        engine, tmp_path, progress=lambda done, total: seen.append((done, total))
    )
    with store.transaction(engine) as session:
        in_order = tuple(view.id for view in letters.list_letters(session))
    assert written == 5 and len(list(tmp_path.glob("letter-*.pdf"))) == 5
    assert planned == [in_order[0:2], in_order[2:4], in_order[4:5]]
    assert sorted(in_order) == sorted([world.letter_id, *copies])
    assert seen[-1] == (5, 5) and [done for done, _ in seen] == sorted(d for d, _ in seen)
    planned.clear()
    stopped = letter_output.export_letters(engine, tmp_path / "stopped", stop=lambda: True)
    assert stopped == 0 and planned == [in_order[0:2]]  # Cancel: no other part is read


def test_the_pdf_options_are_the_settings_read_once(tmp_path: Path) -> None:
    assert pdf_settings.pdf_options() == PdfOptions((), "a4", 20.0)
    font = next(Path("/usr/share/fonts").rglob("DejaVuSans.ttf"))
    pdf_settings.save_pdf_options(PdfOptions((str(font),), "letter", 25))
    assert pdf_settings.pdf_options() == PdfOptions((str(font),), "letter", 25.0)
    assert pdf_settings.pdf_options(paper="a4").paper == "a4"  # the command line's --paper
    not_a_font = tmp_path / "notes.ttf"
    not_a_font.write_text("not a font")
    assert "cannot be embedded" in (pdf_settings.font_file_problem(not_a_font) or "")
    assert pdf_settings.font_file_problem(font) is None


def test_an_export_plan_reads_the_letters_once_not_once_more_each(engine: Engine) -> None:
    """The register's letters are read in a query or two (their people with them); each
    draft's page is made from that, not read again letter by letter: an export of a thousand
    starts in a second or two. The pages are those of the letters read one by one."""
    import re

    from sqlalchemy import event

    world = make_world(engine)
    with store.transaction(engine) as session:
        copies = [letters.duplicate_letter(session, world.letter_id).id for _ in range(5)]
    reads: list[str] = []

    def count(_conn, _cursor, statement, *_args) -> None:  # type: ignore[no-untyped-def]
        if re.search(r"^\s*SELECT\s.*\sFROM letter\b", statement, re.S | re.I):
            reads.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        with store.transaction(engine) as session:
            plan = register.plan_export(session)
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert len(reads) == 2, [r[-200:] for r in reads]  # the list, then the letters held
    with store.transaction(engine) as session:
        expected = {n: register.printable_letter(session, n) for n in [world.letter_id, *copies]}
    assert {int(name.split("-")[1]): page for name, page in plan.to_render} == expected
