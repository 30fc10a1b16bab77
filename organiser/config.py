"""Where things live: the default database, the --db / ORGANISER_DB choice, and user settings."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from platformdirs import user_config_path, user_data_path

from organiser.errors import ValidationError

APP_NAME = "campaign-organiser"
APP_AUTHOR = "CampaignOrganiser"
DB_ENV = "ORGANISER_DB"
DB_FILENAME = "organiser.sqlite3"


def package_dir() -> Path:
    return Path(__file__).resolve().parent


def shipped_dir(name: str) -> Path:
    """A directory shipped beside the package (`db`, `resources`).

    In a wheel they are copied into the package; in a source checkout they sit at the top level.
    """
    inside = package_dir() / name
    return inside if inside.is_dir() else package_dir().parent / name


def default_database_path() -> Path:
    return user_data_path(APP_NAME, APP_AUTHOR) / DB_FILENAME


def database_url(choice: str | None = None) -> str:
    """The SQLAlchemy URL for --db (a path or URL), else $ORGANISER_DB, else the default file.
    An empty choice names no database: it is refused rather than taken for the default one."""
    if choice is not None and not choice.strip():
        raise ValidationError("db", "--db names no database: give a file or an SQLAlchemy URL.")
    env = os.environ.get(DB_ENV)
    if env is not None and choice is None and not env.strip():
        raise ValidationError("db", f"{DB_ENV} is set but empty: give a file or an SQLAlchemy URL.")
    value = choice or env or str(default_database_path())
    if "://" in value:
        if value.startswith("sqlite:///") and not value.removeprefix("sqlite:///").strip():
            # A script's `sqlite:///$FILE` with FILE unset: an in-memory database that would
            # lose every write, silently.
            raise ValidationError("db", f"{value} names no database file.")
        return value
    path = Path(value).expanduser().resolve()
    return f"sqlite:///{path}"


@dataclass(frozen=True)
class Setting:
    """One user setting, declared once with its type, default and label."""

    key: str
    type: type
    default: Any
    label: str


SETTINGS: dict[str, Setting] = {
    s.key: s
    for s in (
        Setting("pdf.paper", str, "a4", "Paper size for letters (a4 or letter)"),
        Setting("pdf.margin_mm", float, 20.0, "Page margin in millimetres"),
        Setting("pdf.extra_fonts", list, [], "TrueType fonts to use besides the system's"),
        Setting("ui.organiser_timezone", str, "", "Your own time zone (empty: this computer's)"),
        Setting("backup.folder", str, "", "Where backups go (empty: beside the database)"),
        Setting("backup.last", dict, {}, "When each database was last backed up (ISO 8601, UTC)"),
        Setting(
            "storage.shared_warned",
            list,
            [],
            "Databases already warned of lying in a synchronised or network folder",
        ),
    )
}


def settings_path() -> Path:
    return user_config_path(APP_NAME, APP_AUTHOR) / "settings.json"


SETTINGS_LIMIT = 1024 * 1024


def _read_all(path: Path) -> dict[str, Any]:
    """The settings file's content; a missing, oversized, non-regular or damaged one reads as
    no settings (every default), never as an error that stops the program."""
    from organiser.files import read_input

    try:
        data = json.loads(read_input(path, SETTINGS_LIMIT).decode("utf-8"))
    except (ValidationError, ValueError, RecursionError):
        return {}
    return data if isinstance(data, dict) else {}


def get_setting(key: str, path: Path | None = None) -> Any:
    """The value of a declared setting, or its default when unset or of the wrong type."""
    setting = SETTINGS[key]
    value = _read_all(path or settings_path()).get(key, setting.default)
    if setting.type is float and isinstance(value, int):
        value = float(value)
    if isinstance(value, list) and not all(isinstance(item, str) for item in value):
        return setting.default  # a hand-edited file: a list of paths holds only text
    return value if isinstance(value, setting.type) else setting.default


def set_setting(key: str, value: Any, path: Path | None = None) -> None:
    from organiser.files import write_text_atomic

    setting = SETTINGS[key]
    if not isinstance(value, setting.type):
        raise TypeError(f"{key} takes a {setting.type.__name__}")
    target = path or settings_path()
    data = _read_all(target)
    data[key] = value
    write_text_atomic(target, json.dumps(data, indent=2, ensure_ascii=False))
