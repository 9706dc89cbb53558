"""Accepting an uploaded run calendar: size and type checks, then planning, with errors as 4xx."""

from __future__ import annotations

from datetime import date, time
from typing import Annotated

from fastapi import UploadFile
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from runstrong.library import DEFAULT_WORKOUT, Library
from runstrong.web.errors import InputError
from runstrong.web.planning import MAX_UPLOAD_BYTES, Plan, PlanOptions, accept_upload
from runstrong.web.settings import Settings


class PlanForm(BaseModel):
    """The upload form's fields; blank ones take the defaults."""

    model_config = ConfigDict(extra="ignore")

    workout_id: Annotated[str, Field(max_length=64)] = DEFAULT_WORKOUT
    weeks: Annotated[int, Field(ge=1, le=26)] = 4
    start: date | None = None
    tz: Annotated[str, Field(max_length=64)] | None = None
    run_time: time = time(7, 0)
    windows: Annotated[str, Field(max_length=1000)] = Field(
        "", description="One window a line, e.g. Mon-Fri 06:00-07:30."
    )

    def options(self) -> PlanOptions:
        try:
            return PlanOptions(
                workout_id=self.workout_id,
                weeks=self.weeks,
                start=self.start,
                tz=(self.tz or "").strip() or None,
                run_time=self.run_time,
                windows=[line.strip() for line in self.windows.splitlines() if line.strip()],
            )
        except ValidationError as err:
            first = err.errors()[0]
            field = ".".join(str(p) for p in first["loc"]) or "options"
            raise InputError(
                f"{field}: {first['msg']}", field=field, location="body", status=422
            ) from None


async def upload_plan(
    settings: Settings, library: Library, calendar: UploadFile, form: PlanForm
) -> Plan:
    """Read the upload (at most 2 MB), plan from it, and keep it.

    Raises:
        InputError: the file is missing, too big, of another type, or cannot be
            planned from; the message says what to change.
    """
    from runstrong.plan.errors import PlanInputError

    options = form.options()
    try:
        workout = library.get(options.workout_id)
    except LookupError as err:
        raise InputError(
            str(err.args[0]), field="workout_id", location="body", status=422
        ) from None
    data = await calendar.read(MAX_UPLOAD_BYTES + 1)
    if not data:
        raise InputError(
            "the calendar file is empty", field="calendar", location="body", status=422
        )
    if len(data) > MAX_UPLOAD_BYTES:
        raise InputError(
            "the calendar file is larger than 2 MB", field="calendar", location="body", status=413
        )
    try:
        return accept_upload(
            settings.data_dir,
            filename=calendar.filename or "",
            data=data,
            options=options,
            workout=workout,
        )
    except PlanInputError as err:
        raise InputError(str(err), field="calendar", location="body", status=422) from None
    except ValueError as err:
        raise InputError(str(err), field="calendar", location="body", status=422) from None
