"""The dashboard overview counts what needs chasing and lists the coming weeks' actions."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Engine

from organiser import store
from organiser.services.dashboard import dashboard_summary
from organiser.services.demo import load_demo


def test_the_overview_of_the_sample_data_lists_upcoming_actions_and_overdue_pledges(
    engine: Engine,
) -> None:
    today = date(2026, 11, 23)
    with store.transaction(engine) as session:
        load_demo(session, today=today)
        summary = dashboard_summary(session, today)
    titles = [a.title for a in summary.upcoming]
    assert titles[0] == "Meeting with ANSES management"
    assert "Oil-field strike day" in titles
    assert all(today <= a.day for a in summary.upcoming)
    assert [t for t, _g, _c in summary.active_campaigns] == [
        "Right to strike for Mangystau oil workers",
        "Stop the crackdown on Korean unions",
    ]
    assert summary.overdue_commitments == 2 and summary.open_commitments == 5
    # Unsent: the Kazakh draft, and the Korea resolution (approved by the Congress, not sent).
    assert summary.letters_awaiting_reply == 1 and summary.draft_letters == 2
