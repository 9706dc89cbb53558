"""What to lift on each set next session: the advised weight, and what was done last time.

The players show this on every loaded or rep step ("8 reps per side · 12 kg")
and start the runner's one-tap confirmation of each set from it, with last
time's numbers beside it. It reads the same sessions as the advice, so the two
never disagree.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from runstrong.progress.advice import HISTORY
from runstrong.progress.loads import Unit
from runstrong.progress.progression import Advice, advise_workout
from runstrong.store.database import Store
from runstrong.store.entries import Outcome, SessionEntry
from runstrong.store.history import recent_entries_with
from runstrong.workouts.model import Workout


@dataclass(frozen=True)
class LastTime:
    """An exercise's sets in the latest session that did them."""

    day: date
    load_kg: float | None
    """The heaviest load used (None: no load logged)."""
    unit: Unit
    reps: int | None
    """The fewest reps done in a set (None: timed work, or no reps logged)."""


@dataclass(frozen=True)
class SetPlan:
    """What one exercise's sets start from next session."""

    exercise_id: str
    load_kg: float | None
    """The advised weight (None: bodyweight, or nothing logged to go on)."""
    unit: Unit
    weighted: bool
    """Done with a free weight, so each set asks for the weight used."""
    advice: Advice | None
    last: LastTime | None


def last_time(exercise_id: str, sessions: Sequence[SessionEntry]) -> LastTime | None:
    """The exercise's done sets in the newest of `sessions` that has any."""
    for entry in sessions:
        sets = [s for s in entry.sets if s.exercise_id == exercise_id and s.outcome is Outcome.DONE]
        if not sets:
            continue
        loads = [s.load_kg for s in sets if s.load_kg]
        reps = [s.reps_done for s in sets if s.reps_done is not None and s.reps_planned]
        return LastTime(
            day=entry.started_at.astimezone().date(),
            load_kg=max(loads) if loads else None,
            unit=next((s.load_unit for s in sets if s.load_unit), "kg"),
            reps=min(reps) if reps else None,
        )
    return None


def plan_sets(
    workout: Workout, sessions: Sequence[SessionEntry], *, today: date, unit: Unit | None = None
) -> dict[str, SetPlan]:
    """Per exercise of `workout`: the weight to use and last time's numbers."""
    advice = {a.exercise_id: a for a in advise_workout(workout, sessions, today=today, unit=unit)}
    plans = {}
    for exercise in workout.exercises():
        tip = advice.get(exercise.id)
        last = last_time(exercise.id, sessions)
        variation_id = tip.variation_id if tip else None
        weighted = exercise.effective(variation_id).load.kind.weight
        load_kg = tip.load_kg if tip and tip.load_kg else (last.load_kg if last else None)
        shown: Unit = unit or (tip.unit if tip else last.unit if last else "kg")
        plans[exercise.id] = SetPlan(
            exercise_id=exercise.id,
            load_kg=load_kg if weighted else None,
            unit=shown,
            weighted=weighted,
            advice=tip,
            last=last,
        )
    return plans


def set_plans_from_log(
    store: Store, workout: Workout, *, today: date | None = None, unit: Unit | None = None
) -> dict[str, SetPlan]:
    """`plan_sets` from the latest logged sessions that did the workout's exercises."""
    sessions = recent_entries_with(
        store, exercise_ids=[exercise.id for exercise in workout.exercises()], limit=HISTORY
    )
    when = today or datetime.now().astimezone().date()
    return plan_sets(workout, sessions, today=when, unit=unit)
