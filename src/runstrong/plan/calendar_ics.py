"""Read .ics files: recurring runs expanded, times moved into the user's zone."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import icalendar
import recurring_ical_events
from dateutil.rrule import rrulestr
from icalendar import vRecur

from runstrong.plan.errors import PlanInputError
from runstrong.plan.events import CalendarEvent
from runstrong.plan.read_options import ReadOptions

#: Occurrences of one event in the days read: a real calendar has a few a day at most.
MAX_OCCURRENCES = 10_000
#: Occurrences of one event before the days read: each one is walked to reach them.
MAX_STEPS = 500_000
_REPEAT_HINT = "give the event's RRULE an end (COUNT or UNTIL) or remove it from the calendar"


def read_ics(data: bytes, *, source: str, start: datetime, end: datetime, options: ReadOptions):
    """Events overlapping [start, end) and the dates the file's events begin on.

    Returns:
        (events, (first, last)) where first/last are the earliest and latest
        DTSTART dates in the file (before recurrence), for hints.
    """
    text = data.decode("utf-8", errors="replace")
    try:
        calendar = icalendar.Calendar.from_ical(data)
    except ValueError as err:
        raise PlanInputError(
            f"{source}: not a readable calendar ({_locate(text, str(err))})",
            hint="export the calendar again as .ics, or use CSV: date,time,title",
        ) from None
    lines = _event_lines(text)
    components = list(calendar.walk("VEVENT"))
    origins = {}
    starts: list[date] = []
    for index, component in enumerate(components):
        line = lines[index] if index < len(lines) else None
        where = f"{source} line {line}" if line else source
        _check(component, where)
        _check_repeats(component, where, start, end, options.tz)
        origins.setdefault(str(component.get("UID", "")), where)
        starts.append(_as_date(component.decoded("DTSTART")))
    try:
        occurrences = recurring_ical_events.of(calendar).between(start, end)
    except (ValueError, TypeError, OverflowError) as err:
        raise PlanInputError(f"{source}: cannot expand the recurring events: {err}") from None
    events = [
        _event(item, origins.get(str(item.get("UID", "")), source), options)
        for item in occurrences
        if str(item.get("STATUS", "")).upper() != "CANCELLED"
    ]
    span = (min(starts), max(starts)) if starts else None
    return events, span


def _check(component, where: str) -> None:
    title = str(component.get("SUMMARY", "(no title)"))
    for name, message in component.errors:
        raise PlanInputError(f"{where}: event {title!r}: {name} is broken: {message}")
    if "DTSTART" not in component:
        raise PlanInputError(f"{where}: event {title!r} has no start (DTSTART)")
    for name in ("DTSTART", "DTEND"):
        zone = component[name].params.get("TZID") if name in component else None
        if zone and getattr(component.decoded(name), "tzinfo", True) is None:
            raise PlanInputError(
                f"{where}: event {title!r}: unknown time zone {zone!r} in {name}",
                hint="export the calendar again with its time zones (VTIMEZONE), or in UTC",
            )


def _check_repeats(component, where: str, start: datetime, end: datetime, tz: ZoneInfo) -> None:
    """Refuse an event that repeats so often that expanding it would not finish.

    Each rule is walked lazily from the event's first start to the end of the
    range, so the limits hold without producing every occurrence (the
    expansion library's own iterator re-walks from the first start for every
    slice of time it reads, which is slower still).
    """
    rules = component.get("RRULE")
    if rules is None:
        return
    first = component.decoded("DTSTART")
    if not isinstance(first, datetime):
        first = datetime.combine(first, time(0))
    if first.tzinfo is None:
        start, end = (moment.astimezone(tz).replace(tzinfo=None) for moment in (start, end))
    title = str(component.get("SUMMARY", "(no title)"))
    for rule in rules if isinstance(rules, list) else [rules]:
        excess = _excess(_moments(rule, first, tz), first, start, end)
        if excess is not None:
            limit, since, until = excess
            raise PlanInputError(
                f"{where}: event {title!r} repeats too often: more than {limit:,} "
                f"occurrences between {since} and {until}",
                hint=_REPEAT_HINT,
            )


def _excess(
    moments: Iterator[datetime], first: datetime, start: datetime, end: datetime
) -> tuple[int, date, date] | None:
    """The limit a rule's starts break and the days it breaks it over, or None."""
    before = inside = 0
    try:
        for moment in moments:
            if moment >= end:
                return None
            if moment < start:
                before += 1
                if before > MAX_STEPS:
                    return MAX_STEPS, first.date(), start.date()
            else:
                inside += 1
                if inside > MAX_OCCURRENCES:
                    last = (end - timedelta(microseconds=1)).date()
                    return MAX_OCCURRENCES, start.date(), last
    except (ValueError, OverflowError):
        return None  # the expansion reports the broken rule
    return None


