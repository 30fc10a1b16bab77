"""The organiser's own time zone, as the calendar shows times in it on demand."""

from __future__ import annotations

from PySide6.QtCore import QTimeZone

from organiser.config import get_setting
from organiser.services.timezones import is_zone


def organiser_zone() -> str:
    """The organiser's own zone: the setting, else this computer's."""
    chosen = str(get_setting("ui.organiser_timezone") or "")
    if is_zone(chosen):
        return chosen
    system = bytes(QTimeZone.systemTimeZoneId().data()).decode()
    return system if is_zone(system) else "UTC"
