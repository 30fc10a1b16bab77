"""When an action is, as the window says it in the user's language: "July 2016", "since
2026-07-23 (day 12)", "To be dated (March 2027)", or its dates and times."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, QLocale

from organiser.models.dates import month_of, month_text
from organiser.services.actions import ActionView


def _tr(text: str) -> str:
    return QCoreApplication.translate("When", text)


def _language() -> str:
    return QLocale().name().split("_")[0] or "en"


def month_label(day: date) -> str:
    """'July 2016' in the user's language."""
    return month_text(day, _language())


def when_label(action: ActionView, zone: str | None = None, short_zone: bool = False) -> str:
    """When, in the user's language: 'July 2016', 'since 2026-07-23 (day 12)', 'To be dated
    (March 2027)', or the dates and times."""
    if action.undated or action.start_date is None:
        target = month_of(action.target_month or "")
        if target is None:
            return _tr("To be dated")
        return _tr("To be dated (%1)").replace("%1", month_label(target))
    if action.month_only():
        return month_label(action.start_date)
    if action.ongoing:
        since = action.start_date.isoformat()
        start = action.local_start(zone)
        if start is not None:
            since = f"{start:%Y-%m-%d %H:%M}"
        count = action.day_count()
        if count is None:
            return _tr("from %1, ongoing").replace("%1", since)
        return _tr("since %1 (day %2)").replace("%1", since).replace("%2", str(count))
    return action.when_text(zone, short_zone=short_zone)
