"""The sample data dates its actions as the reference documents do, with their organisations."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Engine

from organiser import store
from organiser.models import ActionRole, DatePrecision
from organiser.services.calendar import actions_between, to_be_dated
from organiser.services.demo import load_demo


def test_the_sample_has_an_ongoing_an_undated_and_month_only_actions_with_roles(
    engine: Engine,
) -> None:
    with store.transaction(engine, write=True) as session:
        load_demo(session)
    with store.transaction(engine) as session:
        everything = {a.title: a for a in actions_between(session, with_organisations=True)}
        undated = to_be_dated(session)
    strike = everything["Hunger strike of the branch first vice chair"]
    assert (strike.ongoing, strike.start_date, strike.end_date) == (
        True, date(2021, 7, 23), date.today()
    )  # fmt: skip
    assert [(o.name, o.role) for o in strike.organisations] == [
        ("Korean Public Service and Transport Workers' Union", ActionRole.STRIKING_UNION),
        ("National Health Insurance Service", ActionRole.TARGET),
    ]
    assert [a.title for a in undated] == ["Global day of action: Korea, respect workers' rights"]
    sentencing = everything["Sentencing of Han Sang-gyun"]
    assert (sentencing.date_precision, sentencing.when_text()) == (DatePrecision.MONTH, "July 2016")
    raid = everything["Police raid on union offices"]
    assert {o.role for o in raid.organisations} == {ActionRole.RAIDED}
    assert len(raid.organisations) == 2
