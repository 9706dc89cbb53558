"""Every format a workout (or a logged session) can be written in, listed once for the
command line and the web.

A format knows its file suffix, its media type, and what its writer needs
besides the workout: the loads the log suggests (FIT shows them on the watch)
or a start time (a calendar event).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime

from runstrong.export import workout_json
from runstrong.export.card import workout_card_html
from runstrong.export.fit import Sides, Weight, workout_fit
from runstrong.export.fit_activity import activity_fit
from runstrong.export.ics import one_session_ics
from runstrong.export.markdown import workout_markdown
from runstrong.store.entries import SessionEntry
from runstrong.workouts.model import Workout


@dataclass(frozen=True)
class Options:
    """What some writers need besides the workout; each format reads only its own."""

    sides: Sides = "per-side"
    weights: Mapping[str, Weight] = field(default_factory=dict)
    #: exercise id -> the variation the log's advice names.
    variations: Mapping[str, str] = field(default_factory=dict)
    start: datetime | None = None


@dataclass(frozen=True)
class Format:
    """One way to write a workout out."""

    name: str
    summary: str
    suffix: str
    media_type: str
    write: Callable[[Workout, Options], str | bytes]
    #: The writer uses the loads the log suggests (`Options.weights`).
    needs_log: bool = False
    #: The writer needs `Options.start` (an aware datetime).
    needs_start: bool = False


def _ics(workout: Workout, options: Options) -> bytes:
    if options.start is None:
        raise ValueError("a calendar event needs a start time")
    return one_session_ics(workout, options.start)


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format(
            "json",
            "the workout as JSON, in the structure of its YAML file",
            ".json",
            "application/json",
            lambda workout, _: workout_json(workout),
        ),
        Format(
            "md",
            "the readable overview `runstrong show` prints",
            ".md",
            "text/markdown; charset=utf-8",
            lambda workout, _: workout_markdown(workout),
        ),
        Format(
            "html",
            "a printable one-page card",
            ".html",
            "text/html; charset=utf-8",
            lambda workout, _: workout_card_html(workout),
        ),
        Format(
            "fit",
            "a structured workout for a watch, with the suggested loads and variations",
            ".fit",
            "application/vnd.ant.fit",
            lambda workout, options: workout_fit(
                workout, sides=options.sides, weights=options.weights, variations=options.variations
            ),
            needs_log=True,
        ),
        Format(
            "ics",
            "one session as a calendar event",
            ".ics",
            "text/calendar; charset=utf-8",
            _ics,
            needs_start=True,
        ),
    )
}


@dataclass(frozen=True)
class SessionFormat:
    """One way to write a logged session out (for the training platforms runners use)."""

    name: str
    summary: str
    suffix: str
    media_type: str
    #: The session, and its workout when the library still has it (None otherwise).
    write: Callable[[SessionEntry, Workout | None], bytes]


SESSION_FORMATS: dict[str, SessionFormat] = {
    f.name: f
    for f in (
        SessionFormat(
            "fit",
            "one session as a FIT strength-training activity",
            ".fit",
            "application/vnd.ant.fit",
            activity_fit,
        ),
    )
}
