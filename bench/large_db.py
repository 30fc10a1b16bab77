"""The large database the scale benchmarks share: seeded, built fast by bulk inserts, cached.

50,000 organisations (names in Latin with accents, Korean and Cyrillic; acronyms, countries,
postal addresses), 20,000 people, 1,000 campaigns, 1,000,000 actions, 100,000 commitments and
100,000 letters of about 300 words each (drawn from `corpus_text.py`'s paragraphs, some in
French, Korean and Russian), each with one recipient — all at `--scale 1`.

The schema is the real one: an empty file is migrated by `store.open_database` first, then the
rows go in by Core `executemany` inside one transaction (no ORM objects, no session events).

    PYTHONPATH=$PWD .venv/bin/python bench/large_db.py [--scale 0.01] [--out FILE]

`cached(scale=...)` builds it once into `bench/.cache/` (the file's name carries the version,
the seed and the scale) and hands back the same file to every later benchmark.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, insert

if __package__ in (None, ""):  # run as a script: the repository root on the path
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import corpus_text as text
from organiser import store
from organiser.models import (
    Action,
    ActionKind,
    ActionStatus,
    Campaign,
    CampaignStatus,
    Commitment,
    CommitmentStatus,
    Letter,
    LetterKind,
    LetterRecipient,
    LetterStatus,
    Organisation,
    OrganisationKind,
    Person,
    RecipientRole,
)

VERSION = 1  # change it when what is built changes: the cache is keyed by it
SEED = 15
COUNTS = {
    "organisation": 50_000,
    "person": 20_000,
    "campaign": 1_000,
    "action": 1_000_000,
    "commitment": 100_000,
    "letter": 100_000,
}
CACHE = Path(__file__).resolve().parent / ".cache"
BATCH = 20_000
NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
FIRST_DAY = date(2020, 1, 1)

# Pieces of organisation names, several scripts (combined, not listed whole).
NAME_WORDS = {
    "latin": (
        (
            "Syndicat",
            "Fédération",
            "Confédération",
            "Union",
            "Sindicato",
            "Federación",
            "Associação",
            "Gewerkschaft",
            "Związek",
            "Landsorganisationen",
        ),
        (
            "des travailleurs",
            "de la métallurgie",
            "des employés du commerce",
            "dos Bancários",
            "de Trabajadores Mineros",
            "der Eisenbahner",
            "Zawodowy Górników",
            "för Sjöfolk",
            "des cheminots",
            "de l'énergie",
            "Nacional de Enfermería",
            "Textil e Vestuário",
        ),
        (
            "de Lyon",
            "du Québec",
            "de Córdoba",
            "São Paulo",
            "Gdańsk",
            "Malmö",
            "Zürich",
            "de Mérida",
            "Ñuñoa",
            "d'Orléans",
            "",
        ),
    ),
    "korean": (
        ("전국", "한국", "서울", "부산", "울산", "민주", "공공"),
        ("금속", "철도", "운수", "보건의료", "교사", "화학섬유", "서비스"),
        ("노동조합", "노동조합연맹", "일반노조", "지부"),
    ),
    "cyrillic": (
        ("Профсоюз", "Федерация профсоюзов", "Союз", "Кәсіподағы", "Независимый профсоюз"),
        ("работников", "горняков", "учителей", "транспортников", "нефтяников", "медиков"),
        ("Казахстана", "Кыргызстана", "Мангистау", "Алматы", "Караганды", "Украины", ""),
    ),
}
SCRIPT_WEIGHTS = {"latin": 70, "korean": 15, "cyrillic": 15}
SCRIPT_LANGUAGE = {"latin": ("fr", "es", "pt", "de", "pl", "sv", "en"), "korean": ("ko",),
                   "cyrillic": ("ru", "kk")}  # fmt: skip
COUNTRIES = ("FR", "CA", "AR", "BR", "PL", "SE", "CH", "MX", "CL", "ES", "KR", "KZ", "KG", "UA",
             "GB", "ZA", "NG", "BD", "MM", "IN", "ID", "PH", "US", "DE")  # fmt: skip
LETTER_LANGUAGES = {"en": 85, "fr": 5, "ko": 5, "ru": 5}
WORDS_PER_LETTER = 300
PLEDGES = ("Send a letter", "Join the day of action", "Picket the embassy", "Raise it at the ILO",
           "Donate to the strike fund")  # fmt: skip


def cached(path: Path | None = None, scale: float = 1.0) -> Path:
    """The large database's file, built on the first call (a few minutes at scale 1) and
    reused after; `path` puts it elsewhere than the cache folder."""
    target = path or CACHE / f"large-v{VERSION}-seed{SEED}-scale{scale:g}.sqlite3"
    if not target.exists():
        build(target, scale)
    return target


def build(target: Path, scale: float = 1.0, say: Any = print) -> dict[str, int]:
    """Build the database into `target` (replacing a half-built one); how many rows of each."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".building")
    for leftover in (partial, Path(f"{partial}-wal"), Path(f"{partial}-shm")):
        leftover.unlink(missing_ok=True)
    counts = {kind: max(1, round(count * scale)) for kind, count in COUNTS.items()}
    started = time.perf_counter()
    engine = store.open_database(str(partial))  # the real schema, every migration
    try:
        rows = fill(engine, counts, random.Random(SEED))
        after_build(engine)
    finally:
        engine.dispose()
    os.replace(partial, target)
    took = time.perf_counter() - started
    say(f"built {target.name}: {rows:,} rows in {took:.1f} s = {rows / took:,.0f} rows/s")
    return counts


