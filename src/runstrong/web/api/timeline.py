"""Timelines: a workout compiled into the steps a player plays."""

from __future__ import annotations

import gzip

from fastapi import APIRouter, Request, Response

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
    workout: WorkoutDep, variation: VariationQuery, catalog: CatalogDep, request: Request
) -> Response:
    """Every step of a session in order, with labels and planned seconds.

    Served from memory once compiled (and once compressed), so it runs on the
    event loop, not in a thread.
    """
    chosen = parse_variations(variation)

    def build() -> bytes:
        timeline = compile_or_reject(workout, chosen, field="variation")
        return timeline_view(workout, timeline).model_dump_json().encode()

    body = catalog.cached(workout.id, chosen, build)
    if "gzip" not in request.headers.get("accept-encoding", ""):
        return Response(body, media_type="application/json")
    packed = catalog.cached(workout.id, chosen, lambda: gzip.compress(body, 6), form="gzip")
    headers = {"Content-Encoding": "gzip", "Vary": "Accept-Encoding"}
    return Response(packed, media_type="application/json", headers=headers)
