"""Log pages: the after-session form, the history (where a session can be deleted), and charts."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError

from runstrong.progress.charts import adherence_svg, load_svg
from runstrong.progress.loads import Unit
from runstrong.store.history import recent_sessions
from runstrong.store.stats import (
    adherence,
    completed_days,
    exercise_totals,
    first_day,
    load_over_time,
)
from runstrong.web import csrf
from runstrong.web.deps import (
    LibraryDep,
    LogDep,
    LogUid,
    PlayerSessionsDep,
    TemplatesDep,
    WorkoutDep,
)
from runstrong.web.errors import InputError
from runstrong.web.log_details import SessionDetails, form_rows, logged_entry, save_details

router = APIRouter(tags=["pages"], include_in_schema=False)

SVG = "image/svg+xml"


@router.get("/log/{uid}", response_class=HTMLResponse)
def show_log_form(
    request: Request,
    uid: LogUid,
    log: LogDep,
    library: LibraryDep,
    templates: TemplatesDep,
    unit: Annotated[Unit, Query()] = "kg",
) -> HTMLResponse:
    return _form(request, uid, log, library, templates, unit=unit)


@router.post("/log/{uid}", response_class=HTMLResponse)
async def save_log_form(
    request: Request, uid: LogUid, log: LogDep, library: LibraryDep, templates: TemplatesDep
) -> Response:
    """The form is read here; checking and saving it touch the log, so they go to a thread."""
    form = dict(await request.form())
    form.pop(csrf.FIELD, None)  # checked already; not a detail of the session
    return await run_in_threadpool(_save_form, request, uid, log, library, templates, form)


def _save_form(request, uid, log, library, templates, form: dict[str, object]) -> Response:
    data = _details_data(form)
    try:
        details = SessionDetails.model_validate(data)
    except ValidationError as err:
        problems = [f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in err.errors()]
        unit = data.get("unit") if data.get("unit") in ("kg", "lb") else "kg"
        return _form(request, uid, log, library, templates, unit=unit, problems=problems)
    workout = _workout_of(library, logged_entry(log, uid).workout_id)
    try:
        save_details(log, uid, workout, details)
    except InputError as err:
        return _form(
            request, uid, log, library, templates, unit=details.unit, problems=[err.message]
        )
    return RedirectResponse(request.app.url_path_for("show_history") + f"?saved={uid}", 303)


def _details_data(form: dict[str, object]) -> dict:
    """Flat form fields ("load.b-squat") into the nested shape `SessionDetails` checks.

    A field sent back as it was shown ("was.load.b-squat") is left out: saving the
    review unchanged must not flatten sets logged with different weights into one.
    """
    data: dict = {"exercises": {}}
    for key, value in form.items():
        text = value.strip() if isinstance(value, str) else ""
        if not text or key.startswith("was."):
            continue
        if text == str(form.get(f"was.{key}", "")).strip():
            continue
        name, _, exercise = key.partition(".")
        if exercise:
            data["exercises"].setdefault(exercise, {})[name] = text
        else:
            data[name] = text
    return data


def _form(request, uid, log, library, templates, *, unit: Unit, problems=()) -> HTMLResponse:
    entry = logged_entry(log, uid)
    workout = _workout_of(library, entry.workout_id)
    today = datetime.now().astimezone().date()
    rows = form_rows(workout, entry, log=log, unit=unit, today=today)
    return templates.TemplateResponse(
        request,
        "log_form.html",
        {"workout": workout, "entry": entry, "rows": rows, "unit": unit, "problems": problems},
        status_code=422 if problems else 200,
    )


def _workout_of(library, workout_id: str):
    try:
        return library.get(workout_id)
    except LookupError as err:
        raise InputError(str(err.args[0]), field="uid") from None


@router.get("/history", response_class=HTMLResponse)
def show_history(
    request: Request,
    log: LogDep,
    library: LibraryDep,
    templates: TemplatesDep,
    saved: Annotated[str | None, Query(max_length=36)] = None,
    deleted: bool = False,
) -> HTMLResponse:
    sessions = recent_sessions(log.store(), limit=30)
    titles = {e.workout.id: e.workout for e in library.entries}
    charts = []
    for workout_id in dict.fromkeys(s.workout_id for s in sessions):
        workout = titles.get(workout_id)
        if workout is None:
            continue
        weighted = [
            t.exercise_id
            for t in exercise_totals(log.store(), workout_id=workout_id)
            if t.best_load_kg
        ]
        charts.append({"workout": workout, "weighted": weighted})
    return templates.TemplateResponse(
        request,
        "history.html",
        {
            "sessions": sessions,
            "titles": titles,
            "charts": charts,
            "saved": saved,
            "deleted": deleted,
        },
    )


@router.get("/history/{uid}/delete", response_class=HTMLResponse)
def show_delete_form(
    request: Request, uid: LogUid, log: LogDep, library: LibraryDep, templates: TemplatesDep
) -> HTMLResponse:
    """Ask before deleting: the session, what it holds, and a button that deletes it."""
    entry = logged_entry(log, uid)
    titles = {e.workout.id: e.workout.title for e in library.entries}
    return templates.TemplateResponse(
        request,
        "delete_session.html",
        {"entry": entry, "title": titles.get(entry.workout_id, entry.workout_id)},
    )


@router.post("/history/{uid}/delete")
async def delete_from_history(
    request: Request, uid: LogUid, sessions: PlayerSessionsDep
) -> Response:
    await sessions.write(lambda live, db: live.delete(uid, db=db))
    return RedirectResponse(request.app.url_path_for("show_history") + "?deleted=true", 303)


@router.get("/history/charts/{workout_id}/adherence.svg")
def show_adherence_chart(workout: WorkoutDep, log: LogDep) -> Response:
    days = completed_days(log.store(), workout_id=workout.id)
    today = datetime.now().astimezone().date()
    since = first_day(log.store(), workout_id=workout.id) or today
    record = adherence(days, target=workout.schedule.sessions_per_week, today=today, since=since)
    return Response(adherence_svg(record), media_type=SVG)


@router.get("/history/charts/{workout_id}/load/{exercise_id}.svg")
def show_load_chart(
    workout: WorkoutDep,
    exercise_id: str,
    log: LogDep,
    unit: Annotated[Unit, Query()] = "kg",
) -> Response:
    try:
        exercise = workout.exercise(exercise_id)
    except KeyError as err:
        raise InputError(str(err.args[0]), field="exercise_id") from None
    points = load_over_time(log.store(), exercise_id=exercise.id)
    return Response(load_svg(points, exercise_name=exercise.name, unit=unit), media_type=SVG)
