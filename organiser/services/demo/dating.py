"""The sample actions as the documents date them: the hunger strike begun on 23 July and not
ended when PSI wrote (ongoing), the global day of action "in the coming months" (not yet
dated), the sentences of July 2016 and the February 2018 Winter Olympics (dated to the month),
and the organisations each involves, in their roles."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from organiser.models import (
    Action,
    ActionKind,
    ActionOrganisation,
    ActionRole,
    ActionStatus,
    DatePrecision,
)
from organiser.services.demo.data import SampleIds

SEOUL = "Asia/Seoul"

# The title of a sample action, and the organisations (keys) it involves in their roles.
ROLES: tuple[tuple[str, tuple[tuple[str, ActionRole], ...]], ...] = (
    ("People's Mass Mobilization", (("kctu", ActionRole.ORGANISER), ("kr-gov", ActionRole.TARGET))),
    ("Police raid on union offices", (("kmwu", ActionRole.RAIDED), ("kctu", ActionRole.RAIDED))),
    ("Third round of strike action",
     (("kptu", ActionRole.STRIKING_UNION), ("nhis", ActionRole.EMPLOYER))),
    ("Rally at NHIS headquarters", (("kptu", ActionRole.ORGANISER), ("nhis", ActionRole.TARGET))),
    ("Hunger strike of the branch first vice chair",
     (("kptu", ActionRole.STRIKING_UNION), ("nhis", ActionRole.TARGET))),
    ("Global day of action: Korea, respect workers' rights",
     (("industriall", ActionRole.ORGANISER), ("kr-gov", ActionRole.TARGET))),
    ("Public campaign at the PyeongChang Winter Olympics",
     (("industriall", ActionRole.ORGANISER), ("kr-gov", ActionRole.TARGET))),
)  # fmt: skip

ONGOING = "Hunger strike of the branch first vice chair"  # "commence a hunger strike on 23 July"
MONTH_ONLY = "Sentencing of Han Sang-gyun"  # "sentenced in July 2016"


def dating_actions(ids: SampleIds) -> list[Action]:
    """The resolution's actions that only it dates: one in the coming months, one in the
    month of the Olympics."""
    korea = ids.campaigns["korea"]
    return [
        Action(
            campaign_id=korea,
            kind=ActionKind.GLOBAL_DAY_OF_ACTION,
            title="Global day of action: Korea, respect workers' rights",
            status=ActionStatus.PLANNED,
            timezone="UTC",
            location="Worldwide",
            undated=True,
            all_day=True,
            notes="IndustriALL and its affiliates will participate in a global day of action "
            "taking place in the coming months.",
        ),
        Action(
            campaign_id=korea,
            kind=ActionKind.OTHER,
            title="Public campaign at the PyeongChang Winter Olympics",
            status=ActionStatus.PLANNED,
            timezone=SEOUL,
            location="PyeongChang",
            all_day=True,
            start_date=date(2018, 2, 1),
            end_date=date(2018, 2, 1),
            date_precision=DatePrecision.MONTH,
        ),
    ]


def date_as_documented(actions: Sequence[Action], ids: SampleIds) -> None:
    """The hunger strike ongoing, the sentencing dated to its month, and every action's
    organisations in their roles (on actions already made from the sample tables)."""
    by_title = {action.title: action for action in actions}
    strike = by_title[ONGOING]
    strike.ongoing, strike.end_date = True, None
    sentencing = by_title[MONTH_ONLY]
    sentencing.date_precision = DatePrecision.MONTH
    sentencing.start_date = sentencing.end_date = date(2016, 7, 1)
    for title, roles in ROLES:
        by_title[title].organisations = [
            ActionOrganisation(organisation_id=ids.organisations[key], role=role)
            for key, role in roles
        ]
