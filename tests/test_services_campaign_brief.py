"""A campaign's brief read from the sample campaigns: what each section holds, in what order, and
how a long section is trimmed to the nearest and latest with a count of the rest."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from sqlalchemy import Engine

from organiser import store
from organiser.errors import NotFound
from organiser.models import ActionStatus, Channel, CommitmentStatus, SituationKind
from organiser.models.readable import CampaignBrief, Left
from organiser.services.campaign_brief import BriefLimits, campaign_brief
from tests.brief_world import KOREA, MANGYSTAU, TODAY, Demo, load


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Demo]:
    """The sample campaigns, loaded once for the module (the brief only reads)."""
    engine, ids = load(tmp_path_factory.mktemp("brief"))
    yield engine, ids
    engine.dispose()


def brief_of(
    demo: tuple[Engine, dict[str, int]], title: str, limits: BriefLimits | None = None
) -> CampaignBrief:
    engine, ids = demo
    with store.transaction(engine) as session:
        return campaign_brief(session, ids[title], TODAY, limits)


def test_the_campaign_itself_its_target_allies_and_demands_in_order(demo: Demo) -> None:
    brief = brief_of(demo, KOREA)
    assert brief.title == KOREA and brief.made_on == TODAY
    assert brief.lead == "IndustriALL Global Union" and brief.country == "South Korea"
    assert brief.target == "Government of the Republic of Korea"
    assert "Korean Confederation of Trade Unions" in brief.allies
    assert brief.demands[0].startswith("Release all imprisoned trade unionists")
    assert len(brief.demands) == 3


def test_the_timeline_runs_past_then_to_come_with_each_outcome(demo: Demo) -> None:
    brief = brief_of(demo, KOREA)
    titles = [a.title for a in brief.actions]
    assert titles[0] == "People's Mass Mobilization" and len(titles) == 7
    raid = next(a for a in brief.actions if a.title == "Police raid on union offices")
    assert raid.outcome == "Documents, equipment, computers and hard drives seized."
    assert raid.status is ActionStatus.HAPPENED and not raid.upcoming
    assert brief.actions[-1].to_be_dated and brief.actions[-1].upcoming
    sentencing = next(a for a in brief.actions if a.title == "Sentencing of Han Sang-gyun")
    assert (sentencing.month, sentencing.when) == (date(2016, 7, 1), "")
    assert raid.when == "2015-11-21"
    upcoming = [a.upcoming for a in brief.actions]
    assert upcoming == sorted(upcoming)  # every past action before any to come
    assert brief.actions_left == Left()


def test_an_ongoing_action_is_dated_from_its_start_with_its_day_today(demo: Demo) -> None:
    brief = brief_of(demo, "Regular jobs for NHIS call-centre workers")
    strike = next(a for a in brief.actions if a.title.startswith("Hunger strike"))
    assert strike.since == "2021-07-23" and strike.upcoming
    assert strike.day == (TODAY - date(2021, 7, 23)).days + 1


def test_a_long_timeline_keeps_what_comes_and_the_latest_past_counting_the_rest(demo: Demo) -> None:
    brief = brief_of(demo, KOREA, BriefLimits(actions=3))
    assert [a.title for a in brief.actions] == [
        "Global day of action for Korean unions",
        "Public campaign at the PyeongChang Winter Olympics",
        "Global day of action: Korea, respect workers' rights",
    ]
    assert brief.actions_left == Left(before=4, after=0)
    coming = brief_of(demo, MANGYSTAU, BriefLimits(actions=2))
    assert [a.title for a in coming.actions] == ["Appeal hearing", "Oil-field strike day"]
    assert coming.actions_left.after == 2 and all(a.upcoming for a in coming.actions)


def test_commitments_by_affiliate_the_lead_first_with_their_fulfilment(demo: Demo) -> None:
    brief = brief_of(demo, KOREA)
    names = [a.name for a in brief.affiliates]
    assert names[0] == "IndustriALL Global Union" and brief.affiliates[0].lead
    assert names[1:] == sorted(names[1:], key=str.casefold)
    metall = next(a for a in brief.affiliates if a.name == "IF Metall")
    [delegation] = metall.commitments
    assert delegation.what == "Send a delegation to the National Workers Rally"
    assert delegation.status is CommitmentStatus.FULFILLED and delegation.fulfilled_on
    assert brief.commitment_totals[CommitmentStatus.FULFILLED] == 7
    assert brief.fulfilment_rate == 1.0
    assert [c.number for c in brief.affiliates[0].commitments] == [1, 2, 3, 4]


def test_trimmed_commitments_keep_the_open_ones_soonest_due_first(demo: Demo) -> None:
    brief = brief_of(demo, MANGYSTAU, BriefLimits(commitments=2))
    kept = [(a.name, c.what) for a in brief.affiliates for c in a.commitments]
    assert kept == [
        ("Construction, Forestry and Maritime Employees Union",
         "Send observers to the appeal hearing"),
        ("Unite the Union", "Protest letter to the Kazakh ambassador"),
    ]  # fmt: skip
    assert brief.commitments_left == Left(after=2)
    assert all(c.overdue for a in brief.affiliates for c in a.commitments)


def test_letters_gone_out_with_date_and_channel_and_those_not_yet_sent_counted(demo: Demo) -> None:
    brief = brief_of(demo, KOREA)
    [letter] = brief.letters
    assert letter.subject == "Release Han Sang-gyun and Cho Sung-deok"
    assert letter.sent_on == date(2016, 7, 15) and letter.channel is Channel.REGISTERED_POST
    assert letter.recipients == "Office of the President of the Republic of Korea"
    assert letter.reply_received_on == date(2016, 8, 30)
    assert brief.letters_unsent == 1
    nothing_sent = brief_of(demo, MANGYSTAU)
    assert nothing_sent.letters == () and nothing_sent.letters_unsent == 1


def test_people_at_risk_with_their_situation_now_the_longest_held_first(demo: Demo) -> None:
    brief = brief_of(demo, MANGYSTAU)
    held, striking = brief.people
    assert held.name == "Ерлан Сағынтайұлы Құдайбергенов"
    assert (held.held_days, held.kind) == (231, SituationKind.SENTENCED)
    assert held.next_hearing.startswith("Appeal hearing, ")
    assert striking.hunger_strike_day == 12 and striking.kind is SituationKind.ON_HUNGER_STRIKE
    released = {p.name: p for p in brief_of(demo, KOREA).people}["Han Sang-gyun (한상균)"]
    assert released.kind is SituationKind.RELEASED and released.held_days is None


def test_an_unknown_campaign_is_refused_by_its_id(demo: Demo) -> None:
    engine, _ = demo
    with store.transaction(engine) as session, pytest.raises(NotFound, match="99"):
        campaign_brief(session, 99, TODAY)
