"""What went out stays as it went out: a letter approved or sent keeps its own copy of its
sender, signatories and recipients when they are renamed or deleted; a draft follows them."""

from __future__ import annotations

import dataclasses
import io
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from sqlalchemy import Engine

from organiser import store
from organiser.models import LetterStatus
from organiser.pdf.fonts import load_fonts
from organiser.pdf.letter import render_letter
from organiser.services import letter_register as register
from organiser.services import letters, organisations
from organiser.services.organisations import OrganisationFields, PersonFields
from tests.letter_world import World, make_world


def shown(view: letters.LetterView) -> dict[str, Any]:
    """The register entry as a person reads it: everything but the links to live records."""
    entry = dataclasses.asdict(view)
    entry.pop("sender_id")
    for key in ("signatories", "to", "cc"):
        entry[key] = [(party["name"], party["detail"]) for party in entry[key]]
    return entry


def send(engine: Engine, world: World) -> bytes:
    """Mark the world's letter sent, keeping the PDF that went out, as both doors do."""
    with store.transaction(engine) as session:
        data = render_letter(register.printable_letter(session, world.letter_id), load_fonts())
        kept = register.keep_pdf(session, world.letter_id, data)
        register.mark_sent(
            session, world.letter_id, "2026-03-03", "email", expected_version=kept.version
        )
    return data


def set_status(engine: Engine, letter_id: int, status: LetterStatus) -> None:
    with store.transaction(engine) as session:
        view = letters.get_letter(session, letter_id)
        fields = view.fields()
        fields.status = status
        letters.update_letter(session, letter_id, fields, view.version)


def rename_organisation(engine: Engine, organisation_id: int, name: str, address: str) -> None:
    with store.transaction(engine) as session:
        view = organisations.get_organisation(session, organisation_id)
        fields = OrganisationFields(name=name, address=address, kind=view.kind)
        organisations.update_organisation(session, organisation_id, fields, view.version)


def rename_person(engine: Engine, person_id: int, name: str, title: str) -> None:
    with store.transaction(engine) as session:
        person = organisations.get_person(session, person_id)
        fields = PersonFields(name=name, title=title, organisation_id=person.organisation_id)
        organisations.update_person(session, person_id, fields, person.version)


def letter(engine: Engine, letter_id: int) -> letters.LetterView:
    with store.transaction(engine) as session:
        return letters.get_letter(session, letter_id)


def test_deleting_the_recipient_sender_and_signatory_leaves_a_sent_letter_as_it_went_out(
    engine: Engine,
) -> None:
    world = make_world(engine)
    kept = send(engine, world)
    before = letter(engine, world.letter_id)
    with store.transaction(engine) as session:
        organisations.delete_organisation(session, world.union_id)
        organisations.delete_organisation(session, world.sender_id)
        organisations.delete_person(session, world.signatory_id)
    after = letter(engine, world.letter_id)
    assert shown(after) == shown(before)
    assert after.sender_name == "IndustriALL Global Union"
    assert [p.name for p in after.to] == ["전국민주노동조합총연맹"]
    assert [(p.name, p.detail) for p in after.signatories] == [
        ("Айгүл Сағынтайқызы", "General Secretary")
    ]
    assert after.cc[0].detail == "General Secretary, IndustriALL Global Union"
    # the links are gone (the records are), so nothing can follow them to someone else
    assert after.sender_id is None
    assert [p.ref for p in [*after.to, *after.cc, *after.signatories]] == [None, None, None]
    with store.transaction(engine) as session:
        assert register.kept_pdf(session, world.letter_id) == kept
        assert [v.subject for v in letters.list_letters(session)] == [before.subject]


def test_renaming_after_sending_leaves_the_sent_letter_alone(engine: Engine) -> None:
    world = make_world(engine)
    send(engine, world)
    before = letter(engine, world.letter_id)
    rename_organisation(engine, world.union_id, "KCTU", "Seoul")
    rename_organisation(engine, world.sender_id, "IndustriALL", "Geneva")
    rename_person(engine, world.signatory_id, "A. Sagyntaikyzy", "Former General Secretary")
    after = letter(engine, world.letter_id)
    assert after == before  # links and all: the records still exist
    assert [p.name for p in after.to] == ["전국민주노동조합총연맹"]


def test_a_draft_follows_its_people_when_they_are_renamed_and_loses_them_when_deleted(
    engine: Engine,
) -> None:
    world = make_world(engine)
    rename_organisation(engine, world.union_id, "KCTU", "Seoul")
    rename_person(engine, world.signatory_id, "A. Sagyntaikyzy", "President")
    draft = letter(engine, world.letter_id)
    assert [p.name for p in draft.to] == ["KCTU"]
    assert [(p.name, p.detail) for p in draft.signatories] == [("A. Sagyntaikyzy", "President")]
    with store.transaction(engine) as session:
        organisations.delete_organisation(session, world.union_id)
        organisations.delete_person(session, world.signatory_id)
    draft = letter(engine, world.letter_id)
    assert draft.to == [] and draft.cc == [] and draft.signatories == []
    assert draft.sender_name == "IndustriALL Global Union"


