"""The agenda: the visible actions as a table model, in date order, in campaign colours."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QCoreApplication

from organiser.services.actions import ActionView
from organiser.ui.calendar.when import when_label
from organiser.ui.table_model import Column, RecordTableModel, lines


def agenda_columns(zone: Callable[[], str | None]) -> list[Column[ActionView]]:
    """Columns of the agenda; `zone` gives the zone to show times in (None: the action's own)."""
    return [
        Column(
            _tr("When"),
            lambda a: when_label(a, zone(), short_zone=True),
            tooltip=lambda a: _when_tip(a, zone()),
            sort=lambda a: a.starts_at or a.start_date or date.max,  # in the order they happen
        ),
        Column(_tr("Campaign"), lambda a: a.campaign_title, foreground=lambda a: a.campaign_colour),
        Column(_tr("Kind"), lambda a: a.kind),
        Column(_tr("Action"), lambda a: a.title, tooltip=lambda a: lines(a.title, a.notes)),
        Column(_tr("Where"), lambda a: a.location),
        Column(_tr("Status"), lambda a: a.status),
        Column(_tr("Outcome"), lambda a: a.outcome, tooltip=lambda a: a.outcome),
    ]


def _when_tip(action: ActionView, zone: str | None) -> str:
    """The time in full in the zone shown, and under it where the action happens when that
    reads otherwise (an all-day action, or one in the zone shown, reads the same: once)."""
    shown, own = when_label(action, zone), when_label(action)
    return lines(shown, own if own != shown else "")


def _tr(text: str) -> str:
    return QCoreApplication.translate("Agenda", text)


def agenda_model(
    zone: Callable[[], str | None], parent: object = None
) -> RecordTableModel[ActionView]:
    return RecordTableModel(agenda_columns(zone), parent)
