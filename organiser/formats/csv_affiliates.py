"""Affiliates as spreadsheets: reading CSV from Excel and LibreOffice, suggesting a column mapping,
and writing a CSV those programs open with every accent, Cyrillic and Hangul letter intact."""

from __future__ import annotations

import codecs
import csv
import io
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from organiser.errors import ValidationError
from organiser.files import atomic_output, read_input

# The fields an affiliate row may fill, in the order of the mapping step and of the export.
FIELDS = (
    "name",
    "acronym",
    "kind",
    "country",
    "address",
    "email",
    "phone",
    "website",
    "language",
    "members",
    "membership",
    "notes",
    "affiliate_of",
)

# Header words seen in organisers' spreadsheets, normalised (case-folded, letters and digits only).
_SYNONYMS: dict[str, tuple[str, ...]] = {
    "name": ("name", "organisation", "organization", "organisationname", "organizationname",
             "union", "unionname", "affiliate", "affiliatename", "nom", "nombre", "название",
             "организация", "이름", "단체명", "조직명", "단체"),
    "acronym": ("acronym", "abbreviation", "shortname", "sigle", "sigla", "аббревиатура", "약칭"),
    "kind": ("kind", "type", "category", "тип", "유형"),
    "country": ("country", "countrycode", "iso", "pays", "país", "pais", "страна", "국가", "나라"),
    "address": ("address", "postaladdress", "adresse", "dirección", "direccion", "адрес", "주소"),
    "email": ("email", "emailaddress", "mail", "courriel", "correo", "почта", "이메일"),
    "phone": ("phone", "telephone", "tel", "téléphone", "teléfono", "телефон", "전화"),
    "website": ("website", "web", "url", "site", "siteweb", "сайт", "웹사이트"),
    "language": ("language", "lang", "langue", "idioma", "язык", "언어"),
    "members": ("members", "membercount", "numberofmembers", "nummembers", "membres",
                "miembros", "численность", "조합원수"),
    "membership": ("membership", "membershiptext", "size", "effectifs", "membresía"),
    "notes": ("notes", "note", "comment", "comments", "remarks", "примечания", "비고"),
    "affiliate_of": ("affiliateof", "parent", "federation", "memberof", "affiliatedto"),
}  # fmt: skip

_MAX_BYTES = 200 * 1024 * 1024
MAX_ROWS = 500_000
MAX_COLUMNS = 500
# A longer cell is refused by the csv module ("field larger than field limit"), naming its line.
MAX_CELL = csv.field_size_limit()
_DELIMITERS = ",;\t"


@dataclass(frozen=True)
class CsvRow:
    """One record of the file: the line it starts on (for messages) and its cells."""

    line: int
    cells: list[str]


@dataclass(frozen=True)
class CsvTable:
    """A CSV file read whole: its header, its records, and how it was written."""

    headers: list[str]
    rows: list[CsvRow]
    delimiter: str
    encoding: str


def not_csv(path: str | os.PathLike[str], why: str) -> ValidationError:
    return ValidationError("file", f"{Path(path).name} is not a CSV file that can be read: {why}.")


def decode(path: str | os.PathLike[str], data: bytes) -> tuple[str, str]:
    """The text of the file and the encoding found: UTF-8 with or without BOM, UTF-16 with BOM
    (Excel's 'Unicode text'), else Windows-1252 (Excel's 'CSV' on a Western Windows)."""
    if data.startswith(codecs.BOM_UTF8):
        encodings = ["utf-8-sig"]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encodings = ["utf-16"]
    else:
        if b"\x00" in data[:65536]:
            raise not_csv(path, "it holds binary data")
        encodings = ["utf-8", "cp1252"]
    for encoding in encodings:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise not_csv(path, "its text is neither UTF-8 nor Windows-1252")


