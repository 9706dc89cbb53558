"""Workouts: what the library holds, and each workout in full."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel

from runstrong.timeline import compile_timeline
from runstrong.web.deps import LibraryDep, WorkoutDep
from runstrong.web.errors import ERROR_RESPONSES
from runstrong.workouts.model import Workout

router = APIRouter(prefix="/api/workouts", tags=["workouts"], responses=ERROR_RESPONSES)


class WorkoutSummary(BaseModel):
    id: str
    title: str
    summary: str
    target_minutes: int | None
    planned_seconds: float
    builtin: bool


@router.get("", response_model=list[WorkoutSummary])
def list_workouts(library: LibraryDep) -> list[WorkoutSummary]:
    """Every workout available: the built-ins and the user's own files."""
    latest = {entry.workout.id: entry for entry in library.entries}
    return [
        WorkoutSummary(
            id=entry.workout.id,
            title=entry.workout.title,
            summary=entry.workout.summary,
            target_minutes=entry.workout.target_minutes,
            planned_seconds=compile_timeline(entry.workout).total_seconds,
            builtin=entry.builtin,
        )
        for entry in latest.values()
    ]


@router.get("/{workout_id}", response_model=Workout)
def read_workout(workout: WorkoutDep) -> Workout:
    """One workout, in the same structure as its YAML file."""
    return workout
