"""IANA time zones: checking a name, a country's zones, and a local wall-clock time turned into
a UTC instant."""

from __future__ import annotations

from datetime import UTC, datetime
from functools import cache
from importlib import resources
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from organiser.errors import ValidationError


@cache
def zone_names() -> tuple[str, ...]:
    return tuple(sorted(available_timezones() | {"UTC"}))


@cache
def _zones_by_country() -> dict[str, tuple[str, ...]]:
    """zone.tab of the tzdata package (a dependency, so the same on every system): each
    country's zones, its principal one first."""
    table = resources.files("tzdata").joinpath("zoneinfo", "zone.tab").read_text("utf-8")
    found: dict[str, list[str]] = {}
    for line in table.splitlines():
        if line and not line.startswith("#"):
            code, _where, zone = line.split("\t")[:3]
            found.setdefault(code, []).append(zone)
    return {code: tuple(zones) for code, zones in found.items()}


def country_zones(country: str) -> tuple[str, ...]:
    """The zones of an ISO 3166 country: ('Asia/Seoul',) for KR, 29 for US, () for ''."""
    return _zones_by_country().get(country.strip().upper(), ())


def country_zone(country: str) -> str | None:
    """The zone of a country that has exactly one (KR: Asia/Seoul), else None."""
    zones = country_zones(country)
    return zones[0] if len(zones) == 1 else None


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
