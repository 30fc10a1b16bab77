"""Affiliates in bulk: the preview's error list, all-or-nothing writes, export and re-import."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

from organiser import store
from organiser.errors import ValidationError
from organiser.formats.csv_affiliates import read_table
from organiser.models import Organisation
from organiser.services import organisations
from organiser.services.affiliates_import import (
    export_affiliates,
    import_affiliates,
    preview_import,
)

DATA = Path(__file__).parent / "data" / "csv"


def count(engine: Engine) -> int:
    with store.transaction(engine) as session:
        return session.scalar(select(func.count(Organisation.id))) or 0


def names(engine: Engine) -> dict[str, tuple[str, str | None]]:
    with store.transaction(engine) as session:
        parent = {o.id: o.name for o in session.scalars(select(Organisation))}
        return {
            o.name: (o.country, parent.get(o.affiliate_of_id) if o.affiliate_of_id else None)
            for o in session.scalars(select(Organisation))
        }


@pytest.fixture
def existing(engine: Engine) -> int:
    with store.transaction(engine) as session:
        view = organisations.create_organisation(
            session, organisations.OrganisationFields(name="Existing Union", country="KR")
        )
    return view.id


def test_preview_marks_each_bad_row_and_why(engine: Engine, existing: int) -> None:
    table = read_table(DATA / "bad_rows.csv")
    with store.transaction(engine) as session:
        preview = preview_import(session, table)
    errors = {row.line: row.errors for row in preview.bad_rows}
    assert errors == {
        3: ("Name is required.",),
        4: ("Country 'ZZ' is not an ISO 3166 country code (e.g. KR, KZ, CH).",),
        5: (f"Duplicate of the existing organisation 'Existing Union' (id {existing}).",),
        6: ("'not-an-email' is not an email address.",),
    }
    assert preview.good_count == 1
    assert count(engine) == 1  # a preview writes nothing


def test_file_with_bad_rows_leaves_the_database_unchanged(engine: Engine, existing: int) -> None:
    table = read_table(DATA / "bad_rows.csv")
    with (
        pytest.raises(ValidationError, match=r"Nothing was imported: 4 of 5 rows"),
        store.transaction(engine) as session,
    ):
        import_affiliates(session, table)
    assert count(engine) == 1


def test_skip_bad_rows_imports_only_the_good(engine: Engine, existing: int) -> None:
    table = read_table(DATA / "bad_rows.csv")
    with store.transaction(engine) as session:
        result = import_affiliates(session, table, skip_bad=True)
    assert (result.created, result.skipped) == (1, 4)
    assert set(names(engine)) == {"Existing Union", "Good Union"}


def test_libreoffice_file_with_parents_named_later_in_the_file(engine: Engine) -> None:
    """Korean and Cyrillic names, a country by name, and `affiliate of` resolved in the file."""
    with store.transaction(engine) as session:
        import_affiliates(session, read_table(DATA / "libreoffice_semicolon.csv"))
    found = names(engine)
    assert found["전국금속노동조합"] == ("KR", "Korean Confederation of Trade Unions")
    assert found["Федерация профсоюзов Республики Казахстан"] == ("KZ", None)


def test_duplicates_within_the_file_are_marked(engine: Engine, tmp_path: Path) -> None:
    path = tmp_path / "dupes.csv"
    path.write_text("name,country\nKCTU,KR\n kctu ,kr\nKCTU,GB\n", encoding="utf-8")
    with store.transaction(engine) as session:
        preview = preview_import(session, read_table(path))
    assert [(row.line, row.errors) for row in preview.bad_rows] == [
        (3, ("Duplicate of line 2 of this file.",))
    ]


def test_unknown_parent_is_a_bad_row(engine: Engine, tmp_path: Path) -> None:
    path = tmp_path / "parent.csv"
    path.write_text("name,affiliate of\nA Union,Nobody Federation\n", encoding="utf-8")
    with store.transaction(engine) as session:
        preview = preview_import(session, read_table(path))
    assert "Nobody Federation" in preview.bad_rows[0].errors[0]


def test_file_without_a_name_column_is_refused(engine: Engine) -> None:
    with (
        pytest.raises(ValidationError, match="no column of organisation names"),
        store.transaction(engine) as session,
    ):
        preview_import(session, read_table(DATA / "no_name_column.csv"))


def test_chosen_mapping_overrides_the_suggestion(engine: Engine) -> None:
    table = read_table(DATA / "no_name_column.csv")
    with store.transaction(engine) as session:
        result = import_affiliates(session, table, mapping={"name": 1})
    assert result.created == 1
    assert "a@b.org" in names(engine)


def test_export_then_import_into_a_new_database_gives_the_same(
    engine: Engine, tmp_path: Path
) -> None:
    with store.transaction(engine) as session:
        import_affiliates(session, read_table(DATA / "libreoffice_semicolon.csv"))
        export_affiliates(session, str(tmp_path / "out.csv"))
    other = store.open_database(str(tmp_path / "other.sqlite3"))
    try:
        with store.transaction(other) as session:
            import_affiliates(session, read_table(tmp_path / "out.csv"))
        assert names(other) == names(engine)
    finally:
        other.dispose()


def test_the_doors_read_a_spreadsheet_and_its_suggested_columns_through_the_service() -> None:
    from organiser.services.affiliates_import import FIELDS, read_spreadsheet, suggested_mapping

    table = read_spreadsheet(DATA / "libreoffice_semicolon.csv")
    mapping = suggested_mapping(table)
    assert table.delimiter == ";" and "name" in mapping
    assert set(mapping) <= set(FIELDS)
    with pytest.raises(ValidationError):
        read_spreadsheet(DATA / "missing.csv")


def test_website_notes_and_membership_go_out_and_come_back(engine: Engine, tmp_path: Path) -> None:
    with store.transaction(engine) as session:
        organisations.create_organisation(
            session,
            organisations.OrganisationFields(
                name="Public Services International", website="https://publicservices.international",
                notes="Ferney-Voltaire", members=30_000_000, membership="30 million workers",
            ),
        )  # fmt: skip
        export_affiliates(session, str(tmp_path / "out.csv"))
    other = store.open_database(str(tmp_path / "other.sqlite3"))
    try:
        with store.transaction(other) as session:
            import_affiliates(session, read_table(tmp_path / "out.csv"))
            (back,) = organisations.list_organisations(session)
        assert (back.website, back.notes, back.members, back.membership) == (
            "https://publicservices.international", "Ferney-Voltaire", 30_000_000,
            "30 million workers",
        )  # fmt: skip
    finally:
        other.dispose()


def test_a_members_count_that_is_no_number_is_a_bad_row(engine: Engine, tmp_path: Path) -> None:
    path = tmp_path / "members.csv"
    path.write_text("name,members\nKCTU,1100000\nKMWU,many\n", encoding="utf-8")
    with store.transaction(engine) as session:
        preview = preview_import(session, read_table(path))
    assert [row.ok for row in preview.rows] == [True, False]
    assert "number of members" in " ".join(preview.rows[1].errors)
