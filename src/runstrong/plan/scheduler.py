"""Choose when to lift: a pure function from events, rules and windows to sessions.

Times are handled as POSIX seconds so spans can be cut exactly; local days
and windows are turned into instants with zoneinfo, which keeps days of 23
and 25 hours (DST changes) right. For each week the planner computes every
instant a session could start without breaking a hard rule, then picks by
preference. When nothing is allowed it proposes the least-bad slot, flagged,
or says to skip the week before a race.
"""

from __future__ import annotations

import bisect
import functools
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from runstrong.plan.events import ClassifiedEvent, Kind
from runstrong.plan.intervals import Span, subtract
from runstrong.plan.rules import PlanRules
from runstrong.plan.windows import Windows

HOUR = 3600
DAY = 24 * HOUR
#: Proposed starts are rounded up to this many seconds (quarter hours stay reachable).
ROUNDING = 5 * 60
#: Grid the least-bad search walks when no slot keeps every rule.
FALLBACK_STEP = 15 * 60
#: Runs worth lifting after on the same day; a race day is for racing.
_HARD_DAYS = frozenset({Kind.SPEED, Kind.LONG})


@dataclass(frozen=True)
class Session:
    """One proposed strength session, with why it sits there.

    `problems` is empty when every hard rule holds; otherwise it says which
    rule is broken and `fixes` what would make the week work.
    """

    start: datetime
    end: datetime
    reason: str
    next_quality: ClassifiedEvent | None
    margin_hours: float | None
    problems: tuple[str, ...] = ()
    fixes: tuple[str, ...] = ()

    @property
    def flagged(self) -> bool:
        return bool(self.problems)


@dataclass(frozen=True)
class Week:
    """A Monday-to-Sunday week: its events, the sessions chosen, and any note."""

    monday: date
    events: tuple[ClassifiedEvent, ...]
    sessions: tuple[Session, ...]
    note: str | None = None


def plan_weeks(
    events: Iterable[ClassifiedEvent],
    rules: PlanRules,
    windows: Windows,
    *,
    tz: ZoneInfo,
    first_day: date,
    weeks: int,
) -> tuple[Week, ...]:
    """Sessions for `weeks` weeks from the week holding `first_day` (nothing before it)."""
    calendar = _Calendar(events)
    monday = first_day - timedelta(days=first_day.weekday())
    not_before = _instant(first_day, 0, tz)
    return tuple(
        _WeekPlanner(calendar, rules, windows, tz, monday + timedelta(weeks=n), not_before).plan()
        for n in range(weeks)
    )


@dataclass(frozen=True, slots=True)
class _Timed:
    start: int
    end: int
    event: ClassifiedEvent


class _Calendar:
    """Events in POSIX seconds, sorted, with the look-ups the rules need."""

    def __init__(self, events: Iterable[ClassifiedEvent]) -> None:
        timed = [_Timed(int(e.start.timestamp()), int(e.end.timestamp()), e) for e in events]
        self.all = sorted(timed, key=lambda t: (t.start, t.end, t.event.title, t.event.kind))
        self.starts = [t.start for t in self.all]
        self.quality = [t for t in self.all if t.event.kind.quality]
        self.quality_starts = [t.start for t in self.quality]
        self.races = [t for t in self.all if t.event.kind is Kind.RACE]
        self.longest = max((t.end - t.start for t in self.all), default=0)

    def between(self, lo: int, hi: int) -> list[_Timed]:
        """Events that overlap [lo, hi)."""
        first = bisect.bisect_left(self.starts, lo - self.longest)
        last = bisect.bisect_left(self.starts, hi)
        return [t for t in self.all[first:last] if t.end > lo]

    def starting_in(self, lo: int, hi: int) -> list[_Timed]:
        return self.all[bisect.bisect_left(self.starts, lo) : bisect.bisect_left(self.starts, hi)]

    def next_quality(self, at: int) -> _Timed | None:
        """The first quality run starting at or after `at`."""
        index = bisect.bisect_left(self.quality_starts, at)
        return self.quality[index] if index < len(self.quality) else None


