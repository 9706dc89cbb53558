"""A logged session as a FIT strength-training *activity*, the file Garmin Connect,
Strava and intervals.icu import as a completed workout.

The log keeps when a session started and ended and, per set, the exercise,
reps, load and seconds; it does not keep when each set began. Sets are laid
out from the start in the order they were done, each as long as it took (or,
for rep work without a measured time, the workout's seconds per rep), and
the time left before the logged end is shared out as rest sets between them,
which is how watches record a strength session. Skipped sets are left out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from fit_tool.fit_file_builder import FitFileBuilder
from fit_tool.profile.messages.activity_message import ActivityMessage
from fit_tool.profile.messages.event_message import EventMessage
from fit_tool.profile.messages.file_id_message import FileIdMessage
from fit_tool.profile.messages.lap_message import LapMessage
from fit_tool.profile.messages.session_message import SessionMessage
from fit_tool.profile.messages.set_message import SetMessage
from fit_tool.profile.profile_type import (
    Activity,
    Event,
    EventType,
    FileType,
    FitBaseUnit,
    Manufacturer,
    SetType,
    Sport,
    SubSport,
)

from runstrong.export.fit_exercises import FitExercise, fit_exercise
from runstrong.export.fit_file import fit_bytes
from runstrong.play.recording import Outcome
from runstrong.store.entries import SessionEntry, SetEntry
from runstrong.workouts.model import Workout

#: 1989-12-31 00:00 UTC, where FIT counts time from, as POSIX seconds.
FIT_EPOCH = 631_065_600
#: Seconds per rep when neither the set nor the workout says (the format's own default).
DEFAULT_SECONDS_PER_REP = 3.0


@dataclass(frozen=True)
class TimedSet:
    """A set placed in time: active work, or the rest before the next set."""

    start: datetime
    seconds: float
    done: SetEntry | None  # None for rest


def activity_fit(entry: SessionEntry, workout: Workout | None) -> bytes:
    """The FIT activity file for one logged session.

    Args:
        entry: the session as logged.
        workout: the workout it was (for exercise categories and seconds per rep);
            None when it is no longer in the library: sets then carry no category.
    """
    sets = timed_sets(entry, workout)
    start = entry.started_at
    end = sets[-1].start + timedelta(seconds=sets[-1].seconds) if sets else start
    end = max(end, entry.ended_at or end)
    elapsed = (end - start).total_seconds()
    builder = FitFileBuilder(auto_define=True)
    builder.add(_file_id(start))
    builder.add(_event(start, EventType.START))
    builder.add_all([_set(index, item, workout) for index, item in enumerate(sets)])
    builder.add(_event(end, EventType.STOP_ALL))
    builder.add(_lap(start, end, elapsed))
    builder.add(_session(start, end, elapsed))
    builder.add(_activity(end, elapsed))
    return fit_bytes(builder)


def timed_sets(entry: SessionEntry, workout: Workout | None) -> list[TimedSet]:
    """The done sets from the session's start, with rest sets sharing out the time left."""
    done = [s for s in sorted(entry.sets, key=lambda s: s.position) if s.outcome is Outcome.DONE]
    durations = [_seconds(s, workout) for s in done]
    total = (entry.ended_at - entry.started_at).total_seconds() if entry.ended_at else 0.0
    rest = max(0.0, total - sum(durations)) / (len(done) - 1) if len(done) > 1 else 0.0
    placed, moment = [], entry.started_at
    for number, (item, seconds) in enumerate(zip(done, durations, strict=True)):
        if number and rest:
            placed.append(TimedSet(moment, rest, None))
            moment += timedelta(seconds=rest)
        placed.append(TimedSet(moment, seconds, item))
        moment += timedelta(seconds=seconds)
    return placed


def _seconds(done: SetEntry, workout: Workout | None) -> float:
    if done.seconds_done:
        return done.seconds_done
    if done.reps_done is None:
        return done.seconds_planned or 0.0
    per_rep = DEFAULT_SECONDS_PER_REP
    if workout is not None:
        per_rep = workout.timing.seconds_per_rep
        exercise = _exercise(workout, done.exercise_id)
        if exercise is not None and exercise.dose.seconds_per_rep:
            per_rep = exercise.dose.seconds_per_rep
    return done.reps_done * per_rep


def _exercise(workout: Workout, exercise_id: str):
    try:
        return workout.exercise(exercise_id)
    except KeyError:
        return None


def _ms(moment: datetime) -> int:
    return round(moment.timestamp() * 1000)


def _file_id(start: datetime) -> FileIdMessage:
    message = FileIdMessage()
    message.type = FileType.ACTIVITY
    message.manufacturer = Manufacturer.DEVELOPMENT.value
    message.product = 0
    message.serial_number = 1
    message.time_created = _ms(start)
    return message


def _event(moment: datetime, kind: EventType) -> EventMessage:
    message = EventMessage()
    message.timestamp = _ms(moment)
    message.event = Event.TIMER
    message.event_type = kind
    return message


def _set(index: int, item: TimedSet, workout: Workout | None) -> SetMessage:
    message = SetMessage()
    message.message_index = index
    message.start_time = _ms(item.start)
    message.timestamp = _ms(item.start + timedelta(seconds=item.seconds))
    message.duration = item.seconds
    if item.done is None:
        message.set_type = SetType.REST
        return message
    message.set_type = SetType.ACTIVE
    if item.done.reps_done is not None:
        message.repetitions = item.done.reps_done
    if item.done.load_kg:
        message.weight = item.done.load_kg
        unit = FitBaseUnit.POUND if item.done.load_unit == "lb" else FitBaseUnit.KILOGRAM
        message.weight_display_unit = unit.value
    kind = _kind(workout, item.done.exercise_id)
    if kind is not None:
        message.category = [kind.category.value]
        if kind.name is not None:
            message.category_subtype = [kind.name.value]
    return message


def _kind(workout: Workout | None, exercise_id: str) -> FitExercise | None:
    exercise = _exercise(workout, exercise_id) if workout is not None else None
    return fit_exercise(exercise) if exercise is not None else None


def _lap(start: datetime, end: datetime, elapsed: float) -> LapMessage:
    message = LapMessage()
    message.message_index = 0
    message.timestamp = _ms(end)
    message.start_time = _ms(start)
    message.total_elapsed_time = elapsed
    message.total_timer_time = elapsed
    message.event = Event.LAP
    message.event_type = EventType.STOP
    message.sport = Sport.TRAINING
    message.sub_sport = SubSport.STRENGTH_TRAINING
    return message


def _session(start: datetime, end: datetime, elapsed: float) -> SessionMessage:
    message = SessionMessage()
    message.message_index = 0
    message.timestamp = _ms(end)
    message.start_time = _ms(start)
    message.total_elapsed_time = elapsed
    message.total_timer_time = elapsed
    message.event = Event.SESSION
    message.event_type = EventType.STOP
    message.sport = Sport.TRAINING
    message.sub_sport = SubSport.STRENGTH_TRAINING
    message.first_lap_index = 0
    message.num_laps = 1
    return message


def _activity(end: datetime, elapsed: float) -> ActivityMessage:
    message = ActivityMessage()
    message.timestamp = _ms(end)
    message.total_timer_time = elapsed
    message.num_sessions = 1
    message.type = Activity.MANUAL
    message.event = Event.ACTIVITY
    message.event_type = EventType.STOP
    # Local wall-clock seconds since FIT's epoch, in this machine's zone.
    offset = end.astimezone().utcoffset() or timedelta(0)
    message.local_timestamp = round((end + offset).timestamp()) - FIT_EPOCH
    return message