def after_build(engine: Engine) -> None:
    """Where indexes derived from the rows get rebuilt. The rows went in by bulk insert, which
    bypasses the ORM session events that keep such tables (a search index, say) up to date: a
    derived table added later must be rebuilt here from what is in the database. None yet."""


def fill(engine: Engine, counts: dict[str, int], rng: random.Random) -> int:
    """Every row in one transaction, table after table in foreign-key order; the rows written."""
    written = 0
    with engine.begin() as connection:
        for model, rows in (
            (Organisation, organisations(rng, counts["organisation"])),
            (Person, people(rng, counts["person"], counts["organisation"])),
            (Campaign, campaigns(rng, counts["campaign"])),
            (Action, actions(rng, counts["action"], counts["campaign"])),
            (Commitment, commitments(rng, counts)),
            (Letter, letters(rng, counts["letter"], counts["campaign"], counts["organisation"])),
            (LetterRecipient, recipients(rng, counts["letter"], counts["organisation"])),
        ):
            batch: list[dict[str, Any]] = []
            for row in rows:
                batch.append(row)
                if len(batch) == BATCH:
                    connection.execute(insert(model), batch)
                    written += len(batch)
                    batch = []
            if batch:
                connection.execute(insert(model), batch)
                written += len(batch)
    return written


def _record(rng: random.Random, number: int) -> dict[str, Any]:
    """The columns every record has: its id, a seeded uuid, when, version 1."""
    moment = NOW - timedelta(minutes=number)
    return {
        "id": number,
        "uuid": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
        "created_at": moment,
        "updated_at": moment,
        "version": 1,
    }


def organisation_name(rng: random.Random, number: int) -> tuple[str, str, str]:
    """A name, its acronym and the script it is in."""
    script = rng.choices(list(SCRIPT_WEIGHTS), weights=list(SCRIPT_WEIGHTS.values()))[0]
    parts = [rng.choice(words) for words in NAME_WORDS[script]]
    name = " ".join(part for part in parts if part)
    if script == "korean":
        name = "".join(parts[:2]) + parts[2]
    initials = "".join(word[0] for word in name.replace("'", " ").split() if word[0].isalpha())
    acronym = (initials.upper() if script != "korean" else "") + (
        f"-{number % 97}" if rng.random() < 0.5 else ""
    )
    return f"{name} {number}" if rng.random() < 0.3 else name, acronym, script


def organisations(rng: random.Random, count: int) -> Iterator[dict[str, Any]]:
    kinds = list(OrganisationKind)
    for number in range(1, count + 1):
        name, acronym, script = organisation_name(rng, number)
        country = rng.choice(COUNTRIES)
        street = rng.choice(text.STREETS)
        yield _record(rng, number) | {
            "name": name,
            "acronym": acronym,
            "kind": OrganisationKind.UNION if rng.random() < 0.7 else rng.choice(kinds),
            "country": country,
            "address": f"{rng.randint(1, 250)} {street}\n{rng.choice(text.CITIES)}",
            "email": f"office{number}@example.org" if rng.random() < 0.6 else "",
            "phone": f"+{rng.randint(1, 99)} {rng.randint(1000000, 9999999)}",
            "website": "",
            "members": rng.randint(50, 2_000_000) if rng.random() < 0.5 else None,
            "membership": "",
            "language": rng.choice(SCRIPT_LANGUAGE[script]),
            "notes": "",
            "affiliate_of_id": rng.randint(1, min(number - 1, 500)) if number > 500 else None,
            "logo_id": None,
        }


def people(rng: random.Random, count: int, organisation_count: int) -> Iterator[dict[str, Any]]:
    for number in range(1, count + 1):
        yield _record(rng, number) | {
            "name": f"{rng.choice(text.GIVEN)} {rng.choice(text.FAMILY)}",
            "role": "",
            "title": rng.choice(text.TITLES),
            "organisation_id": rng.randint(1, organisation_count) if rng.random() < 0.9 else None,
            "email": f"person{number}@example.org",
            "address": "",
            "language": "",
            "notes": "",
            "signature_id": None,
        }


def campaigns(rng: random.Random, count: int) -> Iterator[dict[str, Any]]:
    statuses = list(CampaignStatus)
    for number in range(1, count + 1):
        start = FIRST_DAY + timedelta(days=rng.randint(0, 2000))
        union, company = rng.choice(text.UNIONS), rng.choice(text.COMPANIES)
        yield _record(rng, number) | {
            "title": f"Solidarity with {union} at {company} #{number}",
            "country": rng.choice(COUNTRIES),
            "target": company,
            "summary": "",
            "status": rng.choice(statuses),
            "start_date": start,
            "end_date": None,
            "lead_id": None,
            "colour": f"#{rng.randint(0, 0xFFFFFF):06x}",
        }


