"""Read .ics files: recurring runs expanded, times moved into the user's zone."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from runstrong.plan.errors import PlanInputError
from runstrong.plan.events import CalendarEvent
from runstrong.plan.read_options import ReadOptions


def read_ics(data: bytes, *, source: str, start: datetime, end: datetime, options: ReadOptions):
    """Events overlapping [start, end) and the dates the file's events begin on.

    Returns:
        (events, (first, last)) where first/last are the earliest and latest
        DTSTART dates in the file (before recurrence), for hints.
    """
    import icalendar
    import recurring_ical_events

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
        origins.setdefault(str(component.get("UID", "")), where)
        starts.append(_as_date(component.decoded("DTSTART")))
    try:
        occurrences = recurring_ical_events.of(calendar).between(start, end)
    except (ValueError, TypeError) as err:
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
