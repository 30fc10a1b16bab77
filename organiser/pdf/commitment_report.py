"""The printable report of one campaign's commitments: the lead organisation's own, then grouped
by affiliate, numbered ones in the resolution's order, totals per status and the fulfilment
rate, overdue pledges marked; its words in the reader's language (`report_words.py`)."""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table
from reportlab.platypus.flowables import Flowable

from organiser.models import CommitmentStatus
from organiser.models.readable import (
    ReadableAffiliateGroup,
    ReadableCommitment,
    ReadableCommitmentReport,
)
from organiser.pdf.fonts import FontSet, load_fonts
from organiser.pdf.report_words import ReportWords, report_words
from organiser.pdf.styles import StyledFonts, numbered_canvas

OVERDUE = colors.HexColor("#b3261e")
GRID = colors.HexColor("#c9ced6")
HEAD = colors.HexColor("#eef1f5")
WIDTHS = (44 * mm, 28 * mm, 23 * mm, 26 * mm, 23 * mm, 36 * mm)


def _styles(font: str) -> dict[str, ParagraphStyle]:
    return {
        "title": ParagraphStyle("title", fontName=font, fontSize=16, leading=20, spaceAfter=4),
        "meta": ParagraphStyle("meta", fontName=font, fontSize=9, leading=12, spaceAfter=8),
        "heading": ParagraphStyle(
            "heading", fontName=font, fontSize=12, leading=15, spaceBefore=10, spaceAfter=3
        ),
        "cell": ParagraphStyle("cell", fontName=font, fontSize=8.5, leading=10.5),
        "overdue": ParagraphStyle(
            "overdue", fontName=font, fontSize=8.5, leading=10.5, textColor=OVERDUE
        ),
    }


def rate_text(rate: float | None) -> str:
    """The fulfilment rate as printed: "86%", or a dash when nothing counts."""
    return "—" if rate is None else f"{rate:.0%}"


def _rate(report: ReadableCommitmentReport) -> str:
    return rate_text(report.fulfilment_rate)


def counts_line(counts: Mapping[CommitmentStatus, int], words: ReportWords) -> str:
    return ", ".join(
        f"{counts[s]} {words.statuses[s].lower()}" for s in CommitmentStatus if counts[s]
    )


def _summary(report: ReadableCommitmentReport, kit: StyledFonts, words: ReportWords) -> Table:
    rows = [[kit.p(words.statuses[s], "cell"), str(report.totals[s])] for s in CommitmentStatus]
    rows.append([kit.p(words.total, "cell", bold=True), str(report.total)])
    rows.append([kit.p(words.rate_row, "cell"), _rate(report)])
    commands = [
        ("FONTSIZE", (0, 0), (-1, -1), 9),
        ("ALIGN", (1, 0), (1, -1), "RIGHT"),
        ("LINEBELOW", (0, -3), (-1, -3), 0.5, GRID),
        ("BOX", (0, 0), (-1, -1), 0.5, GRID),
    ]
    return kit.table(rows, commands, colWidths=(70 * mm, 25 * mm), hAlign="LEFT")


def _evidence(item: ReadableCommitment, words: ReportWords) -> str:
    parts = [item.evidence, item.evidence_url]
    if item.evidence_file_name:
        parts.append(words.file.format(name=item.evidence_file_name))
    return "\n".join(part for part in parts if part)


@dataclass(frozen=True)
class Shared:
    """Who pledged jointly and where, when every commitment of a group says the same: printed
    once under the group's heading instead of on every row."""

    joint_pledgers: str | None
    source: str | None

    @classmethod
    def of(cls, group: ReadableAffiliateGroup) -> Shared:
        joint = {item.joint_pledgers for item in group.commitments}
        sources = {item.source_letter_subject for item in group.commitments}
        return cls(
            joint.pop() if len(joint) == 1 else None, sources.pop() if len(sources) == 1 else None
        )

    def lines(self, words: ReportWords) -> list[str]:
        lines = [words.jointly.format(names=self.joint_pledgers)] if self.joint_pledgers else []
        if self.source:
            lines.append(words.source.format(subject=self.source))
        return lines


