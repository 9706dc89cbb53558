"""Read a CSV calendar: `date,time,title[,kind][,duration]`, one event a row.

A row that cannot be read is skipped with a warning naming its line; the
other rows are used.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from runstrong.plan.calendar_ics import MAX_OCCURRENCES
from runstrong.plan.events import KIND_CHOICES, CalendarEvent, Kind
from runstrong.plan.read_options import ReadOptions
from runstrong.plan.read_warnings import ReadWarning

FORMAT = "date,time,title[,kind][,duration] e.g. 2026-12-03,18:30,Intervals 6x800,speed,60"
_QUOTE_HINT = 'quote a title with commas whole, e.g. "Intervals, 6x800"'
_DURATION = re.compile(r"^(?:(\d{1,2}):)?(\d{1,4})$")


@dataclass
class CsvRead:
    """What one CSV file gave: events in the days read, warnings, and its first and last dates."""

    events: list[CalendarEvent] = field(default_factory=list)
    warnings: list[ReadWarning] = field(default_factory=list)
    dates: list[date] = field(default_factory=list)

    @property
    def span(self) -> tuple[date, date] | None:
        return (min(self.dates), max(self.dates)) if self.dates else None


class _BadRow(Exception):
    def __init__(self, problem: str) -> None:
        super().__init__(problem)
        self.problem = problem


def read_csv(
    text: str, *, source: str, start: datetime, end: datetime, options: ReadOptions
) -> CsvRead:
    """Events overlapping [start, end); rows that cannot be read are skipped with a warning."""
    read = CsvRead()
    reader = csv.reader(io.StringIO(text), strict=True)
    over_budget: int | None = None
    for row, first_line, error in _rows(reader):
        where = f"{source} line {first_line}"
        cells = [cell.strip() for cell in row]
        if error is None and (not any(cells) or cells[0].startswith("#")):
            continue
        if error is None and cells[0].casefold() == "date":
            continue
        try:
            if error is not None:
                raise _BadRow(error)
            if reader.line_num != first_line:
                raise _BadRow(f"a quoted field runs on to line {reader.line_num}; {_QUOTE_HINT}")
            event = _row(cells, where, options)
        except _BadRow as bad:
            read.warnings.append(_skipped(cells, where, bad.problem))
            continue
        read.dates.append(event.start.date())
        if event.end > start and event.start < end:
            if len(read.events) >= MAX_OCCURRENCES:
                over_budget = over_budget or first_line
                continue
            read.events.append(event)
    if over_budget is not None:
        read.warnings.append(
            ReadWarning(
                f"{source} line {over_budget}",
                f"the calendar has more than {MAX_OCCURRENCES:,} events in the weeks read; "
                "the rows from here on were left out",
            )
        )
    return read


def _rows(reader):
    """(row, line it starts on, problem or None) for each row, going on past a broken one."""
    first_line = 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as err:
            problem = "a quote is never closed" if "end of data" in str(err) else str(err)
            yield [], first_line, f"{problem}; {_QUOTE_HINT}"
        else:
            yield row, first_line, None
        first_line = reader.line_num + 1


def _row(cells: list[str], where: str, options: ReadOptions) -> CalendarEvent:
    if not 3 <= len(cells) <= 5 or not cells[2]:
        raise _BadRow(f"expected 3 to 5 columns: {FORMAT}")
    day = _parse(date.fromisoformat, cells[0], "date (YYYY-MM-DD)")
    kind = None
    if len(cells) > 3 and cells[3]:
        kind = Kind.from_tag(cells[3])
        if kind is None:
            raise _BadRow(f"unknown kind {_cut(cells[3])!r}: use {KIND_CHOICES}")
    length = _duration(cells[4]) if len(cells) > 4 and cells[4] else options.run_length
    if cells[1]:
        clock = _parse(time.fromisoformat, cells[1], "time (HH:MM)")
        begin = datetime.combine(day, clock, tzinfo=options.tz)
    else:
        begin = options.run_start(day)
    try:
        finish = begin + length
    except OverflowError:
        raise _BadRow("its date is too close to the end of the calendar (year 9999)") from None
    return CalendarEvent(
        title=cells[2],
        start=begin,
        end=finish,
        origin=where,
        kind_tag=kind,
        all_day=not cells[1],
    )


def _parse(parse, text: str, what: str):
    try:
        return parse(text)
    except ValueError:
        raise _BadRow(f"{_cut(text)!r} is not a {what}; write {FORMAT}") from None


def _duration(text: str) -> timedelta:
    """Minutes ("75") or hours and minutes ("1:15")."""
    match = _DURATION.match(text)
    minutes = int(match[1] or 0) * 60 + int(match[2]) if match else 0
    if not 0 < minutes <= 24 * 60:
        raise _BadRow(
            f"duration {_cut(text)!r} is not minutes (75) or hours:minutes (1:15), at most 24 hours"
        )
    return timedelta(minutes=minutes)


def _skipped(cells: list[str], where: str, problem: str) -> ReadWarning:
    """A warning for a row, with what it says of itself (to tell if it was a run)."""
    title = cells[2] if len(cells) > 2 else ""
    kind = f"kind: {cells[3]}" if len(cells) > 3 and cells[3] else ""
    day = None
    if cells:
        try:
            day = date.fromisoformat(cells[0])
        except ValueError:
            day = None
    return ReadWarning(where, problem, title=title, description=kind, day=day)


def _cut(text: str, width: int = 40) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