@dataclass(frozen=True, slots=True)
class _Shortfall:
    hours: float
    problem: str
    fix: str


class _WeekPlanner:
    def __init__(
        self,
        calendar: _Calendar,
        rules: PlanRules,
        windows: Windows,
        tz: ZoneInfo,
        monday: date,
        not_before: int,
    ) -> None:
        self.calendar, self.rules, self.tz, self.monday = calendar, rules, tz, monday
        self.duration = rules.session_seconds
        self.recovery = round(rules.recovery_hours * HOUR)
        self.spacing = round(rules.hours_between_sessions * HOUR)
        self.taper = round(rules.race_taper_days * DAY)
        days = [monday + timedelta(days=n) for n in range(8)]
        self.day_starts = [_instant(day, 0, tz) for day in days]
        self.ranges = [
            (span, index)
            for index in range(7)
            for span in self._start_spans(days[index], windows.on(index), not_before)
        ]
        lookahead = max(self.recovery, self.taper) + self.duration
        nearby = calendar.between(self.day_starts[0], self.day_starts[7] + lookahead)
        self.overlaps = [(t.start - self.duration, t.end) for t in nearby]
        self.recoveries = [self._blocked(t) for t in nearby if t.event.kind.quality]
        self.tapers = [t for t in nearby if t.event.kind is Kind.RACE]

    def _start_spans(
        self, day: date, spans: Sequence[tuple[int, int]], not_before: int
    ) -> list[Span]:
        """Instants on `day` a session may start so it starts and ends inside a window."""
        result = []
        for start, end in spans:
            lo = max(_instant(day, start, self.tz), not_before)
            hi = _instant(day, end, self.tz) - self.duration
            if lo <= hi:
                result.append((lo, hi))
        return result

    def _blocked(self, timed: _Timed) -> Span:
        """Starts a quality run rules out: its recovery lead, and for a race its whole day."""
        if timed.event.kind is not Kind.RACE:
            return (timed.start - self.recovery - self.duration, timed.end)
        race_day = _local(timed.start, self.tz).date()
        lead = max(self.taper, self.recovery) + self.duration
        day_start = _instant(race_day, 0, self.tz) - self.duration
        day_end = _instant(race_day + timedelta(days=1), 0, self.tz)
        return (min(timed.start - lead, day_start), max(timed.end, day_end))

    def plan(self) -> Week:
        sessions: list[Session] = []
        note = None
        for _ in range(self.rules.sessions_per_week):
            placed = [int(s.start.timestamp()) for s in sessions]
            session, note = self._place(placed)
            if session is None:
                break
            sessions.append(session)
        events = self.calendar.starting_in(self.day_starts[0], self.day_starts[7])
        return Week(self.monday, tuple(t.event for t in events), tuple(sessions), note)

    def _place(self, placed: list[int]) -> tuple[Session | None, str | None]:
        apart = [(p - self.spacing, p + self.spacing) for p in placed]
        valid = self._cut(self.overlaps + self.recoveries + apart)
        candidates = [(s, day) for (lo, hi), day in valid if (s := _round_up(lo)) <= hi]
        if candidates:
            start, day = min(candidates, key=lambda c: self._preference(*c))
            return self._session(start, day), None
        race = self._race_near()
        if race is not None:
            return None, (
                f"{race.event.label} is less than {self.rules.race_taper_days:g} days away: "
                "skip strength this week and arrive at the start line fresh"
            )
        return self._least_bad(placed)

    def _cut(self, blocked: list[Span]) -> list[tuple[Span, int]]:
        blocked.sort()
        return [(piece, day) for span, day in self.ranges for piece in subtract([span], blocked)]

    def _preference(self, start: int, day: int) -> tuple[bool, float, int]:
        """Same day as a hard run (after it) first, then the most recovery, then earliest.

        Recovery beyond twice the required hours counts as "plenty" and ties,
        so a far-off (or unknown) next quality run does not pull the session
        to the end of the week.
        """
        following = self.calendar.next_quality(start)
        plenty = max(2 * self.recovery, DAY)
        margin = following.start - start - self.duration if following else plenty
        return (self._quality_earlier_that_day(start, day) is None, -min(margin, plenty), start)

    def _quality_earlier_that_day(self, start: int, day: int) -> _Timed | None:
        runs = self.calendar.starting_in(self.day_starts[day], self.day_starts[day + 1])
        done = [t for t in runs if t.event.kind in _HARD_DAYS and t.end <= start]
        return done[-1] if done else None

    def _session(self, start: int, day: int, shortfalls: Sequence[_Shortfall] = ()) -> Session:
        following = self.calendar.next_quality(start)
        end = start + self.duration
        earlier = self._quality_earlier_that_day(start, day)
        if earlier is not None:
            reason = f"after {earlier.event.label}, so the hard day stays hard"
        elif following is not None:
            reason = f"the most recovery this week before {following.event.label}"
        else:
            reason = "no quality run follows in the calendar"
        return Session(
            start=_local(start, self.tz),
            end=_local(end, self.tz),
            reason=reason,
            next_quality=following.event if following else None,
            margin_hours=(following.start - end) / HOUR if following else None,
            problems=tuple(s.problem for s in shortfalls),
            fixes=tuple(dict.fromkeys(s.fix for s in shortfalls)),
        )

    def _race_near(self) -> _Timed | None:
        """A race whose taper overlaps this week."""
        week_start, week_end = self.day_starts[0], self.day_starts[7]
        for race in self.tapers:
            if race.start - self.taper < week_end and race.start > week_start:
                return race
        return None

    def _least_bad(self, placed: list[int]) -> tuple[Session | None, str | None]:
        free = self._cut(list(self.overlaps))
        if not free:
            return None, (
                "no free time inside your windows this week: "
                "add a window or move an event to make room"
            )
        scored = []
        for (lo, hi), day in free:
            for start in _fallback_starts(lo, hi):
                shortfalls = self._shortfalls(start, placed)
                total = sum(s.hours for s in shortfalls)
                scored.append(((total, *self._preference(start, day)), start, day, shortfalls))
        _, start, day, shortfalls = min(scored, key=lambda item: item[0])
        return self._session(start, day, shortfalls), None

    def _shortfalls(self, start: int, placed: list[int]) -> list[_Shortfall]:
        found = []
        end = start + self.duration
        following = self.calendar.next_quality(start)
        if following is not None and following.start - end < self.recovery:
            hours = (following.start - end) / HOUR
            label = following.event.label
            found.append(
                _Shortfall(
                    (self.recovery - (following.start - end)) / HOUR,
                    f"only {math.floor(hours)} h before {label}",
                    f"move {label} later, or lower the recovery to {math.floor(hours)} h",
                )
            )
        for other in placed:
            gap = abs(start - other)
            if gap < self.spacing:
                found.append(
                    _Shortfall(
                        (self.spacing - gap) / HOUR,
                        f"only {math.floor(gap / HOUR)} h from the other session "
                        f"on {_local(other, self.tz):%a %H:%M}",
                        "plan fewer sessions per week",
                    )
                )
        return found


def _fallback_starts(lo: int, hi: int) -> list[int]:
    first = _round_up(lo)
    grid = range(-(-first // FALLBACK_STEP) * FALLBACK_STEP, hi + 1, FALLBACK_STEP)
    ends = [s for s in (first, hi - hi % ROUNDING) if lo <= s <= hi]
    return sorted({*grid, *ends})


def _round_up(instant: int) -> int:
    return -(-instant // ROUNDING) * ROUNDING


@functools.lru_cache(maxsize=4096)
def _instant(day: date, minutes: int, tz: ZoneInfo) -> int:
    """POSIX seconds of a wall-clock time on `day` (24:00 is the next midnight)."""
    day, minutes = (day + timedelta(days=1), 0) if minutes == 24 * 60 else (day, minutes)
    return int(datetime.combine(day, time(minutes // 60, minutes % 60), tzinfo=tz).timestamp())


def _local(instant: int, tz: ZoneInfo) -> datetime:
    return datetime.fromtimestamp(instant, tz)