def _what(item: ReadableCommitment, words: ReportWords, shared: Shared) -> str:
    """What was promised, after its number in the resolution; who joined in and where it was
    made on lines below, unless the group's heading says it for all."""
    first = f"{words.number.format(n=item.number)} {item.what}" if item.number else item.what
    lines = [first]
    if item.joint_pledgers and shared.joint_pledgers is None:
        lines.append(words.jointly.format(names=item.joint_pledgers))
    if item.source_letter_subject and shared.source is None:
        lines.append(words.source.format(subject=item.source_letter_subject))
    return "\n".join(lines)


def _row(
    item: ReadableCommitment, kit: StyledFonts, words: ReportWords, shared: Shared
) -> list[Paragraph]:
    status = words.statuses[item.status] + (words.overdue if item.overdue else "")
    style = "overdue" if item.overdue else "cell"
    texts = (
        _what(item, words, shared),
        item.action_title,
        item.due_date.isoformat() if item.due_date else "",
        status,
        item.fulfilled_on.isoformat() if item.fulfilled_on else "",
        _evidence(item, words),
    )
    return [kit.p(text, style if i in (2, 3) else "cell") for i, text in enumerate(texts)]


def _group(
    group: ReadableAffiliateGroup, kit: StyledFonts, words: ReportWords, heading_text: str
) -> list[Flowable]:
    counts = Counter(item.status for item in group.commitments)
    header = [kit.p(text, "cell", bold=True) for text in words.columns]
    commands = [
        ("GRID", (0, 0), (-1, -1), 0.4, GRID),
        ("BACKGROUND", (0, 0), (-1, 0), HEAD),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]
    shared = Shared.of(group)
    rows = [header, *(_row(item, kit, words, shared) for item in group.commitments)]
    table = kit.table(rows, commands, colWidths=WIDTHS, repeatRows=1)
    heading = kit.p(heading_text, "heading", bold=True)
    line = kit.p("\n".join([counts_line(counts, words), *shared.lines(words)]), "meta")
    return [KeepTogether([heading, line, table])]


def made_line(report: ReadableCommitmentReport, words: ReportWords) -> str:
    """ "Made on … · 11 commitments from 5 affiliates and from IndustriALL itself · …": the
    lead organisation is counted apart, never as one of the affiliates."""
    counted = (
        f"{words.counted(words.commitments, report.total)} "
        f"{words.counted(words.from_affiliates, len(report.groups))}"
    )
    if report.lead is not None:
        counted += " " + words.from_lead.format(name=report.lead.organisation_name)
    made = words.made_on.format(date=report.made_on.isoformat())
    return f"{made} · {counted} · {words.rate.format(rate=_rate(report))}"


def render_report(
    report: ReadableCommitmentReport, fonts: FontSet | None = None, language: str = "en"
) -> bytes:
    """The report as PDF bytes, its words in `language`; raises FontCoverageError before
    anything is written."""
    fonts = fonts or load_fonts()
    words = report_words(language)
    kit = StyledFonts(fonts, _styles(fonts.primary))
    title = words.title.format(campaign=report.campaign_title)
    story: list[Flowable] = [
        kit.p(title, "title", bold=True),
        kit.p(made_line(report, words), "meta"),
        _summary(report, kit, words),
        Spacer(1, 4 * mm),
    ]
    if report.lead is not None:
        heading = words.lead_heading.format(name=report.lead.organisation_name)
        story.extend(_group(report.lead, kit, words, heading))
    for group in report.groups:
        story.extend(_group(group, kit, words, group.organisation_name))
    if not report.groups:
        empty = words.no_affiliates if report.lead is not None else words.none_at_all
        story.append(kit.p(empty, "meta"))
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        title=title,
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=15 * mm,
        bottomMargin=15 * mm,
    )
    # The numbered canvas also starts each page in our font, so no unembedded Helvetica.
    document.build(story, canvasmaker=numbered_canvas(fonts.primary, 15 * mm))
    return buffer.getvalue()
