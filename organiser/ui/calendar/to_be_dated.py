"""The actions not yet dated ("a global day of action in the coming months"), beside the
calendar: by target month, those without one last; double-click one to date it."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from organiser.models.dates import month_of
from organiser.services.actions import ActionView
from organiser.ui.calendar.when import month_label
from organiser.ui.table_model import Column, RecordTableModel


def _tr(text: str) -> str:
    return QCoreApplication.translate("ToBeDated", text)


def target_label(action: ActionView) -> str:
    target = month_of(action.target_month or "")
    return month_label(target) if target is not None else _tr("no month yet")


def to_be_dated_columns() -> list[Column[ActionView]]:
    """Two columns, for a narrow panel; the campaign is the title's colour and tooltip."""
    return [
        Column(
            _tr("Action"),
            lambda a: a.title,
            foreground=lambda a: a.campaign_colour,
            tooltip=lambda a: f"{a.title}\n{a.campaign_title}",
        ),
        Column(
            _tr("Target month"),
            target_label,
            sort=lambda a: a.target_month or "9999-99",  # those without one last
        ),
    ]


def to_be_dated_model(parent: object = None) -> RecordTableModel[ActionView]:
    return RecordTableModel(to_be_dated_columns(), parent)
