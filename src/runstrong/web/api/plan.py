"""The plan: strength sessions placed around the runs of an uploaded calendar or a feed."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, BackgroundTasks, Form, UploadFile, status
from pydantic import BaseModel

from runstrong.store.plans import read_plan as stored_plan
from runstrong.store.plans import rotate_token
from runstrong.web.deps import CurrentUser, LibraryDep, LogDep, SettingsDep
from runstrong.web.errors import ERROR_RESPONSES, InputError
from runstrong.web.plan_refresh import needs_refresh, refresh
from runstrong.web.plan_upload import PlanForm, submit_plan
from runstrong.web.plan_view import PlanView
from runstrong.web.planning import stored_view

router = APIRouter(prefix="/api/plan", tags=["plan"], responses=ERROR_RESPONSES)


class FeedToken(BaseModel):
    feed_path: str


@router.get("", response_model=PlanView)
def read_plan(
    user: CurrentUser,
    log: LogDep,
    library: LibraryDep,
    settings: SettingsDep,
    background: BackgroundTasks,
) -> PlanView:
    """The stored plan (refreshed in the background when its runs feed or its day is old)."""
    store = log.store()
    stored = stored_plan(store, user)
    view = stored_view(stored)
    if view is None:
        raise InputError(
            "no run calendar has been uploaded yet", field="calendar", location="resource"
        )
    if needs_refresh(stored, datetime.now(UTC)):
        background.add_task(refresh, store, user, library, private_ok=settings.allow_private_feeds)
    return view


@router.post(
    "",
    response_model=PlanView,
    status_code=status.HTTP_201_CREATED,
)
def create_plan(
    user: CurrentUser,
    log: LogDep,
    library: LibraryDep,
    settings: SettingsDep,
    form: Annotated[PlanForm, Form()],
    calendar: UploadFile | None = None,
) -> PlanView:
    """Plan from a run calendar: an uploaded file (.ics, or CSV of
    date,time,title[,kind][,duration]) or a feed address (`feed_url`, https or webcal)."""
    return submit_plan(
        log.store(), user, library, calendar, form, private_ok=settings.allow_private_feeds
    )


@router.post("/feed-token", response_model=FeedToken)
def rotate_feed_token(user: CurrentUser, log: LogDep) -> FeedToken:
    """A new secret for the calendar feed; the old feed address stops working."""
    return FeedToken(feed_path=f"/calendar/{rotate_token(log.store(), user)}.ics")
