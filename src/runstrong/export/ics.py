"""Strength sessions as iCalendar events that calendar apps import, and update on re-import.

Each event's UID is derived from what it stands for (the workout and the
week's session slot, or the exact start for a one-off), never from the clock,
so importing a fresh plan moves existing events instead of duplicating them;
its SEQUENCE goes up each time the session moves, which is how a calendar app
tells a newer version of an event from an older one.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from icalendar import Alarm, Calendar, Event

from runstrong.export.ics_zones import is_utc, vtimezone
from runstrong.timeline import compile_timeline
from runstrong.wording import dose_text, duration_text
from runstrong.workouts.model import Workout

ALARM_BEFORE = timedelta(minutes=30)
PRODID = "-//runstrong//Strength sessions//EN"


@dataclass(frozen=True)
class SessionEvent:
    """One session to write; `note` is added under the workout in the description."""

    uid: str
    start: datetime
    end: datetime
    note: str = ""
    sequence: int = 0


@dataclass(frozen=True)
class Revision:
    """What a calendar app last got for a UID: when the session started, and its SEQUENCE."""

    start: datetime
    sequence: int


def revise(events: Iterable[SessionEvent], previous: Mapping[str, Revision]) -> list[SessionEvent]:
    """`events` with SEQUENCE one above the last when a session moved, the same when not."""
    revised = []
    for event in events:
        last = previous.get(event.uid)
        if last is not None:
            moved = last.start != event.start
            event = replace(event, sequence=last.sequence + moved)
        revised.append(event)
    return revised


def revisions(events: Iterable[SessionEvent]) -> dict[str, Revision]:
    """The UID -> revision map to keep for the next `revise`."""
    return {event.uid: Revision(event.start, event.sequence) for event in events}


def read_revisions(data: bytes) -> dict[str, Revision]:
    """The revisions of the events in an .ics file written before (none if it is unreadable)."""
    try:
        calendar = Calendar.from_ical(data)
        found = {}
        for event in calendar.walk("VEVENT"):
            start = event.decoded("DTSTART")
            if isinstance(start, datetime) and start.tzinfo is not None:
                found[str(event["UID"])] = Revision(start, int(event.get("SEQUENCE", 0)))
        return found
    except (ValueError, KeyError, TypeError):
        return {}


def weekly_uid(workout: Workout, start: datetime, number: int) -> str:
    """The same UID for "session `number` of this ISO week", wherever in the week it lands."""
    year, week, _ = start.isocalendar()
    return f"{workout.id}-{year}W{week:02d}-{number}@runstrong"


def one_off_uid(workout: Workout, start: datetime) -> str:
    return f"{workout.id}-{start:%Y%m%dT%H%M}@runstrong"


def sessions_ics(
    workout: Workout, sessions: Sequence[SessionEvent], *, now: datetime | None = None
) -> bytes:
    """An iCalendar file with one event per session, each with a 30-minute reminder."""
    stamp = (now or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", f"Strength: {workout.title}")
    # Zone definitions first: some readers resolve a TZID as soon as they meet it.
    for zone, moments in _zones(sessions).items():
        calendar.add_component(vtimezone(zone, min(moments), max(moments)))
    summary = f"Strength: {workout.title}"
    description = workout_description(workout)
    for session in sessions:
        event = Event()
        event.add("uid", session.uid)
        event.add("dtstamp", stamp)
        event.add("last-modified", stamp)
        event.add("sequence", session.sequence)
        event.add("dtstart", _written(session.start))
        event.add("dtend", _written(session.end))
        event.add("summary", summary)
        event.add(
            "description", f"{session.note}\n\n{description}" if session.note else description
        )
        event.add("categories", ["Strength"])
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("trigger", -ALARM_BEFORE)
        alarm.add("description", f"{summary} in 30 minutes")
        event.add_component(alarm)
        calendar.add_component(event)
    return calendar.to_ical()


def _written(moment: datetime) -> datetime:
    """A named zone stays (with its VTIMEZONE); UTC, fixed offsets and the second of two
    identical wall-clock times (when clocks go back, which a TZID cannot tell apart) are
    written in UTC."""
    zone = moment.tzinfo
    if isinstance(zone, ZoneInfo) and not is_utc(zone):
        local = moment.astimezone(UTC).astimezone(zone)  # a wall time in a gap moves past it
        if local.replace(fold=0).utcoffset() == local.utcoffset():
            return local
    return moment.astimezone(UTC)


def _zones(sessions: Sequence[SessionEvent]) -> dict[ZoneInfo, list[datetime]]:
    """Each named zone the sessions are written in, with the instants it must cover."""
    zones: dict[ZoneInfo, list[datetime]] = {}
    for session in sessions:
        for moment in (session.start, session.end):
            zone = _written(moment).tzinfo
            if isinstance(zone, ZoneInfo):
                zones.setdefault(zone, []).append(moment)
    return zones


def workout_description(workout: Workout) -> str:
    """The blocks and doses, short enough to read in a calendar app's event view."""
    lines = [f"{workout.title}: about {duration_text(compile_timeline(workout).total_seconds)}."]
    for block in workout.blocks:
        rounds = "1 round" if block.rounds == 1 else f"{block.rounds} rounds"
        lines.append(f"\n{block.name} ({rounds}):")
        lines += [f"- {e.name}: {dose_text(e.dose)}" for e in block.exercises]
    if workout.equipment:
        lines.append(f"\nEquipment: {', '.join(workout.equipment)}")
    return "\n".join(lines)


def one_session_ics(workout: Workout, start: datetime, *, now: datetime | None = None) -> bytes:
    """A single session starting at `start` (an aware datetime), for `runstrong export`."""
    # Added in UTC: wall-clock arithmetic would be an hour off across a clock change.
    length = timedelta(seconds=compile_timeline(workout).calendar_seconds)
    end = (start.astimezone(UTC) + length).astimezone(start.tzinfo)
    return sessions_ics(workout, [SessionEvent(one_off_uid(workout, start), start, end)], now=now)