def sniff_delimiter(text: str) -> str:
    """Comma, semicolon (LibreOffice and Excel in much of Europe) or tab; Sniffer first, then a
    count over the header line when Sniffer cannot decide."""
    sample = text[:65536]
    try:
        found = csv.Sniffer().sniff(sample, delimiters=_DELIMITERS).delimiter
    except csv.Error:
        found = ""
    header = sample.split("\n", 1)[0]
    counts = {d: header.count(d) for d in _DELIMITERS}
    best = max(counts, key=lambda d: counts[d])
    if found in counts and counts[found] > 0 and counts[found] >= counts[best] // 2:
        return found
    return best if counts[best] > 0 else ","


def _excel_separator(text: str) -> tuple[str, str]:
    """Excel's optional first line `sep=;` names the delimiter; it is not part of the data."""
    match = re.match(r"sep=(.)\r?\n", text)
    return (match.group(1), text[match.end() :]) if match else ("", text)


# A cell a spreadsheet would run as a formula starts with one of these; written, it gets a
# leading apostrophe (shown as text, not run), and read back, the apostrophe goes again.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def guard_cell(cell: str) -> str:
    """The cell as text a spreadsheet shows and never runs ("=HYPERLINK(…)" → "'=HYPERLINK(…)")."""
    return f"'{cell}" if cell.startswith(FORMULA_STARTS) else cell


def unguard_cell(cell: str) -> str:
    """What guard_cell wrote, as it was before."""
    return cell[1:] if cell.startswith("'") and cell[1:].startswith(FORMULA_STARTS) else cell


def parse(path: str | os.PathLike[str], text: str, encoding: str) -> CsvTable:
    delimiter, body = _excel_separator(text)
    delimiter = delimiter or sniff_delimiter(body)
    reader = csv.reader(io.StringIO(body, newline=""), delimiter=delimiter, strict=True)
    records: list[CsvRow] = []
    skipped = 0 if body is text else 1
    start = 1 + skipped
    try:
        for cells in reader:
            if any(cell.strip() for cell in cells):
                if len(cells) > MAX_COLUMNS:
                    raise not_csv(
                        path, f"line {start} has {len(cells)} columns, over {MAX_COLUMNS}"
                    )
                if len(records) > MAX_ROWS:
                    raise not_csv(path, f"it has more than {MAX_ROWS} rows (line {start})")
                cells = [unguard_cell(cell) for cell in cells]  # verbatim, CRLF inside included
                records.append(CsvRow(start, cells))
            start = reader.line_num + 1 + skipped
    except csv.Error as error:
        raise not_csv(path, f"line {reader.line_num + skipped}: {error}") from None
    if not records:
        raise ValidationError("file", f"{Path(path).name} is empty: it has no header and no rows.")
    headers = [cell.strip() for cell in records[0].cells]
    return CsvTable(headers, records[1:], delimiter, encoding)


def read_table(path: str | os.PathLike[str]) -> CsvTable:
    """Read a CSV file whole, or raise a ValidationError('file', ...) saying why it cannot be."""
    data = read_input(path, _MAX_BYTES)
    text, encoding = decode(path, data)
    return parse(path, text, encoding)


def normalise_header(header: str) -> str:
    return re.sub(r"[\W_]+", "", header.casefold())


def suggest_mapping(headers: Sequence[str]) -> dict[str, int]:
    """Field -> column index for every header that names a field; each column used once."""
    mapping: dict[str, int] = {}
    for index, header in enumerate(headers):
        key = normalise_header(header)
        for field, words in _SYNONYMS.items():
            if field not in mapping and key in {normalise_header(w) for w in words}:
                mapping[field] = index
                break
    return mapping


def write_rows(
    path: str | os.PathLike[str], headers: Sequence[str], rows: Iterable[Sequence[str]]
) -> None:
    """A CSV Excel and LibreOffice open as UTF-8 (it starts with a BOM), CRLF line ends, every
    field quoted when it needs to be, no cell a formula; written atomically."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([guard_cell(header) for header in headers])
    writer.writerows([guard_cell(str(cell)) for cell in row] for row in rows)
    with atomic_output(path) as handle:
        handle.write(buffer.getvalue().encode("utf-8-sig"))
