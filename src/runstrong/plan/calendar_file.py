"""Read the user's calendar, .ics or CSV, for a range of dates: usable events plus warnings.

The same limits hold for a file on disk, an upload and a feed: at most
MAX_CALENDAR_BYTES, and a file path must be a regular file.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from runstrong.plan.calendar_csv import read_csv
from runstrong.plan.calendar_ics import read_ics
from runstrong.plan.deadline import Deadline
from runstrong.plan.errors import PlanInputError
from runstrong.plan.events import CalendarEvent
from runstrong.plan.read_options import ReadOptions
from runstrong.plan.read_warnings import FIX_HINT, ReadWarning, warning_lines
from runstrong.regular_files import FileRefused, read_regular_file, too_large

#: The years a calendar is read for: far enough either way for any training plan.
FIRST_YEAR, LAST_YEAR = 1900, 2200
#: The largest calendar read: years of a busy runner's calendar fit in a fraction of it.
MAX_CALENDAR_BYTES = 2 * 1024 * 1024
#: Skipped events listed in the error for a file with no usable event.
_LISTED = 3


@dataclass(frozen=True)
class CalendarRead:
    """The events in the days read, sorted by start, and what was left out of the file."""

    events: tuple[CalendarEvent, ...]
    warnings: tuple[ReadWarning, ...]


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
    path: Path | CalendarBytes,
    *,
    first_day: date,
    days: int,
    options: ReadOptions,
    deadline: Deadline | None = None,
) -> CalendarRead:
    """Events from `first_day` for `days` days; events that cannot be read become warnings.

    Raises:
        PlanInputError: the file cannot be read, has no usable event or none in range,
            or the first day is outside the years 1900 to 2200.
    """
    if isinstance(path, CalendarBytes):
        data, source, kind = path.data, path.name, "csv" if path.csv else "ics"
    else:
        try:
            data = read_regular_file(path, max_bytes=MAX_CALENDAR_BYTES)
        except FileRefused as err:
            raise PlanInputError(f"cannot read {path}: {err}") from None
        source, kind = path.name, "csv" if path.suffix.lower() == ".csv" else "ics"
    return read_calendar_data(
        data,
        source=source,
        kind=kind,
        first_day=first_day,
        days=days,
        options=options,
        deadline=deadline,
    )


def read_calendar_data(
    data: bytes,
    *,
    source: str,
    kind: str,
    first_day: date,
    days: int,
    options: ReadOptions,
    deadline: Deadline | None = None,
) -> CalendarRead:
    """The same as `read_calendar`, for a calendar already in memory (an upload or a feed).

    Args:
        source: the name messages give the calendar, e.g. its file name.
        kind: "ics" or "csv".
    """
    check_first_day(first_day)
    if len(data) > MAX_CALENDAR_BYTES:
        raise PlanInputError(f"{source}: {too_large(len(data), MAX_CALENDAR_BYTES)}")
    try:
        start = datetime.combine(first_day, time(0), tzinfo=options.tz)
        end = datetime.combine(first_day + timedelta(days=days), time(0), tzinfo=options.tz)
    except OverflowError:
        raise PlanInputError(
            f"{days} days from {first_day} is past the last day a calendar can hold"
        ) from None
    if kind == "csv":
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as err:
            line = data[: err.start].count(b"\n") + 1
            raise PlanInputError(f"{source} line {line}: not UTF-8 text") from None
        read = read_csv(text, source=source, start=start, end=end, options=options)
    else:
        read = read_ics(
            data, source=source, start=start, end=end, options=options, deadline=deadline
        )
    if not read.events:
        raise _nothing_to_plan(source, first_day, days, read.span, read.warnings)
    events = sorted(read.events, key=lambda e: (e.start.timestamp(), e.end.timestamp(), e.title))
    return CalendarRead(tuple(events), tuple(read.warnings))


def _nothing_to_plan(
    source: str, first_day: date, days: int, span, warnings: list[ReadWarning]
) -> PlanInputError:
    if span is None and warnings:
        lines = warning_lines(warnings, shown=_LISTED)
        return PlanInputError(
            f"{source}: no event in the file could be used:\n" + "\n".join(lines),
            hint=FIX_HINT,
        )
    last = first_day + timedelta(days=days - 1)
    found = f"its events start between {span[0]} and {span[1]}" if span else "it has no events"
    return PlanInputError(
        f"{source}: no events between {first_day} and {last} ({found})",
        hint="choose the first week with --start YYYY-MM-DD",
    )