def actions(rng: random.Random, count: int, campaign_count: int) -> Iterator[dict[str, Any]]:
    kinds, statuses = list(ActionKind), list(ActionStatus)
    for number in range(1, count + 1):
        start = FIRST_DAY + timedelta(days=rng.randint(0, 2500))
        yield _record(rng, number) | {
            "campaign_id": rng.randint(1, campaign_count),
            "kind": rng.choice(kinds),
            "title": f"{rng.choice(text.CITIES)}: action {number}",
            "all_day": True,
            "start_date": start,
            "end_date": start + timedelta(days=rng.choice((0, 0, 0, 1, 2))),
            "starts_at": None,
            "ends_at": None,
            "timezone": "",
            "location": rng.choice(text.CITIES),
            "status": rng.choice(statuses),
            "notes": "",
            "ical_uid": None,
            "workers": None,
            "outcome": "",
            "ongoing": False,
            "undated": False,
            "target_month": None,
            "date_precision": "day",
        }


def commitments(rng: random.Random, counts: dict[str, int]) -> Iterator[dict[str, Any]]:
    statuses = list(CommitmentStatus)
    for number in range(1, counts["commitment"] + 1):
        yield _record(rng, number) | {
            "campaign_id": rng.randint(1, counts["campaign"]),
            "organisation_id": rng.randint(1, counts["organisation"]),
            "organisation_name": "",
            "action_id": rng.randint(1, counts["action"]) if rng.random() < 0.5 else None,
            "what": rng.choice(PLEDGES),
            "due_date": FIRST_DAY + timedelta(days=rng.randint(0, 2500)),
            "status": rng.choice(statuses),
            "fulfilled_on": None,
            "evidence": "",
            "evidence_url": "",
            "evidence_file_id": None,
            "number": None,
            "source_letter_id": None,
            "joint_pledgers": "",
        }


def letter_body(rng: random.Random, language: str) -> str:
    """About WORDS_PER_LETTER words of the corpus's paragraphs in `language`."""
    paragraphs = text.PARAGRAPHS[language]
    chosen: list[str] = []
    words = 0
    while words < WORDS_PER_LETTER:
        paragraph = rng.choice(paragraphs)
        chosen.append(paragraph)
        words += max(len(paragraph.split()), len(paragraph) // 6)  # Korean: few spaces
    return "\n\n".join(chosen)


def letters(
    rng: random.Random, count: int, campaign_count: int, organisation_count: int
) -> Iterator[dict[str, Any]]:
    kinds, statuses = list(LetterKind), list(LetterStatus)
    languages = list(LETTER_LANGUAGES)
    weights = list(LETTER_LANGUAGES.values())
    for number in range(1, count + 1):
        language = rng.choices(languages, weights=weights)[0]
        status = rng.choice(statuses)
        day = FIRST_DAY + timedelta(days=rng.randint(0, 2500))
        subject = rng.choice(text.SUBJECTS[language]).format(
            union=rng.choice(text.UNIONS), company=rng.choice(text.COMPANIES),
            city=rng.choice(text.CITIES), person=rng.choice(text.GIVEN),
        )  # fmt: skip
        sent = status in (LetterStatus.SENT, LetterStatus.ANSWERED)
        yield _record(rng, number) | {
            "kind": rng.choice(kinds),
            "campaign_id": rng.randint(1, campaign_count),
            "sender_id": rng.randint(1, min(organisation_count, 200)),
            "subject": subject,
            "letter_date": day,
            "language": language,
            "body": letter_body(rng, language),
            "status": status,
            "sent_on": day + timedelta(days=1) if sent else None,
            "channel": "email" if sent else None,
            "tracking_number": "",
            "our_reference": f"GEN/{day.year}/{number:06d}",
            "their_reference": "",
            "reply_received_on": day + timedelta(days=20)
            if status is LetterStatus.ANSWERED
            else None,
            "reply_note": "",
            "reply_file_id": None,
            "pdf_id": None,
            "parties_fixed_at": None,
            "sender_name": "",
            "sender_address": "",
            "merged_from_id": None,
            "cosigned_by": "none",
            "cosigned_order": "country",
            "cosigners_sent": None,
        }


def recipients(
    rng: random.Random, letter_count: int, organisation_count: int
) -> Iterator[dict[str, Any]]:
    for number in range(1, letter_count + 1):
        yield {
            "id": number,
            "letter_id": number,
            "role": RecipientRole.TO,
            "position": 0,
            "person_id": None,
            "organisation_id": rng.randint(1, organisation_count),
            "address": "",
            "country": "",
            "name": "",
            "title": "",
            "organisation_name": "",
        }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="1 = the full counts")
    parser.add_argument("--out", type=Path, help="build here (replacing it), not in the cache")
    options = parser.parse_args()
    if options.scale <= 0:
        parser.error("--scale must be above 0")
    if options.out:
        build(options.out, options.scale)
    else:
        print(cached(scale=options.scale))
    return 0


if __name__ == "__main__":
    sys.exit(main())
