"""The search index on SQLite: FTS5 tables of folded text, kept in step by triggers.

Each searchable record is one row of `search_fts` (`title`: names, titles, acronyms, a
subject; `body`: the rest) and one of `search_title` (the title alone), its rowid the
record's id times 8 plus its kind's code, so a record's row is found without a scan. The
text is folded by `organiser_fold`, a function every connection the store makes registers
(`search.fold.fold`), and written by triggers on the records' tables: every write — a form,
the command line, an import, a restore from the trash, a cascade — keeps the index in step
in its own transaction, whichever way it wrote.

The definitions below are the only place that says what is searched. A migration that
changes them calls `install` again, which replaces the triggers and rebuilds the rows; so must
a migration that rebuilds a searched table (Alembic's batch mode on SQLite copies the table
and drops the old one, and its triggers with it) — a test checks every trigger is there.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # only a type here: the first frame reads the file without SQLAlchemy
    from sqlalchemy import Connection

TABLE = "search_fts"  # every record's title and body
TITLES = "search_title"  # its title alone: the names and subjects a word is found in first
FOLD_FUNCTION = "organiser_fold"
STRIDE = 8  # rowid = id * STRIDE + code
# The folded text is ASCII words (a Hangul syllable is one: search/fold.py); prefixes of two and
# three letters are indexed too, so a word being typed is found without scanning every term.
TOKENS = "tokenize='ascii', prefix='2 3'"


@dataclass(frozen=True)
class Link:
    """Another table whose rows' changes change a record's text: `where` picks the records
    (alias `t`) from the changed row (`{row}`, NEW or OLD)."""

    table: str
    where: str
    columns: tuple[str, ...]


@dataclass(frozen=True)
class Kind:
    name: str
    code: int
    table: str
    title: str  # SQL over the record's row, alias `t`
    body: str
    columns: tuple[str, ...]  # the record's own columns its text is made of
    links: tuple[Link, ...] = field(default=())
    label: str = ""  # SQL naming the record in a list of results (default: `title`)


def _joined(*parts: str) -> str:
    return " || ' ' || ".join(f"coalesce({part}, '')" for part in parts)


KINDS: tuple[Kind, ...] = (
    Kind(
        "campaign",
        1,
        "campaign",
        "t.title",
        _joined(
            "t.target",
            "t.summary",
            "(SELECT group_concat(d.text, ' ') FROM campaign_demand d WHERE d.campaign_id = t.id)",
        ),
        ("title", "target", "summary"),
        (Link("campaign_demand", "t.id = {row}.campaign_id", ("text", "campaign_id")),),
    ),
    Kind(
        "action",
        2,
        "action",
        "t.title",
        _joined("t.location", "t.notes", "t.outcome"),
        ("title", "location", "notes", "outcome"),
    ),
    Kind(
        "organisation",
        3,
        "organisation",
        _joined("t.name", "t.acronym"),
        _joined("t.address", "t.membership", "t.email", "t.website", "t.notes"),
        ("name", "acronym", "address", "membership", "email", "website", "notes"),
        label="t.name || CASE WHEN t.acronym != '' THEN ' (' || t.acronym || ')' ELSE '' END",
    ),
    Kind(
        "person",
        4,
        "person",
        "t.name",
        _joined("t.role", "t.title", "t.email", "t.address", "t.notes"),
        ("name", "role", "title", "email", "address", "notes"),
    ),
    Kind(
        "situation",
        5,
        "situation",
        "(SELECT p.name FROM person p WHERE p.id = t.person_id)",
        _joined("t.court", "t.sentence", "t.lawyer", "t.notes"),
        ("person_id", "court", "sentence", "lawyer", "notes"),
        (Link("person", "t.person_id = {row}.id", ("name",)),),
    ),
    Kind(
        "commitment",
        6,
        "commitment",
        "t.what",
        _joined(
            "(SELECT o.name || ' ' || o.acronym FROM organisation o"
            " WHERE o.id = t.organisation_id)",
            "t.organisation_name",
            "t.joint_pledgers",
            "t.evidence",
        ),
        ("what", "organisation_id", "organisation_name", "joint_pledgers", "evidence"),
    ),
    Kind(
        "letter",
        7,
        "letter",
        "t.subject",
        _joined(
            "t.body",
            "t.our_reference",
            "t.their_reference",
            "t.sender_name",
            "t.reply_note",
            "(SELECT group_concat(v.subject || ' ' || v.body, ' ') FROM letter_version v"
            " WHERE v.letter_id = t.id)",
        ),
        ("subject", "body", "our_reference", "their_reference", "sender_name", "reply_note"),
        (Link("letter_version", "t.id = {row}.letter_id", ("subject", "body", "letter_id")),),
    ),
)
BY_NAME = {kind.name: kind for kind in KINDS}
BY_CODE = {kind.code: kind for kind in KINDS}


def _write(kind: Kind, where: str) -> str:
    """Write again the folded rows of the records `where` picks, in both tables: their rows
    deleted, then inserted (not INSERT OR REPLACE: in a trigger that a foreign key's action
    fires, FTS5 is told the outer statement's ABORT and refuses the replacement)."""
    rows = f"FROM {kind.table} t WHERE {where}"
    rowid = f"t.id * {STRIDE} + {kind.code}"
    return (
        f"DELETE FROM {TABLE} WHERE rowid IN (SELECT {rowid} {rows}); "
        f"DELETE FROM {TITLES} WHERE rowid IN (SELECT {rowid} {rows}); "
        f"INSERT INTO {TABLE} (rowid, title, body) SELECT {rowid}, "
        f"{FOLD_FUNCTION}({kind.title}), {FOLD_FUNCTION}({kind.body}) {rows}; "
        f"INSERT INTO {TITLES} (rowid, title) SELECT {rowid}, "
        f"{FOLD_FUNCTION}({kind.title}) {rows}"
    )


def documents_sql(kind: Kind) -> str:
    """The label, and the original (unfolded) title and body, of the records whose ids are
    bound as `:ids` (an expanding parameter)."""
    label = kind.label or kind.title
    return f"SELECT t.id, {label}, {kind.title}, {kind.body} FROM {kind.table} t WHERE t.id IN :ids"


def _triggers(kind: Kind) -> list[tuple[str, str]]:
    name = f"search_{kind.name}"
    own = ", ".join(kind.columns)
    made = [
        (f"{name}_ai", f"AFTER INSERT ON {kind.table} BEGIN {_write(kind, 't.id = NEW.id')}; END"),
        (
            f"{name}_au",
            f"AFTER UPDATE OF {own} ON {kind.table} BEGIN {_write(kind, 't.id = NEW.id')}; END",
        ),
        (
            f"{name}_ad",
            f"AFTER DELETE ON {kind.table} BEGIN "
            f"DELETE FROM {TABLE} WHERE rowid = OLD.id * {STRIDE} + {kind.code}; "
            f"DELETE FROM {TITLES} WHERE rowid = OLD.id * {STRIDE} + {kind.code}; END",
        ),
    ]
    for link in kind.links:
        linked = f"{name}_{link.table}"
        new, old = link.where.format(row="NEW"), link.where.format(row="OLD")
        columns = ", ".join(link.columns)
        made += [
            (f"{linked}_ai", f"AFTER INSERT ON {link.table} BEGIN {_write(kind, new)}; END"),
            (f"{linked}_ad", f"AFTER DELETE ON {link.table} BEGIN {_write(kind, old)}; END"),
            (
                f"{linked}_au",
                f"AFTER UPDATE OF {columns} ON {link.table} "
                f"BEGIN {_write(kind, old)}; {_write(kind, new)}; END",
            ),
        ]
    return made


def trigger_names() -> list[str]:
    return [name for kind in KINDS for name, _sql in _triggers(kind)]


def install(connection: Connection) -> None:
    """Make (or make again) the index table and its triggers, and fill it from the records."""
    uninstall(connection)
    connection.exec_driver_sql(f"CREATE VIRTUAL TABLE {TABLE} USING fts5(title, body, {TOKENS})")
    connection.exec_driver_sql(f"CREATE VIRTUAL TABLE {TITLES} USING fts5(title, {TOKENS})")
    for kind in KINDS:
        for name, sql in _triggers(kind):
            connection.exec_driver_sql(f"CREATE TRIGGER {name} {sql}")
    rebuild(connection)


def rebuild(connection: Connection) -> None:
    """Every record's row written again (after a bulk load that bypassed nothing, this is
    only needed when the definitions change)."""
    for table in (TABLE, TITLES):
        connection.exec_driver_sql(f"DELETE FROM {table}")
    for kind in KINDS:
        for statement in _write(kind, "1").split("; "):
            connection.exec_driver_sql(statement)


def is_index_table(name: str | None) -> bool:
    """The index's tables and the shadow tables FTS5 keeps beside them."""
    return name is not None and any(
        name == table or name.startswith(f"{table}_") for table in (TABLE, TITLES)
    )


def outside_index(name: str | None, type_: str, _parents: object = None) -> bool:
    """Alembic's `include_name`: the models declare no table of the index (it is made here)."""
    return not (type_ == "table" and is_index_table(name))


def uninstall(connection: Connection) -> None:
    for name in trigger_names():
        connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}")
    for table in (TABLE, TITLES):
        connection.exec_driver_sql(f"DROP TABLE IF EXISTS {table}")
