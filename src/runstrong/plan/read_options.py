"""How to read a calendar: the user's zone and where to put runs with no time."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo


@dataclass(frozen=True)
class ReadOptions:
    """Attributes:
    tz: the user's time zone; floating times are read in it.
    run_time: when an all-day run (or a CSV row without a time) starts.
    run_length: how long an event without an end lasts.
    """

    tz: ZoneInfo
    run_time: time = time(7, 0)
    run_length: timedelta = timedelta(hours=1)

    def run_start(self, day: date) -> datetime:
        return datetime.combine(day, self.run_time, tzinfo=self.tz)
