"""Read .ics files the way calendar apps do: recurring runs expanded, times moved into the
user's zone, and an event that cannot be read skipped with a warning, not the whole file.

Reading stays bounded however the file was made: the occurrences of all
events in the days read share one budget, each repeat rule is walked lazily
under a time budget, and the expansion library only ever sees events that
passed those checks.
"""

from __future__ import annotations

import copy
import itertools
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import recurring_ical_events
from dateutil.rrule import rrulestr
from icalendar import vRecur

from runstrong.plan.deadline import Deadline, OutOfTime
from runstrong.plan.events import CalendarEvent
from runstrong.plan.ics_parse import PARSE_ERRORS, parse_ics, short_reason
from runstrong.plan.read_options import ReadOptions
from runstrong.plan.read_warnings import ReadWarning

#: Occurrences of all events together in the days read: a real calendar has a few a day.
MAX_OCCURRENCES = 10_000
#: Occurrences of one event before the days read: each one is walked to reach them.
MAX_STEPS = 500_000
#: Seconds one event's repeat rules may take to walk to the end of the days read.
RULE_SECONDS = 1.0
#: Seconds the repeat rules of one calendar may take together.
REPEAT_SECONDS = 5.0
_REPEAT_FIX = "give its repeat rule (RRULE) an end, or delete the event"
#: The properties that say when an event happens; a broken one of any other (CREATED,
#: a line that is no property at all) is ignored, as calendar apps ignore it.
_WHEN = frozenset({"DTSTART", "DTEND", "DURATION", "RRULE", "RDATE", "EXDATE", "RECURRENCE-ID"})


@dataclass
class IcsRead:
    """What one .ics file gave: events in the days read, warnings, and where its events are."""

    events: list[CalendarEvent] = field(default_factory=list)
    warnings: list[ReadWarning] = field(default_factory=list)
    starts: list[date] = field(default_factory=list)

    @property
    def span(self) -> tuple[date, date] | None:
        """The earliest and latest start of the usable events (before recurrence), for hints."""
        return (min(self.starts), max(self.starts)) if self.starts else None


class _Unusable(Exception):
    def __init__(self, problem: str) -> None:
        super().__init__(problem)
        self.problem = problem


def read_ics(
    data: bytes,
    *,
    source: str,
    start: datetime,
    end: datetime,
    options: ReadOptions,
    deadline: Deadline | None = None,
) -> IcsRead:
    """Events overlapping [start, end); broken events are skipped with a warning each.

    Args:
        deadline: when walking repeat rules must stop (default: REPEAT_SECONDS from now).

    Raises:
        PlanInputError: nothing in the file can be read as a calendar.
    """
    with warnings.catch_warnings():
        # The libraries warn about guesses they make (a vendor-prefixed TZID...); the
        # reader's own warnings say what matters, on the user's terms.
        warnings.simplefilter("ignore")
        return _read_ics(
            data, source=source, start=start, end=end, options=options, deadline=deadline
        )


def _read_ics(data: bytes, *, source, start, end, options, deadline) -> IcsRead:
    text = data.decode("utf-8", errors="replace")
    parsed = parse_ics(data, text, source=source)
    calendar, lines = parsed.calendar, parsed.event_lines
    read = IcsRead(warnings=parsed.warnings)
    _check_calendar_zone(calendar, text, source, options.tz, read)
    deadline = deadline or Deadline(REPEAT_SECONDS)
    budget = _Budget(MAX_OCCURRENCES, start, end, options.tz)
    origins: dict[str, str] = {}
    dropped: set[int] = set()
    dropped_uids: set[str] = set()
    for index, component in enumerate(calendar.walk("VEVENT")):
        where = f"{source} line {lines[index]}" if index < len(lines) else source
        try:
            first = _check(component, budget, deadline)
        except _Unusable as err:
            read.warnings.append(_skipped(component, where, err.problem))
            dropped.add(id(component))
            if "RECURRENCE-ID" not in component:
                dropped_uids.add(_uid(component))
            continue
        origins.setdefault(_uid(component), where)
        read.starts.append(first)
    _drop(calendar, dropped, dropped_uids)
    out_of_range: set[str] = set()
    for item, origin in _expand(calendar, start, end, origins, source, read):
        if str(item.get("STATUS", "")).upper() == "CANCELLED":
            continue
        try:
            read.events.append(_event(item, origin, options))
        except PARSE_ERRORS:
            if _uid(item) not in out_of_range:
                out_of_range.add(_uid(item))
                problem = "its start or end is outside the dates a calendar can hold"
                read.warnings.append(_skipped(item, origin, problem))
    return read


