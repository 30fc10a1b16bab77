"""Turning the TZIDs calendar programs write into IANA zone names."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones


def is_zone(name: str) -> bool:
    if not name:
        return False
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


@cache
def _by_length() -> tuple[str, ...]:
    return tuple(sorted((z for z in available_timezones() if "/" in z), key=len, reverse=True))


def iana_name(tzid: str, windows: Mapping[str, str]) -> str | None:
    """'Europe/Berlin' as is; Outlook's 'W. Europe Standard Time' through the Windows table;
    '/mozilla.org/20050126_1/Europe/Berlin' or 'custom_America/New_York' by the name inside."""
    name = tzid.strip().strip('"')
    if is_zone(name):
        return name
    mapped = windows.get(name)
    if mapped and is_zone(mapped):
        return mapped
    for zone in _by_length():
        if name.endswith(zone):
            return zone
    return None
