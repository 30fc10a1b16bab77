"""iCalendar: export parsed back by icalendar, round trips, real programs' files, broken files."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import icalendar
import pytest
from sqlalchemy import Engine

from organiser import store
from organiser.errors import ValidationError
from organiser.formats.ics import export_calendar, uid_for
from organiser.formats.ics_read import parse_calendar
from organiser.services.action_import import import_events
from organiser.services.actions import ActionFields, ActionView, create_action
from organiser.services.calendar import actions_between
from organiser.services.campaigns import CampaignFields, create_campaign

DATA = Path(__file__).parent / "data" / "ics"


def _campaign(engine: Engine) -> int:
    with store.transaction(engine) as session:
        return create_campaign(session, CampaignFields(title="Korean unions", country="KR")).id


def _sample(engine: Engine) -> int:
    campaign = _campaign(engine)
    rows = [
        ActionFields(
            campaign,
            "rally",
            "Rally in Seoul",
            "2026-11-14T14:00",
            "2026-11-14T17:00",
            "Asia/Seoul",
            "Gwanghwamun, Seoul",
            "confirmed",
            "Bring banners & flags",
        ),
        ActionFields(
            campaign,
            "strike",
            "Strike",
            "2026-12-11",
            "2026-12-13",
            "Asia/Aqtau",
            "Жаңаөзен",
            "planned",
        ),
        ActionFields(
            campaign,
            "global-day-of-action",
            "Global day",
            "2026-11-22T06:00",
            "2026-11-22T23:00",
            "Pacific/Auckland",
            status="happened",
        ),
        ActionFields(
            campaign,
            "court-hearing",
            "Hearing",
            "2026-11-16T10:00",
            None,
            "America/New_York",
            status="cancelled",
        ),
    ]
    with store.transaction(engine) as session:
        for row in rows:
            create_action(session, row)
    return campaign


def _all(engine: Engine) -> list[ActionView]:
    with store.transaction(engine) as session:
        return actions_between(session)


def test_export_is_parsed_by_icalendar_with_uids_zones_dates_status_location(
    engine: Engine,
) -> None:
    _sample(engine)
    actions = _all(engine)
    calendar = icalendar.Calendar.from_ical(export_calendar(actions))
    events = {str(e["summary"]): e for e in calendar.walk("VEVENT")}
    rally = events["Rally in Seoul"]
    assert str(rally["uid"]) == uid_for(
        next(a.uuid for a in actions if a.title == "Rally in Seoul")
    )
    assert rally.decoded("dtstart") == datetime(2026, 11, 14, 5, 0, tzinfo=UTC)
    assert rally["dtstart"].params["TZID"] == "Asia/Seoul"
    assert str(rally["location"]) == "Gwanghwamun, Seoul" and str(rally["status"]) == "CONFIRMED"
    strike = events["Strike"]
    assert strike.decoded("dtstart") == date(2026, 12, 11)
    assert strike.decoded("dtend") == date(2026, 12, 14)  # exclusive
    zones = {str(tz["tzid"]) for tz in calendar.walk("VTIMEZONE")}
    assert {"Asia/Seoul", "Pacific/Auckland", "America/New_York"} <= zones
    assert str(events["Hearing"]["status"]) == "CANCELLED"


def test_round_trip_into_a_fresh_database_gives_equal_actions(
    engine: Engine, tmp_path: Path
) -> None:
    _sample(engine)
    before = _all(engine)
    fresh = store.open_database(str(tmp_path / "fresh.sqlite3"))
    try:
        campaign = _campaign(fresh)
        with store.transaction(fresh) as session:
            import_events(session, campaign, parse_calendar(export_calendar(before)))
        after = _all(fresh)
    finally:
        fresh.dispose()

    def key(a: ActionView) -> tuple[object, ...]:
        return (
            a.kind,
            a.title,
            a.all_day,
            a.start_date,
            a.end_date,
            a.starts_at,
            a.ends_at,
            a.timezone,
            a.location,
            a.status,
            a.notes,
        )

    assert sorted(map(key, after), key=repr) == sorted(map(key, before), key=repr)


def test_a_second_import_updates_rather_than_duplicates(engine: Engine) -> None:
    campaign = _sample(engine)
    data = export_calendar(_all(engine))
    with store.transaction(engine) as session:
        result = import_events(session, campaign, parse_calendar(data))
    assert (result.created, result.updated) == (0, 4)
    outlook = (DATA / "outlook_weekly.ics").read_bytes()
    for _ in range(2):
        with store.transaction(engine) as session:
            import_events(session, campaign, parse_calendar(outlook))
    assert len(_all(engine)) == 4 + 6


def test_outlook_weekly_recurrence_with_daylight_saving(engine: Engine) -> None:
    events = parse_calendar((DATA / "outlook_weekly.ics").read_bytes())
    assert len(events) == 6 and {e.timezone for e in events} == {"Europe/Berlin"}
    # 18:00 in Berlin before and after the clocks go back on 25 October.
    assert events[0].start == datetime(2026, 10, 15, 16, 0, tzinfo=UTC)
    assert events[2].start == datetime(2026, 10, 29, 17, 0, tzinfo=UTC)
    assert "Repeats: FREQ=WEEKLY;COUNT=6;BYDAY=TH" in events[0].notes
    assert events[0].location == "Embassy of Kazakhstan, Berlin" and events[0].status == "confirmed"


@pytest.mark.parametrize(
    ("name", "title", "zone", "start"),
    [
        (
            "alarm_google_future.ics",
            "event with alarms",
            "Europe/London",
            datetime(2024, 10, 4, 18, 15, tzinfo=UTC),
        ),
        ("alarm_thunderbird_future.ics", "event with alarms", "Europe/London", None),
        (
            "america_new_york.ics",
            "an event with a custom tz name",
            "America/New_York",
            datetime(2014, 8, 29, 12, 0, tzinfo=UTC),
        ),
        ("timezoned.ics", "artsprint 2012", "Europe/Vienna", None),
    ],
)
def test_files_from_real_programs_are_read_with_their_zones(
    name: str, title: str, zone: str, start: datetime | None
) -> None:
    events = parse_calendar((DATA / name).read_bytes())
    assert events[0].title == title and events[0].timezone == zone
    if start is not None:
        assert events[0].start == start


def test_apple_all_day_event_over_three_days() -> None:
    (event,) = parse_calendar((DATA / "apple_all_day.ics").read_bytes(), "Asia/Aqtau")
    assert event.all_day and (event.start, event.end) == (date(2026, 12, 11), date(2026, 12, 13))
    assert event.timezone == "Asia/Aqtau"


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("broken_ical.ics", "line 4"),
        ("parsing_error.ics", "line 13"),
        ("small_bad_calendar.ics", "ends inside"),
    ],
)
def test_broken_files_are_refused_naming_the_place(name: str, words: str) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_calendar((DATA / name).read_bytes())  # refused while reading: nothing to import
    assert words in str(caught.value).lower()


def test_a_file_that_is_not_icalendar_is_refused() -> None:
    with pytest.raises(ValidationError, match="not an iCalendar file"):
        parse_calendar(b"Name,Date\nRally,2026-11-14\n")
    with pytest.raises(ValidationError, match="not UTF-8"):
        parse_calendar(b"BEGIN:VCALENDAR\r\nSUMMARY:\xff\xfe\r\nEND:VCALENDAR\r\n")


def test_a_bad_event_late_in_a_good_file_is_refused_while_reading(engine: Engine) -> None:
    good = (DATA / "outlook_weekly.ics").read_text()
    bad_event = (
        "BEGIN:VEVENT\r\nUID:x\r\nSUMMARY:Bad\r\nDTSTART;VALUE=DATE:20261301\r\nEND:VEVENT\r\n"
    )
    data = good.replace("END:VCALENDAR", bad_event + "END:VCALENDAR").encode()
    with pytest.raises(ValidationError, match="Bad"):
        parse_calendar(data)


def test_an_event_the_import_refuses_after_others_were_staged_leaves_the_database_unchanged(
    engine: Engine,
) -> None:
    """The file reads well; the import itself refuses its last event (a zone nobody knows),
    after it has added and flushed the others: the unit of work rolls all of them back."""
    campaign = _campaign(engine)
    before = _all(engine)
    first = parse_calendar((DATA / "outlook_weekly.ics").read_bytes())[0]
    events = [dataclasses.replace(first, uid=f"vigil-{n}@example.org") for n in range(501)]
    events[-1] = dataclasses.replace(events[-1], timezone="Mars/Olympus_Mons")
    staged: list[int] = []

    def report(done: int, total: int) -> None:
        staged.append(done)

    with pytest.raises(ValidationError), store.transaction(engine) as session:
        import_events(session, campaign, events, report)
    assert staged == [500]  # the first 500 were flushed into the transaction, then refused
    assert [a.id for a in _all(engine)] == [a.id for a in before]


def test_a_series_that_still_runs_is_expanded_over_the_coming_year_only() -> None:
    data = (
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"
        b"PRODID:-//Mozilla.org/NONSGML Mozilla Calendar V1.1//EN\r\n"
        b"BEGIN:VEVENT\r\nUID:weekly-vigil\r\nSUMMARY:Weekly vigil\r\n"
        b"DTSTART;VALUE=DATE:20150105\r\nRRULE:FREQ=WEEKLY\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    events = parse_calendar(data)
    starts = [e.start for e in events]
    assert 50 <= len(events) <= 54 and len(set(e.uid for e in events)) == len(events)
    assert min(starts) >= date.today() - timedelta(days=366)  # type: ignore[operator]
    assert "Repeats: FREQ=WEEKLY" in events[0].notes


def test_an_import_stopped_through_its_report_writes_nothing(engine: Engine) -> None:
    campaign = _campaign(engine)
    events = parse_calendar((DATA / "outlook_weekly.ics").read_bytes())

    def cancel(done: int, total: int) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt), store.transaction(engine) as session:
        import_events(session, campaign, events, cancel)
    assert _all(engine) == []
