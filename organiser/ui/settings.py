"""Window layout remembered between runs (QSettings); user settings live in organiser.config."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings

from organiser.config import APP_AUTHOR, APP_NAME


def qsettings() -> QSettings:
    return QSettings(APP_AUTHOR, APP_NAME)


def save_bytes(key: str, value: QByteArray) -> None:
    qsettings().setValue(key, value)


def load_bytes(key: str) -> QByteArray | None:
    value = qsettings().value(key)
    return value if isinstance(value, QByteArray) and not value.isEmpty() else None


def save_text(key: str, value: str) -> None:
    qsettings().setValue(key, value)


def load_text(key: str, default: str = "") -> str:
    value = qsettings().value(key, default)
    return value if isinstance(value, str) else default


RECENT_DATABASES_KEY = "window/recent_databases"
RECENT_DATABASES_KEPT = 8


def recent_databases() -> list[str]:
    """The databases opened lately, the newest first."""
    value = qsettings().value(RECENT_DATABASES_KEY, [])
    if isinstance(value, str):  # QSettings gives a one-item list back as a plain string
        value = [value]
    return [item for item in value if isinstance(item, str)] if isinstance(value, list) else []


def remember_database(location: str) -> list[str]:
    """Put `location` first in the recent databases, keeping the newest few."""
    kept = [location, *(item for item in recent_databases() if item != location)]
    kept = kept[:RECENT_DATABASES_KEPT]
    qsettings().setValue(RECENT_DATABASES_KEY, kept)
    return kept


CALENDAR_VIEWS = ("month", "week", "agenda")  # in the order of the calendar's view choice


def calendar_view() -> int:
    """The calendar's view last chosen (an index into CALENDAR_VIEWS)."""
    name = load_text("calendar/view", CALENDAR_VIEWS[0])
    return CALENDAR_VIEWS.index(name) if name in CALENDAR_VIEWS else 0


def save_calendar_view(index: int) -> None:
    if 0 <= index < len(CALENDAR_VIEWS):
        save_text("calendar/view", CALENDAR_VIEWS[index])
