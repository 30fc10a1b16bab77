"""A letter's language versions on a real database: out of date once the original changes, marked
current, missing languages, refusals, a sent letter's versions kept, and the PDF in a version's
language (read back with pdftotext), falling back to the original."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from sqlalchemy import Engine

from organiser import store
from organiser.errors import ValidationError
from organiser.services import letter_sending, letter_versions, letters, organisations, trash
from organiser.services.letter_versions import VersionFields, VersionState
from tests.letter_world import World, make_world
from tests.trash_world import all_rows

needs_pdftotext = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils")


@pytest.fixture
def world(engine: Engine) -> World:
    return make_world(engine)


def _versions(engine: Engine, letter_id: int) -> letter_versions.LetterVersions:
    with store.transaction(engine) as session:
        return letter_versions.list_versions(session, letter_id)


def _set(engine: Engine, letter_id: int, language: str, subject: str, body: str) -> None:
    with store.transaction(engine, write=True) as session:
        letter_versions.set_version(session, letter_id, language, subject, body)


def _change_original(engine: Engine, letter_id: int, body: str) -> None:
    with store.transaction(engine, write=True) as session:
        view = letters.get_letter(session, letter_id)
        fields = view.fields()
        fields.body = body
        letters.update_letter(session, letter_id, fields, view.version)


def test_a_version_goes_out_of_date_when_the_original_changes_and_back_when_marked(
    engine: Engine, world: World
) -> None:
    _set(engine, world.letter_id, "fr", "Solidarité", "Chers camarades")
    assert _versions(engine, world.letter_id).version("fr").state is VersionState.UP_TO_DATE
    _change_original(engine, world.letter_id, "A new paragraph.")
    assert _versions(engine, world.letter_id).version("fr").state is VersionState.OUT_OF_DATE
    with store.transaction(engine, write=True) as session:
        letter_versions.mark_current(session, world.letter_id, "fr")
    assert _versions(engine, world.letter_id).version("fr").state is VersionState.UP_TO_DATE


def test_setting_again_replaces_and_remove_takes_it_away(engine: Engine, world: World) -> None:
    _set(engine, world.letter_id, "fr", "Solidarité", "Un")
    _set(engine, world.letter_id, "FR", "Solidarité !", "Deux")
    found = _versions(engine, world.letter_id)
    assert [(x.language, x.subject, x.body) for x in found.versions] == [
        ("fr", "Solidarité !", "Deux")
    ]
    with store.transaction(engine, write=True) as session:
        letter_versions.remove_version(session, world.letter_id, "fr")
    assert _versions(engine, world.letter_id).versions == ()


def test_the_recipients_languages_without_a_version_are_missing(
    engine: Engine, world: World
) -> None:
    with store.transaction(engine, write=True) as session:
        kctu = organisations.create_organisation(
            session, organisations.OrganisationFields(name="KCTU", language="ko")
        )
        view = letters.get_letter(session, world.letter_id)
        fields = view.fields()
        fields.to = [*fields.to, ("org", kctu.id)]
        letters.update_letter(session, world.letter_id, fields, view.version)
    assert _versions(engine, world.letter_id).missing == ("ko",)
    _set(engine, world.letter_id, "ko", "연대", "친애하는 동지들")
    assert _versions(engine, world.letter_id).missing == ()


@pytest.mark.parametrize(
    ("language", "subject", "body", "field"),
    [
        ("xx", "S", "B", "language"),
        ("english", "S", "B", "language"),
        ("en", "S", "B", "language"),  # the original's own language
        ("fr", "  ", "B", "subject"),
        ("fr", "S", "", "body"),
    ],
)
def test_bad_versions_are_refused_and_nothing_written(
    engine: Engine, world: World, language: str, subject: str, body: str, field: str
) -> None:
    with pytest.raises(ValidationError) as refused, store.transaction(engine, write=True) as s:
        letter_versions.set_version(s, world.letter_id, language, subject, body)
    assert refused.value.field == field
    assert _versions(engine, world.letter_id).versions == ()


def test_a_sent_letters_versions_cannot_change(engine: Engine, world: World) -> None:
    _set(engine, world.letter_id, "fr", "Solidarité", "Chers camarades")
    with store.transaction(engine, write=True) as session:
        view = letters.get_letter(session, world.letter_id)
        letter_sending.mark_sent(
            session, world.letter_id, "2026-03-03", "email", expected_version=view.version
        )
    assert _versions(engine, world.letter_id).frozen
    for change in (
        lambda s: letter_versions.set_version(s, world.letter_id, "de", "Solidarität", "Liebe"),
        lambda s: letter_versions.remove_version(s, world.letter_id, "fr"),
        lambda s: letter_versions.mark_current(s, world.letter_id, "fr"),
        lambda s: letter_versions.save_versions(s, world.letter_id, []),
    ):
        with pytest.raises(ValidationError), store.transaction(engine, write=True) as session:
            change(session)
    assert [x.language for x in _versions(engine, world.letter_id).versions] == ["fr"]


def test_saving_the_editors_versions_keeps_an_unchanged_ones_basis(
    engine: Engine, world: World
) -> None:
    _set(engine, world.letter_id, "fr", "Solidarité", "Un")
    _change_original(engine, world.letter_id, "Changed.")
    keep = VersionFields("fr", "Solidarité", "Un")
    new = VersionFields("de", "Solidarität", "Liebe Kollegen")
    with store.transaction(engine, write=True) as session:
        letter_versions.save_versions(session, world.letter_id, [keep, new])
    states = {x.language: x.state for x in _versions(engine, world.letter_id).versions}
    assert states == {"fr": VersionState.OUT_OF_DATE, "de": VersionState.UP_TO_DATE}


def _pdf_text(engine: Engine, world: World, language: str, tmp_path: Path) -> tuple[str, bool]:
    path = tmp_path / f"{language}.pdf"
    with store.transaction(engine) as session:
        made = letter_versions.write_version_pdf(session, world.letter_id, language, path)
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return text, made.fell_back


@needs_pdftotext
def test_the_pdf_in_french_and_korean_has_their_words_and_dates(
    engine: Engine, world: World, tmp_path: Path
) -> None:
    _set(engine, world.letter_id, "fr", "Solidarité et soutien", "Chers camarades du KCTU")
    _set(engine, world.letter_id, "ko", "연대와 지지", "친애하는 민주노총 동지들")
    french, fell_back = _pdf_text(engine, world, "fr", tmp_path)
    assert not fell_back
    assert "Solidarité et soutien" in french and "Chers camarades du KCTU" in french
    assert "2 mars 2026" in french and "Notre réf. : IALL/KZ/2026-3" in french
    korean, _ = _pdf_text(engine, world, "ko", tmp_path)
    assert "연대와 지지" in korean and "2026년 3월 2일" in korean and "문서번호" in korean
    assert "Solidarity & support" not in korean


@needs_pdftotext
def test_the_pdf_in_a_language_without_a_version_is_the_original(
    engine: Engine, world: World, tmp_path: Path
) -> None:
    text, fell_back = _pdf_text(engine, world, "de", tmp_path)
    assert fell_back
    assert "Solidarity & support <urgent>" in text and "2 March 2026" in text


def test_a_letter_deleted_and_restored_keeps_its_versions_and_their_state(
    engine: Engine, world: World
) -> None:
    _set(engine, world.letter_id, "fr", "Solidarité", "Chers camarades")
    _set(engine, world.letter_id, "ko", "연대", "동지들")
    _change_original(engine, world.letter_id, "Changed.")
    _set(engine, world.letter_id, "ko", "연대", "동지들께")
    before = all_rows(engine)
    with store.transaction(engine, write=True) as session:
        entry = letters.delete_letter(session, world.letter_id)
    with store.transaction(engine, write=True) as session:
        trash.restore(session, entry.id)
    assert all_rows(engine) == before
    states = {x.language: x.state for x in _versions(engine, world.letter_id).versions}
    assert states == {"fr": VersionState.OUT_OF_DATE, "ko": VersionState.UP_TO_DATE}
