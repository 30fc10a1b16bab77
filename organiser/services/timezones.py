"""IANA time zones: checking a name and turning a local wall-clock time into a UTC instant."""

from __future__ import annotations

from datetime import UTC, datetime
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from organiser.errors import ValidationError


@cache
def zone_names() -> tuple[str, ...]:
    return tuple(sorted(available_timezones() | {"UTC"}))


def short_zone_name(zone: str) -> str:
    """The place a zone is named after, for narrow columns: 'America/Argentina/Buenos_Aires'
    -> 'Buenos Aires'; 'UTC' stays 'UTC'."""
    return zone.rsplit("/", 1)[-1].replace("_", " ")


def is_zone(name: str) -> bool:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def check_zone(value: str | None, field: str = "timezone") -> str:
    """An IANA zone name such as Asia/Seoul; '' means UTC."""
    name = (value or "").strip() or "UTC"
    if not is_zone(name):
        raise ValidationError(
            field, f"Time zone '{name}' is not known; give an IANA name such as Asia/Almaty."
        )
    return name


def local_to_utc(naive: datetime, zone: str, field: str, label: str) -> datetime:
    """The UTC instant of a wall-clock time in `zone`; a time the clocks skip is refused."""
    tz = ZoneInfo(zone)
    aware = naive.replace(tzinfo=tz)
    try:
        instant = aware.astimezone(UTC)
        instant.astimezone(tz)
    except OverflowError:  # 0001-01-01 00:30 in Seoul is still year 0 in UTC
        raise ValidationError(
            field, f"{label} {naive:%Y-%m-%d %H:%M} in {zone} falls outside the years 0001-9999."
        ) from None
    if instant.astimezone(tz).replace(tzinfo=None) != naive:
        raise ValidationError(
            field,
            f"{label} {naive:%Y-%m-%d %H:%M} does not exist in {zone}: the clocks skip that hour.",
        )
    return instant
