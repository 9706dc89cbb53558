"""Progression advice: per exercise, what to do next session and why."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from runstrong.progress.advice import advice_from_log
from runstrong.progress.loads import Unit, from_kg
from runstrong.progress.set_plan import LastTime, set_plans_from_log
from runstrong.web.deps import LogDep, WorkoutDep
from runstrong.web.errors import ERROR_RESPONSES

router = APIRouter(prefix="/api/advice", tags=["advice"], responses=ERROR_RESPONSES)


class AdviceView(BaseModel):
    exercise_id: str
    exercise_name: str
    action: str
    variation_id: str | None
    variation_name: str
    load_kg: float | None
    unit: Unit
    what: str
    reason: str


@router.get("/{workout_id}", response_model=list[AdviceView])
def read_advice(
    workout: WorkoutDep, log: LogDep, unit: Annotated[Unit | None, Query()] = None
) -> list[AdviceView]:
    """Advice for the next session of a workout, from its last few logged sessions."""
    return [
        AdviceView(**vars(item), what=item.what)
        for item in advice_from_log(log.store(), workout, unit=unit)
    ]


class LastTimeView(BaseModel):
    day: date
    load: float | None = Field(description="The heaviest load, in `unit`.")
    unit: Unit
    reps: int | None = Field(description="The fewest reps in a set (None: timed work).")


class SetPlanView(BaseModel):
    """What one exercise's sets start from: the players show it and pre-fill each set with it."""

    exercise_id: str
    weighted: bool = Field(description="Done with a free weight: each set asks for the weight.")
    load: float | None = Field(description="The weight to use, in `unit` (None: choose one).")
    load_kg: float | None
    unit: Unit
    advice: str | None = Field(description="What the advice says to do, and why.")
    last: LastTimeView | None = Field(description="The latest session that did the exercise.")


@router.get("/{workout_id}/sets", response_model=list[SetPlanView])
def read_set_plans(
    workout: WorkoutDep, log: LogDep, unit: Annotated[Unit | None, Query()] = None
) -> list[SetPlanView]:
    """Per exercise: the weight to use next session, and last time's weight and reps."""
    return [
        SetPlanView(
            exercise_id=plan.exercise_id,
            weighted=plan.weighted,
            load=_in(plan.load_kg, plan.unit),
            load_kg=plan.load_kg,
            unit=plan.unit,
            advice=f"{plan.advice.what}: {plan.advice.reason}" if plan.advice else None,
            last=_last(plan.last),
        )
        for plan in set_plans_from_log(log.store(), workout, unit=unit).values()
    ]


def _in(load_kg: float | None, unit: Unit) -> float | None:
    return None if load_kg is None else round(from_kg(load_kg, unit), 1)


def _last(last: LastTime | None) -> LastTimeView | None:
    if last is None:
        return None
    return LastTimeView(
        day=last.day, load=_in(last.load_kg, last.unit), unit=last.unit, reps=last.reps
    )
