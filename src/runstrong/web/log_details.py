"""The after-session review: the sets as logged, what it asks per exercise, and how it is saved.

The players log each set's weight and reps as they go, so the form is mostly
a review: it lists them, and asks for the session's effort. Its fields start
from what the log already has, else from the progression advice (the load to
use next), else from the plan (the reps the workout asks for). A field saved
unchanged changes nothing, so sets logged with different weights keep them;
a changed field applies to every set of the exercise. Saving amends the
logged session, so what the player measured (sides, rounds, seconds, skips)
is kept. Stretches and other moves that do not progress get no effort box.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from runstrong.progress.advice import advice_from_log
from runstrong.progress.loads import Unit, from_kg, to_kg
from runstrong.progress.loads import load_text as weight_text
from runstrong.store.entries import Outcome, SessionEntry, SetEntry
from runstrong.store.errors import InvalidEntry
from runstrong.store.manual import Details, amend
from runstrong.store.sessions import replace_session
from runstrong.web.deps import Slug
from runstrong.web.errors import InputError
from runstrong.web.training_log import UserLog
from runstrong.workouts.model import Workout

RPE = Annotated[int, Field(ge=1, le=10)]


class ExerciseDetails(BaseModel):
    """What the runner reports for one exercise; blank fields change nothing."""

    model_config = ConfigDict(extra="forbid")

    load: Annotated[float, Field(ge=0, le=1000)] | None = Field(None, description="In `unit`.")
    reps: Annotated[int, Field(ge=0, le=1000)] | None = Field(None, description="Reps per set.")
    rpe: RPE | None = None


class SessionDetails(BaseModel):
    """The after-session form as data (the page and PATCH /api/log/{uid} both send it)."""

    model_config = ConfigDict(extra="forbid")

    unit: Unit = "kg"
    rpe: RPE | None = Field(None, description="How hard the whole session felt, 1-10.")
    notes: Annotated[str, Field(max_length=2000)] | None = None
    exercises: Annotated[dict[Slug, ExerciseDetails], Field(max_length=200)] = {}


@dataclass(frozen=True)
class FormRow:
    """One exercise on the form, with the values it starts with."""

    exercise_id: str
    name: str
    weighted: bool
    reps_planned: int | None
    load: float | None
    reps: int | None
    rpe: int | None
    advice: str | None
    logged: tuple[str, ...] = ()
    """Each done set as logged: "12 kg × 8", "8 reps", "30 s"."""
    rated: bool = True
    """Asks for the exercise's effort (not for stretches and other moves that do not progress)."""


def form_rows(
    workout: Workout, entry: SessionEntry, *, log: UserLog, unit: Unit, today: date
) -> list[FormRow]:
    advice = {a.exercise_id: a for a in _advice(workout, entry, log=log, today=today, unit=unit)}
    rows = []
    for exercise in workout.exercises():
        sets = [s for s in entry.sets if s.exercise_id == exercise.id]
        variation_id = sets[0].variation_id if sets else None
        movement = exercise.effective(variation_id)
        logged_loads = [s.load_kg for s in sets if s.load_kg]
        tip = advice.get(exercise.id)
        if logged_loads:
            load = from_kg(max(logged_loads), unit)
        elif tip and tip.load_kg:
            load = from_kg(tip.load_kg, unit)
        else:
            load = None
        done_reps = [s.reps_done for s in sets if s.reps_done is not None and s.reps_planned]
        rpes = [s.rpe for s in sets if s.rpe is not None]
        done = [s for s in sets if s.outcome is Outcome.DONE]
        rows.append(
            FormRow(
                exercise_id=exercise.id,
                name=movement.name,
                weighted=movement.load.kind.weight,
                reps_planned=movement.dose.reps,
                load=round(load, 1) if load is not None else None,
                reps=min(done_reps) if done_reps else movement.dose.reps,
                rpe=max(rpes) if rpes else None,
                advice=f"{tip.action.value}: {tip.what} ({tip.reason})" if tip else None,
                logged=tuple(_set_text(s) for s in done),
                rated=tip is not None,
            )
        )
    return rows


def _set_text(done: SetEntry) -> str:
    """ "12 kg × 8", "8 reps", "12 kg × 30 s", "30 s"."""
    amount = (
        f"{done.reps_done} reps"
        if done.reps_planned is not None and done.reps_done is not None
        else f"{round(done.seconds_done or done.seconds_planned or 0):g} s"
    )
    if not done.load_kg:
        return amount
    load = weight_text(done.load_kg, done.load_unit or "kg")
    return f"{load} × {amount.removesuffix(' reps')}" if done.reps_planned else f"{load} × {amount}"


def _advice(workout: Workout, entry: SessionEntry, *, log: UserLog, today: date, unit: Unit):
    return advice_from_log(log.store(), workout, today=today, unit=unit, excluding=entry.uid)


def save_details(log: UserLog, uid: str, workout: Workout, details: SessionDetails) -> SessionEntry:
    """Amend the logged session with the form's values.

    Raises:
        InputError: no such session, or a value the log refuses (named in the message).
    """
    entry = logged_entry(log, uid)
    given = details.exercises
    plan = Details(
        rpe=details.rpe,
        notes=(details.notes or "").strip() or None,
        loads={
            ex: (to_kg(d.load, details.unit), details.unit)
            for ex, d in given.items()
            if d.load is not None
        },
        reps={ex: d.reps for ex, d in given.items() if d.reps is not None},
        exercise_rpe={ex: d.rpe for ex, d in given.items() if d.rpe is not None},
    )
    try:
        amended = amend(entry, workout, plan)
    except InvalidEntry as err:
        raise InputError(str(err), field="exercises", location="body", status=422) from None
    replace_session(log.store(), amended)
    return amended


def logged_entry(log: UserLog, uid: str) -> SessionEntry:
    entry = log.entry(uid)
    if entry is None:
        raise InputError(f"no logged session {uid!r}", field="uid")
    return entry
