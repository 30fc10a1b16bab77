"""Sample campaigns for a first look and for screenshots, built from public facts.

The Korean campaigns follow the 2015-16 crackdown on Korean unions and the 2021 strike of the
National Health Insurance Service's outsourced call-centre workers; the Kazakh oil-field campaign
and the call-centre outsourcing campaign in Argentina are illustrations of our own.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from organiser.errors import OrganiserError
from organiser.models import (
    Action,
    ActionKind,
    ActionStatus,
    Channel,
    Commitment,
    CommitmentStatus,
    InternationalDay,
    Letter,
    LetterKind,
    LetterRecipient,
    LetterSignatory,
    LetterStatus,
    RecipientRole,
)
from organiser.services.campaigns import CampaignFields, count_campaigns, create_campaign
from organiser.services.organisations import (
    OrganisationFields,
    PersonFields,
    count_organisations,
    create_organisation,
    create_person,
)

INTERNATIONAL_DAYS = (
    ("International Women's Day", 3, 8),
    ("International Workers' Memorial Day", 4, 28),
    ("International Workers' Day", 5, 1),
    ("World Day for Decent Work", 10, 7),
    ("Human Rights Day", 12, 10),
)

ORGANISATIONS: tuple[tuple[str, OrganisationFields], ...] = (
    (
        "industriall",
        OrganisationFields(
            name="IndustriALL Global Union",
            acronym="IndustriALL",
            kind="global-union-federation",
            country="CH",
            address="54 bis, route des Acacias\n1227 Geneva\nSwitzerland",
            email="info@industriall-union.org",
            language="en",
        ),
    ),
    (
        "psi",
        OrganisationFields(
            name="Public Services International",
            acronym="PSI",
            kind="global-union-federation",
            country="FR",
            address="45 avenue Voltaire\n01210 Ferney-Voltaire\nFrance",
            email="psi@world-psi.org",
            language="en",
        ),
    ),
    (
        "ituc",
        OrganisationFields(
            name="International Trade Union Confederation",
            acronym="ITUC",
            kind="national-centre",
            country="BE",
            address="Boulevard du Jardin Botanique 20\n1000 Brussels\nBelgium",
            language="en",
        ),
    ),
    (
        "kctu",
        OrganisationFields(
            name="Korean Confederation of Trade Unions",
            acronym="KCTU",
            kind="national-centre",
            country="KR",
            address="민주노총, 서울특별시 중구 정동길 3\nSeoul 04518\nRepublic of Korea",
            language="ko",
        ),
    ),
    (
        "kmwu",
        OrganisationFields(
            name="Korean Metal Workers' Union",
            acronym="KMWU",
            kind="union",
            country="KR",
            language="ko",
            affiliate_of_id=None,
        ),
    ),
    (
        "kptu",
        OrganisationFields(
            name="Korean Public Service and Transport Workers' Union",
            acronym="KPTU",
            kind="union",
            country="KR",
            language="ko",
            address="Seoul\nRepublic of Korea",
        ),
    ),
    (
        "ig-metall",
        OrganisationFields(
            name="IG Metall",
            kind="union",
            country="DE",
            language="de",
            address="Wilhelm-Leuschner-Straße 79\n60329 Frankfurt am Main\nGermany",
        ),
    ),
    (
        "unite",
        OrganisationFields(
            name="Unite the Union", acronym="Unite", kind="union", country="GB", language="en"
        ),
    ),
    (
        "cfmeu",
        OrganisationFields(
            name="Construction, Forestry and Maritime Employees Union",
            acronym="CFMMEU",
            kind="union",
            country="AU",
            language="en",
        ),
    ),
    ("if-metall", OrganisationFields(name="IF Metall", kind="union", country="SE", language="sv")),
    ("unison", OrganisationFields(name="UNISON", kind="union", country="GB", language="en")),
    (
        "ate",
        OrganisationFields(
            name="Asociación Trabajadores del Estado",
            acronym="ATE",
            kind="union",
            country="AR",
            language="es",
        ),
    ),
    (
        "kz-oil",
        OrganisationFields(
            name="Мұнайшылар кәсіподағы «Ақжайық»",
            acronym="Ақжайық",
            kind="union",
            country="KZ",
            language="kk",
            address="Жаңаөзен қаласы\nМаңғыстау облысы\nҚазақстан",
        ),
    ),
    (
        "kr-gov",
        OrganisationFields(
            name="Office of the President of the Republic of Korea",
            kind="government",
            country="KR",
            address="1 Cheongwadae-ro, Jongno-gu\nSeoul 03048\nRepublic of Korea",
            language="ko",
        ),
    ),
    (
        "nhis",
        OrganisationFields(
            name="National Health Insurance Service",
            acronym="NHIS",
            kind="employer",
            country="KR",
            address="32 Geongang-ro, Wonju-si\nGangwon-do 26464\nRepublic of Korea",
            language="ko",
        ),
    ),
    (
        "kz-gov",
        OrganisationFields(
            name="Government of the Republic of Kazakhstan",
            kind="government",
            country="KZ",
            language="kk",
            address="Astana\nKazakhstan",
        ),
    ),
    (
        "ilo",
        OrganisationFields(
            name="International Labour Organization",
            acronym="ILO",
            kind="international-body",
            country="CH",
            address="4 route des Morillons\n1211 Geneva 22\nSwitzerland",
            language="en",
        ),
    ),
)

AFFILIATIONS = {
    "kmwu": "industriall",
    "ig-metall": "industriall",
    "unite": "industriall",
    "cfmeu": "industriall",
    "if-metall": "industriall",
    "kptu": "psi",
    "unison": "psi",
    "ate": "psi",
    "kz-oil": "industriall",
}

PEOPLE = (
    (
        "valter",
        PersonFields(name="Valter Sanches", title="General Secretary", organisation_id=None),
        "industriall",
    ),
    ("rosa", PersonFields(name="Rosa Pavanelli", title="General Secretary"), "psi"),
    ("han", PersonFields(name="Han Sang-gyun (한상균)", title="President"), "kctu"),
    ("cho", PersonFields(name="Cho Sung-deok (조성덕)", title="Vice-President"), "kptu"),
    ("kptu-chair", PersonFields(name="Hyun Jung-hee (현정희)", title="President"), "kptu"),
    (
        "kz-leader",
        PersonFields(name="Ерлан Сағынтайұлы Құдайбергенов", title="Төраға (Chair)"),
        "kz-oil",
    ),
)


@dataclass(frozen=True)
class DemoSummary:
    organisations: int
    people: int
    campaigns: int
    actions: int
    commitments: int
    letters: int


def _at(year: int, month: int, day: int, hour: int, minute: int, zone: str) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=ZoneInfo(zone))


def _timed(
    campaign_id: int,
    kind: ActionKind,
    title: str,
    start: datetime,
    end: datetime,
    location: str,
    status: ActionStatus,
    notes: str = "",
) -> Action:
    zone = str(start.tzinfo)
    return Action(
        campaign_id=campaign_id,
        kind=kind,
        title=title,
        all_day=False,
        start_date=start.date(),
        end_date=end.date(),
        starts_at=start,
        ends_at=end,
        timezone=zone,
        location=location,
        status=status,
        notes=notes,
    )


def _all_day(
    campaign_id: int,
    kind: ActionKind,
    title: str,
    first: date,
    last: date,
    zone: str,
    location: str,
    status: ActionStatus,
    notes: str = "",
) -> Action:
    return Action(
        campaign_id=campaign_id,
        kind=kind,
        title=title,
        all_day=True,
        start_date=first,
        end_date=last,
        timezone=zone,
        location=location,
        status=status,
        notes=notes,
    )


def load_demo(session: Session, today: date | None = None) -> DemoSummary:
    """Fill an empty database with sample campaigns; refuses a database that has data."""
    if count_campaigns(session) or count_organisations(session):
        raise OrganiserError("The sample data goes into an empty database only; this one has data.")
    today = today or date.today()
    orgs = {key: create_organisation(session, fields).id for key, fields in ORGANISATIONS}
    for child, parent in AFFILIATIONS.items():
        from organiser.models import Organisation

        record = session.get(Organisation, orgs[child])
        assert record is not None
        record.affiliate_of_id = orgs[parent]
    people = {}
    for key, fields, org in PEOPLE:
        fields.organisation_id = orgs[org]
        people[key] = create_person(session, fields).id
    for name, month, day in INTERNATIONAL_DAYS:
        session.add(InternationalDay(name=name, month=month, day=day))

    korea = create_campaign(
        session,
        CampaignFields(
            title="Stop the crackdown on Korean unions",
            country="KR",
            target="Government of the Republic of Korea",
            summary="Riot police raided union offices on 21 November 2015, a week after a national "
            "rally "
            "against labour law changes. KCTU President Han Sang-gyun was sentenced to five "
            "years, KPTU Vice-President Cho Sung-deok to two.",
            demands=[
                "Release all imprisoned trade unionists, Han Sang-gyun and Cho Sung-deok first",
                "Withdraw the anti-worker changes to labour legislation",
                "Respect freedom of association and the right to protest",
            ],
            status="active",
            start_date=date(2015, 11, 21),
            end_date=None,
            lead_id=orgs["industriall"],
            colour="#d1242f",
        ),
    )
    nhis = create_campaign(
        session,
        CampaignFields(
            title="Regular jobs for NHIS call-centre workers",
            country="KR",
            target="National Health Insurance Service and the Ministry of Health and Welfare",
            summary="1,000 outsourced workers of the NHIS customer service centre, organised in "
            "KPTU, "
            "struck for direct employment; the branch first vice chair began a hunger strike on "
            "23 July 2021.",
            demands=[
                "Direct employment of the customer service centre workers by the NHIS",
                "Keep insured people's personal data in public hands",
                "Lift the ban on the union's rallies",
            ],
            status="won",
            start_date=date(2021, 7, 1),
            end_date=date(2021, 12, 31),
            lead_id=orgs["psi"],
            colour="#1a7f37",
        ),
    )
    kazakh = create_campaign(
        session,
        CampaignFields(
            title="Right to strike for Mangystau oil workers",
            country="KZ",
            target="Government of the Republic of Kazakhstan",
            summary="A regional court declared the oil-field strike illegal and the union's chair "
            "faces "
            "charges. Affiliates write to the embassies and join the strike day.",
            demands=[
                "Drop the charges against Ерлан Құдайбергенов",
                "Recognise the strike as lawful",
                "Reinstate dismissed workers",
            ],
            status="active",
            start_date=today - timedelta(days=20),
            end_date=None,
            lead_id=orgs["industriall"],
            colour="#8250df",
        ),
    )
    argentina = create_campaign(
        session,
        CampaignFields(
            title="Keep the ANSES call centre public",
            country="AR",
            target="Administración Nacional de la Seguridad Social",
            summary="The social security agency plans to outsource its call-centre staff.",
            demands=["Cancel the outsourcing tender", "Negotiate staffing with ATE"],
            status="planned",
            start_date=today,
            lead_id=orgs["psi"],
            colour="#bf8700",
        ),
    )

    def soon(days: int) -> date:
        return today + timedelta(days=days)

    def soon_at(days: int, hour: int, minute: int, zone: str) -> datetime:
        day = soon(days)
        return _at(day.year, day.month, day.day, hour, minute, zone)

    strike_day = date(today.year, 12, 11)
    if strike_day < today:
        strike_day = date(today.year + 1, 12, 11)
    actions = [
        _all_day(
            korea.id,
            ActionKind.RALLY,
            "People's Mass Mobilization",
            date(2015, 11, 14),
            date(2015, 11, 14),
            "Asia/Seoul",
            "Gwanghwamun Square, Seoul",
            ActionStatus.HAPPENED,
        ),
        _all_day(
            korea.id,
            ActionKind.DEADLINE,
            "Police raid on union offices",
            date(2015, 11, 21),
            date(2015, 11, 21),
            "Asia/Seoul",
            "Seoul",
            ActionStatus.HAPPENED,
        ),
        _all_day(
            korea.id,
            ActionKind.COURT_HEARING,
            "Sentencing of Han Sang-gyun",
            date(2016, 7, 4),
            date(2016, 7, 4),
            "Asia/Seoul",
            "Seoul Central District Court",
            ActionStatus.HAPPENED,
        ),
        _all_day(
            korea.id,
            ActionKind.RALLY,
            "National Workers Rally",
            date(2016, 11, 12),
            date(2016, 11, 13),
            "Asia/Seoul",
            "Seoul",
            ActionStatus.HAPPENED,
        ),
        _all_day(
            korea.id,
            ActionKind.GLOBAL_DAY_OF_ACTION,
            "Global day of action for Korean unions",
            date(2017, 3, 9),
            date(2017, 3, 9),
            "UTC",
            "Worldwide",
            ActionStatus.HAPPENED,
        ),
        _all_day(
            nhis.id,
            ActionKind.STRIKE,
            "Third round of strike action",
            date(2021, 7, 1),
            date(2021, 7, 3),
            "Asia/Seoul",
            "NHIS customer service centres",
            ActionStatus.HAPPENED,
        ),
        _timed(
            nhis.id,
            ActionKind.RALLY,
            "Rally at NHIS headquarters",
            _at(2021, 7, 23, 14, 0, "Asia/Seoul"),
            _at(2021, 7, 23, 17, 0, "Asia/Seoul"),
            "Wonju",
            ActionStatus.HAPPENED,
            "Declared illegal by the authorities despite distancing measures.",
        ),
        _all_day(
            nhis.id,
            ActionKind.HUNGER_STRIKE,
            "Hunger strike of the branch first vice chair",
            date(2021, 7, 23),
            date(2021, 8, 12),
            "Asia/Seoul",
            "Wonju",
            ActionStatus.HAPPENED,
        ),
        _all_day(
            kazakh.id,
            ActionKind.STRIKE,
            "Oil-field strike day",
            strike_day,
            strike_day,
            "Asia/Aqtau",
            "Жаңаөзен, Mangystau",
            ActionStatus.CONFIRMED,
        ),
        _timed(
            kazakh.id,
            ActionKind.COURT_HEARING,
            "Appeal hearing",
            soon_at(3, 10, 0, "Asia/Aqtau"),
            soon_at(3, 13, 0, "Asia/Aqtau"),
            "Mangystau Regional Court, Aktau",
            ActionStatus.PLANNED,
        ),
        _timed(
            kazakh.id,
            ActionKind.VIGIL,
            "Vigil at the embassy",
            soon_at(7, 12, 0, "Europe/Berlin"),
            soon_at(7, 14, 0, "Europe/Berlin"),
            "Embassy of Kazakhstan, Berlin",
            ActionStatus.PLANNED,
        ),
        _all_day(
            kazakh.id,
            ActionKind.GLOBAL_DAY_OF_ACTION,
            "Global day of action: right to strike",
            soon(16),
            soon(16),
            "UTC",
            "Worldwide",
            ActionStatus.PLANNED,
        ),
        _timed(
            argentina.id,
            ActionKind.MEETING,
            "Meeting with ANSES management",
            soon_at(2, 11, 0, "America/Argentina/Buenos_Aires"),
            soon_at(2, 12, 30, "America/Argentina/Buenos_Aires"),
            "Buenos Aires",
            ActionStatus.CONFIRMED,
        ),
        _all_day(
            argentina.id,
            ActionKind.DEADLINE,
            "Tender closes",
            soon(9),
            soon(9),
            "America/Argentina/Buenos_Aires",
            "",
            ActionStatus.PLANNED,
        ),
    ]
    session.add_all(actions)
    session.flush()
    by_title = {a.title: a.id for a in actions}

    pledges = [
        (
            korea.id,
            "ig-metall",
            "Join the global day of action with a rally in Frankfurt",
            "Global day of action for Korean unions",
            date(2017, 3, 9),
            CommitmentStatus.FULFILLED,
            date(2017, 3, 9),
        ),
        (
            korea.id,
            "unite",
            "Write to the Korean embassy in London",
            None,
            date(2016, 12, 1),
            CommitmentStatus.FULFILLED,
            date(2016, 11, 28),
        ),
        (
            korea.id,
            "cfmeu",
            "Raise the jailed leaders at the ILO Governing Body",
            None,
            date(2017, 3, 20),
            CommitmentStatus.WITHDRAWN,
            None,
        ),
        (
            korea.id,
            "if-metall",
            "Send a delegation to the National Workers Rally",
            "National Workers Rally",
            date(2016, 11, 12),
            CommitmentStatus.FULFILLED,
            date(2016, 11, 12),
        ),
        (
            nhis.id,
            "unison",
            "Send a solidarity message to the strikers",
            None,
            date(2021, 7, 10),
            CommitmentStatus.FULFILLED,
            date(2021, 7, 8),
        ),
        (
            nhis.id,
            "ate",
            "Publish the call-centre workers' case in the union press",
            None,
            date(2021, 8, 1),
            CommitmentStatus.FULFILLED,
            date(2021, 8, 3),
        ),
        (
            kazakh.id,
            "ig-metall",
            "Hold a vigil at the embassy in Berlin",
            "Vigil at the embassy",
            soon(7),
            CommitmentStatus.PLEDGED,
            None,
        ),
        (
            kazakh.id,
            "unite",
            "Protest letter to the Kazakh ambassador",
            None,
            soon(-3),
            CommitmentStatus.IN_PROGRESS,
            None,
        ),
        (
            kazakh.id,
            "if-metall",
            "Join the global day of action",
            "Global day of action: right to strike",
            soon(16),
            CommitmentStatus.PLEDGED,
            None,
        ),
        (
            kazakh.id,
            "cfmeu",
            "Send observers to the appeal hearing",
            "Appeal hearing",
            soon(-1),
            CommitmentStatus.PLEDGED,
            None,
        ),
        (
            argentina.id,
            "unison",
            "Share research on outsourced call centres",
            None,
            soon(12),
            CommitmentStatus.PLEDGED,
            None,
        ),
    ]
    for campaign_id, org, what, action_title, due, status, fulfilled in pledges:
        session.add(
            Commitment(
                campaign_id=campaign_id,
                organisation_id=orgs[org],
                what=what,
                action_id=by_title[action_title] if action_title else None,
                due_date=due,
                status=status,
                fulfilled_on=fulfilled,
                evidence="Photos on the union's website" if fulfilled else "",
            )
        )

    letters = [
        Letter(
            kind=LetterKind.SOLIDARITY_LETTER,
            campaign_id=nhis.id,
            sender_id=orgs["psi"],
            subject="Solidarity with the NHIS customer service centre workers",
            letter_date=date(2021, 7, 27),
            language="en",
            body=NHIS_LETTER,
            status=LetterStatus.SENT,
            sent_on=date(2021, 7, 27),
            channel=Channel.EMAIL,
            our_reference="PSI/KR/2021-07",
            signatories=[LetterSignatory(person_id=people["rosa"])],
            recipients=[
                LetterRecipient(role=RecipientRole.TO, organisation_id=orgs["kptu"]),
                LetterRecipient(role=RecipientRole.CC, organisation_id=orgs["kctu"]),
            ],
        ),
        Letter(
            kind=LetterKind.PROTEST_LETTER,
            campaign_id=korea.id,
            sender_id=orgs["industriall"],
            subject="Release Han Sang-gyun and Cho Sung-deok",
            letter_date=date(2016, 7, 15),
            language="en",
            body=KOREA_LETTER,
            status=LetterStatus.ANSWERED,
            sent_on=date(2016, 7, 15),
            channel=Channel.REGISTERED_POST,
            tracking_number="RR123456785CH",
            our_reference="IALL/KR/2016-14",
            reply_received_on=date(2016, 8, 30),
            reply_note="Acknowledged by the Ministry of Employment and Labor.",
            signatories=[LetterSignatory(person_id=people["valter"])],
            recipients=[
                LetterRecipient(role=RecipientRole.TO, organisation_id=orgs["kr-gov"]),
                LetterRecipient(role=RecipientRole.CC, organisation_id=orgs["ilo"]),
                LetterRecipient(role=RecipientRole.CC, organisation_id=orgs["kctu"]),
            ],
        ),
        Letter(
            kind=LetterKind.PROTEST_LETTER,
            campaign_id=kazakh.id,
            sender_id=orgs["industriall"],
            subject="The Mangystau oil-field strike is lawful",
            letter_date=today,
            language="en",
            body=KAZAKH_LETTER,
            status=LetterStatus.DRAFT,
            signatories=[LetterSignatory(person_id=people["valter"])],
            recipients=[
                LetterRecipient(role=RecipientRole.TO, organisation_id=orgs["kz-gov"]),
                LetterRecipient(role=RecipientRole.CC, person_id=people["kz-leader"]),
            ],
        ),
    ]
    session.add_all(letters)
    session.flush()
    return DemoSummary(
        organisations=len(orgs),
        people=len(people),
        campaigns=4,
        actions=len(actions),
        commitments=len(pledges),
        letters=len(letters),
    )


NHIS_LETTER = """Dear comrades,

Public Services International sends its solidarity to the outsourced workers of the **National
Health Insurance Service** customer service centre and to KPTU.

Answering the calls of insured people is *core public work*. It should be done by public
employees, and the personal data it handles should stay in public hands.

We call on the NHIS and the government to:

- employ the customer service centre workers directly;
- open talks with the KPTU branch without delay;
- respect the right to assemble peacefully.

We will keep standing with you until the promise of regular jobs is kept.

In solidarity,"""

KOREA_LETTER = """Mr President,

On behalf of the affiliates of IndustriALL Global Union, we protest the prison sentences handed
to **Han Sang-gyun**, President of the KCTU, and **Cho Sung-deok**, Vice-President of KPTU, for
their part in peaceful protests.

We urge your government to:

1. release all imprisoned trade unionists;
2. withdraw the proposed changes to labour legislation;
3. respect ILO Conventions 87 and 98 on freedom of association.

Yours sincerely,"""

KAZAKH_LETTER = """Your Excellency,

Oil workers in Mangystau organised by the union «Ақжайық» have struck peacefully for wages and
safety. We ask your government to drop the charges against the union's chair, **Ерлан
Сағынтайұлы Құдайбергенов**, and to recognise the strike as lawful.

Respectfully,"""
