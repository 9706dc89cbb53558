"""Exercise figures as SVG: one address per move, side and version, so browsers cache them.

The address carries the figure's version, so a page that links it can let the
browser keep the picture; a changed figure gets a new address.
"""

from __future__ import annotations

import hashlib
from typing import Annotated, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import Response

from runstrong.figures.svg import animated_svg
from runstrong.web.deps import SLUG_PATTERN, WorkoutDep
from runstrong.web.errors import ERROR_RESPONSES, InputError
from runstrong.workouts.figures import figure_for, figure_version
from runstrong.workouts.model import Exercise

PREFIX = "/figures"
SVG_TYPE = "image/svg+xml"

router = APIRouter(prefix=PREFIX, tags=["figures"], responses=ERROR_RESPONSES)

ExerciseId = Annotated[
    str, Path(pattern=SLUG_PATTERN, max_length=64, description="An exercise id.")
]
VariationId = Annotated[
    str | None, Query(pattern=SLUG_PATTERN, max_length=64, description="Draw this variation.")
]
SideQuery = Annotated[
    Literal["left", "right"] | None, Query(description="left draws the figure mirrored.")
]
VersionQuery = Annotated[
    str | None, Query(pattern=r"^[0-9a-f]{1,32}$", description="The figure's version, for caching.")
]


def figure_url(
    workout_id: str, exercise: Exercise, variation_id: str | None = None, side: str | None = None
) -> str | None:
    """Where the figure of a move is served; None when the move has no figure."""
    version = figure_version(exercise, variation_id)
    if version is None:
        return None
    query = {"variation": variation_id, "side": side, "v": version}
    pairs = urlencode({k: v for k, v in query.items() if v})
    return f"{PREFIX}/{workout_id}/{exercise.id}.svg?{pairs}"


@router.get(
    "/{workout_id}/{exercise_id}.svg",
    response_class=Response,
    responses={200: {"content": {SVG_TYPE: {}}, "description": "The animated figure."}},
)
def read_figure(
    request: Request,
    workout: WorkoutDep,
    exercise_id: ExerciseId,
    variation: VariationId = None,
    side: SideQuery = None,
    v: VersionQuery = None,
) -> Response:
    """The move drawn as an animated SVG (key poses still for reduced motion)."""
    try:
        exercise = workout.exercise(exercise_id)
    except KeyError as err:
        raise InputError(str(err.args[0]), field="exercise_id") from None
    try:
        name = exercise.variation(variation).name if variation else exercise.name
    except KeyError as err:
        raise InputError(str(err.args[0]), field="variation", location="query") from None
    figure = figure_for(exercise, variation)
    if figure is None:
        raise InputError(f"{exercise_id!r} has no figure", field="exercise_id")
    title = f"{name}, {side} side" if side else name
    key = f"{exercise_id}-{variation or ''}-{side or ''}"
    body = animated_svg(figure, title, mirror=side == "left", key=key).encode()
    etag = '"' + hashlib.sha256(body).hexdigest()[:20] + '"'
    current = v is not None and v == figure_version(exercise, variation)
    headers = {
        "ETag": etag,
        "Cache-Control": "public, max-age=86400" if current else "no-cache",
    }
    if request.headers.get("if-none-match") == etag:
        return Response(status_code=304, headers=headers)
    return Response(body, media_type=SVG_TYPE, headers=headers)
