"""Read a CSV calendar: `date,time,title[,kind][,duration]`, one event a row."""

from __future__ import annotations

import csv
import io
import re
from datetime import date, datetime, time, timedelta

from runstrong.plan.errors import PlanInputError
from runstrong.plan.events import KIND_CHOICES, CalendarEvent, Kind
from runstrong.plan.read_options import ReadOptions

FORMAT = "date,time,title[,kind][,duration] e.g. 2026-12-03,18:30,Intervals 6x800,speed,60"
_QUOTE_HINT = 'quote a title with commas whole, e.g. "Intervals, 6x800"'
_DURATION = re.compile(r"^(?:(\d+):)?(\d+)$")


def read_csv(text: str, *, source: str, start: datetime, end: datetime, options: ReadOptions):
    """Events overlapping [start, end) and the first and last dates in the file."""
    events: list[CalendarEvent] = []
    dates: list[date] = []
    reader = csv.reader(io.StringIO(text), strict=True)
    for row, first_line in _rows(reader, source):
        where = f"{source} line {first_line}"
        if reader.line_num != first_line:
            raise PlanInputError(
                f"{where}: a quoted field runs on to line {reader.line_num}",
                hint=_QUOTE_HINT,
            )
        cells = [cell.strip() for cell in row]
        if not any(cells) or cells[0].startswith("#"):
            continue
        if cells[0].casefold() == "date":
            continue
        event = _row(cells, where, options)
        dates.append(event.start.date())
        if event.end > start and event.start < end:
            events.append(event)
    span = (min(dates), max(dates)) if dates else None
    return events, span


def _rows(reader, source: str):
    """Each row with the line it starts on; a broken quote names its line."""
    first_line = 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as err:
            problem = "a quote is never closed" if "end of data" in str(err) else str(err)
            raise PlanInputError(
                f"{source} line {first_line}: {problem}", hint=_QUOTE_HINT
            ) from None
        yield row, first_line
        first_line = reader.line_num + 1


def _row(cells: list[str], where: str, options: ReadOptions) -> CalendarEvent:
    if not 3 <= len(cells) <= 5 or not cells[2]:
        raise PlanInputError(f"{where}: expected 3 to 5 columns", hint=f"write {FORMAT}")
    day = _parse(date.fromisoformat, cells[0], where, "date (YYYY-MM-DD)")
    kind = None
    if len(cells) > 3 and cells[3]:
        kind = Kind.from_tag(cells[3])
        if kind is None:
            raise PlanInputError(f"{where}: unknown kind {cells[3]!r}", hint=f"use {KIND_CHOICES}")
    length = _duration(cells[4], where) if len(cells) > 4 and cells[4] else options.run_length
    if cells[1]:
        clock = _parse(time.fromisoformat, cells[1], where, "time (HH:MM)")
        begin = datetime.combine(day, clock, tzinfo=options.tz)
    else:
        begin = options.run_start(day)
    return CalendarEvent(
        title=cells[2],
        start=begin,
        end=begin + length,
        origin=where,
        kind_tag=kind,
        all_day=not cells[1],
    )


def _parse(parse, text: str, where: str, what: str):
    try:
        return parse(text)
    except ValueError:
        raise PlanInputError(f"{where}: {text!r} is not a {what}", hint=f"write {FORMAT}") from None


def _duration(text: str, where: str) -> timedelta:
    """Minutes ("75") or hours and minutes ("1:15")."""
    match = _DURATION.match(text)
    minutes = int(match[1] or 0) * 60 + int(match[2]) if match else 0
    if not 0 < minutes <= 24 * 60:
        raise PlanInputError(
            f"{where}: duration {text!r} is not minutes (75) or hours:minutes (1:15)",
            hint=f"write {FORMAT}",
        )
    return timedelta(minutes=minutes)
