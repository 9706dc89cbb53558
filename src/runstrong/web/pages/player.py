"""The player page: a thin view that fetches the timeline from the API and plays it."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from runstrong.web.deps import TemplatesDep, WorkoutDep
from runstrong.web.timelines import MAX_SPEED, VariationQuery, compile_or_reject, parse_variations

router = APIRouter(tags=["pages"], include_in_schema=False)

#: `?speed=N` is a preview and test aid: N workout seconds pass per real second,
#: so a whole session can be watched (or tested) in moments. Training uses 1.
SpeedQuery = Annotated[
    float,
    Query(gt=0, le=MAX_SPEED, description="Time scale for previews and tests (1 = real time)."),
]


@router.get("/play/{workout_id}", response_class=HTMLResponse)
async def play_workout(
    request: Request,
    workout: WorkoutDep,
    templates: TemplatesDep,
    variation: VariationQuery,
    speed: SpeedQuery = 1.0,
) -> HTMLResponse:
    variations = parse_variations(variation)
    compile_or_reject(workout, variations, field="variation")
    return templates.TemplateResponse(
        request,
        "player.html",
        {
            "workout": workout,
            "speed": speed,
            "variations": variations,
            "log_url": request.app.url_path_for("show_log_form", uid="LOG_UID"),
        },
    )
