"""VTIMEZONE definitions that are right for every date a plan can hold.

icalendar's own generator stops in 2038 and dates each daylight-saving onset
by the wall clock after the change, an hour late: RFC 5545 dates an
observance in the offset in force *before* it (TZOFFSETFROM), and readers
that use the definition (vobject among them) then put sessions an hour off.
This module reads the offsets from zoneinfo, which follows the zone's rule
for any year, and writes one observance per change in the span asked for.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from icalendar import Timezone, TimezoneDaylight, TimezoneStandard

#: Steps small enough that no zone changes its offset twice within one.
_PROBE = timedelta(days=7)


def is_utc(zone: ZoneInfo) -> bool:
    """Zones that are UTC under another name: times are written with a Z instead."""
    return zone.key in ("UTC", "Etc/UTC", "Etc/UCT", "UCT", "Etc/Zulu", "Zulu", "GMT", "Etc/GMT")


def vtimezone(zone: ZoneInfo, first: datetime, last: datetime):
    """The VTIMEZONE of `zone` covering the instants from `first` to `last`.

    The first observance starts at `first` with the offset then in force; every
    change of offset up to `last` adds an onset, grouped by kind and offsets
    (one DTSTART, each later onset as an RDATE).
    """
    begin = first.astimezone(UTC) - timedelta(days=1)
    end = last.astimezone(UTC) + timedelta(days=1)
    onsets = [(begin, begin.astimezone(zone))] + [
        (moment, moment.astimezone(zone)) for moment in _changes(zone, begin, end)
    ]
    groups: dict[tuple, list[datetime]] = {}
    previous = onsets[0][1].utcoffset()
    for moment, local in onsets:
        offset = local.utcoffset()
        key = (bool(local.dst()), previous, offset, local.tzname())
        groups.setdefault(key, []).append((moment + previous).replace(tzinfo=None))
        previous = offset
    timezone = Timezone()
    timezone.add("tzid", zone.key)
    for (daylight, offset_from, offset_to, name), starts in groups.items():
        observance = TimezoneDaylight() if daylight else TimezoneStandard()
        observance.add("dtstart", starts[0])
        for start in starts[1:]:
            # One RDATE line each: some readers take only the first date of a list.
            observance.add("rdate", start)
        observance.add("tzname", name)
        observance.add("tzoffsetfrom", offset_from)
        observance.add("tzoffsetto", offset_to)
        timezone.add_component(observance)
    return timezone


def _changes(zone: ZoneInfo, begin: datetime, end: datetime) -> list[datetime]:
    """The UTC instants in (begin, end] at which `zone` changes its offset or name."""
    found = []
    lo = begin
    while lo < end:
        hi = min(lo + _PROBE, end)
        if _state(zone, lo) != _state(zone, hi):
            found.append(_bisect(zone, lo, hi))
        lo = hi
    return found


def _bisect(zone: ZoneInfo, lo: datetime, hi: datetime) -> datetime:
    """The first whole second in (lo, hi] in `zone`'s state at `hi`."""
    target = _state(zone, hi)
    low, high = int(lo.timestamp()), int(hi.timestamp())
    while high - low > 1:
        middle = (low + high) // 2
        if _state(zone, datetime.fromtimestamp(middle, UTC)) == target:
            high = middle
        else:
            low = middle
    return datetime.fromtimestamp(high, UTC)


def _state(zone: ZoneInfo, moment: datetime) -> tuple:
    local = moment.astimezone(zone)
    return local.utcoffset(), local.dst(), local.tzname()
