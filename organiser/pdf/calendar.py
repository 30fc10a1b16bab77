"""The printable calendar: a month grid on A4 landscape with each day's actions, then an agenda."""

from __future__ import annotations

import calendar as monthcal
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from io import BytesIO
from zoneinfo import ZoneInfo

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
)

from organiser.models.dates import month_text
from organiser.models.readable import ReadableAction
from organiser.pdf.fonts import FontSet, load_fonts
from organiser.pdf.styles import StyledFonts, numbered_canvas

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MAX_IN_CELL = 6


@dataclass(frozen=True)
class MarkedDayText:
    day: date
    name: str


def _styles(fonts: FontSet) -> StyledFonts:
    face, bold = fonts.primary, fonts.primary_bold
    styles = {
        "title": ParagraphStyle("title", fontName=bold, fontSize=16, leading=20),
        "head": ParagraphStyle("head", fontName=bold, fontSize=8, leading=10, alignment=1),
        "day": ParagraphStyle("day", fontName=bold, fontSize=8, leading=9),
        "item": ParagraphStyle("item", fontName=face, fontSize=6.3, leading=7.4),
        "mark": ParagraphStyle(
            "mark", fontName=face, fontSize=5.8, leading=7, textColor=colors.HexColor("#8a5a00")
        ),
        "cell": ParagraphStyle("cell", fontName=face, fontSize=7.5, leading=9),
    }
    return StyledFonts(fonts, styles)


def _time(action: ReadableAction) -> str:
    if action.all_day or action.starts_at is None:
        return ""
    return action.starts_at.astimezone(ZoneInfo(action.timezone)).strftime("%H:%M")


def _on_days(action: ReadableAction) -> bool:
    """Placed on the days it covers: dated to the day (one dated to its month is in the
    agenda only; one not yet dated under "To be dated")."""
    return action.start_date is not None and str(action.date_precision) != "month"


def covers(action: ReadableAction, day: date) -> bool:
    """Whether the action is on `day` in the grid: every day from its start to its end (an
    ongoing one's end is today)."""
    start, end = action.start_date, action.end_date
    return _on_days(action) and start is not None and end is not None and start <= day <= end


def _in_range(action: ReadableAction, first: date, last: date) -> bool:
    start, end = action.start_date, action.end_date
    return start is not None and end is not None and start <= last and end >= first


def _colour(value: str) -> colors.Color:
    try:
        return colors.HexColor(value)
    except (ValueError, TypeError):
        return colors.grey


def _cell(
    day: date,
    month: int,
    actions: Sequence[ReadableAction],
    marks: Sequence[MarkedDayText],
    styles: StyledFonts,
) -> list[Paragraph]:
    grey = "" if day.month == month else ' color="#9aa0a6"'
    parts = [Paragraph(f"<font{grey}>{day.day}</font>", styles["day"])]
    parts += [Paragraph(styles.markup(m.name), styles["mark"]) for m in marks if m.day == day]
    todays = [a for a in actions if covers(a, day)]
    for action in todays[:MAX_IN_CELL]:
        colour = _colour(action.campaign_colour).hexval()[2:]
        time = f"{_time(action)} " if _time(action) and action.start_date == day else ""
        text = styles.markup(f"{time}{action.title}")
        strike = "<strike>" if str(action.status) == "cancelled" else ""
        end = "</strike>" if strike else ""
        parts.append(
            Paragraph(f'<font color="#{colour}">■</font> {strike}{text}{end}', styles["item"])
        )
    if len(todays) > MAX_IN_CELL:
        parts.append(Paragraph(f"+{len(todays) - MAX_IN_CELL} more", styles["item"]))
    return parts


def _grid(
    year: int,
    month: int,
    actions: Sequence[ReadableAction],
    marks: Sequence[MarkedDayText],
    styles: StyledFonts,
) -> Table:
    weeks = monthcal.Calendar(firstweekday=0).monthdatescalendar(year, month)
    rows: list[list[object]] = [[Paragraph(d, styles["head"]) for d in WEEKDAYS]]
    rows += [[_cell(day, month, actions, marks, styles) for day in week] for week in weeks]
    width = (landscape(A4)[0] - 24 * mm) / 7
    height = (landscape(A4)[1] - 60 * mm) / len(weeks)
    commands = [
        ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#c4c9d0")),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eef1f4")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 2),
        ("RIGHTPADDING", (0, 0), (-1, -1), 2),
    ]
    row_heights = [7 * mm] + [height] * len(weeks)
    return styles.table(rows, commands, colWidths=[width] * 7, rowHeights=row_heights)


def _legend(actions: Sequence[ReadableAction], styles: StyledFonts) -> Paragraph:
    seen: dict[str, str] = {}
    for action in actions:
        seen.setdefault(action.campaign_title, action.campaign_colour)
    items = [
        f'<font color="#{_colour(c).hexval()[2:]}">■</font> {styles.markup(t)}'
        for t, c in seen.items()
    ]
    return Paragraph("&nbsp;&nbsp;&nbsp;".join(items) or "No actions this month.", styles["cell"])


