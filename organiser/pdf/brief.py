"""A campaign's brief on A4: the campaign (target, allies, demands), its timeline with outcomes,
the commitments by affiliate with their fulfilment, the letters sent with dates and channels,
and the people at risk with their situation; its words in the reader's language."""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Sequence
from datetime import date
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table
from reportlab.platypus.flowables import Flowable

from organiser.models.dates import month_of, month_text
from organiser.models.readable import (
    BriefAction,
    BriefAffiliate,
    BriefCommitment,
    BriefLetter,
    BriefPerson,
    CampaignBrief,
    Left,
)
from organiser.pdf.brief_words import BriefWords, brief_words
from organiser.pdf.commitment_report import counts_line, rate_text
from organiser.pdf.fonts import FontSet, load_fonts
from organiser.pdf.styles import StyledFonts, numbered_canvas

MARGIN = 15 * mm
GRID = colors.HexColor("#c9ced6")
HEAD = colors.HexColor("#eef1f5")
BAND = colors.HexColor("#f6f7f9")
MUTED = "#5f6670"
OVERDUE = "#b3261e"
TIMELINE = (38 * mm, 62 * mm, 20 * mm, 60 * mm)
COMMITMENTS = (106 * mm, 22 * mm, 30 * mm, 22 * mm)
LETTERS = (22 * mm, 30 * mm, 58 * mm, 48 * mm, 22 * mm)
PEOPLE = (58 * mm, 74 * mm, 48 * mm)


def _styles(fonts: FontSet) -> StyledFonts:
    face = fonts.primary
    muted = colors.HexColor(MUTED)
    return StyledFonts(
        fonts,
        {
            "kicker": ParagraphStyle(
                "kicker", fontName=face, fontSize=8.5, leading=11, textColor=muted
            ),
            "title": ParagraphStyle("title", fontName=face, fontSize=16, leading=20),
            "meta": ParagraphStyle("meta", fontName=face, fontSize=9, leading=12, spaceAfter=3),
            "body": ParagraphStyle("body", fontName=face, fontSize=9, leading=11.5, spaceAfter=3),
            "demand": ParagraphStyle(
                "demand",
                fontName=face,
                fontSize=9,
                leading=11.5,
                leftIndent=12,
                firstLineIndent=-12,
            ),
            "heading": ParagraphStyle(
                "heading",
                fontName=face,
                fontSize=11.5,
                leading=14,
                spaceBefore=8,
                spaceAfter=3,
                keepWithNext=1,
            ),
            "cell": ParagraphStyle("cell", fontName=face, fontSize=8, leading=10),
            "note": ParagraphStyle(
                "note", fontName=face, fontSize=8, leading=10, textColor=muted, spaceBefore=2
            ),
        },
    )


def _day(value: date | None) -> str:
    return value.isoformat() if value else ""


def _once(texts: Sequence[str]) -> list[str]:
    """The texts given, each once (a free-text target often names its organisation)."""
    seen: dict[str, str] = {}
    for text in texts:
        if text and text.casefold() not in seen:
            seen[text.casefold()] = text
    return list(seen.values())


