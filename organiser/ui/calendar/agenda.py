"""The agenda: the visible actions as a table model, in date order, in campaign colours."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication

from organiser.services.actions import ActionView
from organiser.ui.table_model import Column, RecordTableModel, lines


def agenda_columns(zone: Callable[[], str | None]) -> list[Column[ActionView]]:
    """Columns of the agenda; `zone` gives the zone to show times in (None: the action's own)."""
    return [
        Column(
            _tr("When"),
            lambda a: a.when_text(zone(), short_zone=True),
            tooltip=lambda a: lines(a.when_text(zone()), a.when_text() if zone() else ""),
        ),
        Column(_tr("Campaign"), lambda a: a.campaign_title, foreground=lambda a: a.campaign_colour),
        Column(_tr("Kind"), lambda a: a.kind),
        Column(_tr("Action"), lambda a: a.title, tooltip=lambda a: lines(a.title, a.notes)),
        Column(_tr("Where"), lambda a: a.location),
        Column(_tr("Status"), lambda a: a.status),
    ]


def _tr(text: str) -> str:
    return QCoreApplication.translate("Agenda", text)


def agenda_model(
    zone: Callable[[], str | None], parent: object = None
) -> RecordTableModel[ActionView]:
    return RecordTableModel(agenda_columns(zone), parent)
