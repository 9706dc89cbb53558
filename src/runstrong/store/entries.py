"""What may be written to the log: validated entries for a session and its sets.

Every way into the log (the player, `runstrong log`, an import) builds these
first, so an impossible value is refused before anything is written.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Annotated

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, ValidationError, model_validator
from pydantic_core import ErrorDetails

from runstrong.play.recording import Outcome
from runstrong.store import DEFAULT_USER
from runstrong.store.errors import InvalidEntry
from runstrong.timeline import Side, Step
from runstrong.workouts.model import LoadKind, Unit, Workout

RPE = Annotated[int, Field(ge=1, le=10)]
Count = Annotated[int, Field(ge=0, le=10_000)]
Amount = Annotated[float, Field(ge=0, le=24 * 3600)]
#: How far ahead a session may be dated: a day covers any time zone.
FUTURE_ALLOWANCE = timedelta(days=1)
#: The earliest a session may be dated: anything before is a typo or a bad import.
EARLIEST = datetime(1970, 1, 1, tzinfo=UTC)


class Status(StrEnum):
    """How a session ended (or that it has not yet)."""

    IN_PROGRESS = "in progress"
    COMPLETED = "completed"
    ABANDONED = "abandoned"


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SetEntry(_Entry):
    """One side of one round of one exercise, as done."""

    position: Annotated[int, Field(ge=0)]
    exercise_id: str
    variation_id: str | None = None
    side: Side | None = None
    round: Annotated[int, Field(ge=1)]
    outcome: Outcome = Outcome.DONE
    reps_planned: Count | None = None
    reps_done: Count | None = None
    seconds_planned: Amount | None = None
    seconds_done: Amount | None = None
    load_kg: Annotated[float, Field(ge=0, le=500)] | None = None
    load_unit: Unit | None = None
    rpe: RPE | None = None

    @property
    def short(self) -> bool:
        """Skipped, or fewer reps or seconds than planned."""
        if self.outcome is Outcome.SKIPPED:
            return True
        if self.reps_planned is not None and (self.reps_done or 0) < self.reps_planned:
            return True
        return (
            self.seconds_planned is not None
            and self.seconds_done is not None
            and self.seconds_done < self.seconds_planned
        )


class SessionEntry(_Entry):
    """A whole session: when, which workout, how it went, and its sets."""

    uid: str = Field(default_factory=lambda: str(uuid.uuid4()), min_length=1, max_length=36)
    user: str = Field(DEFAULT_USER, min_length=1, max_length=120)
    workout_id: str = Field(min_length=1, max_length=64)
    workout_version: Annotated[int, Field(ge=1)]
    started_at: AwareDatetime
    ended_at: AwareDatetime | None = None
    status: Status = Status.COMPLETED
    rpe: RPE | None = None
    notes: Annotated[str, Field(max_length=2000)] | None = None
    sets: list[SetEntry] = Field(default_factory=list)

    @model_validator(mode="after")
    def _plausible_times(self) -> SessionEntry:
        if self.started_at > datetime.now(UTC) + FUTURE_ALLOWANCE:
            raise ValueError(
                f"the date {self.started_at:%Y-%m-%d} is in the future; "
                "a session can be logged at most a day ahead"
            )
        if self.started_at < EARLIEST:
            raise ValueError(
                f"the date {self.started_at.date().isoformat()} is too early; "
                f"a session can be dated {EARLIEST:%Y-%m-%d} or later"
            )
        if self.ended_at is not None and self.ended_at < self.started_at:
            raise ValueError("the session ends before it starts")
        positions = [s.position for s in self.sets]
        if len(set(positions)) != len(positions):
            raise ValueError("two sets share a position")
        return self


def set_values(
    step: Step,
    *,
    outcome: Outcome = Outcome.DONE,
    seconds: float | None = None,
    reps_done: int | None = None,
    load_kg: float | None = None,
    load_unit: Unit | None = None,
    rpe: int | None = None,
) -> dict:
    """The values of the set a work step turns into (as planned when nothing is measured).

    Plain values, validated by whoever builds the entry, so a bad one is
    reported with the rest.
    """
    timed = step.reps is None
    done = outcome is Outcome.DONE
    if timed:
        planned_seconds = step.seconds
        seconds_done = seconds if seconds is not None else (step.seconds if done else 0.0)
        reps = None
    else:
        planned_seconds, seconds_done = None, seconds
        reps = reps_done if reps_done is not None else (step.reps if done else 0)
    return {
        "position": step.index,
        "exercise_id": step.exercise_id or "",
        "variation_id": step.variation_id,
        "side": step.side,
        "round": step.round,
        "outcome": outcome,
        "reps_planned": step.reps,
        "reps_done": reps,
        "seconds_planned": planned_seconds,
        "seconds_done": seconds_done,
        "load_kg": load_kg,
        "load_unit": load_unit if load_kg is not None else None,
        "rpe": rpe,
    }


def build(data: dict) -> SessionEntry:
    """A SessionEntry from plain data, with errors turned into one readable message.

    Raises:
        InvalidEntry: a value is impossible.
    """
    try:
        return SessionEntry.model_validate(data)
    except ValidationError as err:
        raise InvalidEntry(explain(err, data)) from None


def explain(err: ValidationError, data: dict | None = None) -> str:
    """One line per distinct problem: "b-squat load: input should be ... (6 sets)"."""
    counts: dict[str, int] = {}
    for problem in err.errors():
        line = problem_text(problem, data)
        counts[line] = counts.get(line, 0) + 1
    return "\n".join(
        line if count == 1 else f"{line} ({count} sets)" for line, count in counts.items()
    )


def problem_text(problem: ErrorDetails, data: dict | None = None) -> str:
    """One validation problem in words: "b-squat load: input should be ..."."""
    message = problem["msg"].removeprefix("Value error, ")
    message = message[:1].lower() + message[1:]
    where = _where(problem["loc"], data or {})
    return f"{where}: {message}" if where else message


_FIELD_NAMES = {"load_kg": "load", "rpe": "RPE", "started_at": "date", "reps_done": "reps done"}


def _where(loc: tuple, data: dict) -> str:
    names = [_FIELD_NAMES.get(str(part), str(part)) for part in loc]
    if len(loc) >= 2 and loc[0] == "sets" and isinstance(loc[1], int):
        sets = data.get("sets") or []
        entry = sets[loc[1]] if loc[1] < len(sets) else None
        exercise = _get(entry, "exercise_id") or f"set {loc[1] + 1}"
        return " ".join([str(exercise), *names[2:]])
    return " ".join(names)


def _get(entry: object, name: str) -> object:
    if isinstance(entry, dict):
        return entry.get(name)
    return getattr(entry, name, None)


def check_against(entry: SessionEntry, workout: Workout) -> None:
    """Every set must name an exercise (and variation) of the workout it was logged for.

    Raises:
        InvalidEntry: a set does not belong to the workout, or puts a weight on
            a bodyweight move.
    """
    known = {e.id: e for e in workout.exercises()}
    for number, done in enumerate(entry.sets, start=1):
        exercise = known.get(done.exercise_id)
        if exercise is None:
            raise InvalidEntry(
                f"set {number} is for {done.exercise_id!r}, not an exercise of {workout.id} "
                f"(its exercises: {', '.join(known)})"
            )
        try:
            load = exercise.effective(done.variation_id).load
        except KeyError:
            names = ", ".join(v.id for v in exercise.variations) or "none"
            raise InvalidEntry(
                f"set {number}: {exercise.id} has no variation {done.variation_id!r} "
                f"(its variations: {names})"
            ) from None
        if done.load_kg and not load.kind.weight:
            what = "a bodyweight exercise" if load.kind is LoadKind.BODYWEIGHT else "not weighted"
            raise InvalidEntry(f"{exercise.id} is {what}; it takes no load")
