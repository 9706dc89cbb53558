"""Progression advice: per exercise, what to do next session and why."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel

from runstrong.progress.advice import advice_from_log
from runstrong.progress.loads import Unit
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
