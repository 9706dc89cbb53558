"""The library pages: the workouts, each overview (as `runstrong show`) and its printable card."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from markdown_it import MarkdownIt
from markdown_it.token import Token
from markupsafe import escape

from runstrong.export.formats import FORMATS, Options
from runstrong.export.markdown import workout_markdown
from runstrong.timeline import compile_timeline
from runstrong.web.catalog import workouts_dir_of
from runstrong.web.deps import CurrentUser, LibraryDep, SettingsDep, TemplatesDep, WorkoutDep
from runstrong.web.pages.figures import figure_url
from runstrong.web.security_headers import SELF_CONTAINED_POLICY
from runstrong.wording import duration_text
from runstrong.workouts.model import Exercise, Workout

router = APIRouter(tags=["pages"], include_in_schema=False)


@router.get("/", response_class=HTMLResponse)
def show_library(
    request: Request,
    library: LibraryDep,
    templates: TemplatesDep,
    settings: SettingsDep,
    user: CurrentUser,
) -> HTMLResponse:
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
        {"workouts": workouts, "broken": broken, "workouts_dir": workouts_dir_of(settings, user)},
    )


@router.get("/workouts/{workout_id}", response_class=HTMLResponse)
def show_workout(request: Request, workout: WorkoutDep, templates: TemplatesDep) -> HTMLResponse:
    """The same overview `runstrong show` prints, as HTML, with each move's figure."""
    return templates.TemplateResponse(
        request, "workout.html", {"workout": workout, "overview_html": _overview_html(workout)}
    )


def _overview_html(workout: Workout) -> str:
    """The overview, with a figure after the line naming each exercise and variation."""
    md = MarkdownIt("commonmark", {"html": False})
    tokens: list[Token] = []
    exercise: Exercise | None = None
    waiting: str | None = None  # a figure to place once the current paragraph closes
    for token in md.parse(workout_markdown(workout)):
        tokens.append(token)
        if token.type == "paragraph_close" and waiting:
            tokens.append(Token("html_block", "", 0, content=waiting))
            waiting = None
        if token.type != "inline" or not token.children:
            continue
        codes = [c.content for c in token.children if c.type == "code_inline"]
        if not codes:
            continue
        if token.content.startswith("id: `"):
            exercise, variation = workout.exercise(codes[0]), None
        elif exercise is not None and token.content.startswith("**"):
            variation = exercise.variation(codes[0])
        else:
            continue
        url = figure_url(workout.id, exercise, variation.id if variation else None)
        if url:
            name = (variation or exercise).name
            waiting = (
                f'<figure class="move"><img src="{escape(url)}" alt="How to do {escape(name)}"'
                ' loading="lazy"></figure>\n'
            )
    return md.renderer.render(tokens, md.options, {})


@router.get("/workouts/{workout_id}/card", response_class=HTMLResponse)
def show_card(workout: WorkoutDep) -> Response:
    """The printable card, as `runstrong export --format html` writes it: one file with its
    own styles and drawings, and no script."""
    card = FORMATS["html"]
    return Response(
        card.write(workout, Options()),
        media_type=card.media_type,
        headers={"Content-Security-Policy": SELF_CONTAINED_POLICY},
    )