def _moments(rule, first: datetime, tz: ZoneInfo) -> Iterator[datetime]:
    """The starts one RRULE gives, in order, generated one at a time (none if it is broken).

    UNTIL is applied here rather than by dateutil, which refuses one that is
    not in the same form (date, floating or zoned) as DTSTART.
    """
    text = vRecur({k: v for k, v in rule.items() if k.upper() != "UNTIL"}).to_ical().decode()
    try:
        moments = iter(rrulestr(text, dtstart=first))
    except (ValueError, TypeError, OverflowError):
        return iter(())  # the expansion reports the broken rule
    until = rule.get("UNTIL")
    if not until:
        return moments
    last = until[0] if isinstance(until, list) else until
    if not isinstance(last, datetime):
        last = datetime.combine(last, time.max)
    if first.tzinfo is None and last.tzinfo is not None:
        last = last.astimezone(tz).replace(tzinfo=None)
    elif first.tzinfo is not None and last.tzinfo is None:
        last = last.replace(tzinfo=first.tzinfo)
    return itertools.takewhile(lambda moment: moment <= last, moments)


def _event(item, origin: str, options: ReadOptions) -> CalendarEvent:
    title = " ".join(str(item.get("SUMMARY", "")).split()) or "(no title)"
    start, end = item.start, item.end
    all_day = not isinstance(start, datetime)
    if all_day:
        start = options.run_start(start)
        end = start + options.run_length
    else:
        start = _zoned(start, options.tz)
        end = _zoned(end, options.tz) if isinstance(end, datetime) else start
        if end <= start:
            end = start + options.run_length
    return CalendarEvent(
        title=title,
        start=start,
        end=end,
        origin=origin,
        description=str(item.get("DESCRIPTION", "")),
        all_day=all_day,
    )


def _zoned(moment: datetime, tz: ZoneInfo) -> datetime:
    """Floating times are the user's local time; others are converted to it."""
    return moment.replace(tzinfo=tz) if moment.tzinfo is None else moment.astimezone(tz)


def _as_date(value: date | datetime) -> date:
    return value.date() if isinstance(value, datetime) else value


def _event_lines(text: str) -> list[int]:
    """Line numbers of each BEGIN:VEVENT, in file order."""
    return [
        number
        for number, line in enumerate(text.splitlines(), start=1)
        if line.strip().upper() == "BEGIN:VEVENT"
    ]


def _locate(text: str, message: str) -> str:
    """Point at the first line quoted in the parser's message, if it quotes one."""
    first = message.splitlines()[0] if message else "unknown problem"
    quoted = first.split("'")[1] if first.count("'") >= 2 else ""
    if quoted:
        for number, line in enumerate(text.splitlines(), start=1):
            if quoted in line:
                return f"line {number}: {line.strip()[:60]!r} is not a calendar line"
    if "BEGIN:VCALENDAR" not in text.upper():
        return "no BEGIN:VCALENDAR found"
    return _unclosed(text) or first


def _unclosed(text: str) -> str | None:
    """The first BEGIN: line without its END:, e.g. in a file cut short."""
    open_blocks: list[tuple[str, int]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        key, _, name = line.strip().upper().partition(":")
        if key == "BEGIN":
            open_blocks.append((name, number))
        elif key == "END" and open_blocks and open_blocks[-1][0] == name:
            open_blocks.pop()
    if not open_blocks:
        return None
    name, number = open_blocks[-1]
    return f"line {number}: BEGIN:{name} has no END:{name}; is the file complete?"