class _Budget:
    """The occurrences the calendar may still have in the days read."""

    def __init__(self, total: int, start: datetime, end: datetime, tz: ZoneInfo) -> None:
        self.left = total
        self.start, self.end, self.tz = start, end, tz

    def take(self, count: int) -> None:
        if count > self.left:
            last = (self.end - timedelta(microseconds=1)).date()
            raise _Unusable(
                f"it repeats too often: with it the calendar has more than "
                f"{MAX_OCCURRENCES:,} occurrences between {self.start.date()} and {last}; "
                f"{_REPEAT_FIX}"
            )
        self.left -= count

    def inside(self, moment: date | datetime) -> bool:
        if not isinstance(moment, datetime):
            moment = datetime.combine(moment, time(0))
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=self.tz)
        return self.start <= moment < self.end


def _check(component, budget: _Budget, deadline: Deadline) -> date:
    """The day the event first starts, once it is known to be usable.

    Raises:
        _Unusable: what is wrong with the event, in words to show.
    """
    for name, message in component.errors:
        if str(name).upper() in _WHEN:
            raise _Unusable(f"its {name} cannot be read ({short_reason(str(message))})")
    for name in ("DTSTART", "DTEND", "DURATION", "RECURRENCE-ID"):
        found = component.get(name)
        if isinstance(found, list):
            raise _Unusable(f"it has {len(found)} {name} lines; an event has one")
    if "DTSTART" not in component:
        raise _Unusable("it has no start (DTSTART)")
    first = _decoded(component, "DTSTART")
    for name in ("DTEND", "RECURRENCE-ID"):
        if name in component:
            _decoded(component, name)
    duration = getattr(component.get("DURATION"), "dt", None)
    if isinstance(duration, timedelta):
        try:
            first + duration
        except OverflowError:
            raise _Unusable("its end (DURATION) is past the last day a calendar holds") from None
    if "RECURRENCE-ID" in component:
        return _as_date(first)  # moves an occurrence the series already counts
    rules = _rules(component)
    count = _repeats(rules, first, budget, deadline) if rules else 0
    if not rules and budget.inside(first):
        count += 1
    count += sum(1 for moment in _rdates(component) if budget.inside(moment))
    budget.take(count)
    return _as_date(first)


def _decoded(component, name: str) -> date | datetime:
    zone = str(component[name].params.get("TZID", ""))
    try:
        value = component.decoded(name)
    except PARSE_ERRORS:
        if zone:
            raise _Unusable(_unknown_zone(zone, name)) from None
        raise _Unusable(f"its {name} cannot be read as a date or time") from None
    if not isinstance(value, date):
        raise _Unusable(f"its {name} cannot be read as a date or time")
    if zone and isinstance(value, datetime) and value.tzinfo is None:
        raise _Unusable(_unknown_zone(zone, name))
    return value


def _unknown_zone(zone: str, name: str) -> str:
    shown = zone if len(zone) <= 40 else zone[:39] + "…"
    return (
        f"its {name} is in the time zone {shown!r}, which the file does not define "
        "and runstrong does not know; export the calendar with its time zones or in UTC"
    )


def _rdates(component) -> list[date | datetime]:
    found = component.get("RDATE")
    lists = found if isinstance(found, list) else [found] if found is not None else []
    moments = []
    for item in lists:
        for entry in getattr(item, "dts", ()):
            value = entry.dt
            moments.append(value[0] if isinstance(value, tuple) else value)
    return [m for m in moments if isinstance(m, date)]


def _rules(component) -> list:
    """The event's repeat rules; an empty `RRULE:` line is no rule, as calendar apps read it."""
    found = component.get("RRULE")
    return [rule for rule in (found if isinstance(found, list) else [found]) if rule]


def _repeats(rules: list, first: date | datetime, budget: _Budget, deadline: Deadline) -> int:
    """How many times the event's repeat rules put it in the days read.

    Each rule is walked lazily from the event's first start to the end of the
    range, so the limits hold without producing every occurrence, and the walk
    stops when the time for it runs out (a rule can search for years and find
    nothing).

    Raises:
        _Unusable: the event repeats too often, or its rules take too long to walk.
    """
    if not isinstance(first, datetime):
        first = datetime.combine(first, time(0))
    start, end = budget.start, budget.end
    if first.tzinfo is None:
        start, end = (moment.astimezone(budget.tz).replace(tzinfo=None) for moment in (start, end))
    count = 0
    try:
        with deadline.sooner(RULE_SECONDS).enforced():
            for rule in rules:
                moments = _moments(rule, first, budget.tz)
                count += _walk(moments, first, start, end, limit=budget.left - count)
    except OutOfTime:
        raise _Unusable(
            f"its repeat rule (RRULE) found no date within the time allowed "
            f"({RULE_SECONDS:g} s for one event, {REPEAT_SECONDS:g} s for the calendar); "
            f"{_REPEAT_FIX}"
        ) from None
    return count


