"""Drafts kept in the database: one per form, replaced as typing goes on, gone when discarded."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import Engine

from organiser import store
from organiser.services import drafts


def test_a_draft_is_kept_on_disk_with_its_values_and_read_back_as_plain_data(
    engine: Engine, db_path: Path
) -> None:
    with store.transaction(engine) as session:
        drafts.save_draft(
            session, "letter:12", "letter", 12, "Edit letter “Solidarity”", {"subject": "Сила"}
        )
    with sqlite3.connect(db_path) as raw:
        assert raw.execute("SELECT key, form, record_id FROM draft").fetchall() == [
            ("letter:12", "letter", 12)
        ]
    with store.transaction(engine) as session:
        kept = drafts.get_draft(session, "letter:12")
    assert kept is not None
    assert kept.payload == {"subject": "Сила"}
    assert kept.label == "Edit letter “Solidarity”"
    assert kept.saved_at.tzinfo is not None


def test_saving_under_the_same_key_replaces_the_draft_instead_of_adding_one(
    engine: Engine,
) -> None:
    with store.transaction(engine) as session:
        drafts.save_draft(session, "campaign:new:1", "campaign", None, "New campaign", {"t": "a"})
    with store.transaction(engine) as session:
        first = drafts.get_draft(session, "campaign:new:1")
        drafts.save_draft(session, "campaign:new:1", "campaign", None, "New campaign", {"t": "ab"})
    with store.transaction(engine) as session:
        kept = drafts.list_drafts(session)
    assert [d.payload for d in kept] == [{"t": "ab"}]
    assert first is not None and kept[0].saved_at >= first.saved_at


def test_drafts_are_listed_most_recently_typed_first(engine: Engine) -> None:
    for key in ("campaign:1", "letter:2", "action:new:3"):
        with store.transaction(engine) as session:
            drafts.save_draft(session, key, key.split(":")[0], None, key, {})
    with store.transaction(engine) as session:
        drafts.save_draft(session, "campaign:1", "campaign", 1, "again", {})
    with store.transaction(engine) as session:
        assert [d.key for d in drafts.list_drafts(session)] == [
            "campaign:1",
            "action:new:3",
            "letter:2",
        ]


def test_discarding_removes_the_draft_and_discarding_a_missing_one_is_harmless(
    engine: Engine,
) -> None:
    with store.transaction(engine) as session:
        drafts.save_draft(session, "person:4", "person", 4, "Edit person", {"name": "Kim"})
    with store.transaction(engine) as session:
        drafts.discard_draft(session, "person:4")
        drafts.discard_draft(session, "person:4")
    with store.transaction(engine) as session:
        assert drafts.list_drafts(session) == []
        assert drafts.get_draft(session, "person:4") is None


def test_a_damaged_payload_is_offered_empty_rather_than_breaking_the_start(
    engine: Engine, db_path: Path
) -> None:
    with store.transaction(engine) as session:
        drafts.save_draft(session, "letter:1", "letter", 1, "Edit letter", {"body": "x"})
    with sqlite3.connect(db_path) as raw:
        raw.execute("UPDATE draft SET payload = '{not json'")
    with store.transaction(engine) as session:
        assert drafts.list_drafts(session)[0].payload == {}
