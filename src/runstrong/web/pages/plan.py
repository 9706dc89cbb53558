"""The plan page (a run calendar or feed in, the weeks out), its .ics download and the feed.

Every route reads the stored plan; a stale one is refreshed after the answer
is sent (see `runstrong.web.planning`), so no request waits for a feed.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Annotated

from fastapi import APIRouter, BackgroundTasks, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from runstrong.export.formats import FORMATS
from runstrong.store import DEFAULT_USER
from runstrong.store.plans import ensure_plan, read_plan, rotate_token
from runstrong.web.deps import CurrentUser, LibraryDep, LogDep, SettingsDep, TemplatesDep
from runstrong.web.errors import InputError
from runstrong.web.plan_refresh import needs_refresh, refresh
from runstrong.web.plan_upload import PlanForm, submit_plan
from runstrong.web.planning import (
    legacy_token,
    stored_options,
    stored_view,
)

router = APIRouter(tags=["pages"], include_in_schema=False)

ICS = FORMATS["ics"].media_type


@router.get("/plan", response_class=HTMLResponse)
def show_plan(
    request: Request,
    user: CurrentUser,
    settings: SettingsDep,
    log: LogDep,
    library: LibraryDep,
    templates: TemplatesDep,
    background: BackgroundTasks,
) -> HTMLResponse:
    return _page(request, user, settings, log, library, templates, background)


@router.post("/plan", response_class=HTMLResponse)
def upload_plan_page(
    request: Request,
    user: CurrentUser,
    settings: SettingsDep,
    log: LogDep,
    library: LibraryDep,
    templates: TemplatesDep,
    background: BackgroundTasks,
    form: Annotated[PlanForm, Form()],
    calendar: UploadFile | None = None,
) -> Response:
    try:
        submit_plan(
            log.store(), user, library, calendar, form, private_ok=settings.allow_private_feeds
        )
    except InputError as err:
        return _page(
            request,
            user,
            settings,
            log,
            library,
            templates,
            background,
            problem=err.message,
            status=err.status,
        )
    return RedirectResponse(request.app.url_path_for("show_plan"), status_code=303)


@router.post("/plan/feed-token")
def renew_feed_address(request: Request, user: CurrentUser, log: LogDep) -> Response:
    """A new secret for the calendar feed; apps subscribed to the old address stop updating."""
    rotate_token(log.store(), user)
    return RedirectResponse(request.app.url_path_for("show_plan") + "?rotated=1", 303)


@router.get("/plan/sessions.ics")
def download_plan(user: CurrentUser, log: LogDep) -> Response:

    stored = read_plan(log.store(), user)
    if stored is None or stored.sessions_ics is None:
        raise InputError(
            "no run calendar has been uploaded yet", field="calendar", location="resource"
        )
    headers = {"content-disposition": 'attachment; filename="strength-sessions.ics"'}
    return Response(stored.sessions_ics, media_type=ICS, headers=headers)


def _page(
    request, user, settings, log, library, templates, background, *, problem=None, status=200
):

    store = log.store()
    # The secret an earlier, one-runner version kept in a file is the local runner's alone.
    legacy = legacy_token(settings.legacy_feed_token_file) if user == DEFAULT_USER else None
    stored = read_plan(store, user) or ensure_plan(store, user, token=legacy)
    if needs_refresh(stored, datetime.now(UTC)):
        background.add_task(refresh, store, user, library, private_ok=settings.allow_private_feeds)
    view = stored_view(stored)
    feed = request.url_for("read_calendar_feed", token=stored.feed_token)
    return templates.TemplateResponse(
        request,
        "plan.html",
        {
            "plan": view,
            "stored": stored,
            "grid": [_week_grid(week) for week in view.weeks] if view else [],
            "options": stored_options(stored),
            "problem": problem,
            "feed_url": str(feed),
            "rotated": request.query_params.get("rotated") == "1",
            "workouts": [entry.workout for entry in library.entries],
        },
        status_code=status,
        background=background,
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
                "more": [m for m in week.more if m.day == day],
            }
            for day in days
        ],
    }
