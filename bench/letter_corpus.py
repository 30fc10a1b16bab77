"""Letters that really differ, for the letter benchmarks: seeded, drawn from bench/corpus_text.py.

Each letter has its own sender (one of several federations), signatory, recipient (a person with
a title at an organisation with a postal address), subject, date, language and body: 1 to 3 pages
of paragraphs drawn from a corpus of forty (English, French, Spanish, Korean, Russian), with
bullet lists of demands, sometimes numbered steps and a quoted paragraph in another script.

`load_letters` puts them into a database through the program's own services; `write_html`
writes the same letters, as the program prints them (read back from the database), as HTML
files for LibreOffice. `load_merge` makes the merge benchmark's database: one template letter
and organisations with addresses, affiliated to one federation.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from html import escape
from pathlib import Path

from sqlalchemy import Engine

from bench import corpus_text as text
from organiser import store
from organiser.pdf.markdown import ListBlock, TextBlock, parse_body
from organiser.pdf.printable import PrintableLetter
from organiser.pdf.words import date_text, words_for
from organiser.services import campaigns, letter_register, letters, organisations
from organiser.services.campaigns import CampaignFields
from organiser.services.letter_templates import CampaignFields as CampaignFields_
from organiser.services.letter_templates import MergeContext, Party, render
from organiser.services.letters import LetterFields
from organiser.services.organisations import OrganisationFields, PersonFields

SEED = 2026
# How many of the corpus's English paragraphs make a letter of about 1, 2 or 3 pages.
PARAGRAPHS_FOR_PAGES = {1: (2, 3), 2: (6, 7), 3: (13, 15)}
LANGUAGE_WEIGHTS = {"en": 80, "fr": 5, "es": 5, "ko": 5, "ru": 5}


@dataclass(frozen=True)
class Org:
    name: str
    acronym: str
    country: str
    address: str
    language: str = ""


@dataclass(frozen=True)
class Person:
    name: str
    title: str
    org: Org


@dataclass(frozen=True)
class CorpusLetter:
    sender: Org
    signer: Person
    recipient: Person
    cc: tuple[Org, ...]
    subject: str
    letter_date: date
    language: str
    our_reference: str
    body: str
    pages: int  # the length aimed at (1-3); the bench prints the pages actually made


def generate(count: int, seed: int = SEED) -> list[CorpusLetter]:
    """`count` different letters; the same seed gives the same letters."""
    rng = random.Random(seed)
    senders = [Org(name, acronym, "CH", address) for name, acronym, address in text.FEDERATIONS]
    return [_letter(rng, number, senders) for number in range(count)]


def _letter(rng: random.Random, number: int, senders: list[Org]) -> CorpusLetter:
    language = rng.choices(list(LANGUAGE_WEIGHTS), weights=list(LANGUAGE_WEIGHTS.values()))[0]
    pages = rng.choice((1, 1, 2, 2, 2, 3)) if language == "en" else 1
    sender = rng.choice(senders)
    recipient = _person(rng, rng.choice(text.TITLES), _org(rng, number))
    names = {
        "union": rng.choice(text.UNIONS),
        "company": rng.choice(text.COMPANIES),
        "city": rng.choice(text.CITIES),
        "person": _name(rng),
    }
    return CorpusLetter(
        sender=sender,
        signer=_person(rng, rng.choice(("General Secretary", "President", "Regional Secretary")),
                       sender),
        recipient=recipient,
        cc=tuple(_org(rng, number * 7 + k) for k in range(rng.randint(0, 3))),
        subject=rng.choice(text.SUBJECTS[language]).format(**names),
        letter_date=date(2025, 1, 1) + timedelta(days=rng.randrange(700)),
        language=language,
        our_reference=f"{sender.acronym}/{2025 + number % 2}/{number:04d}",
        body=body(rng, language, pages, recipient.name),
        pages=pages,
    )  # fmt: skip


def _name(rng: random.Random) -> str:
    return f"{rng.choice(text.GIVEN)} {rng.choice(text.FAMILY)}"


def _person(rng: random.Random, title: str, org: Org) -> Person:
    return Person(_name(rng), title, org)


def _org(rng: random.Random, number: int) -> Org:
    company = rng.choice(text.COMPANIES + text.UNIONS)
    city, country = rng.choice(text.CITIES), rng.choice(text.COUNTRIES)
    street = f"{rng.randint(1, 240)} {rng.choice(text.STREETS)}"
    address = f"{street}\n{rng.randint(10000, 99999)} {city}\n{country}"
    acronym = "".join(w[0] for w in company.split() if w[0].isalpha()).upper()[:5]
    return Org(f"{company} ({city}, {number})", acronym, country, address)


def body(rng: random.Random, language: str, pages: int, name: str) -> str:
    """A letter's body in the program's Markdown subset: opening, paragraphs, lists, closing."""
    pool = list(text.PARAGRAPHS[language])
    if language == "en":
        count = rng.randint(*PARAGRAPHS_FOR_PAGES[pages])
        chosen = rng.sample([p for p in pool if not p.endswith(":")], count)
    else:
        chosen = rng.sample(pool, len(pool))
    demands = rng.sample(text.DEMANDS[language], min(len(text.DEMANDS[language]),
                                                     rng.randint(3, 6)))  # fmt: skip
    blocks = [text.OPENINGS[language].format(name=name), *chosen]
    blocks.insert(rng.randint(2, len(blocks)), "\n".join(f"- {d}" for d in demands))
    if language == "en" and rng.random() < 0.5:
        steps = rng.sample(text.STEPS, rng.randint(2, len(text.STEPS)))
        numbered = "\n".join(f"{n}. {s}" for n, s in enumerate(steps, 1))
        blocks.insert(rng.randint(2, len(blocks)), f"{text.PARAGRAPHS['en'][9]}\n\n{numbered}")
    if language == "en" and rng.random() < 0.25:
        other = rng.choice(("fr", "es", "ko", "ru"))
        quote = rng.choice(text.PARAGRAPHS[other])
        blocks.insert(rng.randint(2, len(blocks)), f"{text.QUOTE_INTRO}\n\n*{quote}*")
    blocks.append(rng.choice(text.CLOSINGS[language]))
    return "\n\n".join(blocks)


def load_letters(engine: Engine, corpus: Sequence[CorpusLetter]) -> list[int]:
    """The letters into the database through the program's services (drafts, one campaign);
    returns their ids in order."""
    ids = []
    with store.transaction(engine, write=True) as session:
        campaign = campaigns.create_campaign(session, CampaignFields(title="Benchmark campaign"))
        orgs: dict[Org, int] = {}
        people: dict[Person, int] = {}

        def org_id(org: Org) -> int:
            if org not in orgs:
                orgs[org] = organisations.create_organisation(session, _org_fields(org)).id
            return orgs[org]

        def person_id(person: Person) -> int:
            if person not in people:
                fields = PersonFields(
                    name=person.name, title=person.title, organisation_id=org_id(person.org)
                )
                people[person] = organisations.create_person(session, fields).id
            return people[person]

        for letter in corpus:
            fields = LetterFields(
                campaign_id=campaign.id,
                sender_id=org_id(letter.sender),
                subject=letter.subject,
                letter_date=letter.letter_date,
                language=letter.language,
                body=letter.body,
                our_reference=letter.our_reference,
                signatory_ids=[person_id(letter.signer)],
                to=[("person", person_id(letter.recipient))],
                cc=[("org", org_id(org)) for org in letter.cc],
            )
            ids.append(letters.create_letter(session, fields).id)
    return ids


def _org_fields(org: Org, affiliate_of: int | None = None) -> OrganisationFields:
    return OrganisationFields(
        name=org.name, acronym=org.acronym, country=org.country, address=org.address,
        language=org.language, affiliate_of_id=affiliate_of,
    )  # fmt: skip


@dataclass(frozen=True)
class MergeSetup:
    letter_id: int
    federation_id: int
    recipients: tuple[Org, ...]
    template: CorpusLetter  # its body and subject hold merge fields


MERGE_CAMPAIGN = CampaignFields_(title="Free the Aktau Five", target="The Prosecutor General")
MERGE_OPENING = "Dear colleagues of {{ recipient.organisation }},"
MERGE_PARAGRAPH = (
    "We write to {{ recipient.organisation }} as an affiliate of {{ sender.name }}, about the "
    "campaign *{{ campaign.title }}*, to ask for your help in the weeks ahead."
)


def merge_template(seed: int = SEED) -> CorpusLetter:
    """A two-page template letter with merge fields, drawn from the same corpus."""
    rng = random.Random(seed)
    name, acronym, address = text.FEDERATIONS[0]
    letter = _letter(rng, 0, [Org(name, acronym, "CH", address)])
    paragraphs = body(rng, "en", 2, "").split("\n\n")[1:]
    template = "\n\n".join([MERGE_OPENING, MERGE_PARAGRAPH, *paragraphs])
    return CorpusLetter(
        letter.sender, letter.signer, letter.recipient, (), "Solidarity: {{ campaign.title }}",
        letter.letter_date, "en", "IALL/2026/017", template, 2,
    )  # fmt: skip


def merge_recipients(count: int, seed: int = SEED) -> list[Org]:
    rng = random.Random(seed + 1)
    return [_org(rng, number) for number in range(count)]


def load_merge(engine: Engine, count: int, seed: int = SEED) -> MergeSetup:
    """A federation with `count` affiliates (each with its postal address) and one approved
    template letter to them, signed; returns what the merge needs."""
    template = merge_template(seed)
    recipients = merge_recipients(count, seed)
    with store.transaction(engine, write=True) as session:
        campaign = campaigns.create_campaign(
            session,
            CampaignFields(title=MERGE_CAMPAIGN.title, target=MERGE_CAMPAIGN.target),
        )
        sender = organisations.create_organisation(session, _org_fields(template.sender)).id
        signer = organisations.create_person(
            session,
            PersonFields(
                name=template.signer.name, title=template.signer.title, organisation_id=sender
            ),
        ).id
        federation = organisations.create_organisation(
            session, OrganisationFields(name="Federation of the benchmark", acronym="FED")
        ).id
        first = organisations.create_organisation(session, _org_fields(recipients[0], federation))
        for org in recipients[1:]:
            organisations.create_organisation(session, _org_fields(org, federation))
        fields = LetterFields(
            campaign_id=campaign.id, sender_id=sender, subject=template.subject,
            letter_date=template.letter_date, body=template.body,
            our_reference=template.our_reference, signatory_ids=[signer],
            to=[("org", first.id)],
        )  # fmt: skip
        letter_id = letters.create_letter(session, fields).id
    return MergeSetup(letter_id, federation, tuple(recipients), template)


def merge_context(setup: MergeSetup, recipient: Org) -> MergeContext:
    """What the template sees for one recipient, as the merge gives it (an organisation)."""
    template = setup.template
    return MergeContext(
        recipient=Party(name=recipient.name, organisation=recipient.name,
                        acronym=recipient.acronym, address=recipient.address,
                        country=recipient.country),
        sender=Party(name=template.sender.name),
        campaign=MERGE_CAMPAIGN,
        date=template.letter_date.isoformat(),
        our_reference=template.our_reference,
    )  # fmt: skip


def load_merged(engine: Engine, setup: MergeSetup) -> list[int]:
    """The stand-in for the merge: the template rendered for each recipient (by the program's
    template service) and stored as one letter each, in a database `load_merge` filled."""
    template = setup.template
    ids = []
    with store.transaction(engine, write=True) as session:
        campaign_id = campaigns.list_campaigns(session)[0].id
        found = {o.name: o for o in organisations.list_organisations(session)}
        sender = found[template.sender.name]
        signer = organisations.list_people(session, sender.id)[0]
        for number, org in enumerate(setup.recipients):
            context = merge_context(setup, org)
            fields = LetterFields(
                campaign_id=campaign_id, sender_id=sender.id,
                subject=render(template.subject, context, "subject"),
                letter_date=template.letter_date, body=render(template.body, context),
                our_reference=f"{template.our_reference}-{number:04d}",
                signatory_ids=[signer.id], to=[("org", found[org.name].id)],
            )  # fmt: skip
            ids.append(letters.create_letter(session, fields).id)
        letters.delete_letter(session, setup.letter_id)  # the template itself is not sent
    return ids


def printables(engine: Engine, ids: Iterable[int]) -> list[PrintableLetter]:
    """The letters as the program prints them (read back from the database)."""
    with store.transaction(engine) as session:
        return [letter_register.printable_letter(session, n) for n in ids]


def write_html(letters_: Sequence[PrintableLetter], folder: Path) -> list[Path]:
    """One HTML file per letter, for `soffice --convert-to pdf`; returns the files in order."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number, letter in enumerate(letters_):
        path = folder / f"letter-{number:04d}.html"
        path.write_text(as_html(letter), encoding="utf-8")
        paths.append(path)
    return paths