def _agenda(actions: Sequence[ReadableAction], styles: StyledFonts) -> Table:
    rows: list[list[object]] = [
        [Paragraph(styles.markup(h, bold=True), styles["cell"]) for h in AGENDA_HEADERS]
    ]
    for action in actions:
        rows.append(
            [Paragraph(styles.markup(text), styles["cell"]) for text in _agenda_row(action)]
        )
    widths = [48 * mm, 55 * mm, 28 * mm, 75 * mm, 45 * mm, 22 * mm]
    style = [
        ("LINEBELOW", (0, 0), (-1, -1), 0.3, colors.HexColor("#d0d5db")),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eef1f4")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]
    for row, action in enumerate(actions, 1):
        style.append(("LINEBEFORE", (0, row), (0, row), 3, _colour(action.campaign_colour)))
    return styles.table(rows, style, colWidths=widths, repeatRows=1)


AGENDA_HEADERS = ("When", "Campaign", "Kind", "Action", "Where", "Status")


def when_text(action: ReadableAction) -> str:
    """When, as the agenda prints it: 'July 2016', 'since 2026-07-23, day 12', a range..."""
    start, end = action.start_date, action.end_date
    if start is None or end is None:
        return f"To be dated ({action.target_month})" if action.target_month else "To be dated"
    if str(action.date_precision) == "month":
        return month_text(start)
    if action.ongoing:
        return f"Since {_start_text(action)}, day {(end - start).days + 1}"
    if action.all_day or action.starts_at is None:
        return start.isoformat() + (f" – {end.isoformat()}" if end != start else "")
    return _timed_text(action)


def _start_text(action: ReadableAction) -> str:
    if action.all_day or action.starts_at is None:
        return action.start_date.isoformat() if action.start_date else ""
    local = action.starts_at.astimezone(ZoneInfo(action.timezone))
    return f"{local:%Y-%m-%d %H:%M} {action.timezone}"


def _agenda_row(action: ReadableAction) -> tuple[str, ...]:
    kind = str(action.kind).replace("-", " ").capitalize()
    status = str(action.status).capitalize()
    return (when_text(action), action.campaign_title, kind, _what(action), action.location, status)


def _timed_text(action: ReadableAction) -> str:
    assert action.starts_at is not None
    zone = ZoneInfo(action.timezone)
    local = action.starts_at.astimezone(zone)
    when = f"{local:%Y-%m-%d %H:%M}"
    if action.ends_at is not None:
        end = action.ends_at.astimezone(zone)
        when += f"–{end:%H:%M}" if end.date() == local.date() else f" – {end:%Y-%m-%d %H:%M}"
    return f"{when} {action.timezone}"


def _what(action: ReadableAction) -> str:
    """The title, then (each on its own line) how many took part, the outcome and the notes."""
    lines = [action.title]
    if action.workers is not None:
        lines.append(f"{action.workers:,} workers")
    if action.outcome:
        lines.append(f"Outcome: {action.outcome}")
    if action.notes:
        lines.append(action.notes)
    return "\n".join(lines)


def month_pdf(
    year: int,
    month: int,
    actions: Sequence[ReadableAction],
    marks: Sequence[MarkedDayText] = (),
    heading: str = "",
    fonts: FontSet | None = None,
    to_be_dated: Sequence[ReadableAction] = (),
) -> bytes:
    """The month grid, the campaigns' legend, the agenda of the month's actions, and those not
    yet dated."""
    styles = _styles(fonts or load_fonts())
    buffer = BytesIO()
    first = date(year, month, 1)
    last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    in_month = [a for a in actions if _in_range(a, first, last)]
    title = f"{first:%B %Y}" + (f" — {heading}" if heading else "")
    document = SimpleDocTemplate(
        buffer,
        pagesize=landscape(A4),
        leftMargin=12 * mm,
        rightMargin=12 * mm,
        topMargin=10 * mm,
        bottomMargin=10 * mm,
        title=f"Calendar {first:%B %Y}",
        author="Campaign Organiser",
    )
    story = [
        Paragraph(styles.markup(title, bold=True), styles["title"]),
        Spacer(1, 3 * mm),
        _grid(year, month, actions, marks, styles),
        Spacer(1, 3 * mm),
        KeepTogether(_legend(in_month, styles)),
        PageBreak(),
        Paragraph(styles.markup(f"Agenda — {first:%B %Y}", bold=True), styles["title"]),
        Spacer(1, 3 * mm),
        _agenda(in_month, styles) if in_month else Paragraph("No actions.", styles["cell"]),
    ]
    if to_be_dated:
        story += [
            Spacer(1, 5 * mm),
            Paragraph(styles.markup("To be dated", bold=True), styles["title"]),
            Spacer(1, 3 * mm),
            _agenda(to_be_dated, styles),
        ]
    # The numbered canvas also starts each page in our font, so no unembedded Helvetica.
    document.build(story, canvasmaker=numbered_canvas(styles.fonts.primary, 10 * mm))
    return buffer.getvalue()
