"""Migration 0008 on a database written at 0004: the sample data upgrades without losing a row
or a value, and its situations gain a lawyer ('') and a sentence length (unknown)."""

from __future__ import annotations

import uuid
from pathlib import Path

from sqlalchemy import Engine, inspect, text

from organiser import store


def _rows(engine: Engine) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table at 0004's columns, in key order."""
    found: dict[str, list[tuple[object, ...]]] = {}
    with engine.connect() as connection:
        for table in inspect(connection).get_table_names():
            if table == "alembic_version":
                continue
            columns = [c["name"] for c in inspect(connection).get_columns(table)]
            names = ", ".join(f'"{name}"' for name in columns)
            query = f'SELECT {names} FROM "{table}" ORDER BY 1'
            found[table] = [tuple(row) for row in connection.execute(text(query))]
    return found


def _sample_at_0004(engine: Engine) -> None:
    """The schema 0004's sample world, written as that schema has it (no model of today)."""
    store.upgrade(engine, "0004")
    stamp = "2026-01-05 10:00:00.000000"
    common = {"created_at": stamp, "updated_at": stamp, "version": 1}
    with engine.begin() as connection:

        def insert(table: str, **values: object) -> int:
            values = {"uuid": str(uuid.uuid4()), **common, **values}
            marks = ", ".join(f":{name}" for name in values)
            sql = f"INSERT INTO {table} ({', '.join(values)}) VALUES ({marks})"
            return int(connection.execute(text(sql), values).lastrowid or 0)

        kctu = insert(
            "organisation", name="KCTU", acronym="KCTU", kind="national-centre", country="KR",
            address="Seoul", email="", phone="", website="", language="ko", notes="",
        )  # fmt: skip
        han = insert(
            "person", name="Han Sang-gyun", title="President", organisation_id=kctu, email="",
            address="", language="ko", notes="",
        )  # fmt: skip
        korea = insert(
            "campaign", title="Stop the crackdown", country="KR", target="", summary="",
            status="active", colour="#d1242f",
        )  # fmt: skip
        for kind, since, sentence in (
            ("arrested", "2015-12-10", ""),
            ("sentenced", "2016-07-04", "5 years"),
        ):
            situation = insert(
                "situation", person_id=han, kind=kind, since=since, until=None,
                court="Seoul Central District Court", sentence=sentence, notes="",
            )  # fmt: skip
            connection.execute(
                text("INSERT INTO situation_campaign VALUES (:s, :c)"), {"s": situation, "c": korea}
            )


def test_the_sample_world_of_0004_upgrades_to_0008_without_loss(db_path: Path) -> None:
    """Every row and value written at 0004 is there after the upgrade; the new columns hold
    their defaults."""
    engine = store.create_db_engine(f"sqlite:///{db_path}")
    try:
        _sample_at_0004(engine)
        before = _rows(engine)
        store.upgrade(engine, "0008")
        after = _rows(engine)
        assert set(after) == set(before)
        for table, rows in before.items():
            if table != "situation":
                assert after[table] == rows, table
        with engine.connect() as connection:
            columns = [c["name"] for c in inspect(connection).get_columns("situation")]
            old = [name for name in columns if name not in ("lawyer", "sentence_months")]
            kept = connection.execute(
                text(f"SELECT {', '.join(old)} FROM situation ORDER BY id")
            ).all()
            new = connection.execute(
                text("SELECT lawyer, sentence_months FROM situation ORDER BY id")
            ).all()
        assert [tuple(row) for row in kept] == before["situation"]
        assert [tuple(row) for row in new] == [("", None), ("", None)]
    finally:
        engine.dispose()
