"""Times of the week a user can lift: "Mon-Fri 06:00-07:30", "Sat 08:00-12:00"."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from runstrong.plan.errors import PlanInputError

DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
DEFAULT_WINDOW = "06:00-21:00"
_DAY_GROUPS = {
    "daily": tuple(range(7)),
    "every day": tuple(range(7)),
    "weekdays": tuple(range(5)),
    "weekends": (5, 6),
}
_SYNTAX = re.compile(
    r"^\s*(?P<days>.*?)\s*(?P<start>\d{1,2}:\d{2})\s*-\s*(?P<end>\d{1,2}:\d{2})\s*$"
)
_HINT = 'write a window like "Mon-Fri 06:00-07:30" or "Sat,Sun 08:00-12:00"'


@dataclass(frozen=True)
class Window:
    """Days of the week (0 = Monday) and a span of the day in minutes after midnight."""

    days: frozenset[int]
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Windows:
    """All the user's windows; per weekday they are merged into disjoint spans."""

    windows: tuple[Window, ...]

    def __post_init__(self) -> None:
        spans = tuple(
            _merge((w.start, w.end) for w in self.windows if day in w.days) for day in range(7)
        )
        object.__setattr__(self, "_spans", spans)

    def on(self, weekday: int) -> tuple[tuple[int, int], ...]:
        """Disjoint (start, end) minute spans open on `weekday` (0 = Monday), in order."""
        return self._spans[weekday]

    @property
    def text(self) -> str:
        return ", ".join(w.text for w in self.windows)


def parse_windows(texts: Sequence[str]) -> Windows:
    """The user's windows, or 06:00-21:00 every day when none are given."""
    return Windows(tuple(parse_window(t) for t in (texts or [DEFAULT_WINDOW])))


def parse_window(text: str) -> Window:
    match = _SYNTAX.match(text)
    if not match:
        raise PlanInputError(f"window {text!r}: expected days and a time span", hint=_HINT)
    start = _minutes(match["start"], text, allow_midnight_end=False)
    end = _minutes(match["end"], text, allow_midnight_end=True)
    if end <= start:
        raise PlanInputError(
            f"window {text!r}: it ends ({match['end']}) before it starts ({match['start']})",
            hint="a window stays inside one day; split a late-night span into two",
        )
    days = _days(match["days"], text) if match["days"] else frozenset(range(7))
    return Window(days, start, end, text.strip())


def _minutes(clock: str, text: str, *, allow_midnight_end: bool) -> int:
    hours, minutes = (int(part) for part in clock.split(":"))
    if allow_midnight_end and (hours, minutes) == (24, 0):
        return 24 * 60
    if hours > 23 or minutes > 59:
        raise PlanInputError(f"window {text!r}: {clock} is not a time of day", hint=_HINT)
    return hours * 60 + minutes


def _days(spec: str, text: str) -> frozenset[int]:
    lowered = " ".join(spec.casefold().split())
    if lowered in _DAY_GROUPS:
        return frozenset(_DAY_GROUPS[lowered])
    days: set[int] = set()
    for part in re.split(r"\s*,\s*|\s+", lowered):
        first, _, last = part.partition("-")
        a, b = _day(first, text), _day(last or first, text)
        days.update((a + i) % 7 for i in range((b - a) % 7 + 1))
    return frozenset(days)


def _day(name: str, text: str) -> int:
    for index, day in enumerate(DAY_NAMES):
        full = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
        if name in (day.casefold(), full[index]):
            return index
    raise PlanInputError(f"window {text!r}: {name!r} is not a day of the week", hint=_HINT)


def _merge(spans: Iterable[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return tuple(merged)
