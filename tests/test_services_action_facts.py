"""An action's facts beyond its dates — how many workers took part and what came of it — are
validated, saved, listed, printed on the calendar PDF's agenda, and travel through the trash
and an archive; the new kinds (police raid, arrest, court ruling, appeal) are kinds like any."""

from __future__ import annotations

import dataclasses
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import Engine

from organiser import store
from organiser.errors import ValidationError
from organiser.models import ActionKind
from organiser.pdf.calendar import month_pdf
from organiser.services import actions, trash
from organiser.services.actions import ActionFields, create_action
from organiser.services.calendar import actions_between
from organiser.services.campaigns import CampaignFields, create_campaign

RULING = "Declared illegal by a local court the same day"


@pytest.fixture
def campaign(engine: Engine) -> int:
    with store.transaction(engine, write=True) as session:
        return create_campaign(session, CampaignFields(title="NHIS", country="KR")).id


def _strike(campaign: int, **values: object) -> ActionFields:
    fields = ActionFields(campaign_id=campaign, kind="strike", title="Third strike",
                          start="2021-07-01", workers="1000", outcome=RULING)  # fmt: skip
    return replace(fields, **values)  # type: ignore[arg-type]


def test_workers_and_outcome_are_saved_listed_and_kept_by_an_edit(
    engine: Engine, campaign: int
) -> None:
    with store.transaction(engine, write=True) as session:
        saved = create_action(session, _strike(campaign)).action
    with store.transaction(engine) as session:
        (listed,) = actions_between(session)
    assert (listed.workers, listed.outcome) == (1000, RULING)
    with store.transaction(engine, write=True) as session:
        edited = actions.update_action(
            session, saved.id, replace(actions.fields_of(listed), title="Strike"), 1
        )
    assert (edited.action.workers, edited.action.outcome) == (1000, RULING)


@pytest.mark.parametrize("bad", ["-3", "many", "1.5", "²", "1" * 40])
def test_a_number_of_workers_that_is_none_is_refused_at_its_field(
    engine: Engine, campaign: int, bad: str
) -> None:
    with pytest.raises(ValidationError) as refused, store.transaction(engine, write=True) as s:
        create_action(s, _strike(campaign, workers=bad))
    assert refused.value.field == "workers"
    with store.transaction(engine) as session:
        assert actions_between(session) == []


def test_unknown_workers_stay_unknown(engine: Engine, campaign: int) -> None:
    with store.transaction(engine, write=True) as session:
        saved = create_action(session, _strike(campaign, workers="  ", outcome="")).action
    assert saved.workers is None and saved.outcome == ""


@pytest.mark.parametrize("kind", ["police-raid", "arrest", "court-ruling", "appeal"])
def test_the_new_kinds_are_taken(engine: Engine, campaign: int, kind: str) -> None:
    with store.transaction(engine, write=True) as session:
        saved = create_action(session, _strike(campaign, kind=kind)).action
    assert saved.kind is ActionKind(kind)


def test_the_trash_gives_workers_and_outcome_back(engine: Engine, campaign: int) -> None:
    with store.transaction(engine, write=True) as session:
        action = create_action(session, _strike(campaign)).action.id
    with store.transaction(engine, write=True) as session:
        entry = actions.delete_action(session, action)
    with store.transaction(engine, write=True) as session:
        trash.restore(session, entry.id)
    with store.transaction(engine) as session:
        back = actions.get_action(session, action)
    assert (back.workers, back.outcome) == (1000, RULING)


def test_the_calendar_pdf_agenda_prints_end_times_workers_outcome_and_notes(
    engine: Engine, campaign: int, tmp_path: Path
) -> None:
    with store.transaction(engine, write=True) as session:
        create_action(session, _strike(campaign, notes="Third round of strikes"))
        create_action(session, _strike(campaign, kind="rally", title="Rally", workers=None,
                                       outcome="", start="2021-07-23T14:00",
                                       end="2021-07-23T16:30", timezone="Asia/Seoul"))  # fmt: skip
    with store.transaction(engine) as session:
        actions = actions_between(session)
    path = tmp_path / "july.pdf"
    path.write_bytes(month_pdf(2021, 7, actions))
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout
    flat = " ".join(text.split())
    assert "1,000 workers" in flat
    assert "Outcome: Declared illegal by a local court the same day" in flat
    assert "Third round of strikes" in flat
    assert "2021-07-23 14:00–16:30 Asia/Seoul" in flat


def test_an_action_view_has_every_listed_column() -> None:
    """The calendar's core query fills ActionView by position: the two must agree (all but
    the organisations involved, which a second query adds when asked for)."""
    from organiser.services.calendar import _COLUMNS

    names = [f.name for f in dataclasses.fields(actions.ActionView)]
    assert names[-1] == "organisations"
    assert len(names) - 1 == len(_COLUMNS)
    assert names[-6:-1] == ["outcome", "ongoing", "undated", "target_month", "date_precision"]
