"""The sample organisations, people, international days and campaigns, as tables.

Records refer to each other by short keys ("kctu", "korea"); the loader turns keys into ids.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from organiser.services.campaigns import CampaignFields
from organiser.services.organisations import OrganisationFields, PersonFields

INTERNATIONAL_DAYS = (
    ("International Women's Day", 3, 8),
    ("International Workers' Memorial Day", 4, 28),
    ("International Workers' Day", 5, 1),
    ("World Day for Decent Work", 10, 7),
    ("Human Rights Day", 12, 10),
)

ORGANISATIONS: tuple[tuple[str, OrganisationFields], ...] = (
    ("industriall", OrganisationFields(
        name="IndustriALL Global Union", acronym="IndustriALL", kind="global-union-federation",
        country="CH", address="54 bis, route des Acacias\n1227 Geneva\nSwitzerland",
        email="info@industriall-union.org", language="en")),
    ("psi", OrganisationFields(
        name="Public Services International", acronym="PSI", kind="global-union-federation",
        country="FR", address="45 avenue Voltaire\n01210 Ferney-Voltaire\nFrance",
        email="psi@world-psi.org", language="en")),
    ("ituc", OrganisationFields(
        name="International Trade Union Confederation", acronym="ITUC",
        kind="international-confederation",
        country="BE", address="Boulevard du Jardin Botanique 20\n1000 Brussels\nBelgium",
        language="en")),
    ("kctu", OrganisationFields(
        name="Korean Confederation of Trade Unions", acronym="KCTU", kind="national-centre",
        country="KR", address="민주노총, 서울특별시 중구 정동길 3\nSeoul 04518\nRepublic of Korea",
        language="ko")),
    ("kmwu", OrganisationFields(
        name="Korean Metal Workers' Union", acronym="KMWU", kind="union", country="KR",
        language="ko")),
    ("kptu", OrganisationFields(
        name="Korean Public Service and Transport Workers' Union", acronym="KPTU", kind="union",
        country="KR", language="ko", address="Seoul\nRepublic of Korea")),
    ("ig-metall", OrganisationFields(
        name="IG Metall", kind="union", country="DE", language="de",
        address="Wilhelm-Leuschner-Straße 79\n60329 Frankfurt am Main\nGermany")),
    ("unite", OrganisationFields(
        name="Unite the Union", acronym="Unite", kind="union", country="GB", language="en")),
    ("cfmeu", OrganisationFields(
        name="Construction, Forestry and Maritime Employees Union", acronym="CFMMEU",
        kind="union", country="AU", language="en")),
    ("if-metall", OrganisationFields(name="IF Metall", kind="union", country="SE", language="sv")),
    ("unison", OrganisationFields(name="UNISON", kind="union", country="GB", language="en")),
    ("ate", OrganisationFields(
        name="Asociación Trabajadores del Estado", acronym="ATE", kind="union", country="AR",
        language="es")),
    ("kz-oil", OrganisationFields(
        name="Мұнайшылар кәсіподағы «Ақжайық»", acronym="Ақжайық", kind="union", country="KZ",
        language="kk", address="Жаңаөзен қаласы\nМаңғыстау облысы\nҚазақстан")),
    ("kr-gov", OrganisationFields(
        name="Office of the President of the Republic of Korea", kind="government",
        country="KR", address="1 Cheongwadae-ro, Jongno-gu\nSeoul 03048\nRepublic of Korea",
        language="ko")),
    ("nhis", OrganisationFields(
        name="National Health Insurance Service", acronym="NHIS", kind="employer", country="KR",
        address="32 Geongang-ro, Wonju-si\nGangwon-do 26464\nRepublic of Korea", language="ko")),
    ("kz-gov", OrganisationFields(
        name="Government of the Republic of Kazakhstan", kind="government", country="KZ",
        language="kk", address="Astana\nKazakhstan")),
    ("ilo", OrganisationFields(
        name="International Labour Organization", acronym="ILO", kind="international-body",
        country="CH", address="4 route des Morillons\n1211 Geneva 22\nSwitzerland",
        language="en")),
)  # fmt: skip

# Affiliate -> the federation it belongs to.
AFFILIATIONS = {
    "kmwu": "industriall", "ig-metall": "industriall", "unite": "industriall",
    "cfmeu": "industriall", "if-metall": "industriall", "kz-oil": "industriall",
    "kptu": "psi", "unison": "psi", "ate": "psi",
}  # fmt: skip

# key, organisation key, person (its organisation_id is filled in when loaded)
PEOPLE: tuple[tuple[str, str, PersonFields], ...] = (
    ("valter", "industriall", PersonFields(name="Valter Sanches", title="General Secretary")),
    ("rosa", "psi", PersonFields(name="Rosa Pavanelli", title="General Secretary")),
    ("han", "kctu", PersonFields(name="Han Sang-gyun (한상균)", title="President")),
    ("cho", "kptu", PersonFields(name="Cho Sung-deok (조성덕)", title="Vice-President")),
    ("kptu-chair", "kptu", PersonFields(name="Hyun Jung-hee (현정희)", title="President")),
    ("kz-leader", "kz-oil",
     PersonFields(name="Ерлан Сағынтайұлы Құдайбергенов", title="Төраға (Chair)")),
)  # fmt: skip


@dataclass
class SampleIds:
    """The database ids of the loaded sample records, by their keys in these tables."""

    organisations: dict[str, int] = field(default_factory=dict)
    people: dict[str, int] = field(default_factory=dict)
    campaigns: dict[str, int] = field(default_factory=dict)


def campaigns(today: date) -> tuple[tuple[str, str, CampaignFields], ...]:
    """key, lead organisation key, campaign; the two live campaigns start around `today` so the
    dashboard always has something current to show."""
    return (
        ("korea", "industriall", CampaignFields(
            title="Stop the crackdown on Korean unions",
            country="KR",
            target="Government of the Republic of Korea",
            summary="Riot police raided union offices on 21 November 2015, a week after a "
            "national rally against labour law changes. KCTU President Han Sang-gyun was "
            "sentenced to five years, KPTU Vice-President Cho Sung-deok to two.",
            demands=[
                "Release all imprisoned trade unionists, Han Sang-gyun and Cho Sung-deok first",
                "Withdraw the anti-worker changes to labour legislation",
                "Respect freedom of association and the right to protest",
            ],
            status="active", start_date=date(2015, 11, 21), colour="#d1242f")),
        ("nhis", "psi", CampaignFields(
            title="Regular jobs for NHIS call-centre workers",
            country="KR",
            target="National Health Insurance Service and the Ministry of Health and Welfare",
            summary="1,000 outsourced workers of the NHIS customer service centre, organised in "
            "KPTU, struck for direct employment; the branch first vice chair began a hunger "
            "strike on 23 July 2021.",
            demands=[
                "Direct employment of the customer service centre workers by the NHIS",
                "Keep insured people's personal data in public hands",
                "Lift the ban on the union's rallies",
            ],
            status="won", start_date=date(2021, 7, 1), end_date=date(2021, 12, 31),
            colour="#1a7f37")),
        ("kazakh", "industriall", CampaignFields(
            title="Right to strike for Mangystau oil workers",
            country="KZ",
            target="Government of the Republic of Kazakhstan",
            summary="A regional court declared the oil-field strike illegal and the union's "
            "chair faces charges. Affiliates write to the embassies and join the strike day.",
            demands=[
                "Drop the charges against Ерлан Құдайбергенов",
                "Recognise the strike as lawful",
                "Reinstate dismissed workers",
            ],
            status="active", start_date=today - timedelta(days=20), colour="#8250df")),
        ("argentina", "psi", CampaignFields(
            title="Keep the ANSES call centre public",
            country="AR",
            target="Administración Nacional de la Seguridad Social",
            summary="The social security agency plans to outsource its call-centre staff.",
            demands=["Cancel the outsourcing tender", "Negotiate staffing with ATE"],
            status="planned", start_date=today, colour="#bf8700")),
    )  # fmt: skip
