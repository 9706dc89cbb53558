"""Accepting an uploaded run calendar: size and type checks, then planning, with errors as 4xx."""

from __future__ import annotations

from datetime import date, time
from typing import Annotated

from fastapi import UploadFile
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from runstrong.plan.errors import PlanInputError
from runstrong.plan.windows import parse_windows
from runstrong.plan.zones import user_zone
from runstrong.settings import Settings
from runstrong.web.errors import InputError
from runstrong.web.planning import MAX_UPLOAD_BYTES, Plan, PlanOptions, accept_upload
from runstrong.workouts.library import DEFAULT_WORKOUT, Library


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
        """The form as plan options, each checked here so an error names its own field.

        Raises:
            InputError: a field is not usable (422 on that field).
        """
        try:
            options = PlanOptions(
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
            raise _form_error(f"{field}: {first['msg']}", field) from None
        for field, check in (("tz", user_zone), ("windows", parse_windows)):
            try:
                check(getattr(options, field))
            except PlanInputError as err:
                hint = f" ({err.hint})" if err.hint else ""
                raise _form_error(f"{err}{hint}", field) from None
        return options


def _form_error(message: str, field: str, *, status: int = 422) -> InputError:
    return InputError(message, field=field, location="body", status=status)


def upload_plan(settings: Settings, library: Library, calendar: UploadFile, form: PlanForm) -> Plan:
    """Read the upload (at most 2 MB), plan from it, and keep it.

    Reading, parsing and planning block, so callers are plain `def` handlers,
    which FastAPI runs in its thread pool, never on the event loop.

    Raises:
        InputError: the file is missing, too big, of another type, or cannot be
            planned from; the message says what to change.
    """
    options = form.options()
    try:
        workout = library.get(options.workout_id)
    except LookupError as err:
        raise _form_error(str(err.args[0]), "workout_id") from None
    data = calendar.file.read(MAX_UPLOAD_BYTES + 1)
    if not data:
        raise _form_error("the calendar file is empty", "calendar")
    if len(data) > MAX_UPLOAD_BYTES:
        raise _form_error("the calendar file is larger than 2 MB", "calendar", status=413)
    try:
        return accept_upload(
            settings.data_dir,
            filename=calendar.filename or "",
            data=data,
            options=options,
            workout=workout,
        )
    except ValueError as err:  # PlanInputError included: the file cannot be planned from
        raise _form_error(str(err), "calendar") from None