class Brief:
    """One brief being laid out: its fonts, its words, and the story it adds to."""

    def __init__(self, brief: CampaignBrief, fonts: FontSet, words: BriefWords) -> None:
        self.brief, self.words, self.kit = brief, words, _styles(fonts)
        self.story: list[Flowable] = []

    def p(self, text: str, style: str = "cell", bold: bool = False) -> Paragraph:
        return self.kit.p(text, style, bold)

    def two_lines(self, first: str, second: str, bold: bool = True) -> Paragraph:
        """A cell's main text with a muted second line (a place, an organisation)."""
        markup = self.kit.markup(first, bold)
        if second:
            markup += f'<br/><font color="{MUTED}">{self.kit.markup(second)}</font>'
        return Paragraph(markup, self.kit["cell"])

    def note(self, text: str) -> None:
        self.story.append(self.p(text, "note"))

    def table(
        self,
        header: Sequence[str],
        rows: list[list[Any]],
        widths: Sequence[float],
        bands: Sequence[int] = (),
    ) -> Table:
        """A table with a shaded header row repeated on a new page; `bands` are rows that span
        every column (an affiliate's name, "Now and to come")."""
        commands: list[Any] = [
            ("GRID", (0, 0), (-1, -1), 0.4, GRID),
            ("BACKGROUND", (0, 0), (-1, 0), HEAD),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ]
        for row in bands:
            commands += [("SPAN", (0, row), (-1, row)), ("BACKGROUND", (0, row), (-1, row), BAND)]
        head = [self.p(text, bold=True) for text in header]
        return self.kit.table([head, *rows], commands, colWidths=widths, repeatRows=1)

    def section(self, heading: str, *flowables: Flowable) -> None:
        self.story.append(self.p(heading, "heading", bold=True))
        self.story.extend(flowables)

    def left(self, left: Left, before: Any = None, after: Any = None) -> None:
        if before and left.before:
            self.note(self.words.counted(before, left.before))
        if after and left.after:
            self.note(self.words.counted(after, left.after))

    # The sections
    def campaign(self) -> None:
        brief, words = self.brief, self.words
        made = words.made_on.format(date=brief.made_on.isoformat())
        self.story.append(self.p(f"{words.heading} · {made}", "kicker"))
        self.story.append(self.p(brief.title, "title", bold=True))
        self.story.append(self.p(self._meta_line(), "meta"))
        target = "; ".join(_once((brief.target, *brief.target_organisations)))
        facts = [(words.target, target), (words.allies, ", ".join(brief.allies))]
        for label, text in facts:
            if text:
                markup = self.kit.markup(label, bold=True) + self.kit.markup(text)
                self.story.append(Paragraph(markup, self.kit["body"]))
        if brief.summary:
            self.story.append(self.p(brief.summary, "body"))
        if brief.demands:
            self.story.append(self.p(words.demands, "body", bold=True))
            for number, demand in enumerate(brief.demands, 1):
                self.story.append(self.p(f"{number}.\u00a0{demand}", "demand"))

    def _meta_line(self) -> str:
        brief, words = self.brief, self.words
        parts = [words.campaign_statuses[brief.status], brief.country]
        if brief.start_date and brief.end_date:
            parts.append(f"{brief.start_date.isoformat()} – {brief.end_date.isoformat()}")
        elif brief.start_date:
            parts.append(words.since.format(date=brief.start_date.isoformat()))
        if brief.lead:
            parts.append(words.led_by.format(name=brief.lead))
        return " · ".join(part for part in parts if part)

    def timeline(self) -> None:
        brief, words = self.brief, self.words
        if not brief.actions:
            self.section(words.timeline, self.p(words.no_actions, "note"))
            return
        rows: list[list[Any]] = []
        bands: list[int] = []
        for action in brief.actions:
            if action.upcoming and not bands:
                bands.append(len(rows) + 1)
                rows.append([self.p(words.to_come, bold=True), "", "", ""])
            rows.append(self._action_row(action))
        table = self.table(words.timeline_columns, rows, TIMELINE, bands)
        self.section(words.timeline)
        self.left(brief.actions_left, before=words.earlier_actions)
        self.story.append(table)
        self.left(brief.actions_left, after=words.more_actions)

    def _action_row(self, action: BriefAction) -> list[Any]:
        return [
            self.p(self.when(action)),
            self.two_lines(action.title, action.location),
            self.p(self.words.action_statuses[action.status]),
            self.p(action.outcome),
        ]

    def when(self, action: BriefAction) -> str:
        """ "July 2016", "since 2026-07-23 (day 12)", "to be dated (March 2026)" in the brief's
        language; an action dated to the day as the service gave it."""
        words = self.words
        if action.to_be_dated:
            month = month_of(action.target_month) if action.target_month else None
            if month is None:
                return words.to_be_dated
            return words.to_be_dated_in.format(month=month_text(month, words.language))
        if action.month is not None:
            return month_text(action.month, words.language)
        if action.since:
            if action.day is None:
                return words.ongoing.format(date=action.since)
            return words.ongoing_day.format(date=action.since, n=action.day)
        return action.when

    def commitments(self) -> None:
        brief, words = self.brief, self.words
        report = words.report
        totals = Counter(brief.commitment_totals)
        total = sum(totals.values())
        if not total:
            self.section(words.commitments, self.p(words.no_commitments, "note"))
            return
        line = " · ".join(
            [
                report.counted(report.commitments, total),
                counts_line(totals, report),
                words.rate.format(rate=rate_text(brief.fulfilment_rate)),
            ]
        )
        rows: list[list[Any]] = []
        bands: list[int] = []
        for affiliate in brief.affiliates:
            bands.append(len(rows) + 1)
            rows.append([self.p(self._affiliate_name(affiliate), bold=True), "", "", ""])
            rows.extend(self._commitment_row(item) for item in affiliate.commitments)
        self.section(words.commitments, self.p(line, "meta"))
        self.story.append(self.table(words.commitment_columns, rows, COMMITMENTS, bands))
        self.left(brief.commitments_left, after=words.more_commitments)

    def _affiliate_name(self, affiliate: BriefAffiliate) -> str:
        return self.words.lead.format(name=affiliate.name) if affiliate.lead else affiliate.name

    def _commitment_row(self, item: BriefCommitment) -> list[Any]:
        report = self.words.report
        what = f"{report.number.format(n=item.number)} {item.what}" if item.number else item.what
        status = self.kit.markup(report.statuses[item.status])
        if item.overdue:
            status = f'<font color="{OVERDUE}">{status}{self.kit.markup(report.overdue)}</font>'
        return [
            self.p(what),
            self.p(_day(item.due_date)),
            Paragraph(status, self.kit["cell"]),
            self.p(_day(item.fulfilled_on)),
        ]

    def letters(self) -> None:
        brief, words = self.brief, self.words
        flowables: list[Flowable] = []
        if brief.letters:
            rows = [self._letter_row(letter) for letter in brief.letters]
            flowables.append(self.table(words.letter_columns, rows, LETTERS))
        else:
            flowables.append(self.p(words.no_letters, "note"))
        self.section(words.letters, *flowables)
        self.left(brief.letters_left, after=words.more_letters)
        if brief.letters_unsent:
            self.note(words.counted(words.unsent, brief.letters_unsent))

    def _letter_row(self, letter: BriefLetter) -> list[Any]:
        channel = self.words.channels[letter.channel] if letter.channel else ""
        return [
            self.p(_day(letter.sent_on)),
            self.two_lines(channel, letter.tracking_number, bold=False),
            self.p(letter.subject),
            self.p(letter.recipients),
            self.p(_day(letter.reply_received_on)),
        ]

    def people(self) -> None:
        brief, words = self.brief, self.words
        if not brief.people:
            self.section(words.people, self.p(words.no_people, "note"))
            return
        rows = [self._person_row(person) for person in brief.people]
        self.section(words.people, self.table(words.people_columns, rows, PEOPLE))
        self.left(brief.people_left, after=words.more_people)

    def _person_row(self, person: BriefPerson) -> list[Any]:
        return [
            self.two_lines(person.name, person.organisation),
            self.p(self.situation_text(person)),
            self.p(self.words.next_hearing.format(what=person.next_hearing)
                   if person.next_hearing else ""),
        ]  # fmt: skip

    def situation_text(self, person: BriefPerson) -> str:
        """ "Sentenced since 2026-11-09; held 231 days; sentence: 5 years" — what holds now,
        with the day counts that make it urgent."""
        words = self.words
        kind = words.situations[person.kind]
        if person.since and person.until:
            since, until = person.since.isoformat(), person.until.isoformat()
            parts = [words.kind_between.format(kind=kind, since=since, until=until)]
        elif person.since:
            parts = [words.kind_since.format(kind=kind, date=person.since.isoformat())]
        else:
            parts = [kind]
        if person.held_days is not None:
            parts.append(words.counted(words.held, person.held_days))
        if person.hunger_strike_day is not None:
            parts.append(words.hunger_strike.format(n=person.hunger_strike_day))
        if person.sentence:
            parts.append(words.sentence.format(sentence=person.sentence))
        return "; ".join(parts)


def render_brief(brief: CampaignBrief, fonts: FontSet | None = None, language: str = "en") -> bytes:
    """The brief as PDF bytes, its words in `language`; raises FontCoverageError before
    anything is written."""
    fonts = fonts or load_fonts()
    words = brief_words(language)
    layout = Brief(brief, fonts, words)
    layout.campaign()
    layout.timeline()
    layout.commitments()
    layout.letters()
    layout.people()
    layout.story.append(Spacer(1, 1))
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        title=f"{words.heading} — {brief.title}",
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
    )
    canvas = numbered_canvas(fonts.primary, MARGIN, words.page, fonts.runs)
    document.build(layout.story, canvasmaker=canvas)
    return buffer.getvalue()
