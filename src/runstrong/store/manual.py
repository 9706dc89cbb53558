"""Sessions typed in by hand: the workout's plan plus what the runner says about it.

`runstrong log` records a session done away from the player as planned,
adjusted by the loads, reps, efforts and variations given; `--amend` changes
those details on the last session without losing what the player measured.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from pydantic import ValidationError

from runstrong.store.entries import SessionEntry, Status, check_against, explain, set_values
from runstrong.store.errors import InvalidEntry
from runstrong.timeline import StepKind, compile_timeline
from runstrong.workouts.model import Unit, Workout


@dataclass(frozen=True)
class Details:
    """What the runner tells us about a session; None or empty means "not said"."""

    started_at: datetime | None = None
    rpe: int | None = None
    notes: str | None = None
    status: Status | None = None
    variations: Mapping[str, str] = field(default_factory=dict)
    loads: Mapping[str, tuple[float, Unit]] = field(default_factory=dict)
    reps: Mapping[str, int] = field(default_factory=dict)
    exercise_rpe: Mapping[str, int] = field(default_factory=dict)


def new_session(workout: Workout, details: Details, *, now: datetime) -> SessionEntry:
    """A session done as planned, with the details given.

    Raises:
        InvalidEntry: an unknown exercise or variation, or an impossible value.
    """
    _check_names(workout, details)
    try:
        timeline = compile_timeline(workout, details.variations)
    except KeyError as err:
        raise InvalidEntry(str(err.args[0])) from None
    sets = [
        set_values(step, **_measures(details, step.exercise_id or ""))
        for step in timeline.steps
        if step.kind is StepKind.WORK
    ]
    _check_reps(details, sets)
    started = details.started_at or now
    data = {
        "workout_id": workout.id,
        "workout_version": workout.version,
        "started_at": started,
        "ended_at": started + timedelta(seconds=round(timeline.total_seconds)),
        "status": details.status or Status.COMPLETED,
        "rpe": details.rpe,
        "notes": details.notes,
        "sets": sets,
    }
    return _validated(data, workout)


def amend(entry: SessionEntry, workout: Workout, details: Details) -> SessionEntry:
    """The session with the details given replaced and everything else kept.

    Raises:
        InvalidEntry: a variation change (log the session again instead), an
            unknown exercise, or an impossible value.
    """
    if details.variations:
        raise InvalidEntry("a variation cannot be changed afterwards; log the session again")
    _check_names(workout, details)
    sets = [s.model_dump() | _measures(details, s.exercise_id) for s in entry.sets]
    _check_reps(details, sets)
    data = entry.model_dump(exclude={"sets"}) | {"sets": sets}
    if details.started_at is not None:
        shift = details.started_at - entry.started_at
        data["started_at"] = details.started_at
        data["ended_at"] = entry.ended_at + shift if entry.ended_at else None
    for name in ("rpe", "notes", "status"):
        if getattr(details, name) is not None:
            data[name] = getattr(details, name)
    return _validated(data, workout)


def _measures(details: Details, exercise_id: str) -> dict:
    """The per-set values the details set for this exercise (only those given)."""
    values: dict = {}
    if exercise_id in details.loads:
        values["load_kg"], values["load_unit"] = details.loads[exercise_id]
    if exercise_id in details.reps:
        values["reps_done"] = details.reps[exercise_id]
    if exercise_id in details.exercise_rpe:
        values["rpe"] = details.exercise_rpe[exercise_id]
    return values


def _check_names(workout: Workout, details: Details) -> None:
    known = [e.id for e in workout.exercises()]
    for option, mapping in (
        ("load", details.loads),
        ("reps", details.reps),
        ("exercise RPE", details.exercise_rpe),
        ("variation", details.variations),
    ):
        for name in mapping:
            if name not in known:
                raise InvalidEntry(
                    f"{option} for {name!r}: {workout.id} has no such exercise "
                    f"(its exercises: {', '.join(known)})"
                )


def _check_reps(details: Details, sets: list[dict]) -> None:
    """Reps can only be given for work counted in reps, not for timed work."""
    for name in details.reps:
        planned = [s["reps_planned"] for s in sets if s["exercise_id"] == name]
        if planned and all(reps is None for reps in planned):
            raise InvalidEntry(f"reps for {name!r}: it is timed work, done for seconds, not reps")


def _validated(data: dict, workout: Workout) -> SessionEntry:
    """Validate the whole entry and check it fits the workout."""
    try:
        entry = SessionEntry.model_validate(data)
    except ValidationError as err:
        raise InvalidEntry(explain(err, data)) from None
    check_against(entry, workout)
    return entry
