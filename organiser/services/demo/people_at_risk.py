"""The sample people at risk and their situations, linked to their campaigns and hearings.

The Korean ones follow the documents: KCTU President Han Sang-gyun, arrested in December 2015
and sentenced in July 2016 to five years; KPTU Vice-President Cho Sung-deok, sentenced then to
two; the KPTU NHIS branch's first vice-chair, known by role, on hunger strike from 23 July 2021.
The Kazakh ones are our own illustration, dated from `today` so that the People at risk page
always has someone held and someone on hunger strike now.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from typing import NamedTuple

from sqlalchemy.orm import Session

from organiser.services.demo.data import SampleIds
from organiser.services.organisations import PersonFields, create_person
from organiser.services.situations import SituationFields, create_situation

DAY = timedelta(days=1)

# People known by role only, not in the sample people: key, organisation key, role.
KNOWN_BY_ROLE = (
    ("nhis-vice-chair", "kptu", "the KPTU NHIS customer service centre branch's first vice-chair"),
    ("kz-deputy", "kz-oil", "the union's deputy chair (орынбасар)"),
)


class SituationRow(NamedTuple):
    person: str
    kind: str
    since: date
    until: date | None = None
    campaign: str = ""
    court: str = ""
    sentence: str = ""
    sentence_months: int | None = None
    actions: tuple[str, ...] = ()  # titles of sample actions: its hearings, its strike
    notes: str = ""


def situation_rows(today: date) -> tuple[SituationRow, ...]:
    seoul_court = "Seoul Central District Court"
    return (
        SituationRow("han", "arrested", date(2015, 12, 10), campaign="korea",
                     notes="Arrested after the People's Mass Mobilization rally."),
        SituationRow("han", "sentenced", date(2016, 7, 4), campaign="korea", court=seoul_court,
                     sentence="5 years in prison", sentence_months=60,
                     actions=("Sentencing of Han Sang-gyun",)),
        SituationRow("han", "released", date(2018, 5, 21), campaign="korea",
                     notes="Released on parole."),
        SituationRow("cho", "sentenced", date(2016, 7, 1), date(2018, 6, 30), campaign="korea",
                     sentence="2 years in prison", sentence_months=24,
                     notes="The resolution says July 2016, not the day. Until: the end of the "
                     "two years; his release is not recorded here."),
        SituationRow("nhis-vice-chair", "on-hunger-strike", date(2021, 7, 23), date(2021, 8, 12),
                     campaign="nhis", actions=("Hunger strike of the branch first vice chair",),
                     notes="Began when the NHIS failed to act on the third round of strikes."),
        # Our illustration: held since before the campaign, sentenced, appealing in 3 days.
        SituationRow("kz-leader", "detained", today - 230 * DAY, campaign="kazakh"),
        SituationRow("kz-leader", "sentenced", today - 25 * DAY, campaign="kazakh",
                     court="Mangystau Regional Court", sentence="5 years", sentence_months=60,
                     actions=("Appeal hearing",)),
        SituationRow("kz-deputy", "on-hunger-strike", today - 11 * DAY, campaign="kazakh",
                     notes="Until the charges are dropped."),
    )  # fmt: skip


def add_people_at_risk(
    session: Session, ids: SampleIds, today: date, action_ids: Mapping[str, int]
) -> int:
    """The people known by role and every sample situation; how many situations."""
    people = dict(ids.people)
    for key, organisation, role in KNOWN_BY_ROLE:
        fields = PersonFields(role=role, organisation_id=ids.organisations[organisation])
        people[key] = ids.people[key] = create_person(session, fields).id
    rows = situation_rows(today)
    for row in rows:
        create_situation(
            session,
            SituationFields(
                person_id=people[row.person],
                kind=row.kind,
                since=row.since,
                until=row.until,
                court=row.court,
                sentence=row.sentence,
                sentence_months=row.sentence_months,
                notes=row.notes,
                campaign_ids=[ids.campaigns[row.campaign]] if row.campaign else [],
                action_ids=[action_ids[title] for title in row.actions],
            ),
        )
    return len(rows)
