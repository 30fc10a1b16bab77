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