def test_an_approved_letter_prints_from_its_copy_even_after_its_recipient_is_deleted(
    engine: Engine,
) -> None:
    world = make_world(engine)
    set_status(engine, world.letter_id, LetterStatus.APPROVED)
    rename_organisation(engine, world.sender_id, "Renamed Sender", "Elsewhere")
    with store.transaction(engine) as session:
        organisations.delete_organisation(session, world.union_id)
        page = register.printable_letter(session, world.letter_id)
    assert (page.sender_name, page.sender_address) == (
        "IndustriALL Global Union",
        "54 bis, route des Acacias\n1227 Geneva",
    )
    assert page.addressees == (register.PrintParty("전국민주노동조합총연맹", ("서울 중구",)),)
    assert page.cc == ("Айгүл Сағынтайқызы (IndustriALL Global Union)",)
    assert [(s.name, s.title, s.organisation) for s in page.signatories] == [
        ("Айгүл Сағынтайқызы", "General Secretary", "IndustriALL Global Union")
    ]


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
def test_the_pdf_of_an_approved_letter_names_a_deleted_recipient(
    engine: Engine, tmp_path: Path
) -> None:
    world = make_world(engine)
    set_status(engine, world.letter_id, LetterStatus.APPROVED)
    with store.transaction(engine) as session:
        organisations.delete_organisation(session, world.union_id)
        data = render_letter(register.printable_letter(session, world.letter_id), load_fonts())
    path = tmp_path / "approved.pdf"
    path.write_bytes(data)
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "전국민주노동조합총연맹" in text and "서울 중구" in text


def test_saving_an_approved_letter_again_takes_the_copy_afresh_and_a_draft_follows_again(
    engine: Engine,
) -> None:
    world = make_world(engine)
    set_status(engine, world.letter_id, LetterStatus.APPROVED)
    rename_organisation(engine, world.union_id, "KCTU", "Seoul")
    assert [p.name for p in letter(engine, world.letter_id).to] == ["전국민주노동조합총연맹"]
    set_status(engine, world.letter_id, LetterStatus.APPROVED)  # what the editor showed
    assert [p.name for p in letter(engine, world.letter_id).to] == ["KCTU"]
    rename_organisation(engine, world.union_id, "KCTU (Korea)", "Seoul")
    set_status(engine, world.letter_id, LetterStatus.DRAFT)
    assert [p.name for p in letter(engine, world.letter_id).to] == ["KCTU (Korea)"]


def test_a_draft_sent_straight_away_is_fixed_when_marked_sent(engine: Engine) -> None:
    world = make_world(engine)
    send(engine, world)
    rename_organisation(engine, world.union_id, "KCTU", "Seoul")
    assert [p.name for p in letter(engine, world.letter_id).to] == ["전국민주노동조합총연맹"]


def test_a_duplicate_of_a_sent_letter_leaves_out_who_has_been_deleted(engine: Engine) -> None:
    world = make_world(engine)
    send(engine, world)
    with store.transaction(engine) as session:
        organisations.delete_organisation(session, world.union_id)
        copy = letters.duplicate_letter(session, world.letter_id)
    assert copy.status is LetterStatus.DRAFT
    assert copy.to == [] and [p.ref for p in copy.cc] == [("person", world.signatory_id)]


def test_the_letters_that_keep_a_copy_are_named_newest_first_with_how_many(
    engine: Engine,
) -> None:
    world = make_world(engine)
    with store.transaction(engine) as session:
        assert letters.fixed_letters_naming(session, ("org", world.union_id)).total == 0
        fields = letters.get_letter(session, world.letter_id).fields()
        for day in range(3, 8):
            fields.letter_date = f"2026-04-0{day}"
            fields.subject = f"Letter {day}"
            fields.status = LetterStatus.APPROVED
            letters.create_letter(session, fields)
    with store.transaction(engine) as session:
        union = letters.fixed_letters_naming(session, ("org", world.union_id))
        signer = letters.fixed_letters_naming(session, ("person", world.signatory_id), limit=1)
        sender = letters.fixed_letters_naming(session, ("org", world.sender_id))
    assert union.first == [
        ("Letter 7", "IALL/KZ/2026-3"),
        ("Letter 6", "IALL/KZ/2026-3"),
        ("Letter 5", "IALL/KZ/2026-3"),
    ]
    assert union.total == 5  # the draft is not among them: it loses the union
    assert (signer.first, signer.total) == ([("Letter 7", "IALL/KZ/2026-3")], 5)
    assert sender.total == 5


def test_a_signature_added_after_approval_is_printed_and_kept_after_the_person_goes(
    engine: Engine,
) -> None:
    world = make_world(engine)
    set_status(engine, world.letter_id, LetterStatus.APPROVED)
    image = io.BytesIO()
    Image.new("RGB", (40, 12), "navy").save(image, "PNG")
    with store.transaction(engine) as session:
        register.set_signature(session, world.signatory_id, ("signature.png", image.getvalue()))
        page = register.printable_letter(session, world.letter_id)
    assert page.signatories[0].signature == image.getvalue()
    set_status(engine, world.letter_id, LetterStatus.APPROVED)  # the copy takes it too
    with store.transaction(engine) as session:
        organisations.delete_person(session, world.signatory_id)
        page = register.printable_letter(session, world.letter_id)
    assert page.signatories[0].name == "Айгүл Сағынтайқызы"
    assert page.signatories[0].signature == image.getvalue()
