"""Calendar events as the planner sees them: when, what, and which kind of run."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class Kind(StrEnum):
    """What an event means for recovery: quality runs need fresh legs."""

    SPEED = "speed work"
    LONG = "long run"
    RACE = "race"
    EASY = "easy run"
    BUSY = "busy"
    UNCLASSIFIED = "unclassified"

    @property
    def quality(self) -> bool:
        return self in _QUALITY

    @property
    def symbol(self) -> str:
        """One character for the week grid."""
        return _SYMBOLS[self]

    @classmethod
    def from_tag(cls, text: str) -> Kind | None:
        """The kind a user wrote in a `kind:` tag or a rules file, or None if unknown."""
        return _ALIASES.get(" ".join(text.casefold().replace("-", " ").split()))


_QUALITY = frozenset({Kind.SPEED, Kind.LONG, Kind.RACE})
_SYMBOLS = {
    Kind.SPEED: "Q",
    Kind.LONG: "L",
    Kind.RACE: "R",
    Kind.EASY: "e",
    Kind.BUSY: "x",
    Kind.UNCLASSIFIED: "?",
}
_ALIASES = {
    **{kind.value: kind for kind in Kind},
    "speed": Kind.SPEED,
    "quality": Kind.SPEED,
    "workout": Kind.SPEED,
    "long": Kind.LONG,
    "easy": Kind.EASY,
    "recovery": Kind.EASY,
    "run": Kind.EASY,
    "other": Kind.BUSY,
    "not a run": Kind.BUSY,
}
KIND_CHOICES = "speed, long, race, easy or busy"
#: Characters of an event's title kept: far more than a calendar app shows.
MAX_TITLE_CHARS = 200
#: Characters of an event's notes kept to classify it: a training platform's workout fits.
MAX_NOTES_CHARS = 4000


def clipped(text: str, limit: int) -> str:
    """`text` cut to `limit` characters (the last one an ellipsis).

    What is read of one event stays small, so a calendar of a few huge titles
    cannot make planning, pages or the feed huge.
    """
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass(frozen=True, slots=True)
class CalendarEvent:
    """One occurrence read from a calendar file, in the user's time zone."""

    title: str
    start: datetime
    end: datetime
    origin: str
    description: str = ""
    kind_tag: Kind | None = None
    all_day: bool = False


@dataclass(frozen=True, slots=True)
class ClassifiedEvent:
    """An event with its kind and the reason it got that kind."""

    event: CalendarEvent
    kind: Kind
    reason: str

    @property
    def start(self) -> datetime:
        return self.event.start

    @property
    def end(self) -> datetime:
        return self.event.end

    @property
    def title(self) -> str:
        return self.event.title

    @property
    def label(self) -> str:
        """ "Sun 08:00 Long run": how messages refer to the event."""
        return f"{self.start:%a %H:%M} {self.title}"
