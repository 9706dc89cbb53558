"""Timelines: a workout compiled into the steps a player plays."""

from __future__ import annotations

from fastapi import APIRouter

from runstrong.web.deps import WorkoutDep
from runstrong.web.errors import ERROR_RESPONSES
from runstrong.web.timelines import (
    TimelineView,
    VariationQuery,
    compile_or_reject,
    parse_variations,
    timeline_view,
)

router = APIRouter(prefix="/api/timeline", tags=["timeline"], responses=ERROR_RESPONSES)


@router.get("/{workout_id}", response_model=TimelineView)
def read_timeline(workout: WorkoutDep, variation: VariationQuery) -> TimelineView:
    """Every step of a session in order, with labels and planned seconds."""
    chosen = parse_variations(variation)
    return timeline_view(workout, compile_or_reject(workout, chosen, field="variation"))
