"""Letters service on a real SQLite file: validation, the register's filters, sent and reply."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import Engine

from organiser import store
from organiser.errors import ConflictError, ValidationError
from organiser.models import Channel, LetterStatus
from organiser.services import attachments, letters
from organiser.services import letter_register as register
from tests.letter_world import make_world


def test_a_letter_keeps_its_people_in_order(engine: Engine) -> None:
    world = make_world(engine)
    with store.transaction(engine) as session:
        view = letters.get_letter(session, world.letter_id)
    assert view.status is LetterStatus.DRAFT
    assert [p.ref for p in view.to] == [("org", world.union_id)]
    assert [p.ref for p in view.cc] == [("person", world.signatory_id)]
    assert view.signatories[0].name == "Айгүл Сағынтайқызы"
    assert view.letter_date == date(2026, 3, 2)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"subject": "  "}, "subject"),
        ({"kind": "love-letter"}, "kind"),
        ({"letter_date": "2026-02-30"}, "letter_date"),
        ({"language": "xx"}, "language"),
        ({"sender_id": 999}, "sender_id"),
        ({"to": [("org", 999)]}, "to"),
        ({"signatory_ids": [999]}, "signatory_ids"),
        ({"status": "sent"}, "status"),
    ],
)
def test_bad_input_is_refused_at_its_field_and_nothing_saved(
    engine: Engine, change: dict[str, object], field: str
) -> None:
    world = make_world(engine)
    with store.transaction(engine) as session:
        fields = letters.get_letter(session, world.letter_id).fields()
    for key, value in change.items():
        setattr(fields, key, value)
    with pytest.raises(ValidationError) as error, store.transaction(engine) as session:
        letters.create_letter(session, fields)
    assert error.value.field == field
    with store.transaction(engine) as session:
        assert letters.count_letters(session) == 1


def test_edit_made_elsewhere_is_not_overwritten(engine: Engine) -> None:
    world = make_world(engine)
    with store.transaction(engine) as session:
        view = letters.get_letter(session, world.letter_id)
        fields = view.fields()
        fields.subject = "New subject"
        letters.update_letter(session, view.id, fields, view.version)
    with pytest.raises(ConflictError), store.transaction(engine) as session:
        letters.update_letter(session, view.id, fields, view.version)


def test_sent_then_answered_shows_in_the_register(engine: Engine) -> None:
    world = make_world(engine)
    with store.transaction(engine) as session:
        register.mark_sent(
            session, world.letter_id, "2026-03-03", "registered-post", "RR1CH", expected_version=1
        )
    with store.transaction(engine) as session:
        awaiting = letters.list_letters(session, letters.LetterFilter(awaiting_reply=True))
        assert [x.id for x in awaiting] == [world.letter_id]
        assert awaiting[0].channel is Channel.REGISTERED_POST
        assert awaiting[0].tracking_number == "RR1CH"
        register.record_reply(
            session,
            world.letter_id,
            "2026-04-01",
            "Acknowledged",
            ("reply.txt", b"Received."),
            expected_version=awaiting[0].version,
        )
    with store.transaction(engine) as session:
        view = letters.get_letter(session, world.letter_id)
        assert view.status is LetterStatus.ANSWERED
        assert view.reply_received_on == date(2026, 4, 1)
        assert view.reply_file_id is not None
        assert attachments.attachment_data(session, view.reply_file_id) == b"Received."
        assert letters.list_letters(session, letters.LetterFilter(awaiting_reply=True)) == []
        assert len(letters.list_letters(session, letters.LetterFilter(status="answered"))) == 1


def test_sending_and_reply_dates_must_make_sense(engine: Engine) -> None:
    world = make_world(engine)
    with pytest.raises(ValidationError) as error, store.transaction(engine) as session:
        register.record_reply(session, world.letter_id, "2026-04-01", expected_version=1)
    assert error.value.field == "received_on"
    with pytest.raises(ValidationError) as error, store.transaction(engine) as session:
        register.mark_sent(session, world.letter_id, "2026-03-01", "email", expected_version=1)
    assert error.value.field == "sent_on"
    with pytest.raises(ValidationError) as error, store.transaction(engine) as session:
        register.mark_sent(
            session, world.letter_id, "2026-03-05", "email", "RR1", expected_version=1
        )
    assert error.value.field == "tracking_number"


def test_a_sent_letter_cannot_be_edited_but_can_be_duplicated(engine: Engine) -> None:
    world = make_world(engine)
    with store.transaction(engine) as session:
        sent = register.mark_sent(
            session, world.letter_id, "2026-03-03", "email", expected_version=1
        )
    with pytest.raises(ValidationError), store.transaction(engine) as session:
        letters.update_letter(session, world.letter_id, sent.fields(), sent.version)
    with store.transaction(engine) as session:
        copy = letters.duplicate_letter(session, world.letter_id)
    assert copy.id != world.letter_id
    assert copy.status is LetterStatus.DRAFT
    assert copy.sent_on is None
    assert (copy.subject, copy.body, copy.to) == (sent.subject, sent.body, sent.to)


def test_register_filters_by_campaign_kind_and_period(engine: Engine) -> None:
    world = make_world(engine)

    def ids(**where: object) -> list[int]:
        with store.transaction(engine) as session:
            found = letters.list_letters(session, letters.LetterFilter(**where))  # type: ignore[arg-type]
        return [x.id for x in found]

    assert ids(campaign_id=world.campaign_id) == [world.letter_id]
    assert ids(campaign_id=world.campaign_id + 1) == []
    assert ids(kind="solidarity-letter") == [world.letter_id]
    assert ids(kind="statement") == []
    assert ids(date_from="2026-03-01", date_to="2026-03-31") == [world.letter_id]
    assert ids(date_from="2026-04-01") == []


def test_kept_pdf_is_the_letters_pdf(engine: Engine) -> None:
    world = make_world(engine)
    with store.transaction(engine) as session:
        view = register.keep_pdf(session, world.letter_id, b"%PDF-1.4 test")
        assert view.pdf_id is not None
        assert register.kept_pdf(session, world.letter_id) == b"%PDF-1.4 test"
