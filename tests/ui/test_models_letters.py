"""The letters register's table model (the page's and a campaign's tab), over letters made,
sent and answered through the services: headers, cells, sorting by every column, the colour of
a letter awaiting its reply, and tooltips."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication
from sqlalchemy import Engine

from organiser import store
from organiser.services import campaigns, letter_register, letters
from organiser.services import organisations as orgs
from organiser.services.letters import LetterView
from organiser.ui.letters.columns import AWAITING_COLOUR, letter_columns
from organiser.ui.table_model import RecordTableModel
from tests.ui import model_probe as probe

HEADERS = [
    "Date", "Kind", "Subject", "Campaign", "To", "Status", "Sent on", "Channel", "Reply on",
    "Our ref.", "PDF",
]  # fmt: skip


@pytest.fixture
def views(engine: Engine) -> list[LetterView]:
    with store.transaction(engine) as session:
        sender = orgs.create_organisation(session, orgs.OrganisationFields(name="IndustriALL")).id
        union = orgs.create_organisation(session, orgs.OrganisationFields(name="KMWU")).id
        ministry = orgs.create_organisation(
            session, orgs.OrganisationFields(name="Ministry of Labour", kind="government")
        ).id
        free = campaigns.create_campaign(session, campaigns.CampaignFields(title="Free them")).id
        anses = campaigns.create_campaign(session, campaigns.CampaignFields(title="ANSES")).id

        def letter(kind: str, campaign: int, subject: str, day: str, *to: int) -> int:
            fields = letters.LetterFields(
                kind=kind, campaign_id=campaign, sender_id=sender, subject=subject,
                letter_date=day, body="In solidarity,", to=[("org", o) for o in to],
                our_reference=f"IA/{day[:4]}/{day[5:7]}",
            )  # fmt: skip
            return letters.create_letter(session, fields).id

        letter("solidarity-letter", free, "Solidarity with KMWU", "2026-03-02", union)
        protest = letter("protest-letter", anses, "Protest to the ministry", "2026-11-14", ministry)
        letter_register.keep_pdf(session, protest, b"%PDF-1.4\n%%EOF\n")
        version = letters.get_letter(session, protest).version
        letter_register.mark_sent(session, protest, "2026-11-15", "post", expected_version=version)
        statement = letter("statement", free, "statement on arrests", "2026-09-30", union, ministry)
        sent = letter_register.mark_sent(
            session, statement, "2026-10-01", "email", expected_version=1
        )
        letter_register.record_reply(
            session, statement, "2026-10-20", "They will meet us.", expected_version=sent.version
        )
        return letters.list_letters(session)


def model_of(views: list[LetterView], with_campaign: bool = True) -> RecordTableModel[LetterView]:
    model: RecordTableModel[LetterView] = RecordTableModel(letter_columns(with_campaign))
    model.set_rows(views)
    return model


def test_headers_and_cells(views: list[LetterView]) -> None:
    model = model_of(views)
    assert probe.headers(model) == HEADERS
    assert sorted(probe.rows(model)) == [
        ["2026-03-02", "Solidarity letter", "Solidarity with KMWU", "Free them", "KMWU",
         "Draft", "", "", "", "IA/2026/03", ""],
        ["2026-09-30", "Statement", "statement on arrests", "Free them",
         "KMWU; Ministry of Labour", "Answered", "2026-10-01", "Email", "2026-10-20",
         "IA/2026/09", ""],
        ["2026-11-14", "Protest letter", "Protest to the ministry", "ANSES",
         "Ministry of Labour", "Sent", "2026-11-15", "Post", "", "IA/2026/11", "kept"],
    ]  # fmt: skip


def test_a_campaigns_tab_has_the_same_columns_but_the_campaign(views: list[LetterView]) -> None:
    model = model_of(views, with_campaign=False)
    assert probe.headers(model) == [h for h in HEADERS if h != "Campaign"]
    assert probe.sorted_by(model, "Date") == ["2026-03-02", "2026-09-30", "2026-11-14"]


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("Date", ["2026-03-02", "2026-09-30", "2026-11-14"]),
        ("Kind", ["Solidarity letter", "Protest letter", "Statement"]),  # declared order
        ("Subject", ["Protest to the ministry", "Solidarity with KMWU", "statement on arrests"]),
        ("To", ["KMWU", "KMWU; Ministry of Labour", "Ministry of Labour"]),
        ("Status", ["Draft", "Sent", "Answered"]),  # by their course
        ("Sent on", ["", "2026-10-01", "2026-11-15"]),
        ("Channel", ["", "Email", "Post"]),
        ("Our ref.", ["IA/2026/03", "IA/2026/09", "IA/2026/11"]),
    ],
)
def test_sorting_by_each_column(views: list[LetterView], header: str, expected: list[str]) -> None:
    probe.sorts_both_ways(model_of(views), header, expected)


def test_sorting_by_columns_with_equal_values_puts_the_odd_one_where_it_belongs(
    views: list[LetterView],
) -> None:
    model = model_of(views)
    assert probe.sorted_by(model, "Campaign") == ["ANSES", "Free them", "Free them"]
    assert probe.sorted_by(model, "Reply on") == ["", "", "2026-10-20"]
    assert probe.sorted_by(model, "PDF", descending=True) == ["kept", "", ""]


def test_a_letter_awaiting_its_reply_has_its_status_coloured(views: list[LetterView]) -> None:
    model = model_of(views)
    status = probe.keyed(model, "Status", probe.colours(model, "Status", probe.FOREGROUND))
    assert status == {"Draft": None, "Sent": AWAITING_COLOUR, "Answered": None}
    for header in HEADERS:
        assert probe.colours(model, header, probe.BACKGROUND) == [None] * 3
        if header != "Status":
            assert probe.colours(model, header, probe.FOREGROUND) == [None] * 3


def test_tooltips_show_texts_whole_and_nothing_for_dates_and_kinds(
    views: list[LetterView],
) -> None:
    model = model_of(views)
    by_subject = probe.keyed(model, "Subject", probe.rows(model, probe.TIP))
    assert by_subject["statement on arrests"] == [
        None, None, "statement on arrests", "Free them", "KMWU; Ministry of Labour", None, None,
        None, None, "IA/2026/09", None,
    ]  # fmt: skip
    assert by_subject["Protest to the ministry"][-1] == "kept"


def test_headers_and_the_kept_pdf_are_translated(
    qapp: QApplication, views: list[LetterView]
) -> None:
    probe.assert_headers_translated(lambda: RecordTableModel(letter_columns()))
    with probe.bracketing():
        assert "‹kept›" in probe.column(model_of(views), "‹PDF›")
