"""The sample data carries the reference documents' facts in their own fields: the resolution's
numbered commitments with their source and joint pledgers, the ITUC as an international
confederation, PSI's "30 million workers", and the campaigns' targets and allies."""

from __future__ import annotations

from sqlalchemy import Engine

from organiser import store
from organiser.models import LetterKind, OrganisationKind
from organiser.services import campaigns, letters, organisations
from organiser.services.commitment_summary import campaign_report
from organiser.services.demo import load_demo


def test_the_sample_data_has_the_reference_documents_facts(engine: Engine) -> None:
    with store.transaction(engine, write=True) as session:
        load_demo(session)
        by_acronym = {o.acronym: o for o in organisations.list_organisations(session)}
        korea = next(
            c for c in campaigns.list_campaigns(session) if c.title.startswith("Stop the crackdown")
        )
        report = campaign_report(session, korea.id)
        resolution = next(
            item for item in letters.list_letters(session) if item.kind is LetterKind.RESOLUTION
        )
    assert by_acronym["ITUC"].kind is OrganisationKind.INTERNATIONAL_CONFEDERATION
    assert (by_acronym["PSI"].members, by_acronym["PSI"].membership) == (
        30_000_000,
        "30 million workers",
    )
    assert korea.target_organisation_names == ["Office of the President of the Republic of Korea"]
    assert "International Trade Union Confederation" in korea.ally_names
    assert report.lead is not None and report.lead.organisation_name == "IndustriALL Global Union"
    pledges = report.lead.commitments
    assert [c.number for c in pledges] == [1, 2, 3, 4]
    assert {(c.source_letter_id, c.joint_pledgers) for c in pledges} == {
        (resolution.id, "its affiliates")
    }
    assert "IndustriALL Global Union" not in [g.organisation_name for g in report.groups]
