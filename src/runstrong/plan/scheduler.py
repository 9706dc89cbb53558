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
from typing import NamedTuple
from zoneinfo import ZoneInfo

from runstrong.plan.events import ClassifiedEvent, Kind
from runstrong.plan.intervals import Blocks, Span
from runstrong.plan.rules import PlanRules
from runstrong.plan.windows import Windows
from runstrong.wording import plural

HOUR = 3600
DAY = 24 * HOUR
#: Proposed starts are rounded up to this many seconds (quarter hours stay reachable).
ROUNDING = 5 * 60
#: Grid the least-bad search walks when no slot keeps every rule.
FALLBACK_STEP = 15 * 60
#: Runs worth lifting after on the same day; a race day is for racing.
_HARD_DAYS = frozenset({Kind.SPEED, Kind.LONG})
#: Events that are runs: a session keeps the buffer clear before and after them.
_RUNS = frozenset({Kind.SPEED, Kind.LONG, Kind.RACE, Kind.EASY})


@dataclass(frozen=True)
class PlannedSession:
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
    sessions: tuple[PlannedSession, ...]
    note: str | None = None


def plan_weeks(
    events: Iterable[ClassifiedEvent],
    rules: PlanRules,
    windows: Windows,
    *,
    tz: ZoneInfo,
    first_day: date,
    weeks: int,
    now: datetime | None = None,
) -> tuple[Week, ...]:
    """Sessions for `weeks` weeks from the week holding `first_day` (nothing before it,
    nor before `now`: a slot already past is no use).

    Every rule is turned into blocked spans of start instants once for the
    whole calendar; each week then subtracts them from its windows.
    """
    not_before = _instant(first_day, 0, tz)
    if now is not None:
        not_before = max(not_before, math.ceil(now.timestamp()))
    planner = _Planner(events, rules, windows, tz, not_before=not_before)
    monday = first_day - timedelta(days=first_day.weekday())
    return tuple(planner.week(monday + timedelta(weeks=n)) for n in range(weeks))


class _Timed(NamedTuple):
    """An event with its start and end as POSIX seconds."""

    start: int
    end: int
    event: ClassifiedEvent


