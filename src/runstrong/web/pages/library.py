"""The library pages: the workouts, each overview (as `runstrong show`) and its printable card."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from markdown_it import MarkdownIt

from runstrong.export.formats import FORMATS, Options
from runstrong.export.markdown import workout_markdown
from runstrong.paths import user_workouts_dir
from runstrong.timeline import compile_timeline
from runstrong.web.deps import LibraryDep, TemplatesDep, WorkoutDep
from runstrong.wording import duration_text

router = APIRouter(tags=["pages"], include_in_schema=False)


@router.get("/", response_class=HTMLResponse)
def show_library(request: Request, library: LibraryDep, templates: TemplatesDep) -> HTMLResponse:
    latest = {entry.workout.id: entry for entry in library.entries}
    workouts = [
        {
            "workout": entry.workout,
            "builtin": entry.builtin,
            "planned": duration_text(compile_timeline(entry.workout).total_seconds),
        }
        for entry in latest.values()
    ]
    broken = [str(problem) for err in library.broken for problem in err.problems]
    return templates.TemplateResponse(
        request,
        "library.html",
        {"workouts": workouts, "broken": broken, "workouts_dir": user_workouts_dir()},
    )


@router.get("/workouts/{workout_id}", response_class=HTMLResponse)
def show_workout(request: Request, workout: WorkoutDep, templates: TemplatesDep) -> HTMLResponse:
    """The same overview `runstrong show` prints, as HTML."""
    overview = MarkdownIt("commonmark", {"html": False}).render(workout_markdown(workout))
    return templates.TemplateResponse(
        request, "workout.html", {"workout": workout, "overview_html": overview}
    )


@router.get("/workouts/{workout_id}/card", response_class=HTMLResponse)
def show_card(workout: WorkoutDep) -> Response:
    """The printable card, as `runstrong export --format html` writes it."""
    card = FORMATS["html"]
    return Response(card.write(workout, Options()), media_type=card.media_type)
