"""The plan page (upload a run calendar, see the weeks), its .ics download and the calendar feed."""

from __future__ import annotations

import secrets
from datetime import date, timedelta
from typing import Annotated

from fastapi import APIRouter, Form, Path, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from runstrong.export.formats import FORMATS
from runstrong.export.ics import sessions_ics
from runstrong.plan.errors import PlanInputError
from runstrong.plan.report import session_line
from runstrong.web.deps import LibraryDep, SettingsDep, TemplatesDep
from runstrong.web.errors import InputError
from runstrong.web.plan_upload import PlanForm, upload_plan
from runstrong.web.planning import (
    Plan,
    PlanOptions,
    make_plan,
    plan_ics,
    stored_calendar,
    stored_options,
)

router = APIRouter(tags=["pages"], include_in_schema=False)

ICS = FORMATS["ics"].media_type


@router.get("/plan", response_class=HTMLResponse)
def show_plan(
    request: Request, settings: SettingsDep, library: LibraryDep, templates: TemplatesDep
) -> HTMLResponse:
    options = stored_options(settings.data_dir)
    plan, problem = _current_plan(settings, library, options)
    return _page(request, templates, settings, library, options, plan=plan, problem=problem)


@router.post("/plan", response_class=HTMLResponse)
def upload_plan_page(
    request: Request,
    settings: SettingsDep,
    library: LibraryDep,
    templates: TemplatesDep,
    calendar: UploadFile,
    form: Annotated[PlanForm, Form()],
) -> Response:
    try:
        upload_plan(settings, library, calendar, form)
    except InputError as err:
        options = stored_options(settings.data_dir)
        plan, _ = _current_plan(settings, library, options)
        return _page(
            request,
            templates,
            settings,
            library,
            options,
            plan=plan,
            problem=err.message,
            status=err.status,
        )
    return RedirectResponse(request.app.url_path_for("show_plan"), status_code=303)


@router.get("/plan/sessions.ics")
def download_plan(settings: SettingsDep, library: LibraryDep) -> Response:
    return _ics(settings, library, options=stored_options(settings.data_dir))


@router.get("/calendar/{token}.ics")
def read_calendar_feed(
    token: Annotated[str, Path(max_length=100)], settings: SettingsDep, library: LibraryDep
) -> Response:
    """The feed calendar apps subscribe to: the planned sessions from today (or the plan's
    first day, if later) on. Weeks without runs in the file give an empty, valid calendar."""
    if not secrets.compare_digest(token.encode(), settings.feed_token().encode()):
        raise InputError("no calendar feed here", field="token")
    stored = stored_options(settings.data_dir)
    today = date.today()
    options = stored.model_copy(update={"start": max(stored.start or today, today)})
    calendar = stored_calendar(settings.data_dir)
    workout = _workout(library, options)
    try:
        body = plan_ics(make_plan(calendar, options, workout), workout) if calendar else None
    except PlanInputError:
        body = None
    return Response(body or sessions_ics(workout, []), media_type=ICS)


def _ics(settings, library, *, options: PlanOptions) -> Response:
    """The plan as an .ics download."""
    calendar = stored_calendar(settings.data_dir)
    if calendar is None:
        raise InputError(
            "no run calendar has been uploaded yet", field="calendar", location="resource"
        )
    workout = _workout(library, options)
    try:
        plan = make_plan(calendar, options, workout)
    except PlanInputError as err:
        raise InputError(str(err), field="calendar", location="resource", status=409) from None
    headers = {"content-disposition": 'attachment; filename="strength-sessions.ics"'}
    return Response(plan_ics(plan, workout), media_type=ICS, headers=headers)


def _workout(library, options: PlanOptions):
    try:
        return library.get(options.workout_id)
    except LookupError as err:
        raise InputError(str(err.args[0]), field="workout_id", status=409) from None


def _current_plan(settings, library, options: PlanOptions) -> tuple[Plan | None, str | None]:
    calendar = stored_calendar(settings.data_dir)
    if calendar is None:
        return None, None
    try:
        return make_plan(calendar, options, _workout(library, options)), None
    except PlanInputError as err:
        return None, str(err)
    except InputError as err:
        return None, err.message


def _page(request, templates, settings, library, options, *, plan, problem, status=200):
    feed = request.url_for("read_calendar_feed", token=settings.feed_token())
    return templates.TemplateResponse(
        request,
        "plan.html",
        {
            "plan": plan,
            "grid": [_week_grid(week) for week in plan.weeks] if plan else [],
            "options": options,
            "problem": problem,
            "feed_url": str(feed),
            "workouts": [entry.workout for entry in library.entries],
            "session_line": session_line,
        },
        status_code=status,
    )


def _week_grid(week) -> dict:
    """A week as seven day cells, each with its runs and strength sessions."""
    days = [week.monday + timedelta(days=n) for n in range(7)]
    return {
        "week": week,
        "days": [
            {
                "day": day,
                "today": day == date.today(),
                "events": [e for e in week.events if e.start.date() == day],
                "sessions": [s for s in week.sessions if s.start.date() == day],
            }
            for day in days
        ],
    }
