"""Actions and the calendar's window queries on a real temporary SQLite database."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import Engine

from organiser import store
from organiser.errors import ValidationError
from organiser.models import ActionKind, ActionStatus
from organiser.services.actions import (
    ActionFields,
    SavedAction,
    create_action,
    get_action,
    move_action,
)
from organiser.services.calendar import (
    ActionFilter,
    actions_between,
    add_international_day,
    marked_days,
)
from organiser.services.campaigns import CampaignFields, create_campaign
from organiser.services.timezones import short_zone_name
from organiser.services.validation import parse_day_of_year


def _campaign(engine: Engine, **extra: object) -> int:
    fields = CampaignFields(title="Right to strike", country="KZ", **extra)  # type: ignore[arg-type]
    with store.transaction(engine) as session:
        return create_campaign(session, fields).id


def _add(engine: Engine, **values: object) -> SavedAction:
    chosen: dict[str, object] = {"kind": "strike", "title": "Strike", "start": "2026-12-11"}
    chosen.update(values)
    with store.transaction(engine) as session:
        return create_action(session, ActionFields(**chosen))  # type: ignore[arg-type]


def test_a_timed_action_is_stored_in_utc_and_shown_in_its_own_zone(engine: Engine) -> None:
    campaign = _campaign(engine)
    saved = _add(
        engine,
        campaign_id=campaign,
        start="2026-11-14T14:00",
        end="2026-11-14T17:00",
        timezone="Asia/Seoul",
    )
    action = saved.action
    assert action.starts_at == datetime(2026, 11, 14, 5, 0, tzinfo=UTC)
    assert action.local_start().hour == 14
    assert action.start_date == date(2026, 11, 14) and not action.all_day
    assert "14:00–17:00 Asia/Seoul" in action.when_text()
    assert action.when_text(short_zone=True).endswith("14:00–17:00 Seoul")
    assert action.local_start("Europe/Berlin").hour == 6


def test_an_all_day_action_over_several_days_keeps_its_local_dates(engine: Engine) -> None:
    campaign = _campaign(engine)
    saved = _add(engine, campaign_id=campaign, end="2026-12-13", timezone="Asia/Aqtau")
    action = saved.action
    assert action.all_day and action.starts_at is None
    assert (action.start_date, action.end_date) == (date(2026, 12, 11), date(2026, 12, 13))


@pytest.mark.parametrize(
    ("values", "field", "words"),
    [
        ({"end": "2026-12-10"}, "end", "before the start"),
        ({"timezone": "Asia/Atlantis"}, "timezone", "not known"),
        ({"kind": "riot"}, "kind", "not known"),
        ({"start": "2026-02-30"}, "start", "not a date that exists"),
        ({"start": "2026-02-30"}, "start", "February 2026 has 28 days"),
        ({"start": "2026-13-01"}, "start", "there is no month 13"),
        ({"start": "2026-04-31T10:00"}, "start", "April 2026 has 30 days"),
        ({"start": "2026-04-30T24:00"}, "start", "hours go from 00 to 23"),
        ({"start": "2026-12-11T10:00", "end": "2026-12-11T09:00"}, "end", "before the start"),
        ({"start": "2026-03-29T02:30", "timezone": "Europe/Berlin"}, "start", "skip"),
        ({"end": "2026-12-12T10:00"}, "end", "both be dates"),
        ({"title": " "}, "title", "required"),
    ],
)
def test_bad_input_is_refused_at_its_field(
    engine: Engine, values: dict[str, object], field: str, words: str
) -> None:
    campaign = _campaign(engine)
    with pytest.raises(ValidationError) as caught:
        _add(engine, campaign_id=campaign, **values)
    assert caught.value.field == field and words in str(caught.value)
    with store.transaction(engine) as session:
        assert actions_between(session) == []


def test_an_action_outside_a_closed_campaign_is_saved_with_a_warning(engine: Engine) -> None:
    campaign = _campaign(engine, status="closed", start_date="2026-01-01", end_date="2026-06-30")
    saved = _add(engine, campaign_id=campaign)
    assert saved.warnings and "closed" in saved.warnings[0]
    inside = _add(engine, campaign_id=campaign, start="2026-03-01")
    assert inside.warnings == ()


def test_the_window_query_returns_overlapping_actions_with_filters(engine: Engine) -> None:
    campaign = _campaign(engine)
    other = _campaign(engine)
    _add(engine, campaign_id=campaign, start="2026-10-30", end="2026-11-02")  # overlaps
    _add(engine, campaign_id=campaign, start="2026-12-01")  # after
    _add(engine, campaign_id=other, kind="rally", start="2026-11-15", status="cancelled")
    with store.transaction(engine) as session:
        november = actions_between(session, date(2026, 11, 1), date(2026, 11, 30))
        rallies = actions_between(
            session, date(2026, 11, 1), date(2026, 11, 30), ActionFilter(kinds=(ActionKind.RALLY,))
        )
        planned = actions_between(
            session, None, None, ActionFilter(statuses=(ActionStatus.PLANNED,))
        )
        theirs = actions_between(session, None, None, ActionFilter(campaign_ids=(other,)))
        kz = actions_between(session, None, None, ActionFilter(countries=("KZ",)))
    assert [a.start_date.day for a in november] == [30, 15]
    assert [a.kind for a in rallies] == [ActionKind.RALLY]
    assert len(planned) == 2 and len(theirs) == 1 and len(kz) == 3


def test_moving_a_timed_action_keeps_its_local_time_across_a_clock_change(engine: Engine) -> None:
    campaign = _campaign(engine)
    saved = _add(engine, campaign_id=campaign, start="2026-10-22T18:00", timezone="Europe/Berlin")
    key = saved.action.id
    with store.transaction(engine) as session:
        move_action(session, key, date(2026, 10, 29), saved.action.version)
    with store.transaction(engine) as session:
        moved = get_action(session, key)
    assert moved.start_date == date(2026, 10, 29)
    assert moved.local_start() is not None and moved.local_start().hour == 18  # type: ignore[union-attr]
    assert moved.starts_at == datetime(2026, 10, 29, 17, 0, tzinfo=UTC)


def test_marked_days_include_movement_days_added_days_and_anniversaries(engine: Engine) -> None:
    _campaign(engine, start_date="2015-11-21")
    with store.transaction(engine) as session:
        before = marked_days(session, date(2026, 11, 1), date(2026, 12, 31))
        add_international_day(session, "Day of the Zhanaozen massacre", 12, 16)
        after = marked_days(session, date(2026, 11, 1), date(2026, 12, 31))
        with pytest.raises(ValidationError):
            add_international_day(session, "Nowhere", 2, 30)
    names = {m.name for m in before}
    assert "Human Rights Day" in names
    assert any("11 years ago" in name for name in names)
    assert any(m.day == date(2026, 12, 16) for m in after)


def test_short_zone_names_keep_the_place() -> None:
    """Narrow columns show where, not the region path; the full name goes in the tooltip."""
    assert short_zone_name("America/Argentina/Buenos_Aires") == "Buenos Aires"
    assert short_zone_name("Asia/Seoul") == "Seoul"
    assert short_zone_name("UTC") == "UTC"


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        ("18 December", "write it as MM-DD"),
        ("02-30", "February has at most 29 days"),
        ("04-31", "April has 30 days"),
        ("00-10", "there is no month 00"),
    ],
)
def test_a_day_of_the_year_that_is_none_is_refused_with_the_reason(typed: str, words: str) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_day_of_year(typed, "day", "The day")
    assert caught.value.field == "day" and words in str(caught.value)


def test_the_29th_of_february_is_a_day_of_the_year_marked_in_leap_years(engine: Engine) -> None:
    assert parse_day_of_year("02-29", "day", "The day") == (2, 29)
    with store.transaction(engine) as session:
        add_international_day(session, "Leap day", 2, 29)
        with pytest.raises(ValidationError) as caught:
            add_international_day(session, "Nowhere", 4, 31)
        assert "April has 30 days" in str(caught.value)
        leap = marked_days(session, date(2028, 2, 1), date(2028, 3, 1), anniversaries=False)
        plain = marked_days(session, date(2026, 2, 1), date(2026, 3, 1), anniversaries=False)
    assert [m.day for m in leap if m.name == "Leap day"] == [date(2028, 2, 29)]
    assert [m for m in plain if m.name == "Leap day"] == []
