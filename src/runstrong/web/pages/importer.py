"""The import page: paste or upload a workout article, read the draft and its notes, save it.

Reading an article and validating a workout parse text, so the handlers are
plain `def` and run in FastAPI's thread pool. Both forms cap what they read.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from runstrong.atomic import write_atomic
from runstrong.web.catalog import workouts_dir_of
from runstrong.web.deps import CurrentUser, LibraryDep, SettingsDep, TemplatesDep
from runstrong.web.errors import InputError
from runstrong.workouts.article_import import NoWorkoutFound, import_article
from runstrong.workouts.file import WorkoutFileError, parse_workout_text

router = APIRouter(tags=["pages"], include_in_schema=False)

#: The largest article taken, pasted or uploaded (a saved page with its markup).
MAX_ARTICLE_BYTES = 1024 * 1024
#: The largest workout file saved (as for workout files read from disk).
MAX_WORKOUT_BYTES = 1024 * 1024

ArticleText = Annotated[str, Form(max_length=MAX_ARTICLE_BYTES)]
WorkoutText = Annotated[str, Form(max_length=MAX_WORKOUT_BYTES)]


@router.get("/import", response_class=HTMLResponse)
def show_import(request: Request, templates: TemplatesDep) -> HTMLResponse:
    return _page(request, templates)


@router.post("/import", response_class=HTMLResponse)
def read_article_page(
    request: Request,
    templates: TemplatesDep,
    article: ArticleText = "",
    upload: UploadFile | None = None,
) -> HTMLResponse:
    """Show the workout file the article makes, and what had to be guessed."""
    try:
        text, name = _article(article, upload)
        imported = import_article(text, name=name)
    except InputError as err:
        return _page(request, templates, article=article, problem=err.message, status=err.status)
    except NoWorkoutFound:
        problem = f"No workout found in {name}: looked for {NoWorkoutFound.LOOKED_FOR}."
        return _page(request, templates, article=article, problem=problem, status=422)
    return _page(
        request,
        templates,
        article=text if not upload or not upload.filename else "",
        draft=imported.yaml,
        notes=[str(note) for note in imported.notes],
        workout=imported.workout,
    )


@router.post("/import/save", response_class=HTMLResponse)
def save_imported_workout(
    request: Request,
    templates: TemplatesDep,
    library: LibraryDep,
    settings: SettingsDep,
    user: CurrentUser,
    workout_yaml: WorkoutText,
    replace: Annotated[bool, Form()] = False,
) -> Response:
    """Keep the draft (as edited on the page) in the workouts folder, if it is a valid workout."""

    def refuse(problem: str, status: int) -> HTMLResponse:
        return _page(request, templates, draft=workout_yaml, problem=problem, status=status)

    try:
        workout = parse_workout_text(workout_yaml, "draft")
    except WorkoutFileError as err:
        return refuse(f"The draft is not a valid workout:\n{err}", 422)
    builtin = {entry.workout.id for entry in library.entries if entry.builtin}
    if workout.id in builtin:
        return refuse(f"{workout.id!r} is a built-in workout's id: give yours another id.", 409)
    target = workouts_dir_of(settings, user) / f"{workout.id}.yaml"
    if target.exists() and not replace:
        return refuse(
            f"You already have a workout {workout.id!r}: tick 'Replace it' or change the id.", 409
        )
    try:
        write_atomic(target, workout_yaml.encode("utf-8"))
    except OSError as err:
        return refuse(f"Could not save to {target}: {err.strerror}", 500)
    request.app.state.catalogs.of(user).changed()
    url = request.app.url_path_for("show_workout", workout_id=workout.id)
    return RedirectResponse(url, status_code=303)


def _article(pasted: str, upload: UploadFile | None) -> tuple[str, str]:
    """The article: the uploaded file if there is one, else the pasted text.

    Raises:
        InputError: nothing given, too large, or not text.
    """
    if upload is not None and upload.filename:
        data = upload.file.read(MAX_ARTICLE_BYTES + 1)
        if len(data) > MAX_ARTICLE_BYTES:
            raise _form_error("the file is larger than 1 MB", "upload", status=413)
        if b"\x00" in data:
            raise _form_error("the file is not text (a web page, Markdown or plain text)", "upload")
        return data.decode("utf-8", errors="replace"), upload.filename
    if not pasted.strip():
        raise _form_error("paste an article or choose a file", "article")
    return pasted, "pasted article"


def _form_error(message: str, field: str, *, status: int = 422) -> InputError:
    return InputError(message, field=field, location="body", status=status)


def _page(
    request: Request,
    templates,
    *,
    article: str = "",
    draft: str | None = None,
    notes: list[str] | None = None,
    workout=None,
    problem: str | None = None,
    status: int = 200,
) -> HTMLResponse:
    return templates.TemplateResponse(
        request,
        "import.html",
        {
            "article": article,
            "draft": draft,
            "notes": notes or [],
            "workout": workout,
            "problem": problem,
            "max_kb": MAX_ARTICLE_BYTES // 1024,
        },
        status_code=status,
    )