class _Planner:
    """The rules turned into blocked time once, then each week planned against it."""

    def __init__(
        self,
        events: Iterable[ClassifiedEvent],
        rules: PlanRules,
        windows: Windows,
        tz: ZoneInfo,
        *,
        not_before: int,
    ) -> None:
        self.rules, self.windows, self.tz, self.not_before = rules, windows, tz, not_before
        self.duration = rules.session_seconds
        self.recovery = round(rules.recovery_hours * HOUR)
        self.spacing = round(rules.hours_between_sessions * HOUR)
        self.taper = round(rules.race_taper_days * DAY)
        buffer = rules.buffer_seconds
        timed = [_Timed(int(e.start.timestamp()), int(e.end.timestamp()), e) for e in events]
        timed.sort(key=lambda t: (t.start, t.end, t.event.title, t.event.kind))
        self.events = timed
        self.starts = [t.start for t in timed]
        self.quality = [t for t in timed if t.event.kind.quality]
        self.quality_starts = [t.start for t in self.quality]
        self.races = [t for t in self.quality if t.event.kind is Kind.RACE]
        self.race_starts = [t.start for t in self.races]
        self.hard_runs: dict[int, list[_Timed]] = {}
        for t in self.quality:
            if t.event.kind in _HARD_DAYS:
                self.hard_runs.setdefault(_local(t.start, tz).toordinal(), []).append(t)
        #: Seconds after Monday 00:00 a session may start, with the weekday, in a week
        #: without a clock change.
        self.week_starts = [
            (lo, hi, day)
            for day in range(7)
            for a, b in windows.on(day)
            if (lo := day * DAY + a * 60) <= (hi := day * DAY + b * 60 - self.duration)
        ]
        overlaps = [
            (t.start - self.duration - buffer, t.end + buffer)
            if t.event.kind in _RUNS
            else (t.start - self.duration, t.end)
            for t in timed
        ]
        #: Starts that would overlap an event, or come within the buffer of a run.
        self.busy = Blocks(overlaps)
        #: Starts that would break a hard rule other than the spacing of sessions.
        self.blocked = Blocks(overlaps + [self._blocked(t) for t in self.quality])

    def _blocked(self, run: _Timed) -> Span:
        """Starts a quality run rules out: its recovery lead, and for a race its whole day."""
        if run.event.kind is not Kind.RACE:
            return (run.start - self.recovery - self.duration, run.end)
        race_day = _local(run.start, self.tz).date()
        lead = max(self.taper, self.recovery) + self.duration
        day_start = _instant(race_day, 0, self.tz) - self.duration
        day_end = _instant(race_day + timedelta(days=1), 0, self.tz)
        return (min(run.start - lead, day_start), max(run.end, day_end))

    def week(self, monday: date) -> Week:
        """The sessions for the week starting on `monday`, or a note saying why there are none."""
        week_start = _instant(monday, 0, self.tz)
        week_end = _instant(monday + timedelta(days=7), 0, self.tz)
        open_starts = self._open_starts(monday, week_start, week_end)
        sessions: list[PlannedSession] = []
        note = None
        if week_end - self.duration < self.not_before:
            note = "this week is over: sessions are only planned from now on"
        for _ in range(self.rules.sessions_per_week if note is None else 0):
            placed = [int(s.start.timestamp()) for s in sessions]
            session, note = self._place(open_starts, placed, week_start, week_end)
            if session is None:
                break
            sessions.append(session)
        first = bisect.bisect_left(self.starts, week_start)
        last = bisect.bisect_left(self.starts, week_end)
        events = tuple(t.event for t in self.events[first:last])
        return Week(monday, events, tuple(sorted(sessions, key=_start_instant)), note)

    def _open_starts(self, monday: date, week_start: int, week_end: int) -> _DaySpans:
        """Instants in the week a session may start so it starts and ends inside a window."""
        first = monday.toordinal()
        if week_end - week_start == 7 * DAY:
            # No clock change this week: wall-clock times map straight onto instants.
            spans = [
                ((week_start + lo, week_start + hi), first + n) for lo, hi, n in self.week_starts
            ]
        else:
            days = [monday + timedelta(days=n) for n in range(7)]
            spans = [
                (
                    (_instant(day, a, self.tz), _instant(day, b, self.tz) - self.duration),
                    day.toordinal(),
                )
                for day in days
                for a, b in self.windows.on(day.weekday())
            ]
        if week_start < self.not_before or week_end - week_start != 7 * DAY:
            spans = [
                ((lo, hi), day)
                for (start, hi), day in spans
                if (lo := max(start, self.not_before)) <= hi
            ]
        return spans

    def _place(
        self, open_starts: _DaySpans, placed: list[int], week_start: int, week_end: int
    ) -> tuple[PlannedSession | None, str | None]:
        """The best slot that keeps every rule, else a skip note or the least-bad slot."""
        valid = self.blocked.cut(open_starts)
        if placed:
            gap = max(self.spacing, self.duration)
            valid = Blocks((p - gap, p + gap) for p in placed).cut(valid)
        candidates = [(s, day) for (lo, hi), day in valid if (s := _round_up(lo)) <= hi]
        if candidates:
            start, day = min(candidates, key=lambda c: self._preference(*c))
            return self._session(start, day), None
        race = self._race_near(week_start, week_end)
        if race is not None:
            return None, (
                f"{race.event.label} is less than {self.rules.race_taper_days:g} days away: "
                "skip strength this week and arrive at the start line fresh"
            )
        return self._least_bad(open_starts, placed, partly_over=week_start < self.not_before)

    def _preference(self, start: int, day: int) -> tuple[bool, int, int]:
        """Same day as a hard run (after it) first, then the most recovery, then earliest.

        Recovery beyond twice the required hours counts as "plenty" and ties,
        so a far-off (or unknown) next quality run does not pull the session
        to the end of the week.
        """
        following = self._next_quality(start)
        plenty = max(2 * self.recovery, DAY)
        margin = following.start - start - self.duration if following else plenty
        return (self._hard_run_before(start, day) is None, -min(margin, plenty), start)

    def _next_quality(self, at: int) -> _Timed | None:
        """The first quality run starting at or after `at`."""
        index = bisect.bisect_left(self.quality_starts, at)
        return self.quality[index] if index < len(self.quality) else None

    def _hard_run_before(self, start: int, day: int) -> _Timed | None:
        """The last speed session or long run on `day` (an ordinal) that is over by `start`."""
        done = [t for t in self.hard_runs.get(day, ()) if t.end <= start]
        return done[-1] if done else None

    def _race_near(self, week_start: int, week_end: int) -> _Timed | None:
        """The first race after this week's start whose taper reaches into the week."""
        index = bisect.bisect_right(self.race_starts, week_start)
        if index < len(self.races) and self.races[index].start - self.taper < week_end:
            return self.races[index]
        return None

    def _session(
        self, start: int, day: int, shortfalls: Sequence[tuple[str, str]] = ()
    ) -> PlannedSession:
        following = self._next_quality(start)
        end = start + self.duration
        earlier = self._hard_run_before(start, day)
        if earlier is not None:
            reason = f"after {earlier.event.label}, so the hard day stays hard"
        elif following is not None:
            reason = f"the most recovery this week before {following.event.label}"
        else:
            reason = "no quality run follows in the calendar"
        return PlannedSession(
            start=_local(start, self.tz),
            end=_local(end, self.tz),
            reason=reason,
            next_quality=following.event if following else None,
            margin_hours=(following.start - end) / HOUR if following else None,
            problems=tuple(problem for problem, _ in shortfalls),
            fixes=tuple(dict.fromkeys(fix for _, fix in shortfalls)),
        )

    def _least_bad(
        self, open_starts: _DaySpans, placed: list[int], *, partly_over: bool
    ) -> tuple[PlannedSession | None, str | None]:
        """The free slot that misses the rules by the least time, flagged with fixes.

        Free means clear of every event and of the sessions already placed.
        """
        free = self.busy.cut(open_starts)
        if not _grid(free):
            if partly_over:
                return None, "no free time left inside your windows for the rest of this week"
            return None, (
                "no free time inside your windows this week: "
                "add a window or move an event to make room"
            )
        taken = Blocks((p - self.duration, p + self.duration) for p in placed)
        starts = _grid(taken.cut(free))
        if not starts:
            return None, (
                f"no free time for more than {plural(len(placed), 'session')} this week: "
                "plan fewer sessions per week, or add a window"
            )
        _, start, day = min(
            ((self._missing(start, placed), *self._preference(start, day)), start, day)
            for start, day in starts
        )
        return self._session(start, day, self._shortfalls(start, placed)), None

    def _missing(self, start: int, placed: list[int]) -> int:
        """Seconds by which a start misses the recovery and spacing rules, summed."""
        following = self._next_quality(start)
        short = 0
        if following is not None:
            short += max(0, self.recovery - (following.start - start - self.duration))
        return short + sum(max(0, self.spacing - abs(start - other)) for other in placed)

    def _shortfalls(self, start: int, placed: list[int]) -> list[tuple[str, str]]:
        """Each rule a start misses, in words, with what would fix it."""
        found = []
        end = start + self.duration
        following = self._next_quality(start)
        if following is not None and following.start - end < self.recovery:
            hours = math.floor((following.start - end) / HOUR)
            label = following.event.label
            found.append(
                (
                    f"only {hours} h before {label}",
                    f"move {label} later, or lower the recovery to {hours} h",
                )
            )
        for other in placed:
            gap = abs(start - other)
            if gap < self.spacing:
                found.append(
                    (
                        f"only {math.floor(gap / HOUR)} h from the other session "
                        f"on {_local(other, self.tz):%a %H:%M}",
                        "plan fewer sessions per week",
                    )
                )
        return found


