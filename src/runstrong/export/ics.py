"""Strength sessions as iCalendar events that calendar apps import, and update on re-import.

Each event's UID is derived from what it stands for (the workout and the
week's session slot, or the exact start for a one-off), never from the clock,
so importing a fresh plan moves existing events instead of duplicating them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from icalendar import Alarm, Calendar, Event

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
    summary = f"Strength: {workout.title}"
    description = workout_description(workout)
    for session in sessions:
        event = Event()
        event.add("uid", session.uid)
        event.add("dtstamp", stamp)
        event.add("last-modified", stamp)
        event.add("dtstart", session.start)
        event.add("dtend", session.end)
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
    calendar.add_missing_timezones()
    return calendar.to_ical()


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
    end = start + timedelta(seconds=compile_timeline(workout).calendar_seconds)
    return sessions_ics(workout, [SessionEvent(one_off_uid(workout, start), start, end)], now=now)
