"""Reading the CSV files organisers really have, and writing one Excel and LibreOffice reopen."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from organiser.errors import ValidationError
from organiser.formats.csv_affiliates import read_table, suggest_mapping, write_rows

DATA = Path(__file__).parent / "data" / "csv"
# The csv-spectrum files and their expected parse are read in tests/test_peer_data.py.


def test_excel_utf8_with_bom_and_commas() -> None:
    table = read_table(DATA / "excel_utf8_bom_comma.csv")
    assert table.encoding == "utf-8-sig"
    assert table.delimiter == ","
    assert table.headers[0] == "Name"  # the BOM is not part of the first header
    assert table.rows[0].cells[0] == "Confédération générale du travail"
    assert table.rows[2].cells[0] == "Unión General de Trabajadores, España"


def test_libreoffice_semicolons_with_line_breaks_korean_and_cyrillic() -> None:
    table = read_table(DATA / "libreoffice_semicolon.csv")
    assert table.delimiter == ";"
    assert table.encoding == "utf-8"
    assert table.rows[0].cells[0] == "전국금속노동조합"
    assert table.rows[0].cells[3] == "서울 중구\n정동길 3"
    assert table.rows[1].cells[0].startswith("Федерация")
    assert [row.line for row in table.rows] == [2, 4, 6]  # where each row starts in the file


def test_windows_1252_from_excel_is_decoded() -> None:
    table = read_table(DATA / "excel_windows1252.csv")
    assert table.encoding == "cp1252"
    assert table.rows[0].cells == ["Förbundet Kommunal", "SE"]


def test_mapping_suggested_from_headers_in_several_languages() -> None:
    table = read_table(DATA / "libreoffice_semicolon.csv")
    assert suggest_mapping(table.headers) == {
        "name": 0,
        "acronym": 1,
        "country": 2,
        "address": 3,
        "affiliate_of": 4,
    }


def test_binary_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "affiliates.xlsx"
    path.write_bytes(b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(range(256)))
    with pytest.raises(ValidationError, match="not a CSV file"):
        read_table(path)


def test_unclosed_quote_is_refused_with_its_line() -> None:
    with pytest.raises(ValidationError, match="line"):
        read_table(DATA / "unclosed_quote.csv")


def test_empty_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "empty.csv"
    path.write_bytes(b"\r\n\r\n")
    with pytest.raises(ValidationError, match="empty"):
        read_table(path)


def test_written_csv_reads_back_the_same(tmp_path: Path) -> None:
    """BOM, CRLF and quoting: what we write is what we read, line breaks and Hangul included."""
    path = tmp_path / "out.csv"
    rows = [["전국금속노동조합", "서울\n중구"], ['Say "no"; now', "a,b"]]
    write_rows(path, ["name", "address"], rows)
    assert path.read_bytes().startswith(b"\xef\xbb\xbfname,address\r\n")
    table = read_table(path)
    assert [row.cells for row in table.rows] == rows
    assert list(tmp_path.iterdir()) == [path]  # no temporary file left behind


def test_excel_sep_line_names_the_delimiter(tmp_path: Path) -> None:
    path = tmp_path / "sep.csv"
    path.write_bytes(b"sep=;\r\nName;Address\r\nKCTU;Seoul, Jung-gu\r\n")
    table = read_table(path)
    assert (table.delimiter, table.headers) == (";", ["Name", "Address"])
    assert table.rows[0].cells == ["KCTU", "Seoul, Jung-gu"]
    assert table.rows[0].line == 3


def test_excel_unicode_text_is_utf16_with_tabs(tmp_path: Path) -> None:
    path = tmp_path / "unicode.txt"
    path.write_bytes("Name\tCountry\r\n전국민주노동조합총연맹\tKR\r\n".encode("utf-16"))
    table = read_table(path)
    assert (table.encoding, table.delimiter) == ("utf-16", "\t")
    assert table.rows[0].cells == ["전국민주노동조합총연맹", "KR"]


def test_semicolons_inside_values_do_not_fool_the_comma_file(tmp_path: Path) -> None:
    path = tmp_path / "commas.csv"
    path.write_text("Name,Notes\nA;B Union,x;y;z\nC Union,p;q;r\n", encoding="utf-8")
    table = read_table(path)
    assert table.delimiter == ","
    assert table.rows[0].cells == ["A;B Union", "x;y;z"]


FORMULAS = ['=HYPERLINK("http://x","click")', "+1+2", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd"]


def test_an_export_never_holds_a_cell_a_spreadsheet_would_run_and_reads_back_as_it_was(
    tmp_path: Path,
) -> None:
    path = tmp_path / "out.csv"
    write_rows(path, ["name", "notes"], [[payload, "plain"] for payload in FORMULAS])
    with path.open(encoding="utf-8-sig", newline="") as handle:
        cells = [row[0] for row in csv.reader(handle)][1:]
    assert all(cell.startswith("'") for cell in cells) and len(cells) == len(FORMULAS)
    table = read_table(path)
    assert [row.cells[0] for row in table.rows] == FORMULAS
    assert [row.cells[1] for row in table.rows] == ["plain"] * len(FORMULAS)
