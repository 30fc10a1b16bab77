"""Co-signed statements: the committed organisations read back from the PDF (sixty of them, in
columns, over two pages, Korean and Cyrillic names in their own faces), both orders, the diff
of a re-issue, and a sent statement's co-signers kept as they went out."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from sqlalchemy import Engine

from organiser import store
from organiser.errors import ValidationError
from organiser.services import (
    commitments,
    letter_output,
    letter_sending,
    letters,
    organisations,
    statement_issues,
    statements,
    trash,
)
from organiser.services.archive import export_archive, import_archive
from tests.statement_world import make_statement_world, union_name

LONG_BODY = "\n\n".join(
    ["We, the undersigned organisations, stand with the strikers and demand their release "
     "without conditions, and an end to every prosecution brought against them."] * 12
)  # fmt: skip


def _text(pdf: bytes, tmp_path: Path, *options: str) -> str:
    path = tmp_path / "statement.pdf"
    path.write_bytes(pdf)
    done = subprocess.run(["pdftotext", *options, str(path), "-"], capture_output=True, check=True)
    return done.stdout.decode("utf-8")


def _set_body(engine: Engine, letter_id: int, body: str) -> None:
    with store.transaction(engine, write=True) as session:
        view = letters.get_letter(session, letter_id)
        fields = view.fields()
        fields.body = body
        letters.update_letter(session, letter_id, fields, view.version)


def _pdf(engine: Engine, letter_id: int) -> bytes:
    with store.transaction(engine, write=True) as session:
        return letter_output.letter_pdf(session, letter_id).data


def test_sixty_cosigners_print_in_columns_over_two_pages(engine: Engine, tmp_path: Path) -> None:
    world = make_statement_world(engine)
    _set_body(engine, world.letter_id, LONG_BODY)
    pdf = _pdf(engine, world.letter_id)
    text = _text(pdf, tmp_path)
    pages = text.split("\f")
    assert len([p for p in pages if p.strip()]) == 2
    joined = " ".join(text.split())  # a long name wraps inside its column
    for number in range(60):
        assert joined.count(union_name(number)) == 1, union_name(number)
    assert any(union_name(n) in pages[1] for n in range(60))  # the block continues
    assert "South Korea" in text and "Kazakhstan" in text  # country headings
    layout = _text(pdf, tmp_path, "-layout")
    assert any(line.count("Union of Workers Number") >= 2 for line in layout.splitlines())
    fonts = subprocess.run(
        ["pdffonts", str(tmp_path / "statement.pdf")], capture_output=True, check=True
    ).stdout.decode()
    assert "Nanum" in fonts  # the Hangul names in a face that has them


def test_cosigners_are_the_committed_organisations_once_in_either_order(engine: Engine) -> None:
    world = make_statement_world(engine, count=6)
    with store.transaction(engine, write=True) as session:
        view = commitments.get_commitment(session, world.commitment_ids[5])
        commitments.set_status(session, view.id, "withdrawn", expected_version=view.version)
        by_country = statements.cosigners(session, world.letter_id)
        letter = letters.get_letter(session, world.letter_id)
        statements.set_cosigned(
            session, world.letter_id, "committed", "name", expected_version=letter.version
        )
        by_name = statements.cosigners(session, world.letter_id)
    names = [union_name(n) for n in range(5)]
    assert sorted(s.name for s in by_country) == sorted(names)  # the first once, not twice
    assert [s.name for s in by_name] == sorted(names, key=str.casefold)
    # By country: by the countries' names (France, Germany, Kazakhstan, Russia, South Korea).
    assert [s.country for s in by_country] == ["FR", "DE", "KZ", "RU", "KR"]


def test_a_reissue_says_who_joined_and_who_withdrew(engine: Engine, tmp_path: Path) -> None:
    world = make_statement_world(engine, count=5)
    with store.transaction(engine, write=True) as session:
        first = statement_issues.issue(session, world.letter_id)
    assert first.issue.number == 1 and first.issue.added == ()
    with store.transaction(engine, write=True) as session:
        joined = organisations.create_organisation(
            session, organisations.OrganisationFields(name="Unión de Trabajadores", country="ES")
        )
        commitments.create_commitment(
            session,
            commitments.CommitmentFields(
                campaign_id=world.campaign_id, organisation_id=joined.id, what="Sign"
            ),
        )
        view = commitments.get_commitment(session, world.commitment_ids[3])
        commitments.set_status(session, view.id, "withdrawn", expected_version=view.version)
        second = statement_issues.issue(session, world.letter_id, say_changes=True)
    assert [r.name for r in second.issue.added] == ["Unión de Trabajadores"]
    assert [r.name for r in second.issue.withdrawn] == [union_name(3)]
    text = _text(second.pdf, tmp_path)
    assert "Signatories added since the issue of" in text and "Unión de Trabajadores" in text
    assert "Withdrawn since the issue of" in text
    with store.transaction(engine) as session:
        kept = statement_issues.list_issues(session, world.letter_id)
        assert statement_issues.issue_pdf(session, world.letter_id, 1) == first.pdf
    assert [i.number for i in kept] == [1, 2]
    assert [r.name for r in kept[1].withdrawn] == [union_name(3)]


def test_a_sent_statement_keeps_its_cosigners_as_they_went_out(
    engine: Engine, tmp_path: Path
) -> None:
    world = make_statement_world(engine, count=4)
    with store.transaction(engine, write=True) as session:
        letter = letters.get_letter(session, world.letter_id)
        letter_sending.mark_sent(
            session, world.letter_id, "2026-03-03", "email", expected_version=letter.version
        )
    went_out = _pdf(engine, world.letter_id)
    with store.transaction(engine, write=True) as session:
        late = organisations.create_organisation(
            session, organisations.OrganisationFields(name="Late Joiners Union", country="FR")
        )
        commitments.create_commitment(
            session,
            commitments.CommitmentFields(
                campaign_id=world.campaign_id, organisation_id=late.id, what="Sign"
            ),
        )
        organisations.delete_organisation(session, world.organisation_ids[1])
        names = [s.name for s in statements.cosigners(session, world.letter_id)]
        letter = letters.get_letter(session, world.letter_id)
        with pytest.raises(ValidationError, match="gone out"):
            statements.set_cosigned(
                session, world.letter_id, "none", expected_version=letter.version
            )
    assert sorted(names) == sorted(union_name(n) for n in range(4))
    assert _pdf(engine, world.letter_id) == went_out
    assert union_name(1) in _text(went_out, tmp_path)
    assert "Late Joiners Union" not in _text(went_out, tmp_path)


def test_a_deleted_statement_takes_its_issues_to_the_trash_and_back(engine: Engine) -> None:
    world = make_statement_world(engine, count=3)
    with store.transaction(engine, write=True) as session:
        statement_issues.issue(session, world.letter_id)
        entry = letters.delete_letter(session, world.letter_id)
    with store.transaction(engine, write=True) as session:
        trash.restore(session, entry.id)
    with store.transaction(engine) as session:
        kept = statement_issues.list_issues(session, world.letter_id)
        assert len(kept) == 1 and len(kept[0].signatories) == 3
        assert statement_issues.issue_pdf(session, world.letter_id, 1).startswith(b"%PDF")


def test_a_letter_not_cosigned_cannot_be_issued(engine: Engine) -> None:
    world = make_statement_world(engine, count=2)
    with store.transaction(engine, write=True) as session:
        letter = letters.get_letter(session, world.letter_id)
        statements.set_cosigned(session, world.letter_id, "none", expected_version=letter.version)
        with pytest.raises(ValidationError, match="not signed by the organisations"):
            statement_issues.issue(session, world.letter_id)
        letter = letters.get_letter(session, world.letter_id)
        with pytest.raises(ValidationError, match="everybody"):
            statements.set_cosigned(
                session, world.letter_id, "everybody", expected_version=letter.version
            )


def test_a_statements_issues_and_setting_travel_in_the_archive(
    engine: Engine, tmp_path: Path
) -> None:
    world = make_statement_world(engine, count=3)
    with store.transaction(engine, write=True) as session:
        issued = statement_issues.issue(session, world.letter_id)
        uuid = letters.get_letter(session, world.letter_id).uuid
    path = tmp_path / "all.zip"
    export_archive(engine, path)
    other = store.open_database(str(tmp_path / "other.sqlite3"))
    try:
        assert import_archive(other, path).written
        with store.transaction(other) as session:
            found = next(v for v in letters.list_letters(session) if v.uuid == uuid)
            kept = statement_issues.list_issues(session, found.id)
            assert found.cosigned_by.value == "committed"
            assert [len(i.signatories) for i in kept] == [3]
            assert statement_issues.issue_pdf(session, found.id, 1) == issued.pdf
    finally:
        other.dispose()


def test_a_batch_in_worker_processes_prints_a_statements_cosigners(
    engine: Engine, tmp_path: Path
) -> None:
    """A batch hands its worker processes a plain copy of each letter: the co-signers go too."""
    from organiser.pdf.batch import LETTERS_PER_WORKER, LetterFile, export_letters
    from organiser.services.letter_register import printable_letter

    world = make_statement_world(engine, count=6)
    with store.transaction(engine) as session:
        statement = printable_letter(session, world.letter_id)
    count = 2 * LETTERS_PER_WORKER  # enough for two workers
    files = [LetterFile(statement, tmp_path / f"{n}.pdf") for n in range(count)]
    assert export_letters(files, workers=2) == count
    for path in (files[0].path, files[-1].path):
        text = " ".join(_text(path.read_bytes(), tmp_path).split())
        assert all(union_name(n) in text for n in range(6)), path.name
