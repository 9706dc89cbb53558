"""The plan: strength sessions placed around the runs of an uploaded calendar."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from fastapi import APIRouter, Form, UploadFile, status
from pydantic import BaseModel

from runstrong.plan.errors import PlanInputError
from runstrong.web.deps import LibraryDep, SettingsDep
from runstrong.web.errors import ERROR_RESPONSES, InputError
from runstrong.web.plan_upload import PlanForm, upload_plan
from runstrong.web.planning import Plan, make_plan, stored_calendar, stored_options

router = APIRouter(prefix="/api/plan", tags=["plan"], responses=ERROR_RESPONSES)


class EventView(BaseModel):
    title: str
    start: datetime
    end: datetime
    kind: str
    reason: str


class SessionSlot(BaseModel):
    start: datetime
    end: datetime
    reason: str
    margin_hours: float | None
    next_quality: str | None
    problems: list[str]
    fixes: list[str]


class WeekView(BaseModel):
    monday: date
    note: str | None
    events: list[EventView]
    sessions: list[SessionSlot]


class PlanView(BaseModel):
    source: str
    zone: str
    workout_id: str
    weeks: list[WeekView]


@router.get("", response_model=PlanView)
def read_plan(settings: SettingsDep, library: LibraryDep) -> PlanView:
    """The weeks planned from the calendar uploaded last."""
    calendar = stored_calendar(settings.data_dir)
    if calendar is None:
        raise InputError(
            "no run calendar has been uploaded yet", field="calendar", location="resource"
        )
    options = stored_options(settings.data_dir)
    try:
        workout = library.get(options.workout_id)
        return plan_view(make_plan(calendar, options, workout))
    except (PlanInputError, LookupError) as err:
        raise InputError(str(err), field="calendar", location="resource", status=409) from None


@router.post("", response_model=PlanView, status_code=status.HTTP_201_CREATED)
def create_plan(
    settings: SettingsDep,
    library: LibraryDep,
    calendar: UploadFile,
    form: Annotated[PlanForm, Form()],
) -> PlanView:
    """Upload a run calendar (.ics, or CSV of date,time,title[,kind][,duration]) and plan."""
    return plan_view(upload_plan(settings, library, calendar, form))


def plan_view(plan: Plan) -> PlanView:
    return PlanView(
        source=plan.source,
        zone=plan.zone,
        workout_id=plan.options.workout_id,
        weeks=[
            WeekView(
                monday=week.monday,
                note=week.note,
                events=[
                    EventView(
                        title=e.title, start=e.start, end=e.end, kind=e.kind.value, reason=e.reason
                    )
                    for e in week.events
                ],
                sessions=[
                    SessionSlot(
                        start=s.start,
                        end=s.end,
                        reason=s.reason,
                        margin_hours=s.margin_hours,
                        next_quality=s.next_quality.label if s.next_quality else None,
                        problems=list(s.problems),
                        fixes=list(s.fixes),
                    )
                    for s in week.sessions
                ],
            )
            for week in plan.weeks
        ],
    )
