"""Timelines: a workout compiled into the steps a player plays."""

from __future__ import annotations

from fastapi import APIRouter, Response

from runstrong.web.deps import CatalogDep, WorkoutDep
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
async def read_timeline(
    workout: WorkoutDep, variation: VariationQuery, catalog: CatalogDep
) -> Response:
    """Every step of a session in order, with labels and planned seconds.

    Served from memory once compiled, so it runs on the event loop, not in a thread.
    """
    chosen = parse_variations(variation)

    def build() -> bytes:
        timeline = compile_or_reject(workout, chosen, field="variation")
        return timeline_view(workout, timeline).model_dump_json().encode()

    return Response(catalog.cached(workout.id, chosen, build), media_type="application/json")
