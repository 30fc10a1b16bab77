"""Searching every record: accents, case in any script, Korean words of two syllables and parts
of longer ones, a prefix as it is typed, a name in Latin letters finding its own script; and the
index kept right through edits, deletes, restores from the trash and imports."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import Engine, text

from organiser import store
from organiser.errors import ValidationError
from organiser.search.fold import fold, highlight, query_words
from organiser.services import campaigns, letter_versions, letters, organisations, search, trash
from organiser.services.affiliates_import import import_affiliates, read_spreadsheet
from organiser.services.campaigns import CampaignFields
from organiser.services.letters import LetterFields
from organiser.services.organisations import OrganisationFields, PersonFields
from organiser.services.situations import SituationFields, create_situation


def found(engine: Engine, query: str, kind: str | None = None) -> list[tuple[str, int]]:
    with store.transaction(engine) as session:
        results = search.search(session, query, [kind] if kind else None)
    return [(hit.kind, hit.id) for hit in results.hits]


@pytest.fixture
def world(engine: Engine) -> dict[str, int]:
    with store.transaction(engine, write=True) as session:
        cgt = organisations.create_organisation(
            session,
            OrganisationFields(
                name="Confédération générale du travail",
                acronym="CGT",
                country="FR",
                address="263 rue de Paris, Genève",
            ),
        ).id
        kctu = organisations.create_organisation(
            session,
            OrganisationFields(name="전국민주노동조합총연맹", acronym="KCTU", country="KR"),
        ).id
        oil = organisations.create_organisation(
            session,
            OrganisationFields(name="Профсоюз нефтяников Мангистау", country="KZ"),
        ).id
        han = organisations.create_person(session, PersonFields(name="한상균", role="President")).id
        campaign = campaigns.create_campaign(
            session,
            CampaignFields(
                title="Free the jailed leaders",
                target="Government of Korea",
                demands=["Release Han Sang-gyun", "Respect ILO Convention 87"],
            ),
        ).id
        letter = letters.create_letter(
            session,
            LetterFields(
                campaign_id=campaign,
                sender_id=cgt,
                subject="Solidarity with the oil workers",
                body="We stand with the workers of Zhanaozen in their strike for fair wages.",
            ),
        ).id
        situation = create_situation(
            session,
            SituationFields(
                person_id=han,
                kind="detained",
                since="2015-11-14",
                court="Seoul Central District Court",
            ),
        ).id
    return {
        "cgt": cgt,
        "kctu": kctu,
        "oil": oil,
        "han": han,
        "campaign": campaign,
        "letter": letter,
        "situation": situation,
    }


def test_a_word_without_its_accents_and_in_any_case(engine: Engine, world: dict[str, int]) -> None:
    assert ("organisation", world["cgt"]) in found(engine, "geneve")
    assert found(engine, "confederation generale")[0] == ("organisation", world["cgt"])
    assert found(engine, "CONFÉDÉRATION")[0] == ("organisation", world["cgt"])
    assert found(engine, "ПРОФСОЮЗ") == [("organisation", world["oil"])]
    assert found(engine, "профсоюз нефтяников") == [("organisation", world["oil"])]


def test_korean_words_of_two_syllables_and_parts_of_longer_ones(
    engine: Engine, world: dict[str, int]
) -> None:
    assert found(engine, "조합") == [("organisation", world["kctu"])]  # inside 노동조합
    assert found(engine, "민주노총") == []  # the abbreviation is not in the name
    assert found(engine, "노동조합총연맹") == [("organisation", world["kctu"])]
    # and the campaign whose demand spells his name in Latin letters: 상균 is sang gyun
    assert set(found(engine, "상균")) == {
        ("person", world["han"]),
        ("situation", world["situation"]),
        ("campaign", world["campaign"]),
    }


def test_a_name_typed_in_latin_letters_finds_it_in_its_own_script(
    engine: Engine, world: dict[str, int]
) -> None:
    assert found(engine, "Han Sang-gyun", "person") == [("person", world["han"])]
    assert found(engine, "Profsoyuz") == [("organisation", world["oil"])]
    assert found(engine, "mangistau") == [("organisation", world["oil"])]


def test_a_prefix_as_it_is_typed(engine: Engine, world: dict[str, int]) -> None:
    for typed in ("conf", "confed", "confedera"):
        assert ("organisation", world["cgt"]) in found(engine, typed), typed
    assert found(engine, "zhan") == [("letter", world["letter"])]


def test_every_word_must_match_and_kinds_can_be_chosen(
    engine: Engine, world: dict[str, int]
) -> None:
    assert set(found(engine, "han sang-gyun")) == {
        ("person", world["han"]),
        ("situation", world["situation"]),
        ("campaign", world["campaign"]),  # in its demands
    }
    assert found(engine, "Han Sang-gyun", "campaign") == [("campaign", world["campaign"])]
    assert found(engine, "release zhanaozen") == []  # each word is somewhere, never both
    assert found(engine, "seoul court", "situation") == [("situation", world["situation"])]


def test_results_are_grouped_by_kind_with_the_words_in_their_context(
    engine: Engine, world: dict[str, int]
) -> None:
    with store.transaction(engine) as session:
        results = search.search(session, "workers strike")
    (group,) = results.groups
    (hit,) = group.hits
    assert (group.kind, hit.label) == ("letter", "Solidarity with the oil workers")
    assert hit.context is not None
    marked = [hit.context.text[start:end] for start, end in hit.context.spans]
    assert marked == ["workers", "strike"]


def test_the_context_maps_back_to_the_original_script() -> None:
    shown = highlight(
        "Le syndicat de Genève soutient 노동조합 et Профсоюз.", query_words("geneve 조합 профсоюз")
    )
    assert shown is not None
    assert [shown.text[s:e] for s, e in shown.spans] == ["Genève", "조합", "Профсоюз"]
    assert fold("Genève 한상균").split() == ["geneve", "han", "sang", "gyun"]


def test_bad_queries_are_refused(engine: Engine) -> None:
    with store.transaction(engine) as session:
        with pytest.raises(ValidationError, match="kind"):
            search.search(session, "x", ["meeting"])
        with pytest.raises(ValidationError, match="kind"):  # even with nothing to look for
            search.search(session, "", ["meeting"])
        with pytest.raises(ValidationError, match="at most"):
            search.search(session, "x" * 201)
        assert search.search(session, "   ").groups == ()
        assert search.search(session, '" OR 1=1 -- *').groups == ()


def test_the_index_follows_edits_deletes_and_restores(
    engine: Engine, world: dict[str, int]
) -> None:
    letter = ("letter", world["letter"])
    with store.transaction(engine, write=True) as session:
        view = letters.get_letter(session, world["letter"])
        letters.update_letter(
            session,
            view.id,
            LetterFields(
                campaign_id=world["campaign"],
                sender_id=world["cgt"],
                subject=view.subject,
                body="Our federation condemns the mass dismissals in Aktau.",
            ),
            view.version,
        )
    assert found(engine, "zhanaozen") == []
    assert found(engine, "aktau dismissals") == [letter]
    with store.transaction(engine, write=True) as session:
        letter_versions.set_version(session, world["letter"], "fr", "Solidarité", "Grève à Aktau")
    assert found(engine, "greve") == [letter]
    with store.transaction(engine, write=True) as session:
        letter_versions.remove_version(session, world["letter"], "fr")
    assert found(engine, "greve") == []
    with store.transaction(engine, write=True) as session:
        entry = letters.delete_letter(session, world["letter"])
    assert found(engine, "aktau") == []
    with store.transaction(engine, write=True) as session:
        trash.restore(session, entry.id)
    assert found(engine, "aktau") == [letter]
    with store.transaction(engine, write=True) as session:
        person = organisations.get_person(session, world["han"])
        organisations.update_person(
            session, world["han"], PersonFields(name="Cho Sung-deok"), person.version
        )
    assert set(found(engine, "sung-deok")) == {
        ("person", world["han"]),
        ("situation", world["situation"]),
    }
    with store.transaction(engine, write=True) as session:  # its letters and situations go too
        campaigns.delete_campaign(session, world["campaign"])
    assert found(engine, "aktau") == [] and found(engine, "jailed leaders") == []


def test_imported_records_are_found(engine: Engine, tmp_path: Path) -> None:
    sheet = tmp_path / "affiliates.csv"
    sheet.write_text(
        "name,acronym,country\nFédération des travailleurs du pétrole,FTP,FR\n"
        "한국공공운수노동조합,KPTU,KR\n",
        encoding="utf-8",
    )
    with store.transaction(engine, write=True) as session:
        import_affiliates(session, read_spreadsheet(sheet))
    assert [kind for kind, _id in found(engine, "petrole")] == ["organisation"]
    assert [kind for kind, _id in found(engine, "운수")] == ["organisation"]


def test_the_index_is_sound_after_writes(engine: Engine, world: dict[str, int]) -> None:
    with engine.connect() as connection:
        connection.execute(text("INSERT INTO search_fts(search_fts) VALUES ('integrity-check')"))
        rows = connection.execute(text("SELECT count(*) FROM search_fts")).scalar()
    assert rows == 7  # three organisations, a person, a campaign, a letter, a situation


def test_the_migration_fills_the_index_from_the_records_and_goes_back(tmp_path: Path) -> None:
    from tests.migration_samples import sample_at

    db_path = sample_at(tmp_path, "0017")
    engine = store.create_db_engine(f"sqlite:///{db_path}")
    store.upgrade(engine, "0018")
    with sqlite3.connect(db_path) as connection:
        records = sum(
            connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("campaign", "action", "organisation", "person", "situation",
                          "commitment", "letter")
        )  # fmt: skip
    with engine.connect() as connection:
        indexed = connection.execute(text("SELECT count(*) FROM search_fts")).scalar()
    assert indexed == records > 0
    with engine.connect() as connection, connection.begin():
        config = store.alembic_config(engine)
        config.attributes["connection"] = connection
        command.downgrade(config, "0017")
    with sqlite3.connect(db_path) as connection:
        names = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
    assert not {name for name in names if name.startswith("search_")}
    engine.dispose()


def test_every_trigger_of_the_index_is_in_the_newest_schema(engine: Engine) -> None:
    """A migration that rebuilds a searched table in batch mode drops its triggers: it must
    install the index again."""
    from organiser.search.schema import trigger_names

    with engine.connect() as connection:
        names = connection.execute(
            text("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        ).scalars()
        assert set(trigger_names()) <= set(names)