#: Spans of allowed start instants, each with its local day (`date.toordinal()`).
_DaySpans = list[tuple[Span, int]]


def _grid(spans: _DaySpans) -> list[tuple[int, int]]:
    """Every start the least-bad search tries in `spans`, each with its day."""
    return [(start, day) for (lo, hi), day in spans for start in _fallback_starts(lo, hi)]


def _fallback_starts(lo: int, hi: int) -> list[int]:
    """Quarter-hour starts in [lo, hi], plus its first and last rounded instants."""
    first = _round_up(lo)
    grid = range(-(-first // FALLBACK_STEP) * FALLBACK_STEP, hi + 1, FALLBACK_STEP)
    ends = [s for s in (first, hi - hi % ROUNDING) if lo <= s <= hi]
    return sorted({*grid, *ends})


def _start_instant(session: PlannedSession) -> float:
    return session.start.timestamp()


def _round_up(instant: int) -> int:
    return -(-instant // ROUNDING) * ROUNDING


@functools.lru_cache(maxsize=4096)
def _instant(day: date, minutes: int, tz: ZoneInfo) -> int:
    """POSIX seconds of a wall-clock time on `day` (24:00 is the next midnight)."""
    day, minutes = (day + timedelta(days=1), 0) if minutes == 24 * 60 else (day, minutes)
    return int(datetime.combine(day, time(minutes // 60, minutes % 60), tzinfo=tz).timestamp())


def _local(instant: int, tz: ZoneInfo) -> datetime:
    return datetime.fromtimestamp(instant, tz)