def _walk(moments: Iterator[datetime], first: datetime, start, end, *, limit: int) -> int:
    """The moments in [start, end), refusing more than `limit` or too many before start."""
    before = inside = 0
    try:
        for moment in moments:
            if moment >= end:
                break
            if moment < start:
                before += 1
                if before > MAX_STEPS:
                    raise _Unusable(
                        f"it repeats too often: more than {MAX_STEPS:,} occurrences between "
                        f"{first.date()} and {start.date()}; {_REPEAT_FIX}"
                    )
            else:
                inside += 1
                if inside > limit:
                    return inside  # over the budget: _Budget.take says so
    except (ValueError, OverflowError):
        pass  # the rule runs past the dates Python can hold: the expansion reports it
    return inside


def _moments(rule, first: datetime, tz: ZoneInfo) -> Iterator[datetime]:
    """The starts one RRULE gives, in order, generated one at a time.

    UNTIL is applied here rather than by dateutil, which refuses one that is
    not in the same form (date, floating or zoned) as DTSTART.
    """
    try:
        text = vRecur({k: v for k, v in rule.items() if k.upper() != "UNTIL"}).to_ical().decode()
        moments = iter(rrulestr(text, dtstart=first))
    except (*PARSE_ERRORS, IndexError) as err:
        reason = short_reason(str(err))
        raise _Unusable(f"its repeat rule (RRULE) cannot be used ({reason})") from None
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


def _check_calendar_zone(calendar, text: str, source: str, tz: ZoneInfo, read: IcsRead) -> None:
    """An X-WR-TIMEZONE no one knows is dropped with a note, as calendar apps ignore it."""
    name = calendar.get("X-WR-TIMEZONE")
    if name is None:
        return
    try:
        if isinstance(name, list):
            raise ValueError("more than one")
        ZoneInfo(str(name))
        return
    except (ZoneInfoNotFoundError, ValueError, OSError):
        del calendar["X-WR-TIMEZONE"]
    shown = str(name) if len(str(name)) <= 40 else str(name)[:39] + "…"
    line = next(
        (n for n, ln in enumerate(text.split("\n"), 1) if ln.upper().startswith("X-WR-TIMEZONE")),
        None,
    )
    read.warnings.append(
        ReadWarning(
            f"{source} line {line}" if line else source,
            f"X-WR-TIMEZONE {shown!r} is not a time zone runstrong knows; times without "
            f"a zone are read in your time zone ({tz.key})",
        )
    )


def _drop(calendar, dropped: set[int], dropped_uids: set[str]) -> None:
    """Take the skipped events (and the occurrences that move them) out of the calendar."""
    for part in calendar.walk():
        part.subcomponents = [
            child
            for child in part.subcomponents
            if id(child) not in dropped
            and not (child.name == "VEVENT" and _uid(child) in dropped_uids)
        ]


def _expand(calendar, start: datetime, end: datetime, origins, source: str, read: IcsRead):
    """(occurrence, origin) pairs; when the library fails, each event is expanded alone
    so only the ones it fails on are skipped."""

    def occurrences(part):
        for item in recurring_ical_events.of(part).between(start, end):
            yield item, origins.get(_uid(item), source)

    try:
        return list(occurrences(calendar))
    except Exception:
        pass  # the library fails in many ways on odd input; the loop below finds the event
    found = []
    zones = [part for part in calendar.subcomponents if part.name != "VEVENT"]
    series: dict[str, list] = {}
    for part in calendar.subcomponents:
        if part.name == "VEVENT":
            series.setdefault(_uid(part), []).append(part)
    for uid, members in series.items():
        alone = copy.copy(calendar)
        alone.subcomponents = zones + members
        try:
            found += occurrences(alone)
        except Exception:
            problem = "its dates cannot be worked out from its DTSTART, DTEND and repeats"
            read.warnings.append(_skipped(members[0], origins.get(uid, source), problem))
    return found


def _skipped(component, where: str, problem: str) -> ReadWarning:
    repeats = "RRULE" in component or "RDATE" in component
    try:
        first = component.get("DTSTART").dt
    except PARSE_ERRORS:  # missing, broken or doubled
        first = None
    return ReadWarning(
        where,
        problem,
        title=_text(component.get("SUMMARY")),
        uid=_uid(component),
        description=_text(component.get("DESCRIPTION")),
        day=_as_date(first) if isinstance(first, date) and not repeats else None,
        repeats=repeats,
    )


def _text(value) -> str:
    if isinstance(value, list):
        value = value[0] if value else ""
    return " ".join(str(value or "").split())


def _uid(component) -> str:
    return _text(component.get("UID"))


def _event(item, origin: str, options: ReadOptions) -> CalendarEvent:
    title = _text(item.get("SUMMARY")) or "(no title)"
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