def as_html(letter: PrintableLetter) -> str:
    """The same letter for LibreOffice: letterhead, date and references, addressee, subject,
    body with its lists, signature, cc; printed words in the letter's language."""
    words = words_for(letter.language)
    when = date_text(letter.letter_date, letter.language) if letter.letter_date else ""
    parts = [
        f"<h2>{escape(letter.sender_name)}</h2>",
        "<p>" + escape(letter.sender_address).replace("\n", "<br>") + "</p><hr>",
        f"<p align='right'>{escape(when)}<br>"
        f"{escape(words.our_reference.format(ref=letter.our_reference))}</p>",
    ]
    for party in letter.addressees:
        lines = "<br>".join(escape(line) for line in party.lines)
        parts.append(f"<p><b>{escape(party.name)}</b><br>{lines}</p>")
    parts.append(f"<p><b>{escape(letter.subject)}</b></p>")
    parts += [_html_block(block) for block in parse_body(letter.body)]
    for signer in letter.signatories:
        parts.append(f"<p><br><br><b>{escape(signer.name)}</b><br>{escape(signer.title)}</p>")
    if letter.cc:
        parts.append(f"<p>{escape(words.cc.format(names='; '.join(letter.cc)))}</p>")
    body_html = "\n".join(parts)
    return f"<html><head><meta charset='utf-8'></head><body>{body_html}</body></html>"


def _html_block(block: TextBlock | ListBlock) -> str:
    if isinstance(block, TextBlock):
        return "<p>" + "".join(_html_run(r.text, r.bold, r.italic) for r in block.runs) + "</p>"
    tag = "ol" if block.ordered else "ul"
    items = "".join(
        "<li>" + "".join(_html_block(b) for b in item) + "</li>" for item in block.items
    )
    return f"<{tag}>{items}</{tag}>"


def _html_run(run_text: str, bold: bool, italic: bool) -> str:
    html = escape(run_text)
    html = f"<i>{html}</i>" if italic else html
    return f"<b>{html}</b>" if bold else html
