"""The printable report of one campaign's commitments: grouped by affiliate, totals per status
and the fulfilment rate, overdue pledges marked."""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Mapping
from gettext import ngettext

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
from organiser.pdf.styles import StyledFonts, numbered_canvas

OVERDUE = colors.HexColor("#b3261e")
GRID = colors.HexColor("#c9ced6")
HEAD = colors.HexColor("#eef1f5")
COLUMNS = ("What was promised", "Action", "Due", "Status", "Fulfilled", "Evidence")
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


def _rate(report: ReadableCommitmentReport) -> str:
    rate = report.fulfilment_rate
    return "—" if rate is None else f"{rate:.0%}"


def _counts_line(counts: Mapping[CommitmentStatus, int]) -> str:
    return ", ".join(f"{counts[s]} {s.label.lower()}" for s in CommitmentStatus if counts[s])


def _summary(report: ReadableCommitmentReport, kit: StyledFonts) -> Table:
    rows = [[kit.p(s.label, "cell"), str(report.totals[s])] for s in CommitmentStatus]
    rows.append([kit.p("Total", "cell", bold=True), str(report.total)])
    rows.append([kit.p("Fulfilment rate (of those not withdrawn)", "cell"), _rate(report)])
    commands = [
        ("FONTSIZE", (0, 0), (-1, -1), 9),
        ("ALIGN", (1, 0), (1, -1), "RIGHT"),
        ("LINEBELOW", (0, -3), (-1, -3), 0.5, GRID),
        ("BOX", (0, 0), (-1, -1), 0.5, GRID),
    ]
    return kit.table(rows, commands, colWidths=(70 * mm, 25 * mm), hAlign="LEFT")


def _evidence(item: ReadableCommitment) -> str:
    parts = [item.evidence, item.evidence_url]
    if item.evidence_file_name:
        parts.append(f"File: {item.evidence_file_name}")
    return "\n".join(part for part in parts if part)


def _row(item: ReadableCommitment, kit: StyledFonts) -> list[Paragraph]:
    status = item.status.label + (" — overdue" if item.overdue else "")
    style = "overdue" if item.overdue else "cell"
    texts = (
        item.what,
        item.action_title,
        item.due_date.isoformat() if item.due_date else "",
        status,
        item.fulfilled_on.isoformat() if item.fulfilled_on else "",
        _evidence(item),
    )
    return [kit.p(text, style if i in (2, 3) else "cell") for i, text in enumerate(texts)]


def _group(group: ReadableAffiliateGroup, kit: StyledFonts) -> list[Flowable]:
    counts = Counter(item.status for item in group.commitments)
    header = [kit.p(text, "cell", bold=True) for text in COLUMNS]
    commands = [
        ("GRID", (0, 0), (-1, -1), 0.4, GRID),
        ("BACKGROUND", (0, 0), (-1, 0), HEAD),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]
    rows = [header, *(_row(item, kit) for item in group.commitments)]
    table = kit.table(rows, commands, colWidths=WIDTHS, repeatRows=1)
    heading = kit.p(group.organisation_name, "heading", bold=True)
    line = kit.p(_counts_line(counts), "meta")
    return [KeepTogether([heading, line, table])]


def _made(report: ReadableCommitmentReport) -> str:
    commitments = ngettext("{n} commitment", "{n} commitments", report.total)
    affiliates = ngettext("from {n} affiliate", "from {n} affiliates", len(report.groups))
    return (
        f"Made on {report.made_on.isoformat()} · {commitments.format(n=report.total)} "
        f"{affiliates.format(n=len(report.groups))} · fulfilment rate {_rate(report)}"
    )


def render_report(report: ReadableCommitmentReport, fonts: FontSet | None = None) -> bytes:
    """The report as PDF bytes; raises FontCoverageError before anything is written."""
    fonts = fonts or load_fonts()
    kit = StyledFonts(fonts, _styles(fonts.primary))
    story: list[Flowable] = [
        kit.p(f"Commitments — {report.campaign_title}", "title", bold=True),
        kit.p(
            _made(report),
            "meta",
        ),
        _summary(report, kit),
        Spacer(1, 4 * mm),
    ]
    for group in report.groups:
        story.extend(_group(group, kit))
    if not report.groups:
        story.append(kit.p("No affiliate has made a commitment to this campaign yet.", "meta"))
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        title=f"Commitments — {report.campaign_title}",
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=15 * mm,
        bottomMargin=15 * mm,
    )
    # The numbered canvas also starts each page in our font, so no unembedded Helvetica.
    document.build(story, canvasmaker=numbered_canvas(fonts.primary, 15 * mm))
    return buffer.getvalue()
