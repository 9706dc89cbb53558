"""Read the user's calendar file, .ics or CSV, for a range of dates."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from runstrong.plan.calendar_csv import read_csv
from runstrong.plan.calendar_ics import read_ics
from runstrong.plan.errors import PlanInputError
from runstrong.plan.events import CalendarEvent
from runstrong.plan.read_options import ReadOptions

#: The years a calendar is read for: far enough either way for any training plan.
FIRST_YEAR, LAST_YEAR = 1900, 2200


@dataclass(frozen=True)
class CalendarBytes:
    """A calendar already in memory (an upload, a fetched feed), named for messages."""

    name: str
    data: bytes
    csv: bool = False


def check_first_day(day: date) -> None:
    """Refuse a first day the planner does not read calendars for.

    Raises:
        PlanInputError: `day` is before 1900 or after 2200.
    """
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise PlanInputError(
            f"{day} is outside the years {FIRST_YEAR} to {LAST_YEAR}",
            hint="choose the first week with --start YYYY-MM-DD",
        )


def read_calendar(
    path: Path | CalendarBytes, *, first_day: date, days: int, options: ReadOptions
) -> list[CalendarEvent]:
    """Events from `first_day` for `days` days, sorted by start.

    Raises:
        PlanInputError: unreadable file, a bad line or event, no events in range,
            or a first day outside the years 1900 to 2200.
    """
    check_first_day(first_day)
    try:
        start = datetime.combine(first_day, time(0), tzinfo=options.tz)
        end = datetime.combine(first_day + timedelta(days=days), time(0), tzinfo=options.tz)
    except OverflowError:
        raise PlanInputError(
            f"{days} days from {first_day} is past the last day a calendar can hold"
        ) from None
    if isinstance(path, CalendarBytes):
        data, source, is_csv = path.data, path.name, path.csv
    else:
        try:
            data = path.read_bytes()
        except OSError as err:
            raise PlanInputError(f"cannot read {path}: {err.strerror}") from None
        source, is_csv = path.name, path.suffix.lower() == ".csv"
    if is_csv:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise PlanInputError(f"{source}: not UTF-8 text") from None
        events, span = read_csv(text, source=source, start=start, end=end, options=options)
    else:
        events, span = read_ics(data, source=source, start=start, end=end, options=options)
    if not events:
        last = first_day + timedelta(days=days - 1)
        found = f"its events start between {span[0]} and {span[1]}" if span else "it has no events"
        raise PlanInputError(
            f"{source}: no events between {first_day} and {last} ({found})",
            hint="choose the first week with --start YYYY-MM-DD",
        )
    return sorted(events, key=lambda e: (e.start.timestamp(), e.end.timestamp(), e.title))
