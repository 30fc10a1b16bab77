"""Actions as they really are: ongoing (running to today), not yet dated (listed under "To be
dated" by target month), dated to the month ("July 2016"), and the organisations involved in a
role — stored, listed, exported, printed, and carried through the trash."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from icalendar import Calendar
from sqlalchemy import Engine

from organiser import store
from organiser.errors import ValidationError
from organiser.models import ActionRole
from organiser.services import trash
from organiser.services.actions import (
    ActionFields,
    ActionView,
    create_action,
    delete_action,
    fields_of,
    get_action,
    update_action,
)
from organiser.services.calendar import actions_between, to_be_dated
from organiser.services.calendar_output import month_pdf_bytes, month_sheet, write_ics
from organiser.services.campaigns import CampaignFields, create_campaign
from organiser.services.organisations import OrganisationFields, create_organisation

TODAY = date.today()


@pytest.fixture
def world(engine: Engine) -> Iterator[tuple[Engine, int, int, int]]:
    """A Korean campaign, the KPTU and the NHIS."""
    with store.transaction(engine, write=True) as session:
        campaign = create_campaign(session, CampaignFields(title="NHIS", country="KR")).id
        kptu = create_organisation(session, OrganisationFields(name="KPTU")).id
        nhis = create_organisation(session, OrganisationFields(name="NHIS")).id
    yield engine, campaign, kptu, nhis


def _add(engine: Engine, **given: object) -> ActionView:
    with store.transaction(engine, write=True) as session:
        return create_action(session, ActionFields(kind="strike", **given)).action  # type: ignore[arg-type]


def _refused(engine: Engine, field: str, **given: object) -> None:
    with pytest.raises(ValidationError) as raised, store.transaction(engine, write=True) as s:
        create_action(s, ActionFields(kind="strike", **given))  # type: ignore[arg-type]
    assert raised.value.field == field


def test_an_ongoing_action_runs_to_today_and_counts_its_days(world: tuple) -> None:
    engine, campaign, _, _ = world
    start = TODAY - timedelta(days=11)
    saved = _add(engine, campaign_id=campaign, title="Hunger strike", start=start, ongoing=True)
    assert (saved.ongoing, saved.start_date, saved.end_date) == (True, start, TODAY)
    assert saved.day_count() == 12
    assert saved.when_text() == f"since {start.isoformat()} (day 12)"
    assert fields_of(saved).end is None  # the form shows no end
    with store.transaction(engine) as session:
        # Its days to today are in the range; a month after today is not.
        assert [a.id for a in actions_between(session, TODAY, TODAY)] == [saved.id]
        later = TODAY + timedelta(days=40)
        assert actions_between(session, later, later + timedelta(days=5)) == []


def test_an_ongoing_action_has_a_start_and_no_end(world: tuple) -> None:
    engine, campaign, _, _ = world
    _refused(engine, "end", campaign_id=campaign, title="S", start="2026-07-01", end="2026-07-05",
             ongoing=True)  # fmt: skip
    _refused(engine, "start", campaign_id=campaign, title="S", ongoing=True)


def test_an_undated_action_has_no_dates_and_is_listed_by_target_month(world: tuple) -> None:
    engine, campaign, _, _ = world
    later = _add(
        engine, campaign_id=campaign, title="B later", undated=True, target_month="2027-05"
    )
    none = _add(engine, campaign_id=campaign, title="A none", undated=True)
    soon = _add(engine, campaign_id=campaign, title="C soon", undated=True, target_month="2027-01")
    _add(engine, campaign_id=campaign, title="Dated", start="2026-11-14")
    assert (later.start_date, later.end_date, later.when_text()) == (
        None,
        None,
        "to be dated (2027-05)",
    )
    with store.transaction(engine) as session:
        assert [a.id for a in to_be_dated(session)] == [soon.id, later.id, none.id]
        everything = actions_between(session)
        from_2000 = actions_between(session, date(2000, 1, 1))  # a range: dated ones only
    assert [a.title for a in from_2000] == ["Dated"]
    assert [a.title for a in everything][-3:] == ["B later", "A none", "C soon"]  # undated last
    _refused(engine, "start", campaign_id=campaign, title="X", undated=True, start="2026-11-14")
    _refused(engine, "target_month", campaign_id=campaign, title="X", undated=True,
             target_month="2027-13")  # fmt: skip
    _refused(engine, "target_month", campaign_id=campaign, title="X", start="2026-11-14",
             target_month="2027-01")  # fmt: skip
    _refused(engine, "ongoing", campaign_id=campaign, title="X", undated=True, ongoing=True)


def test_a_month_only_date_is_kept_on_the_first_and_printed_as_the_month(world: tuple) -> None:
    engine, campaign, _, _ = world
    saved = _add(engine, campaign_id=campaign, title="Sentenced", start="2016-07",
                 date_precision="month")  # fmt: skip
    assert (saved.start_date, saved.end_date, saved.all_day) == (date(2016, 7, 1),) * 2 + (True,)
    assert saved.when_text() == "July 2016"
    same = _add(
        engine, campaign_id=campaign, title="S2", start="2016-07-19", date_precision="month"
    )
    assert same.start_date == date(2016, 7, 1)
    _refused(engine, "start", campaign_id=campaign, title="X", start="2016-07-01T10:00",
             timezone="Asia/Seoul", date_precision="month")  # fmt: skip
    _refused(engine, "end", campaign_id=campaign, title="X", start="2016-07", end="2016-08-01",
             date_precision="month")  # fmt: skip
    _refused(engine, "start", campaign_id=campaign, title="X", start="2016-7x",
             date_precision="month")  # fmt: skip


def test_organisations_are_stored_in_their_roles_and_replaced_on_edit(world: tuple) -> None:
    engine, campaign, kptu, nhis = world
    saved = _add(engine, campaign_id=campaign, title="Strike", start="2021-07-01",
                 organisations=[(kptu, "striking-union"), (nhis, "employer"),
                                (kptu, "striking-union")])  # fmt: skip
    assert [(o.name, o.role) for o in saved.organisations] == [
        ("KPTU", ActionRole.STRIKING_UNION),
        ("NHIS", ActionRole.EMPLOYER),
    ]
    with store.transaction(engine, write=True) as session:
        data = fields_of(get_action(session, saved.id))
        data.organisations = [(nhis, "target")]
        changed = update_action(session, saved.id, data, saved.version).action
    assert [(o.name, o.role) for o in changed.organisations] == [("NHIS", ActionRole.TARGET)]
    with store.transaction(engine) as session:
        listed = actions_between(session, with_organisations=True)
    assert [o.role for o in listed[0].organisations] == [ActionRole.TARGET]
    _refused(engine, "organisations", campaign_id=campaign, title="X", start="2021-07-01",
             organisations=[(kptu, "bystander")])  # fmt: skip
    _refused(engine, "organisations", campaign_id=campaign, title="X", start="2021-07-01",
             organisations=[(9999, "target")])  # fmt: skip


def test_the_trash_keeps_an_actions_organisations_and_dating(world: tuple) -> None:
    engine, campaign, kptu, _ = world
    saved = _add(engine, campaign_id=campaign, title="Day of action", undated=True,
                 target_month="2027-03", organisations=[(kptu, "organiser")])  # fmt: skip
    with store.transaction(engine, write=True) as session:
        entry = delete_action(session, saved.id)
    with store.transaction(engine, write=True) as session:
        trash.restore(session, entry.id)
    with store.transaction(engine) as session:
        back = get_action(session, saved.id)
    assert (back.undated, back.target_month) == (True, "2027-03")
    assert [(o.name, o.role) for o in back.organisations] == [("KPTU", ActionRole.ORGANISER)]


def test_the_ics_export_leaves_out_the_undated_and_runs_an_ongoing_one_to_today(
    world: tuple, tmp_path: Path
) -> None:
    engine, campaign, _, _ = world
    start = TODAY - timedelta(days=3)
    _add(engine, campaign_id=campaign, title="Ongoing", start=start, ongoing=True)
    _add(engine, campaign_id=campaign, title="Undated", undated=True)
    _add(engine, campaign_id=campaign, title="Month", start="2016-07", date_precision="month")
    path = tmp_path / "out.ics"
    with store.transaction(engine) as session:
        assert write_ics(session, path) == 2
    events = {str(e["summary"]): e for e in Calendar.from_ical(path.read_bytes()).walk("VEVENT")}
    assert set(events) == {"Ongoing", "Month"}
    assert events["Ongoing"].decoded("dtstart") == start
    assert events["Ongoing"].decoded("dtend") == TODAY + timedelta(days=1)
    assert events["Month"].decoded("dtstart") == date(2016, 7, 1)
    assert events["Month"].decoded("dtend") == date(2016, 8, 1)


def _month_text(engine: Engine, month: date, tmp_path: Path) -> str:
    with store.transaction(engine) as session:
        sheet = month_sheet(session, month)
    path = tmp_path / "month.pdf"
    path.write_bytes(month_pdf_bytes(sheet))
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout


def test_the_month_pdf_shows_an_ongoing_action_on_every_day_to_today(
    world: tuple, tmp_path: Path
) -> None:
    """On each day from its start to today, on no day after; the agenda says since when and
    which day it is; the month-only and the undated are in the agenda and "To be dated"."""
    engine, campaign, _, _ = world
    first = TODAY.replace(day=1)
    _add(engine, campaign_id=campaign, title="Sit-in", start=first, ongoing=True)
    _add(engine, campaign_id=campaign, title="Sentenced", start=first.isoformat()[:7],
         date_precision="month")  # fmt: skip
    _add(engine, campaign_id=campaign, title="Global day", undated=True, target_month="2099-01")
    text = _month_text(engine, TODAY, tmp_path)
    grid, agenda = text.split("Agenda", 1)
    assert grid.count("Sit-in") == TODAY.day  # one chip a day, the 1st to today
    assert "Sentenced" not in grid  # on no one day
    assert f"Since {first.isoformat()}, day {TODAY.day}" in agenda
    assert f"{first:%B %Y}" in agenda and "Sentenced" in agenda
    assert "To be dated (2099-01)" in agenda and "Global day" in agenda


def test_the_month_pdf_shows_a_multi_day_action_on_every_day_it_covers(
    world: tuple, tmp_path: Path
) -> None:
    engine, campaign, _, _ = world
    _add(engine, campaign_id=campaign, title="General strike", start="2026-11-27", end="2026-12-02")
    november = _month_text(engine, date(2026, 11, 1), tmp_path).split("Agenda", 1)[0]
    # 27–30 November, and 1–2 December in the grid's last week (the grid shows whole weeks).
    assert november.count("General strike") == 6
    december = _month_text(engine, date(2026, 12, 1), tmp_path).split("Agenda", 1)[0]
    assert december.count("General strike") == 3  # 30 November (its first week), 1 and 2


def test_our_ics_imported_again_keeps_ongoing_and_month_only_actions_as_they_were(
    world: tuple, tmp_path: Path
) -> None:
    """Its end there is only the day it was exported (or the month's end): not an end."""
    from organiser.services.action_import import import_read, read_calendar

    engine, campaign, _, _ = world
    since = TODAY - timedelta(days=4)
    ongoing = _add(engine, campaign_id=campaign, title="Ongoing", start=since, ongoing=True)
    month = _add(engine, campaign_id=campaign, title="Month", start="2016-07",
                 date_precision="month")  # fmt: skip
    path = tmp_path / "out.ics"
    with store.transaction(engine) as session:
        write_ics(session, path)
    result = import_read(engine, campaign, read_calendar(path, "UTC"))
    assert (result.created, result.updated) == (0, 2)
    with store.transaction(engine) as session:
        again, again_month = get_action(session, ongoing.id), get_action(session, month.id)
    assert (again.ongoing, again.start_date, again.day_count()) == (True, since, 5)
    assert (again_month.month_only(), again_month.when_text()) == (True, "July 2016")


def test_a_row_with_no_end_that_is_not_ongoing_reads_as_one_day() -> None:
    """As another program's archive might bring it: never an action with no last day."""
    from dataclasses import replace

    with_end = ActionView(1, "u", 1, "C", "#000000", "KR", "strike", "S", True,  # type: ignore[arg-type]
                          date(2026, 7, 1), date(2026, 7, 3), None, None, "UTC", "",
                          "planned", "", None, 1)  # type: ignore[arg-type]  # fmt: skip
    assert replace(with_end, end_date=None).end_date == date(2026, 7, 1)
    assert replace(with_end, ongoing=True).end_date == max(date(2026, 7, 1), TODAY)
