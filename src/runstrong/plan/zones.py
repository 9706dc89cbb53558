"""The user's time zone: named with --tz, else the machine's own, else UTC."""

from __future__ import annotations

import os
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from runstrong.plan.errors import PlanInputError


def user_zone(name: str | None) -> ZoneInfo:
    """`name` as a zoneinfo zone; without one, the zone this machine is set to."""
    if name is None:
        return _machine_zone()
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise PlanInputError(
            f"unknown time zone {name!r}", hint="use a name like Europe/Berlin or America/Chicago"
        ) from None


def _machine_zone() -> ZoneInfo:
    candidates = [os.environ.get("TZ", "").lstrip(":")]
    localtime = Path("/etc/localtime")
    if localtime.is_symlink():
        candidates.append(str(localtime.resolve()).partition("zoneinfo/")[2])
    for name in candidates:
        if name:
            try:
                return ZoneInfo(name)
            except (ZoneInfoNotFoundError, ValueError):
                continue
    return ZoneInfo("UTC")
